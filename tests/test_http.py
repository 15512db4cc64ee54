"""The polite HTTP client: retries what may pass, gives up cleanly on what will not, waits as asked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scraper.http import FetchError, HttpClient, parse_retry_after
from scraper.snapshot import SnapshotWriter
from scraper.sync import SyncConfig
from tests.replay import Reply


class Sleeps(list[float]):
    """Records the waits the client asks for instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(sleeps: Sleeps | None = None, **kw: object) -> HttpClient:
    options: dict = {"user_agent": "toezeggingen-test (tests@example.org)", "interval": 0.0, "backoff": 0.01}
    options.update(kw)
    return HttpClient(sleep=sleeps if sleeps is not None else Sleeps(), **options)


def test_a_429_waits_as_long_as_retry_after_asks_then_succeeds(replay):
    replay.add("/p", Reply(429, headers={"Retry-After": "7"}), Reply(200, b"ok"))
    sleeps = Sleeps()
    response = client(sleeps).get(replay.url + "/p")
    assert response.text == "ok"
    assert replay.count("/p") == 2
    assert sleeps[0] >= 7


def test_retry_after_may_be_an_http_date():
    now = datetime(2026, 3, 2, 10, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Mon, 02 Mar 2026 10:00:30 GMT", now) == 30
    assert parse_retry_after("12", now) == 12
    assert parse_retry_after("soon", now) is None


def test_server_errors_are_retried_until_the_server_recovers(replay):
    replay.add("/p", Reply(500), Reply(503), Reply(502), Reply(200, b"ok"))
    assert client().get(replay.url + "/p").text == "ok"
    assert replay.count("/p") == 4


def test_a_server_that_keeps_failing_gives_a_fetch_error_after_the_retries(replay):
    replay.add("/p", Reply(500))
    with pytest.raises(FetchError) as caught:
        client(retries=2).get(replay.url + "/p")
    assert caught.value.status == 500
    assert replay.count("/p") == 3


def test_the_waits_between_attempts_grow_exponentially_with_jitter(replay):
    replay.add("/p", Reply(500))
    sleeps = Sleeps()
    with pytest.raises(FetchError):
        client(sleeps, retries=3, backoff=1.0).get(replay.url + "/p")
    assert [1 / 2 <= sleeps[0] <= 1, 1 <= sleeps[1] <= 2, 2 <= sleeps[2] <= 4] == [True, True, True]


def test_a_timeout_is_retried(replay):
    replay.add("/p", Reply(200, b"late", delay=0.6), Reply(200, b"in time"))
    assert client(timeout=0.2).get(replay.url + "/p").text == "in time"
    assert replay.count("/p") == 2


def test_a_body_cut_short_is_fetched_again(replay):
    replay.add("/p", Reply(200, b"<feed>" + b"x" * 500 + b"</feed>", truncate_at=40), Reply(200, b"<feed/>"))
    assert client().get(replay.url + "/p").content == b"<feed/>"
    assert replay.count("/p") == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_other_client_errors_fail_at_once_without_retry(replay, status):
    replay.add("/p", Reply(status), Reply(200, b"never asked"))
    with pytest.raises(FetchError) as caught:
        client().get(replay.url + "/p")
    assert caught.value.status == status
    assert replay.count("/p") == 1


def test_a_retry_after_beyond_ten_minutes_is_a_fetch_error_not_a_hang(replay):
    replay.add("/p", Reply(429, headers={"Retry-After": "86400"}))
    sleeps = Sleeps()
    with pytest.raises(FetchError):
        client(sleeps).get(replay.url + "/p")
    assert sleeps == []


def test_every_request_names_the_client_in_its_user_agent(replay):
    replay.add("/p", Reply(200, b"ok"))
    response = client().get(replay.url + "/p")
    assert response.request.headers["User-Agent"] == "toezeggingen-test (tests@example.org)"


def test_requests_are_spaced_by_at_least_the_interval():
    now = [100.0]
    sleeps = Sleeps()
    c = client(sleeps, interval=0.25, clock=lambda: now[0])
    c._throttle()
    now[0] += 0.05
    c._throttle()
    now[0] += 1.0
    c._throttle()
    assert sleeps == [pytest.approx(0.20)]


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (
            "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed?skiptoken=20127222&category=Document",
            "http://127.0.0.1:8000/SyncFeed/2.0/Feed?skiptoken=20127222&category=Document",
        ),
        (
            "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Resources/808fcd50-a0dc-4f60-8b9d-c404a2eb5b2e",
            "http://127.0.0.1:8000/SyncFeed/2.0/Resources/808fcd50-a0dc-4f60-8b9d-c404a2eb5b2e",
        ),
    ],
)
def test_feed_links_are_rebased_onto_the_configured_base(href, expected):
    assert HttpClient.rebase(href, "http://127.0.0.1:8000/SyncFeed/2.0") == expected


def test_a_snapshot_answers_the_same_urls_without_network(tmp_path):
    with SnapshotWriter(tmp_path) as writer:
        writer.add("syncfeed/Feed?category=Toezegging", b"<feed/>", content_type="application/atom+xml")
        writer.add("odata/Toezegging?$filter=Verwijderd eq false", b'{"value": []}', content_type="text/json")
    config = SyncConfig(
        syncfeed_url="https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0",
        odata_url="https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0",
        ob_url="https://zoek.officielebekendmakingen.nl",
    )
    offline = HttpClient.from_config(config, snapshot=tmp_path)
    feed = offline.get(config.syncfeed_url + "/Feed?category=Toezegging")
    assert (feed.content, feed.headers["Content-Type"]) == (b"<feed/>", "application/atom+xml")
    # requests encodes the query differently from the key; the lookup still finds it.
    odata = offline.get(config.odata_url + "/Toezegging", params={"$filter": "Verwijderd eq false"})
    assert odata.json() == {"value": []}
    with pytest.raises(FetchError) as caught:
        offline.get("https://example.org/elsewhere")
    assert caught.value.status == 404
    assert offline.interval == 0
