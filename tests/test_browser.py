"""A real browser renders the view: headless Chromium draws a screenshot and keeps every mark.

Skips on a machine without Chromium (Debian: `apt-get install chromium`).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from vn_minutes.articles import read_articles
from vn_minutes.pipeline import extract_article
from vn_minutes.record import ArticleRecord, Mention, Percentage, Person, Shortcoming
from vn_minutes.view import spans_of, write_pages

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
WIDTH, HEIGHT = 1200, 800
CORPUS = Path(__file__).resolve().parent.parent / "corpus"

TEXT = (
    "Ngày 3/4/2022, đồng chí Vũ Thị Hạnh chủ trì hội nghị.\n"
    "Hạn chế: tỷ lệ hồ sơ trễ hạn còn trên 12% <script>document.title='x'</script>."
)


@pytest.fixture(scope="module")
def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    return found


def run_browser(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium with a throwaway profile and the given extra arguments."""
    command = [browser, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def hand_made() -> tuple[ArticleRecord, str]:
    """A record with a percentage nested in a shortcoming and a script tag in the text."""

    def at(part: str) -> dict:
        start = TEXT.index(part)
        return {"text": part, "start": start, "end": start + len(part)}

    name = at("Vũ Thị Hạnh")
    record = ArticleRecord(
        id="hand-made",
        people=[
            Person(name="Vũ Thị Hạnh", mentions=[Mention(start=name["start"], end=name["end"])])
        ],
        percentages=[Percentage(**at("trên 12%"), value=12, qualifier="more_than")],
        shortcomings=[Shortcoming(**at("tỷ lệ hồ sơ trễ hạn còn trên 12%"))],
    )
    return record, TEXT


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[ArticleRecord, str]]]:
    """Pages for the hand-made record and for the real extraction of the team's corpus."""
    items = [hand_made()]
    if CORPUS.is_dir():
        items += [(extract_article(a), a.text) for a in read_articles([CORPUS])][:3]
    folder = tmp_path_factory.mktemp("site")
    write_pages(items, folder)
    return folder, [(r, t) for r, t in items if isinstance(r, ArticleRecord)]


class DomMarks(HTMLParser):
    """Head marks (`data-span` key -> data-start, data-end) and the state of the page script."""

    def __init__(self) -> None:
        super().__init__()
        self.heads: dict[str, tuple[int, int]] = {}
        self.fragments: dict[str, int] = {}
        self.ready = False
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.ready = attributes.get("data-view") == "ready"
        if tag == "title":
            self._in_title = True
        if tag == "mark" and "data-span" in attributes:
            key = attributes["data-span"]
            self.fragments[key] = self.fragments.get(key, 0) + 1
            if attributes.get("data-part") != "cont":
                assert key not in self.heads, f"{key} marked twice"
                self.heads[key] = (int(attributes["data-start"]), int(attributes["data-end"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_chromium_keeps_every_mark_in_the_dom(browser: str, site, tmp_path: Path) -> None:
    folder, items = site
    for record, _text in items:
        page = folder / f"{record.id}.html"
        result = run_browser(browser, tmp_path / "profile", "--dump-dom", page.as_uri())
        assert result.returncode == 0, result.stderr[-2000:]
        dom = DomMarks()
        dom.feed(result.stdout)
        assert dom.ready, "the page's script did not run"
        expected = {s.key: (s.start, s.end) for s in spans_of(record) if s.end > s.start}
        assert dom.heads == expected
        assert dom.title == (record.title or record.id)  # the article's <script> stayed text


def test_chromium_screenshots_the_page(browser: str, site, tmp_path: Path) -> None:
    folder, items = site
    record, _ = items[-1]
    shot = tmp_path / "page.png"
    result = run_browser(
        browser,
        tmp_path / "profile",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--screenshot={shot}",
        (folder / f"{record.id}.html").as_uri(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (WIDTH, HEIGHT)
    assert len(data) > 10_000  # more than a blank page


def test_the_index_links_every_page_in_the_browser(browser: str, site, tmp_path: Path) -> None:
    folder, items = site
    result = run_browser(
        browser, tmp_path / "profile", "--dump-dom", (folder / "index.html").as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for record, _ in items:
        assert f'href="{record.id}.html"' in result.stdout
