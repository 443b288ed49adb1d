"""Make Material's page markup valid HTML, after the theme has written it.

Three of Material's errors under the Nu Html Checker are in markup that no
documented block reaches (base.html's body and the navigation macros), so
they are corrected here, on the finished page, rather than by copying
Material's templates:

- `autocomplete="off"` on the hidden drawer and search toggle checkboxes
  (the attribute is not allowed on checkboxes; two errors a page);
- `tabindex=""` on section labels of nested navigation (an empty tabindex is
  invalid; Material means "not focusable", which is leaving it out);
- `for="__toc"` on the table of contents title when the page has no
  `__toc` toggle (a label must name a form control that exists);
- the `__search` toggle, which no label names since the site's own search
  form replaced Material's (kept: Material's script looks for it), is named;
- the `__toc` toggle itself on a page without a table of contents, which
  no label names and nothing opens (HTML_CodeSniffer: a form control
  without a name, WCAG 1.3.1 and 4.1.2).

Each rewrite matches Material's exact output (checked with Material 9.8);
the accessibility tests run the Nu checker on every page, so a Material
update that changes this markup fails there rather than slipping through.
"""

from __future__ import annotations

import re
from typing import Any

TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?) tabindex=""')
TOC_LABEL_FOR = re.compile(r'(<label class="md-nav__title") for="__toc"')
SEARCH_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search")>')
TOC_TOGGLE = re.compile(r'\s*<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">')


def valid_markup(html: str) -> str:
    """The page with Material's known invalid attributes removed."""
    html = TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = EMPTY_TABINDEX.sub(r"\1", html)
    if 'for="__search"' not in html:
        html = SEARCH_TOGGLE.sub(r'\1 aria-label="Search">', html)
    if 'for="__toc"' not in html:
        html = TOC_TOGGLE.sub("", html)
    if 'id="__toc"' not in html:
        html = TOC_LABEL_FOR.sub(r"\1", html)
    return html


def on_post_page(output: str, page: Any, config: Any) -> str:
    """MkDocs hook: every page's finished HTML passes through valid_markup."""
    return valid_markup(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """MkDocs hook: static templates (the 404 page) get the same corrections."""
    return valid_markup(output_content) if template_name.endswith(".html") else output_content
