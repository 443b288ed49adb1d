"""A synthetic content archive in the project's own format, at any scale.

Scale 1 is a realistic archive: 5 inspections with 12 recommendations and
4 Areas for Development each, one improvement plan per inspection (48
actions, about 100 dated updates), 10 papers at 5 meetings, each paper with
positions for every recommendation, a Markdown body of about 900 words with
[[status-table]], [[recommendations]] and [[table]] directives, and one
paper per inspection carrying the plan as its appendix. Scale 10 is 50
inspections, 600 recommendations, about 5,000 updates and 100 papers.

The text is seeded pseudo-prose, so every run writes the same files, and
the tree validates cleanly (benchmarks.run checks that before timing).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from generator.content.statuses import BY_NAME, CLOSED_STATUSES, COLUMNS, STATUS_NAMES

INSPECTIONS_PER_SCALE = 5
RECOMMENDATIONS = 12
ACTIONS_PER_RECOMMENDATION = 4
AREAS = 4
WORDS = [
    "Police",
    "Scotland",
    "should",
    "review",
    "the",
    "arrangements",
    "for",
    "local",
    "policing",
    "divisions",
    "partners",
    "officers",
    "staff",
    "training",
    "governance",
    "assurance",
    "performance",
    "framework",
    "demand",
    "contact",
    "assessment",
    "resolution",
    "teams",
    "vulnerability",
    "public",
    "protection",
    "service",
    "advisors",
    "victims",
    "communities",
    "digital",
    "systems",
    "data",
    "management",
    "information",
    "compliance",
    "improvement",
    "plan",
    "update",
    "progress",
    "delivery",
    "oversight",
    "leadership",
    "capacity",
    "resources",
    "evaluation",
    "audit",
    "policy",
    "procedure",
    "guidance",
    "national",
    "consistent",
    "quality",
    "standards",
    "monitoring",
    "reporting",
    "outcomes",
    "engagement",
    "strategy",
    "has",
    "been",
    "completed",
    "with",
    "continued",
    "work",
    "towards",
    "the",
    "agreed",
    "timescales",
    "and",
    "the",
    "board",
    "will",
    "consider",
]
# Statuses a paper states and counts in a column of its status table, so
# that the stated counts add up to the total, as the checks require.
TABLED_STATUSES = tuple(name for name in STATUS_NAMES if BY_NAME[name].column in COLUMNS and BY_NAME[name].stated)
OPEN_STATUSES = tuple(name for name in TABLED_STATUSES if name not in CLOSED_STATUSES)
THEMES = ("Governance", "Guidelines", "Compliance", "Resources", "Human Error", "Better Practice")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class Sizes:
    """How many of each thing a scale writes (for the benchmark's report)."""

    inspections: int
    recommendations: int
    updates: int
    papers: int
    meetings: int


class Writer:
    """Writes one archive; all randomness comes from one seeded generator."""

    def __init__(self, root: Path, scale: int) -> None:
        self.root = root
        self.scale = scale
        self.random = random.Random(7 * scale + 1)
        self.updates = 0

    def sentence(self, words: int) -> str:
        chosen = [self.random.choice(WORDS) for _ in range(words)]
        return " ".join(chosen).capitalize() + "."

    def prose(self, sentences: int, words: int = 18) -> str:
        return " ".join(self.sentence(self.random.randint(words - 6, words + 6)) for _ in range(sentences))

    def write(self, relative: str, text: str) -> None:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def block(text: str, indent: int) -> str:
    """A YAML literal block scalar holding Markdown."""
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def write_archive(root: Path, scale: int) -> Sizes:
    """Write content/ for a scale under root; return what it holds."""
    writer = Writer(root, scale)
    count = INSPECTIONS_PER_SCALE * scale
    start = dt.date(2000, 1, 4)
    for index in range(count):
        identifier = f"synthetic-inspection-{index + 1:04d}"
        _inspection(writer, identifier, index)
        _plan(writer, identifier, index)
        first = start + dt.timedelta(days=14 * index)
        second = start + dt.timedelta(days=14 * count + 14 * index + 7)
        _meeting_and_paper(writer, identifier, index, first, final=False)
        _meeting_and_paper(writer, identifier, index, second, final=True)
    return Sizes(count, count * RECOMMENDATIONS, writer.updates, 2 * count, 2 * count)


def _inspection(writer: Writer, identifier: str, index: int) -> None:
    lines = [
        "inspectorate: HMICS",
        f"title: {q('HMICS Thematic Review of ' + writer.sentence(6).rstrip('.'))}",
        f"short_title: {q(f'Synthetic review {index + 1}')}",
        f"published: {2000 + index // 12}-{index % 12 + 1:02d}",
        "type: Thematic review",
        "recommendations:",
    ]
    for number in range(1, RECOMMENDATIONS + 1):
        lines += [f"  - number: {number}", f"    text: {q(writer.prose(2))}", "    lead: C3 SMT", f"    themes: [{writer.random.choice(THEMES)}]"]
    lines.append("areas_for_development:")
    for number in range(1, AREAS + 1):
        lines += ["  - section: Service Delivery", f"    text: {q(writer.prose(2))}", f"    number: {number}", f'    actions: ["{number}.1", "{number}.2"]']
    writer.write(f"inspections/{identifier}.yml", "\n".join(lines) + "\n")


def _plan(writer: Writer, identifier: str, index: int) -> None:
    lines = [
        f"inspection: {identifier}",
        f"title: {q('Improvement plan for synthetic review ' + str(index + 1))}",
        'date: "10/08/2023"',
        "details:",
        "  - label: Version",
        '    value: "V2.0"',
        f"introduction: {block('## 1. PURPOSE' + chr(10) * 2 + writer.prose(4), 2)}",
        "recommendations:",
    ]
    for number in range(1, RECOMMENDATIONS + 1):
        lines += [f"  - number: {number}", f"    text: {q(writer.prose(2))}", "    lead: CERP", "    actions:"]
        for action in range(1, ACTIONS_PER_RECOMMENDATION + 1):
            lines += _action(writer, f"{number}.{action}")
    writer.write(f"plans/{identifier}-improvement-plan.yml", "\n".join(lines) + "\n")


def _action(writer: Writer, number: str) -> list[str]:
    lines = [f'      - number: "{number}"', f"        text: {q(writer.prose(2))}", "        owner: CERP", "        updates:"]
    for month in range(writer.random.choice((1, 2, 2, 3))):
        writer.updates += 1
        lines += [f"          - date: {MONTHS[3 * month]} 2023", f"            text: {block(_update_text(writer), 14)}"]
    lines += ["        target_dates:", "          - label: Current recorded on 4Action", '            date: "30/11/2023"', "          - date: June 2024", '            range: "(18 – 24 months)"']
    return lines


def _update_text(writer: Writer) -> str:
    """Mostly plain sentences; one update in three has Markdown: paragraphs, a list, emphasis."""
    if writer.updates % 3:
        return writer.prose(4)
    items = "\n".join(f"- {writer.sentence(8)}" for _ in range(3))
    return f"{writer.prose(2)} Governance & Improvement **agreed** this.\n\n{items}\n\n{writer.prose(2)}"


def _meeting_and_paper(writer: Writer, inspection_id: str, index: int, day: dt.date, final: bool) -> None:
    meeting_id = f"{day.isoformat()}-policing-performance-committee"
    paper_id = f"{day.isoformat()}-synthetic-review-{index + 1}-{'closure' if final else 'progress'}-update"
    writer.write(
        f"meetings/{meeting_id}.yml",
        f'committee: Policing Performance Committee\ndate: {day.isoformat()}\nlocation: online\nagenda:\n  - paper: {paper_id}\n    item: "3.{index % 9 + 1}"\n',
    )
    statuses = [writer.random.choice(TABLED_STATUSES if final else OPEN_STATUSES) for _ in range(RECOMMENDATIONS)]
    writer.write(f"papers/{paper_id}.md", _paper(writer, inspection_id, meeting_id, day, statuses, final))


def _paper(writer: Writer, inspection_id: str, meeting_id: str, day: dt.date, statuses: list[str], final: bool) -> str:
    title = f"HMICS {inspection_id.replace('-', ' ').title()} – {'Closure' if final else 'Progress'} Update"
    closed = sum(1 for s in statuses if s in CLOSED_STATUSES)
    front = [
        "---",
        f"title: {q(title)}",
        f"meeting: {meeting_id}",
        "cover_sheet:",
        "  meeting: SPA Policing Performance Committee",
        f"  date: {long_date(day)}",
        "  location: Webex",
        f"  title: {q(title)}",
        "  presented_by: ACC Professionalism and Assurance",
        "  recommendation_to_members: For Discussion",
        f'  appendix_attached: "{"Yes" if final else "No"}"',
        f"summary: {q(writer.prose(3))}",
    ]
    if final:
        front += ["appendices:", "  - label: Appendix A", "    title: Improvement Plan", f"    plan: {inspection_id}-improvement-plan"]
    front += ["positions:", f"  - inspection: {inspection_id}", "    stated_counts:", f"      total: {RECOMMENDATIONS}", f"      closed: {closed}"]
    front += [f"      ongoing_on_track: {statuses.count('ongoing-on-track')}", f"      ongoing_delayed: {statuses.count('ongoing-delayed')}", "    recommendations:"]
    for number, status in enumerate(statuses, start=1):
        front += [f"      - number: {number}", f"        status: {status}", "        initial_target: March 2024"]
    front += ["tables:", "  milestones:", "    caption: Milestones reported to the committee", "    columns: [Milestone, Date, Owner]", "    rows:"]
    front += [f"      - [{q(writer.sentence(4))}, {MONTHS[month]} 2024, CERP]" for month in range(6)]
    front.append("---")
    return "\n".join(front) + "\n\n" + _body(writer, inspection_id) + "\n"


def _body(writer: Writer, inspection_id: str) -> str:
    parts = ["**PURPOSE**", writer.prose(3), "## 1. BACKGROUND"]
    parts += [f"1.{n} {writer.prose(4)}" for n in range(1, 4)]
    parts += ["## 2. PROGRESS", f"[[status-table {inspection_id}]]", writer.prose(5)]
    parts += ["\n".join(f"- {writer.sentence(12)}" for _ in range(5)), "[[table milestones]]", "### 2.1 Recommendations"]
    parts += [f"[[recommendations {inspection_id}]]", writer.prose(6), "## 3. CONSIDERATIONS"]
    parts += [f"3.{n} **{writer.sentence(2).rstrip('.')}** {writer.prose(3)}" for n in range(1, 6)]
    return "\n\n".join(parts)
