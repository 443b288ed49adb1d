"""What search keeps of one finished page: its words, how much each counts,
its filters and what a result shows.

The pages say what is indexed (the theme and the page templates write it):

- `data-search-body` marks the one part of a page that is indexed: the
  content of papers', meetings', inspections' and recommendations' pages.
  A page without it is not indexed (lists, the home page, the glossary).
- `data-search-ignore` leaves out a part of it (breadcrumbs, the hidden
  expansion after an acronym's first use); so do `hidden` elements, scripts
  and styles: a reader never sees their text on the page.
- `data-search-weight="N"` makes the words inside count N times (a
  recommendation's own text on its page); otherwise a heading's words count
  as HEADING_WEIGHTS says and other words once.
- `data-search-filter="name"` with `data-value` files the page under a
  filter's value (kind, year, status, inspection); `data-search-meta` with
  `data-value` is shown with a result: its title (the page's own title,
  which names it among its siblings: a section's title names the section
  and its paper; else the page's h1) and where the page sits.

Words are compared as `terms` makes them, and the search page's script
makes them the same way (theme/assets/javascripts/search.js, `terms`; a
browser test holds the two to agreement on every indexed page).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

# How much a heading's words count, where body text counts 1: a heading
# names what follows it, the page's h1 names the page.
HEADING_WEIGHTS = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
# Elements whose text a reader never sees in the page's flow.
UNSEEN = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
# Elements inside a line of text: no word break at their edges.
INLINE = frozenset(["a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"])
WORD = re.compile(r"[^\W_]+")
NOT_ASCII = re.compile(r"[^\x00-\x7f]")
PASSAGE_WORDS = 400  # about 2.5 kB of text, 1 kB compressed: a result costs little, a page has few files


def fold(text: str) -> str:
    """Lower case without accents: "Équipe" and "equipe" are one word."""
    if text.isascii():  # most of the text, and nothing to take off it
        return text.lower()
    return NOT_ASCII.sub(_unmarked, unicodedata.normalize("NFKD", text)).lower()


@functools.lru_cache(maxsize=4096)
def _unmarked_character(character: str) -> str:
    return "" if unicodedata.category(character).startswith("M") else character


def _unmarked(match: re.Match[str]) -> str:
    return _unmarked_character(match.group())


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Plurals to their singular, by Harman's S-stemmer (1991): "recommendations"
    finds "recommendation", "inquiries" finds "inquiry". Three rules and no
    more, so that the search page's script can make exactly the same stems."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The words of a text as search compares them."""
    return [stem(word) for word in WORD.findall(fold(text))]


@dataclass
class PageText:
    """One page as search keeps it."""

    title: str = ""
    runs: list[tuple[str, int]] = field(default_factory=list)  # (text, weight) in reading order
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """The page's words as a reader sees them, one space between each."""
        return " ".join(self.words())

    def words(self) -> list[str]:
        return "".join(text for text, _ in self.runs).split()

    def passages(self) -> list[str]:
        """The page's text in stretches of PASSAGE_WORDS words (at least one,
        perhaps empty): a result fetches only the stretch its excerpt is cut from."""
        words = self.words()
        return [" ".join(words[start : start + PASSAGE_WORDS]) for start in range(0, max(len(words), 1), PASSAGE_WORDS)]

    def indexed(self) -> IndexedText:
        """What the index keeps of the page's words, read once.

        Each stretch's words count 1 each, and the stretch a term is first
        met in is noted; then each stretch of weightier runs, such as a
        heading, adds what its words count beyond 1. Stretches are cut at
        spaces, so a word split by inline markup ("<em>Re</em>commendation")
        is one word; weights change only at the edges of elements that
        break a line (headings, the recommendation's text), so no word
        straddles two weights."""
        passages = self.passages()
        weights: Counter[str] = Counter()
        first_passage: dict[str, int] = {}
        for number, passage in enumerate(passages):
            found = terms(passage)
            weights.update(found)
            for term in dict.fromkeys(found):
                first_passage.setdefault(term, number)
        length = sum(weights.values())
        for weight, texts in itertools.groupby(self.runs, key=lambda run: run[1]):
            if weight > 1:
                for term in terms("".join(text for text, _ in texts)):
                    weights[term] += weight - 1
        return IndexedText(passages, weights, first_passage, length)


@dataclass(frozen=True)
class IndexedText:
    """A page's text in stretches, each term with the sum of its
    occurrences' weights and the stretch it is first met in, and how many
    words the page has."""

    passages: list[str]
    weights: Counter[str]
    first_passage: dict[str, int]
    length: int


class MarkupProblem(Exception):
    """A page marks its search parts in a way the index cannot follow."""


def read_page(html: bytes) -> PageText | None:
    """What search keeps of a page, or None if the page asks not to be indexed."""
    if b"data-search-body" not in html:
        return None
    root = etree.fromstring(html, etree.HTMLParser(encoding="utf-8"))
    bodies = root.xpath("//*[@data-search-body]")
    if len(bodies) != 1:
        raise MarkupProblem(f"{len(bodies)} parts are marked data-search-body; a page has one")
    page = PageText()
    _walk(bodies[0], 1, page)
    heading = bodies[0].xpath(".//h1")
    page.title = page.meta.pop("title", "") or (_shown_text(heading[0]) if heading else "")
    return page


def _walk(element: Any, weight: int, page: PageText) -> None:
    """Add an element's text to the page's runs, with the weight it counts."""
    page.runs.append((element.text or "", weight))
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""  # comments have no tag
        if tag and not _noted(child, page) and not _skipped(child, tag):
            gap = "" if tag in INLINE else " "
            page.runs.append((gap, weight))
            _walk(child, int(child.get("data-search-weight") or HEADING_WEIGHTS.get(tag, weight)), page)
            page.runs.append((gap, weight))
        page.runs.append((child.tail or "", weight))


def _skipped(element: Any, tag: str) -> bool:
    return tag in UNSEEN or element.get("hidden") is not None or element.get("data-search-ignore") is not None


def _noted(element: Any, page: PageText) -> bool:
    """Take a filter's or a result's fact from the element that states it."""
    name, meta = element.get("data-search-filter"), element.get("data-search-meta")
    if name is None and meta is None:
        return False
    if name is not None:
        page.filters.setdefault(name, []).append(element.get("data-value", ""))
    if meta is not None:
        page.meta[meta] = element.get("data-value", "")
    return True


def _shown_text(element: Any) -> str:
    heading = PageText()
    _walk(element, 1, heading)
    return heading.text()
