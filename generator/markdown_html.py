"""Editors' Markdown to HTML for table cells and notes, each text once.

Plans hold thousands of short texts (actions, updates), most of them plain
sentences. Python-Markdown costs about a millisecond a text however plain
it is, so a text made only of plain paragraphs (no character Markdown
gives a meaning to, no line that could start a list, heading, quote or
code block) is wrapped in <p> directly, exactly as Python-Markdown would
(tests/test_markdown_html.py holds the two side by side); anything else
goes through Python-Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown
from markupsafe import Markup

# Characters with a meaning in Markdown or HTML, and tabs and carriage returns.
SPECIAL = re.compile(r"[\\`*_\[\]<>&#!|~{}\t\r]|\A[-+=>:\s]|\A\d+[.)]|\s\Z|  ")


def plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of a text with nothing for Markdown to do, or None."""
    paragraphs = text.strip("\n").split("\n\n")
    if any(not paragraph or "\n" in paragraph or SPECIAL.search(paragraph) for paragraph in paragraphs):
        return None
    return paragraphs


class MarkdownToHtml:
    """Converts each distinct text once, with one reusable converter, then `finish`es it (e.g. sanitises).

    The same recommendation appears on several pages, and the preview
    renders the site again after every save.
    """

    def __init__(self, finish: Callable[[str], str] = str) -> None:
        self.converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self.finish = finish
        self.converted: dict[str, Markup] = {}

    def __call__(self, text: str) -> Markup:
        html = self.converted.get(text)
        if html is None:
            html = self.converted[text] = Markup(self.finish(self._convert(text)))
        return html

    def _convert(self, text: str) -> str:
        paragraphs = plain_paragraphs(text)
        if paragraphs is None:
            return str(self.converter.reset().convert(text))
        return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
