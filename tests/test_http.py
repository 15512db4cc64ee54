"""The polite HTTP client: retries what may pass, gives up cleanly on what will not, waits as asked."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scraper.http import FetchError, HttpClient, checked_size, parse_retry_after
from scraper.snapshot import SnapshotError, SnapshotWriter
from tests.replay import Reply
from tests.sync_factories import OFFLINE


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
    config = OFFLINE
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


def test_a_response_announced_larger_than_the_limit_is_refused_without_retry(replay):
    replay.add("/big", Reply(200, b"x" * 5000))
    with pytest.raises(FetchError, match="too large: 5,000 bytes announced"):
        client(max_bytes=1000).get(replay.url + "/big")
    assert replay.count("/big") == 1


@pytest.fixture
def endless() -> Iterator[str]:
    """A server that streams a body without Content-Length far beyond any limit, like a runaway
    resource (it stops at 8 MB, so a client without a limit fails the test instead of hanging)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(128):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/endless"
    finally:
        server.shutdown()
        server.server_close()


def test_an_endless_body_is_cut_off_at_the_limit_instead_of_filling_memory(endless):
    with pytest.raises(FetchError, match="too large: more than 1,000,000 bytes"):
        client(max_bytes=1_000_000).get(endless)


def test_a_body_of_another_size_than_the_feed_announced_is_refused(replay):
    replay.add("/file", Reply(200, b"%PDF-1.7 half a file"))
    response = client().get(replay.url + "/file")
    assert checked_size(response, 20) == b"%PDF-1.7 half a file"
    with pytest.raises(FetchError, match="20 bytes received, the feed announced 12,345"):
        checked_size(response, 12345)


@pytest.mark.parametrize(
    ("index", "message"),
    [
        (None, "cannot read"),
        ('{"syncfeed/Feed?category=Zaak": ', "not valid JSON"),
        ('["syncfeed/Feed?category=Zaak"]', "must map request keys"),
        ('{"syncfeed/Feed?category=Zaak": {"status": 200}}', "must map request keys"),
        ('{"syncfeed/Feed?category=Zaak": {"file": "../../etc/passwd"}}', "inside the directory"),
        ('{"syncfeed/Feed?category=Zaak": {"file": "a.xml", "status": "OK"}}', "must map request keys"),
    ],
    ids=["missing", "cut-short", "a-list", "no-file", "outside", "status-not-a-number"],
)
def test_a_snapshot_with_a_broken_index_is_a_one_line_snapshot_error(tmp_path, index, message):
    if index is not None:
        (tmp_path / "index.json").write_text(index, encoding="utf-8")
    with pytest.raises(SnapshotError, match=message) as caught:
        HttpClient.from_config(OFFLINE, snapshot=tmp_path)
    assert "\n" not in str(caught.value)


def test_a_snapshot_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path):
    with SnapshotWriter(tmp_path) as writer:
        writer.add("syncfeed/Resources/big", b"x" * 5000, content_type="application/pdf")
    offline = HttpClient.from_config(replace(OFFLINE, max_bytes=1000), snapshot=tmp_path)
    with pytest.raises(FetchError, match="too large"):
        offline.get(OFFLINE.syncfeed_url + "/Resources/big")


# --------------------------------------------------------------------------- a whole request has a deadline


@pytest.fixture
def slow_drip() -> Iterator[str]:
    """A server on 127.0.0.1 that announces 100 bytes and sends one every two seconds."""

    class Drip(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    if stop.wait(2):
                        return
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    stop = threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/drip"
    stop.set()
    httpd.shutdown()
    httpd.server_close()


def test_a_server_dripping_a_byte_every_two_seconds_cannot_hold_a_request_past_its_timeout(
    slow_drip, monkeypatch
):
    """TOEZEGGINGEN_REQUEST_TIMEOUT=5 bounds the whole request; each read alone would never time out."""
    from scraper.config import SyncConfig
    from toezeggingen.settings import Settings

    monkeypatch.setenv("TOEZEGGINGEN_REQUEST_TIMEOUT", "5")
    config = replace(SyncConfig.from_settings(Settings()), retries=0, interval=0.0)
    outcome: list[BaseException | object] = []

    def fetch() -> None:
        try:
            outcome.append(HttpClient.from_config(config).get(slow_drip))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(120)  # not a speed check: the dripping body would take 200 s, so a hang shows as no outcome
    assert outcome, "the request is still hanging"
    [result] = outcome
    assert isinstance(result, FetchError)
    assert "within 5s" in result.reason


# --------------------------------------------------------------------------- redirects stay home


def test_a_redirect_to_another_host_is_refused_and_logged(replay, caplog):
    other = replay.url.replace("127.0.0.1", "localhost")  # the same server, under another host name
    replay.add("/away", Reply(302, headers={"Location": other + "/there"}))
    replay.add("/there", b"elsewhere")
    with pytest.raises(FetchError, match="redirect to another host refused"):
        client(retries=0).get(replay.url + "/away")
    assert replay.count("/there") == 0
    assert "refused" in caplog.text


def test_a_redirect_within_the_host_is_followed(replay):
    replay.add("/old", Reply(301, headers={"Location": "/new"}))
    replay.add("/new", b"moved here")
    assert client(retries=0).get(replay.url + "/old").content == b"moved here"


def test_a_redirect_to_a_configured_host_is_followed(replay):
    other = replay.url.replace("127.0.0.1", "localhost")
    replay.add("/away", Reply(302, headers={"Location": other + "/there"}))
    replay.add("/there", b"configured")
    host = other.split("//", 1)[1]
    assert client(retries=0, hosts=frozenset({host})).get(replay.url + "/away").content == b"configured"
