"""The dashboard in a real browser: `toezeggingen dashboard` serving the sample on 127.0.0.1, headless
Chromium (Debian's package, driven by Playwright through its `executable_path`; no browser download).
Screenshots go to tests/artifacts/ for a person to look at."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.conftest import ROOT
from tests.dashboard_sample import build_sample
from tests.test_dashboard import XSS, add_commitment

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None and not os.environ.get("CI"), reason="no chromium (apt-get install chromium)"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The dashboard over a fresh sample (plus one commitment with markup in its text); its URL."""
    db = build_sample(tmp_path_factory.mktemp("browser") / "sample.db")
    xss_id = add_commitment(db, f"Ik stuur {XSS} voor de zomer.", deadline_text="voor de zomer")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "toezeggingen.cli", "dashboard"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):  # a loaded CI machine may take a while
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the dashboard did not start")
        yield base, xss_id
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_a_filtered_table_and_a_detail_page_in_chromium(server: tuple[str, int]) -> None:
    from playwright.sync_api import sync_playwright

    base, xss_id = server
    ARTIFACTS.mkdir(exist_ok=True)
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="nl-NL")
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        page.set_default_timeout(90_000)
        page.goto(f"{base}/toezeggingen?status=overdue")
        page.get_by_text("Pagina 1 van").wait_for()  # the page ran to its end
        rows = page.locator('[data-testid="stDataFrame"] table tbody tr')
        rows.first.wait_for(state="attached")
        page.wait_for_timeout(1000)
        texts = [t for t in rows.all_text_contents() if t.strip()]
        assert texts and all("te laat" in t for t in texts), texts
        assert not any("openstaand" in t or "voldaan" in t for t in texts)
        assert "toezeggingen" in page.get_by_text("Pagina 1 van").inner_text()
        page.screenshot(path=str(ARTIFACTS / "toezeggingen-te-laat.png"))

        page.goto(f"{base}/toezegging?id=52")  # the seed letter's own "Voor de zomer 2015" commitment
        page.get_by_role("heading", name="Toezegging 52").wait_for(timeout=90_000)
        page.wait_for_timeout(1000)
        assert page.get_by_text("Voor de zomer 2015", exact=True).first.is_visible()
        page.screenshot(path=str(ARTIFACTS / "toezegging-52.png"))

        page.goto(f"{base}/toezegging?id={xss_id}")
        page.get_by_role("heading", name=f"Toezegging {xss_id}").wait_for(timeout=90_000)
        page.wait_for_timeout(1000)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "<script>alert(1)</script><img src=x onerror=alert(2)>" in main
        assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
        page.screenshot(path=str(ARTIFACTS / "toezegging-met-markup.png"))

        page.goto(base)
        page.get_by_role("heading", name="Overzicht").wait_for(timeout=90_000)
        page.wait_for_timeout(2000)
        page.screenshot(path=str(ARTIFACTS / "overzicht.png"))
        browser.close()
    assert not dialogs  # no script ran
