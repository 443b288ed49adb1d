"""The [[directives]] a paper's body may hold, declared once.

A directive is a line such as `[[status-table crime-audit-2020]]` that the
site replaces with a block. Each is declared here with what its argument
names (one of the paper's tables, or an inspection), what else it needs,
and the macro of templates/blocks.html.j2 that renders it: the checks
(model/checks.py) and the renderer (pages/render.py) both read this, and a
test holds every macro named here to the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A directive line: [[name argument]].
DIRECTIVE = re.compile(r"^\[\[([a-z-]+)(?:\s+([^\]]*))?\]\]\s*$")


@dataclass(frozen=True)
class Directive:
    name: str
    macro: str  # in templates/blocks.html.j2, called with (paper, argument)
    argument: str  # what the argument names: "table" (in the paper's front matter), "inspection", or "positions" (an inspection and numbers)
    needs_stated_counts: bool = False  # the paper's positions must give the inspection's status table


DIRECTIVES = {
    directive.name: directive
    for directive in (
        Directive("status-table", "status_table", "inspection", needs_stated_counts=True),
        Directive("table", "table", "table"),
        Directive("recommendations", "recommendations", "inspection"),
        Directive("areas-for-development", "areas_for_development", "inspection"),
        # A marker, not a block: it links the text after it to positions (content/narratives.py).
        Directive("narrative", "narrative", "positions"),
    )
}
