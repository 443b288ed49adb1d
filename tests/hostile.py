"""A content tree with a value in every text field of every file kind.

`write_tree(root, text, markdown)` puts `text` in every plain-text field
and `markdown` in every Markdown field (and the paper bodies), so one tree
carries an attack into every place content can reach a page. Values are
written as JSON strings, which YAML reads as double-quoted scalars.
"""

from __future__ import annotations

import json
from pathlib import Path

PAPER = "papers/2024-09-18-hostile-paper.md"
SECOND_PAPER = "papers/2024-09-18-second-paper.md"
INSPECTION = "inspections/hostile.yml"
MEETING = "meetings/2024-09-18-hostile-committee.yml"
PLAN = "plans/hostile-plan.yml"
PROGRESS_PLAN = "plans/hostile-progress-plan.yml"
GLOSSARY = "glossary.yml"


def _files(t: str, m: str) -> dict[str, str]:
    cover = f"""\
title: {t}
meeting: 2024-09-18-hostile-committee
cover_sheet:
  meeting: {t}
  date: 18 September 2024
  location: {t}
  title: {t}
  presented_by: {t}
  recommendation_to_members: {t}
  appendix_attached: {t}
summary: {m}
"""
    return {
        INSPECTION: f"""\
inspectorate: {t}
title: {t}
short_title: {t}
published: 2022-09
type: {t}
recommendations:
  - number: 1
    text: {m}
    lead: {t}
areas_for_development:
  - section: {t}
    text: {m}
    actions: ["1.1"]
""",
        MEETING: f"""\
committee: {t}
date: 2024-09-18
location: {t}
agenda:
  - paper: 2024-09-18-hostile-paper
    item: {t}
  - paper: 2024-09-18-second-paper
""",
        PAPER: f"""\
---
{cover}appendices:
  - label: {t}
    title: {t}
    plan: hostile-plan
  - label: {t}
    title: {t}
    plan: hostile-progress-plan
  - label: {t}
    title: {t}
    paper: 2024-09-18-second-paper
positions:
  - inspection: hostile
    stated_counts:
      total: 1
      closed: 0
      ongoing_on_track: 0
      ongoing_delayed: 1
    recommendations:
      - number: 1
        status: ongoing-delayed
tables:
  hostile:
    caption: {t}
    columns: [{t}, {t}]
    rows:
      - [{t}, {t}]
    note: {t}
---

## Background

BODY

[[table hostile]]

[[status-table hostile]]

[[recommendations hostile]]

[[areas-for-development hostile]]
""",
        SECOND_PAPER: f"""\
---
{cover}---

## Background

BODY
""",
        PLAN: f"""\
inspection: hostile
title: {t}
date: 2024-08
details:
  - label: {t}
    value: {t}
introduction: {m}
recommendations:
  - number: 1
    text: {m}
    lead: {t}
    actions:
      - number: "1.1"
        text: {m}
        owner: {t}
        updates:
          - label: {t}
            text: {m}
        target_dates:
          - date: 2024-12
            label: {t}
            range: {t}
            rationale: {m}
      - number: "1.2"
        text: {m}
        completion_note: {m}
closing: {m}
""",
        PROGRESS_PLAN: f"""\
inspection: hostile
title: {t}
date: 2024-08
progress_heading: {t}
recommendations:
  - number: 1
    text: {m}
    progress: {m}
    target_dates: [2024-12]
""",
        GLOSSARY: f"""\
terms:
  - term: {t}
    expansion: {t}
""",
    }


def write_tree(root: Path, text: str, markdown: str) -> Path:
    """Write the tree under root/content; return the content folder."""
    content = root / "content"
    for relative, source in _files(json.dumps(text), json.dumps(markdown)).items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.replace("BODY", markdown), encoding="utf-8")
    return content
