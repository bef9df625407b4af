"""review.html rendered by headless Chromium: what a person sees after the page's script ran.

Skipped only when Chromium is missing outside CI; in CI (``CI`` set) a missing browser fails.
The screenshot is kept under ``test-artifacts/`` (not versioned) for people to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import sample_run
from test_review import HOSTILE

ARTIFACTS = sample_run.REPO / "test-artifacts"


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (.ci/run installs it) but was not found")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    profiles = tmp_path_factory.mktemp("chromium")

    def run(url: str, *extra: str) -> str:
        profile = profiles / f"profile-{len(list(profiles.iterdir()))}"
        result = subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--window-size=1400,1800", *extra, url],
            capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    return run


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "clean"
    sample_run.run(sample_run.RAW, out)
    return out / "review.html"


def test_rendered_page_shows_totals_charts_and_a_marked_line(chromium, sample_page):
    dom = BeautifulSoup(chromium(sample_page.as_uri() + "#doc=001_06e5ac74dc117747", "--dump-dom"), "html.parser")
    totals = {d["id"]: d.b.get_text() for d in dom.select("div.total")}
    assert totals["total-inputs"] == "5" and totals["total-documents"] == "5" and totals["total-rejected"] == "0"
    for chart in ("chart-removed", "chart-rejects", "chart-languages", "chart-words"):
        assert dom.find(id=chart) is not None, chart
    assert len(dom.select("#chart-removed .row .bar")) >= 5
    assert dom.select_one("#chart-languages .label").get_text() == "en"
    # the script ran: the document picker is filled and the chosen document is laid out
    assert len(dom.select("#doc-select option")) == 5
    assert dom.find(id="doc-title").get_text().startswith("001_06e5ac74dc117747")
    dropped = {row.select_one(".text").get_text(): row["data-reason"] for row in dom.select("#doc-lines .line.drop")}
    assert dropped["Add your comment"] == "comment_prompt"
    tag = next(row for row in dom.select("#doc-lines .line.drop") if row.select_one(".text").get_text() == "Add your comment")
    assert tag.select_one(".tag").get_text() == "comment_prompt"
    assert "title" in dom.find(id="doc-side").get_text()
    assert len(dom.select("#doc-lines .line")) == 41


def test_screenshot_is_saved_as_an_artefact(chromium, sample_page):
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "review.png"
    target.unlink(missing_ok=True)
    chromium(sample_page.as_uri() + "#doc=001_06e5ac74dc117747", f"--screenshot={target}")
    assert target.is_file() and target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert target.stat().st_size > 20_000  # a blank page compresses to far less


def test_hostile_text_is_shown_as_text_not_run(chromium, tmp_path):
    inp = tmp_path / "raw"
    inp.mkdir()
    article = (sample_run.RAW / "002_3974dbdcd6277b05.txt").read_text(encoding="utf-8")
    (inp / "evil.txt").write_text("\n".join(HOSTILE) + "\n" + article, encoding="utf-8")
    sample_run.run(inp, tmp_path / "clean")
    dom = BeautifulSoup(chromium((tmp_path / "clean" / "review.html").as_uri(), "--dump-dom"), "html.parser")
    shown = [row.select_one(".text").get_text() for row in dom.select("#doc-lines .line")]
    assert shown[:3] == HOSTILE
    assert dom.select("#doc-lines img, #doc-lines script, #doc-lines a") == []
    assert len(dom.find_all("script")) == 2
