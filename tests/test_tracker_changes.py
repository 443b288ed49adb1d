"""What changed since the previous report, worded on a small content tree."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import MINIMAL_TREE, ROOT, run_generator

INSPECTION = "inspections/sample-inspection.yml"
EARLIER_PAPER = "papers/2024-03-12-earlier-paper.md"
LATER_PAPER = "papers/2024-09-18-sample-paper.md"


def paper(title: str, meeting: str, date: str, positions: str) -> str:
    return (
        textwrap.dedent(
            f"""\
        ---
        title: {title}
        meeting: {meeting}
        cover_sheet:
          meeting: SPA Policing Performance Committee
          date: {date}
          location: Webex
          title: {title}
          presented_by: ACC Professionalism and Assurance
          recommendation_to_members: For Discussion
          appendix_attached: "No"
        summary: This report provides a sample summary.
        positions:
          - inspection: sample-inspection
            recommendations:
        """
        )
        + textwrap.indent(textwrap.dedent(positions), "      ")
        + "---\n\n**PURPOSE**\n\nThe purpose of this paper is to test.\n"
    )


CHANGES = {
    INSPECTION: MINIMAL_TREE[INSPECTION] + "  - number: 3\n    text: Police Scotland should do the third thing.\n",
    "meetings/2024-03-12-earlier-committee.yml": textwrap.dedent(
        """\
        committee: Policing Performance Committee
        date: 2024-03-12
        location: online
        agenda:
          - paper: 2024-03-12-earlier-paper
        """
    ),
    EARLIER_PAPER: paper(
        "Earlier Progress Summary",
        "2024-03-12-earlier-committee",
        "12 March 2024",
        """\
        - number: 1
          status: ongoing-on-track
          initial_target: June 2024
        - number: 2
          initial_target: "30/11/2024"
        """,
    ),
    LATER_PAPER: paper(
        "Sample Progress Summary",
        "2024-09-18-sample-committee",
        "18 September 2024",
        """\
        - number: 1
          status: ongoing-delayed
          initial_target: June 2024
          revised_target: March 2025
        - number: 2
          status: ongoing-on-track
          initial_target: "30/11/2024"
        - number: 3
          status: ongoing-on-track
        """,
    ),
}


def test_what_changed_is_worded_against_the_previous_report(content_tree: Callable[..., Path]) -> None:
    content = content_tree(CHANGES)
    out = content.parent
    result = run_generator("build", "--content", str(content), "--site", str(out / "site"), "--docs", str(out / "docs"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    html = (out / "site" / "papers" / "2024-09-18-sample-paper" / "index.html").read_text(encoding="utf-8")
    table = BeautifulSoup(html, "lxml").select_one("article table.changes")
    rows = {" ".join(r.th.get_text(" ").split()): [" ".join(td.get_text(" ").split()) for td in r.select("td")] for r in table.select("tbody tr")}
    previous = "Earlier Progress Summary (12 March 2024)"
    assert rows == {
        "Recommendation 1": [previous, "Status changed from Open and on track to Open and delayed.", "Target moved from June 2024 to March 2025. The initial target it restates: June 2024."],
        "Recommendation 2": [previous, "Status given for the first time: Open and on track.", "Target in force unchanged: 30/11/2024."],
        "Recommendation 3": ["None: first report", "First report. Status: Open and on track.", "No target given."],
    }
    earlier = (out / "site" / "papers" / "2024-03-12-earlier-paper" / "index.html").read_text(encoding="utf-8")
    first = BeautifulSoup(earlier, "lxml").select_one("article table.changes tbody tr")
    assert [" ".join(td.get_text(" ").split()) for td in first.select("td")] == ["None: first report", "First report. Status: Open and on track.", "Target given for the first time: June 2024."]
    history = (out / "site" / "inspections" / "sample-inspection" / "recommendation-1" / "index.html").read_text(encoding="utf-8")
    entry = BeautifulSoup(history, "lxml").select("article dl.position")[-1]
    facts = {dt.get_text(): " ".join(dd.get_text(" ").split()) for dt, dd in zip(entry.select("dt"), entry.select("dd"), strict=True)}
    assert facts == {
        "Paper": "Sample Progress Summary , Policing Performance Committee - 18 September 2024",
        "Status": "Open and delayed (Police Scotland's word)",
        "Target": "Target moved from June 2024 to March 2025. The initial target it restates: June 2024.",
        "Since the previous report": "Status changed from Open and on track to Open and delayed.",
    }
    assert " ".join(entry.find_next_sibling("p").get_text(" ").split()) == "The paper gives no text about this recommendation beyond what is shown here."
