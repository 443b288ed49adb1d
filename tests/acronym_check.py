"""Whether a built page marks the first use of every glossary term it uses.

Read from the finished HTML, whatever made the page: the page's article
text, in document order, less the parts the acronym pass leaves alone by
design (headings, navigation, links, code, lines in capitals). A term met
there before any marked use of it is a first use left unmarked.
"""

from __future__ import annotations

from collections.abc import Collection

from bs4 import BeautifulSoup, NavigableString, Tag

from generator.model.glossary import LOWER, WORD, is_acronym, singular

# Headings, navigation, links and code are left alone by design; a form
# control's text (an option of a select) cannot hold a link.
LEFT_ALONE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "nav", "a", "abbr", "code", "pre", "script", "style", "svg", "title", "option", "select", "textarea"})


def glossary_term(word: str, terms: Collection[str]) -> str | None:
    """The glossary term a word is a use of (a plural counts), if any."""
    if not is_acronym(word):
        return None
    return word if word in terms else singular(word) if singular(word) in terms else None


def left_alone(text: NavigableString, article: Tag) -> bool:
    for parent in text.parents:
        if parent is article:
            return False
        if parent.name in LEFT_ALONE:
            return True
    return False


def unmarked_first_uses(html: str, terms: Collection[str]) -> list[str]:
    """Each glossary term whose first use in the page's text is not marked."""
    soup = BeautifulSoup(html, "lxml")
    article = soup.select_one("article") or soup.body
    if article is None:
        return []
    seen: set[str] = set()
    problems = []
    for text in article.find_all(string=True):
        if type(text) is not NavigableString:
            continue  # comments and the like
        mark = text.find_parent("a", class_="acronym")
        if mark is not None:
            term = glossary_term(str(text), terms) if text.parent is not None and text.parent.name == "abbr" else None
            seen.update([term] if term else [])
            continue
        if left_alone(text, article) or not LOWER.search(text):
            continue
        for match in WORD.finditer(text):
            term = glossary_term(match[0], terms)
            if term and term not in seen:
                seen.add(term)
                problems.append(f"{term}: first use not marked, in {' '.join(text.split())[:80]!r}")
    return problems
