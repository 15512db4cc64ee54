"""The command line keeps the interface contract: JSON out, exit 2 with one line on bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import SEED_LETTER


def test_analyse_prints_the_seed_letters_commitments_and_fulfilments_as_json(cli):
    status, out, _ = cli("analyse", str(SEED_LETTER), "--date", "2014-12-16")
    assert status == 0
    result = json.loads(out)
    assert result["date"] == "2014-12-16"
    dues = {c["deadline"]["due"] for c in result["commitments"] if c["deadline"]}
    assert {"2015-07-02", "2015-03-31"} <= dues
    refs = [r for f in result["fulfilments"] for r in f["refs"]]
    assert {"dossier": "28638", "number": "108"}.items() <= next(
        r for r in refs if r.get("number") == "108"
    ).items()


def test_analyse_reads_the_date_from_the_letter_when_none_is_given(cli):
    status, out, _ = cli("analyse", str(SEED_LETTER))
    assert status == 0
    assert json.loads(out)["date"] == "2014-12-16"


@pytest.mark.parametrize(
    ("content", "name"),
    [(None, "missing.txt"), (b"", "empty.txt"), (bytes(range(256)) * 40, "noise.bin"), (b"<a><b>", "x.xml")],
    ids=["missing", "empty", "binary", "broken-xml"],
)
def test_unreadable_input_is_one_line_on_stderr_and_exit_2_never_a_traceback(cli, tmp_path, content, name):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    status, out, err = cli("analyse", str(path))
    assert (status, out) == (2, "")  # not an empty result: the contract says exit 2
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"toezeggingen: cannot read {path}")


def test_deadline_normalises_a_recess_phrase(cli):
    status, out, _ = cli("deadline", "voor de zomer", "--date", "2014-12-16")
    assert status == 0
    assert json.loads(out) == {
        "text": "voor de zomer",
        "due": "2015-07-02",
        "earliest": None,
        "kind": "recess",
    }


def test_deadline_without_a_time_phrase_is_all_null(cli):
    status, out, _ = cli("deadline", "voor de Kamer", "--date", "2014-12-16")
    assert status == 0
    assert json.loads(out) == {"text": None, "due": None, "earliest": None, "kind": None}


@pytest.mark.parametrize(
    "args",
    [
        ("deadline", "voor de zomer"),
        ("deadline", "voor de zomer", "--date", "16-12-2014"),
        ("export", "--status", "x"),
    ],
)
def test_usage_errors_exit_2(cli, args):
    status, _, err = cli(*args)
    assert status == 2
    assert "Traceback" not in err


def test_a_broken_snapshot_is_a_one_line_error(cli, tmp_path):
    snap = tmp_path / "snap"
    snap.mkdir()
    (snap / "index.json").write_text("{broken")
    status, _, err = cli("sync", "--from", str(snap), "--quiet")
    assert status == 2
    assert err.startswith("toezeggingen: ")
    assert "Traceback" not in err


def test_the_main_job_on_the_bundled_sample_exports_commitments_from_all_three_sources(cli):
    assert cli("sync", "--sample", "--quiet")[0] == 0
    assert cli("track", "--today", "2026-11-28")[0] == 0
    status, out, _ = cli("export", "--format", "csv", "--today", "2026-11-28")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["source"] for r in rows} == {"register", "letter", "debate"}
    seed = next(r for r in rows if r["text"].startswith("Voor de zomer 2015 rapporteer ik"))
    assert (seed["due"], seed["status"]) == ("2015-07-02", "overdue")
    status, out, _ = cli("export", "--format", "json", "--status", "fulfilled", "--today", "2026-11-28")
    fulfilled = json.loads(out)
    assert fulfilled and all(r["status"] == "fulfilled" and r["fulfilled_by"] for r in fulfilled)
