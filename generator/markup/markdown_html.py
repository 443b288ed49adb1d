"""Editors' Markdown to HTML, each distinct text converted once per process.

Two stages read the same texts: the untrusted-content check (untrusted.py)
converts every Markdown field to see what the site engine would make of it,
and rendering places the Markdown of table cells and notes as HTML. Both
take the conversion from `convert`, with the engine's own extensions
(engine/conventions.py), so a
text is converted once however many stages and pages use it (the same
recommendation appears on several pages, and the preview renders the site
again after every save).

Python-Markdown costs about a millisecond a text however plain it is, so a
text made only of plain paragraphs (no character Markdown gives a meaning
to, no line that could start a list, heading, quote or code block) is
wrapped in <p> directly, exactly as Python-Markdown would
(tests/test_incremental.py holds the two side by side); anything else goes
through Python-Markdown.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple

import markdown
from markdown.postprocessors import Postprocessor
from markupsafe import Markup

from generator.engine.conventions import MARKDOWN_EXTENSIONS

# Characters with a meaning in Markdown or HTML, and tabs and carriage returns.
SPECIAL = re.compile(r"[\\`*_\[\]<>&#!|~{}\t\r]|\A[-+=>:\s]|\A\d+[.)]|\s\Z|  ")


class Conversion(NamedTuple):
    """A text as HTML: as the engine would write it, and without any raw HTML it held."""

    html: str
    html_without_raw: str
    raw_html: tuple[str, ...]


def plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of a text with nothing for Markdown to do, or None."""
    paragraphs = text.strip("\n").split("\n\n")
    if any(not paragraph or "\n" in paragraph or SPECIAL.search(paragraph) for paragraph in paragraphs):
        return None
    return paragraphs


@functools.cache
def convert(text: str) -> Conversion:
    """The text as the site engine's Markdown would make it."""
    paragraphs = plain_paragraphs(text)
    if paragraphs is not None:
        html = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        return Conversion(html, html, ())
    converter, restore_raw_html = _converter()
    without_raw = converter.reset().convert(text)
    raw_html = tuple(str(raw) for raw in converter.htmlStash.rawHtmlBlocks)
    return Conversion(restore_raw_html.run(without_raw) if raw_html else without_raw, without_raw, raw_html)


@functools.cache
def _converter() -> tuple[markdown.Markdown, Postprocessor]:
    """One converter for every text (reset before each): building one per text is slow.

    Raw HTML is left in the converter's stash, for the check to report, and
    put back only into the HTML that is rendered.
    """
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
    restore_raw_html = converter.postprocessors["raw_html"]
    converter.postprocessors.deregister("raw_html")
    return converter, restore_raw_html


class MarkdownToHtml:
    """Each distinct text's conversion, `finish`ed (e.g. sanitised) once."""

    def __init__(self, finish: Callable[[str], str] = str) -> None:
        self.finish = finish
        self.converted: dict[str, Markup] = {}

    def __call__(self, text: str) -> Markup:
        html = self.converted.get(text)
        if html is None:
            html = self.converted[text] = Markup(self.finish(convert(text).html))
        return html
