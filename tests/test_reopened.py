"""A recommendation reopened after HMICS discharged it, as a later paper says.

Without a word from the editor, a later paper's status after an earlier
discharge is a warning (tests/test_error_messages.py words it), which
--strict turns into a failed pull request. `reopened: true` on the later
paper's position records that the paper says it was reopened: the warning
is not raised, --strict passes, and the site says no more than the paper.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, run_generator
from tests.test_error_messages import later_paper, reopened_later, validate

STRICT_PASSED = "content: no problems found"


def moved(files: dict[str, str | None], date: str, day: str, to_date: str, to_day: str) -> dict[str, str | None]:
    """A paper and its meeting moved to another date: their names, references and dates."""
    return {path.replace(date, to_date): str(text).replace(date, to_date).replace(day, to_day) for path, text in files.items()}


def a_paper_after(changes: dict[str, str | None], status: str) -> dict[str, str | None]:
    """The tree's later paper copied to a third meeting, in March 2025, giving `status` without reopened: true."""
    return {**changes, **moved(later_paper(status), "2024-12-10", "10 December 2024", "2025-03-19", "19 March 2025")}


def test_a_reopening_the_paper_states_passes_strict(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    status, headlines, stderr = validate(content_tree(reopened_later()), monkeypatch, capsys, "--strict")
    assert (status, headlines, stderr.splitlines()[-1]) == (0, [], STRICT_PASSED), stderr


def test_papers_after_the_reopening_need_no_mark(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The reopening answers the discharge: a later open status needs no mark of its own."""
    status, headlines, stderr = validate(content_tree(a_paper_after(reopened_later(), "ongoing-delayed")), monkeypatch, capsys, "--strict")
    assert (status, headlines, stderr.splitlines()[-1]) == (0, [], STRICT_PASSED), stderr


def test_marking_a_paper_after_the_reopening_is_a_warning(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the first paper after a discharge is marked: the mark on the next one acknowledges nothing."""
    changes = a_paper_after(reopened_later(), "ongoing-delayed")
    third = "papers/2025-03-19-later-paper.md"
    changes[third] = str(changes[third]).replace("        status: ongoing-delayed\n", "        status: ongoing-delayed\n        reopened: true\n")
    status, headlines, _ = validate(content_tree(changes), monkeypatch, capsys, "--strict")
    assert status == 1
    assert headlines == [
        f'content/{third}:23:9: warning: recommendation 1 of "sample-inspection" is marked reopened: true, but no earlier paper leaves it closed (discharged by HMICS); remove reopened: true; it is for the first paper after a discharge that gives another status'
    ]


def test_a_discharge_after_the_reopening_is_checked_again(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Reopened, then discharged again, then open with no word of it: the warning names the second discharge."""
    changes = a_paper_after(reopened_later(), "discharged")
    fourth = moved(a_paper_after({}, "ongoing-delayed"), "2025-03-19", "19 March 2025", "2025-06-10", "10 June 2025")
    status, headlines, _ = validate(content_tree({**changes, **fourth}), monkeypatch, capsys)
    assert status == 0
    assert headlines == [
        'content/papers/2025-06-10-later-paper.md:21:9: warning: recommendation 1 of "sample-inspection" is "ongoing-delayed" here, but an earlier paper records it as closed (discharged by HMICS): '
        "2025-03-19-later-paper.md line 21; check both papers' words and correct the status; if this paper does say it was reopened, write reopened: true under its status"
    ]


def test_the_site_says_the_paper_says_it_was_reopened(content_tree: Callable[..., Path]) -> None:
    """build --strict passes; the history and the open data say it as the paper's statement, on that paper only."""
    content = content_tree(reopened_later())
    out = content.parent
    result = run_generator("build", "--strict", "--content", str(content), "--site", str(out / "site"), "--docs", str(out / "docs"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    page = (out / "site" / "inspections" / "sample-inspection" / "recommendation-1" / "index.html").read_text(encoding="utf-8")
    entries = BeautifulSoup(page, "lxml").select("article dl.position")
    since = [" ".join(entry.select("dd")[-1].get_text(" ").split()) for entry in entries]
    assert since == [
        "First report. Status: Closed: discharged by HMICS.",
        "Status changed from Closed: discharged by HMICS to Open and delayed. This paper says the recommendation was reopened.",
    ]
    with (out / "site" / "data" / "positions.csv").open(encoding="utf-8", newline="") as file:
        rows = {(row["paper"], row["number"]): row["stated_reopened"] for row in csv.DictReader(file)}
    assert rows == {("2024-09-18-sample-paper", "1"): "false", ("2024-09-18-sample-paper", "2"): "false", ("2024-12-10-later-paper", "1"): "true", ("2024-12-10-later-paper", "2"): "false"}
