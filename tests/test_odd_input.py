"""Odd but honest input: each case is handled or refused with a clear message.

Handled: a UTF-8 byte-order mark, CRLF line endings, tabs inside text (read
as white space, as Markdown reads them), a
line of a million characters, a 5 MB paper body, a table of 10,000 rows.
Refused, with the file, line and fix: tab indentation in YAML, empty files,
bytes that are not UTF-8 and control characters such as NUL (with their
offset).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import MINIMAL_TREE, ROOT, run_generator

PAPER = "papers/2024-09-18-sample-paper.md"
INSPECTION = "inspections/sample-inspection.yml"
MEETING = "meetings/2024-09-18-sample-committee.yml"
PURPOSE = "The purpose of this paper is to test."


def build(content: Path) -> BeautifulSoup:
    """Build the tree and return the paper's page; the build must succeed."""
    work = content.parent
    result = run_generator("build", "--content", "content", "--config", str(ROOT / "mkdocs.yml"), cwd=work)
    assert result.returncode == 0, result.stderr[-3000:]
    return BeautifulSoup((work / "site" / "papers" / "2024-09-18-sample-paper" / "index.html").read_text(encoding="utf-8"), "lxml")


def refused(content: Path) -> list[str]:
    result = run_generator("validate", "--content", "content", cwd=content.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("content/")]


def test_byte_order_marks_are_handled(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    for relative in (PAPER, INSPECTION, MEETING):
        path = content / relative
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    page = build(content)
    assert page.h1.get_text() == "Sample Progress Summary"
    assert "\ufeff" not in page.get_text()


def test_crlf_line_endings_are_handled_and_lines_still_counted(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    for path in content.rglob("*.*"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    page = build(content)
    assert [p.get_text() for p in page.select("article p") if "purpose of this paper" in p.get_text()] == [PURPOSE]
    assert "\r" not in page.select_one("article").get_text()
    (content / PAPER).write_bytes((content / PAPER).read_bytes().replace(b"status: discharged", b"status: finished"))
    assert refused(content) == [
        'content/papers/2024-09-18-sample-paper.md:22:9: "positions entry 1 > recommendations entry 1 > status" has an unknown value "finished"; '
        "use one of: discharged, completed, proposed-for-closure, submitted-for-closure, ongoing-delayed, ongoing-on-track, open"
    ]


def test_tab_indentation_in_yaml_is_refused(content_tree: Callable[..., Path]) -> None:
    content = content_tree({MEETING: MINIMAL_TREE[MEETING].replace("  - paper:", "\t- paper:")})
    assert refused(content) == [
        "content/meetings/2024-09-18-sample-committee.yml:5:1: YAML syntax: a tab character where YAML needs spaces; replace the tab with spaces",
    ]


def test_tabs_inside_text_are_handled(content_tree: Callable[..., Path]) -> None:
    inspection = MINIMAL_TREE[INSPECTION].replace("text: Police Scotland should do the first thing.", 'text: "Police Scotland\\tshould do the first thing."')
    content = content_tree({INSPECTION: inspection, PAPER: MINIMAL_TREE[PAPER].replace(PURPOSE, "The purpose\tof this paper.")})
    page = build(content)
    assert re.search(r"The purpose\s+of this paper\.", page.select_one("article").get_text())
    inspection_page = BeautifulSoup((content.parent / "site" / "inspections" / "sample-inspection" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert re.search(r"Police Scotland\s+should do the first thing\.", inspection_page.select_one("article").get_text())


def test_a_line_of_a_million_characters_is_handled_and_shown_short_in_messages(content_tree: Callable[..., Path]) -> None:
    long_line = "word " * 200_000
    content = content_tree({PAPER: MINIMAL_TREE[PAPER].replace(PURPOSE, long_line.strip())})
    page = build(content)
    assert any(len(p.get_text()) == len(long_line.strip()) for p in page.select("article p"))
    (content / PAPER).write_text(MINIMAL_TREE[PAPER].replace("title: Sample Progress Summary", "title: Sample Progress Summary\ntitle: " + "x" * 1_000_000, 1), encoding="utf-8")
    result = run_generator("validate", "--content", "content", cwd=content.parent)
    assert result.returncode == 1
    excerpt = result.stderr.splitlines()[1]
    assert len(excerpt) == 4 + 160 and excerpt.endswith("xxx...")


def test_empty_files_are_refused(content_tree: Callable[..., Path]) -> None:
    content = content_tree({MEETING: "", PAPER: ""})
    assert refused(content) == [
        'content/meetings/2024-09-18-sample-committee.yml:1:1: missing required field "agenda"; add "agenda:" with the papers on its agenda, in order.',
        'content/meetings/2024-09-18-sample-committee.yml:1:1: missing required field "committee"; add "committee:" with the committee\'s name.',
        'content/meetings/2024-09-18-sample-committee.yml:1:1: missing required field "date"; add "date:" with the meeting\'s date.',
        'content/meetings/2024-09-18-sample-committee.yml:1:1: missing required field "location"; add "location:" with where it met.',
        'content/papers/2024-09-18-sample-paper.md:1:1: the file does not start with front matter; make the first line "---", then the front matter, then "---"',
    ]


def test_bytes_that_are_not_utf8_are_refused_with_their_offset(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    path = content / PAPER
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"is to test", b"is to \x93test\x94"))
    offset = raw.index(b"is to test") + len(b"is to ")
    assert refused(content) == [f"content/papers/2024-09-18-sample-paper.md:27:1: byte {offset} (0x93) is not UTF-8 text; save the file as UTF-8"]


def test_control_characters_are_refused_with_their_offset(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    path = content / PAPER
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"is to test", b"is to\x00 test"))
    offset = raw.index(b"is to test") + len(b"is to")
    assert refused(content) == [f"content/papers/2024-09-18-sample-paper.md:27:1: byte {offset} (0x00) is a control character, not text; remove it; it may have come from copying out of a PDF"]


@pytest.mark.big
def test_a_5_mb_paper_body_is_handled(content_tree: Callable[..., Path]) -> None:
    paragraph = "The purpose of this paper is to report progress on the recommendations. " * 12
    sections = [f"## {n} Section\n\n{paragraph}\n\n{paragraph}" for n in range(1, 3000)]
    body = "\n\n".join(sections)
    assert len(body.encode("utf-8")) > 5_000_000
    page = build(content_tree({PAPER: MINIMAL_TREE[PAPER].replace(PURPOSE, body)}))
    article = page.select_one("article")
    assert len(article.select("h2")) >= 2999
    assert article.find("h2", string="2999 Section") is not None


@pytest.mark.big
def test_a_table_of_10000_rows_is_handled(content_tree: Callable[..., Path]) -> None:
    rows = "\n".join(f'      - [Row {n}, "{n * 3}"]' for n in range(1, 10_001))
    paper = (
        MINIMAL_TREE[PAPER]
        .replace(
            "---\n\n**PURPOSE**",
            f"tables:\n  big:\n    caption: Ten thousand rows\n    columns: [Row, Value]\n    rows:\n{rows}\n---\n\n**PURPOSE**",
        )
        .replace(PURPOSE, PURPOSE + "\n\n[[table big]]")
    )
    page = build(content_tree({PAPER: paper}))
    table = page.find("caption", string="Ten thousand rows").parent
    body_rows = table.select("tbody tr")
    assert len(body_rows) == 10_000
    assert [cell.get_text() for cell in body_rows[-1].find_all(["th", "td"])] == ["Row 10000", "30000"]
