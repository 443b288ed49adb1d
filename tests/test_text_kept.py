"""No silent loss: text written plainly in YAML is kept exactly, or refused with a message.

YAML reads some plain text as something else: " #" starts a comment (a
title "Update #4" would lose "#4"), 02 and 0131... are numbers (losing
their leading zero), +44 loses its sign, ~ and null are nothing. Whatever
an editor types as a title or a table cell, without quotes, the generator
either publishes exactly that text or stops with a message at that line.
Characters beyond U+FFFF reach the page's title and description intact.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.commands.pipeline import check
from tests.conftest import MINIMAL_TREE, run_generator

PAPER = "papers/2024-09-18-sample-paper.md"
TITLE_LINE = 2
TABLE = "tables:\n  t:\n    caption: Cells\n    columns: [A, B]\n    rows:\n      - [{cell}, x]\n---\n\n[[table t]]\n"
TABLE_LINE = 28
PIECES = ["Update", "#4", " #", "02", "0131 496 0000", "01314960000", "+44", "-0", "1_000", "0x1F", "yes", "no", "2024-09-18", "1.10", "null", "~", ": ", "𝐓", "😀", "’", "and", " "]
SETTINGS = settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def plain_texts() -> st.SearchStrategy[str]:
    """Texts built from the pieces YAML reads as something other than text, and ordinary words."""
    return st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(lambda parts: " ".join(parts).strip()).filter(bool)


def outcome(files: dict[str, str]) -> tuple[list[tuple[int, str]], object]:
    """(errors as (line, message) in the paper, the paper as modelled) for a tree of files."""
    with tempfile.TemporaryDirectory() as temporary:
        content = Path(temporary) / "content"
        for relative, text in files.items():
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            (content / relative).write_text(text, encoding="utf-8")
        result = check(content)
        errors = [(p.location.line, p.message) for p in result.problems.errors if p.location.path.name.endswith(".md")]
        paper = result.content.papers.get("2024-09-18-sample-paper") if result.content else None
        return errors, paper


@SETTINGS
@example("Update #4")
@example("Sample 𝐏rogress Summary")
@example("+44")
@given(plain_texts())
def test_a_plain_title_is_kept_or_refused_at_its_line(text: str) -> None:
    errors, paper = outcome({**MINIMAL_TREE, PAPER: MINIMAL_TREE[PAPER].replace("title: Sample Progress Summary", f"title: {text}", 1)})
    if errors:
        assert {line for line, _ in errors} <= {TITLE_LINE, TITLE_LINE + 1}, errors
    else:
        assert paper is not None and paper.title == text


@SETTINGS
@example("02")
@example("0131 496 0000")
@example("01314960000")
@given(plain_texts())
def test_a_plain_table_cell_is_kept_or_refused_at_its_line(text: str) -> None:
    body = MINIMAL_TREE[PAPER].replace("---\n\n**PURPOSE**", TABLE.format(cell=text) + "\n**PURPOSE**", 1)
    errors, paper = outcome({**MINIMAL_TREE, PAPER: body})
    if errors:
        assert {line for line, _ in errors} == {TABLE_LINE}, errors
    else:
        assert paper is not None and paper.tables["t"].rows[0][0] == text


def test_characters_beyond_u_ffff_reach_the_page_title_and_description(content_tree: Callable[..., Path], tmp_path: Path) -> None:
    """JSON's surrogate pairs are not YAML: the engine would show the front matter as text."""
    title, summary = "Sample 𝐏rogress Summary", "𝐓his report provides a sample summary 😀."
    paper = MINIMAL_TREE[PAPER].replace("title: Sample Progress Summary", f"title: {title}", 1).replace("summary: This report provides a sample summary.", f"summary: {summary}")
    content = content_tree({PAPER: paper})
    result = run_generator("build", "--content", str(content), "--site", str(tmp_path / "site"), "--docs", str(tmp_path / "docs"))
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "site" / "papers" / "2024-09-18-sample-paper" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.title is not None and page.title.get_text().startswith(title)
    assert page.find("meta", attrs={"name": "description"})["content"] == summary  # type: ignore[index]
    assert "description:" not in page.get_text() and page.find("h1").get_text(strip=True) == title  # type: ignore[union-attr]
