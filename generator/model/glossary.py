"""Acronyms: found in the content, checked against content/glossary.yml, and
marked up on every page.

The papers use well over a hundred acronyms (C3, CAM, CERP, THRIVE, ...).
A reader who does not know one must be able to find out what it means
whatever way they read: so the first use on each page links to its glossary
entry, the link's text carries the expansion for screen readers, keyboard
focus shows it on screen (theme CSS), and a pointer gets the <abbr> title.
Later uses on the same page are left as they are, so the text stays the
papers' own.

An acronym used but not in the glossary is a warning, not an error: the
site is still correct, only less helpful (and --strict makes it an error).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.common.problems import Location, Problems, Severity
from generator.model.objects import GlossaryTerm

# A candidate word: capitals, digits and ampersands, a lower-case letter only
# between capitals (PSoS, FfC), and an optional plural s (LPAs). Templates
# write an ampersand as &amp; (G&amp;I), which is the same word.
WORD = re.compile(r"(?<![\w&'’/.@-])[A-Z](?:&amp;|[A-Za-z0-9&])*(?![\w&])")
SHAPE = re.compile(r"^(?:[A-Z0-9&]|[a-z](?=[A-Z]))+s?$")
LOWER = re.compile(r"[a-z]")
COMMENT = re.compile(r"^\s*#(?!#)")
TRAILING_COMMENT = re.compile(r"\s#(?!#).*$")


def is_acronym(word: str) -> bool:
    """Whether a word is written as an acronym: two capitals, or a capital and a digit."""
    if len(word) < 2 or not SHAPE.match(word):
        return False
    capitals = sum(1 for c in word if c.isupper())
    return capitals >= 2 or (capitals == 1 and any(c.isdigit() for c in word))


def singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 2 and word[-2].isupper() else word


def acronyms_in_line(line: str) -> Iterator[tuple[int, str]]:
    """(column, acronym) in a line of text. A line without any lower-case
    letter is a heading in capitals (PURPOSE, FINANCIAL IMPLICATIONS), whose
    words are not acronyms, and is passed over."""
    if not LOWER.search(line):
        return
    for match in WORD.finditer(line):
        if is_acronym(match[0]):
            yield match.start() + 1, match[0]


@dataclass(frozen=True)
class Use:
    """Where an acronym is first used."""

    acronym: str
    location: Location


def acronym_uses(path: Path, text: str) -> dict[str, Use]:
    """Each acronym one content file uses (not in YAML comments), at its first use there.

    Taken from the text the loader has already read, so the check reads no
    file twice, and the preview's cache of each file's result covers it.
    """
    uses: dict[str, Use] = {}
    yaml_lines = _yaml_line_count(path, text)
    for number, line in enumerate(text.split("\n"), start=1):
        if number <= yaml_lines:
            line = _without_comment(line)
        for column, word in acronyms_in_line(line):
            uses.setdefault(singular(word), Use(word, Location(path, number, column)))
    return uses


def _yaml_line_count(path: Path, text: str) -> int:
    """How many of the file's first lines are YAML: all of a .yml file, a paper's front matter."""
    lines = text.split("\n")
    if path.suffix == ".yml":
        return len(lines)
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0) if lines and lines[0].strip() == "---" else 0
    return closing + 1


def _without_comment(line: str) -> str:
    """A YAML line without its comment: comments are notes to editors, not content.

    "## 1. PURPOSE" in a block of Markdown is a heading, not a comment, and stays.
    """
    if COMMENT.match(line):
        return ""
    return TRAILING_COMMENT.sub("", line)


def first_uses(per_file: list[dict[str, Use]]) -> dict[str, Use]:
    """Each acronym at its first use in the content, files taken in the order given."""
    uses: dict[str, Use] = {}
    for file_uses in per_file:
        for key, use in file_uses.items():
            uses.setdefault(key, use)
    return uses


def check_glossary(uses: dict[str, Use], glossary: list[GlossaryTerm], not_acronyms: list[str], problems: Problems) -> None:
    """Warn of each acronym used in the content but not in the glossary.

    Only content with a glossary is checked: without content/glossary.yml
    the site marks up no acronyms, and there is nothing to keep complete.
    """
    if not glossary:
        return
    defined = {term.term for term in glossary} | set(not_acronyms)
    for key, use in sorted(uses.items()):
        if use.acronym not in defined and key not in defined:
            problems.add(
                use.location,
                f'the acronym "{use.acronym}" is not in the glossary',
                f"add it to content/glossary.yml with its expansion: - term: {key}",
                Severity.WARNING,
            )


def term_anchor(term: str) -> str:
    """The glossary page's fragment for a term, & as "and". Case is kept:
    PSOS and PSoS are both in the papers, and are two entries."""
    return "term-" + re.sub(r"[^A-Za-z0-9]+", "-", term.replace("&", "-and-")).strip("-")


# Parts of a Markdown page that must not get a link inside them: front
# matter, headings, navigation (the breadcrumb trail), HTML tags, links
# (Markdown and HTML), abbr elements,
# code. Everything else is text where an acronym may be marked up.
PROTECTED = re.compile(
    r"\A\s*---\n.*?\n---\n"
    r"|^#{1,6} [^\n]*$"
    r"|<nav\b.*?</nav>"
    r"|<a\b.*?</a>"
    r"|<abbr\b.*?</abbr>"
    r"|<(?:code|pre|script|style)\b.*?</(?:code|pre|script|style)>"
    r"|<[^>\n]*>"
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"
    r"|`[^`\n]*`",
    re.DOTALL | re.MULTILINE,
)


def mark_acronyms(text: str, glossary: dict[str, GlossaryTerm], markup: Callable[[str, GlossaryTerm], str]) -> str:
    """The page with the first use of each glossary term marked up by `markup`."""
    done: set[str] = set()

    def mark_text(segment: str) -> str:
        return "\n".join(mark_line(line) for line in segment.split("\n"))

    def mark_line(line: str) -> str:
        def replace(match: re.Match[str]) -> str:
            word = html.unescape(match[0])
            term = glossary.get(word) or glossary.get(singular(word))
            if term is None or term.term in done or not is_acronym(word):
                return match[0]
            done.add(term.term)
            return markup(word, term)

        return WORD.sub(replace, line) if LOWER.search(line) else line

    pieces, position = [], 0
    for protected in PROTECTED.finditer(text):
        pieces.append(mark_text(text[position : protected.start()]))
        pieces.append(protected[0])
        position = protected.end()
    pieces.append(mark_text(text[position:]))
    return "".join(pieces)
