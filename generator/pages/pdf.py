"""Each paper's full document as an accessible PDF (PDF/UA-1), made from the same content.

The site's pages are for the screen; the full document is for reading and
printing whole. It is printed by WeasyPrint from a print template of its own
(templates/print/paper.html.j2: the paper's title, summary, meeting and
every section, from the same Markdown parts as the paper's pages), never
from a Material page, which takes tens of seconds to lay out. WeasyPrint's
PDF/UA-1 variant tags headings, lists, tables and figures, sets the
language, shows the title as the window title, embeds the fonts and makes
bookmarks from the headings; it does not give table header cells a /Scope,
so `add_header_scopes` adds it: a TH in a table's head row is a column's
header, any other TH is its row's (as every table of the site is marked).

A PDF costs about a second a paper, so each is kept in a cache outside
site/ (.cache/pdf/ by default), named by a hash of its print HTML and of
the WeasyPrint version: a paper's PDF is printed again only when what it
prints changed, its own text or that of a paper or plan it appends. The
files are copied into the build before the build is checked and swapped in
(engine/publish.py), so site/ stays atomic.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from markupsafe import Markup

from generator.markup.markdown_html import convert
from generator.model.objects import Paper
from generator.model.sections import Section
from generator.pages import addresses
from generator.pages.documents import FullDocument
from generator.pages.render import Renderer

PRINT_TEMPLATE = "print/paper.html.j2"
DEFAULT_CACHE = Path(".cache/pdf")
CACHE_DAYS = 30  # a cached PDF unused this long is removed
# A paper longer than this (its print HTML, in characters) gets no PDF: it
# would run to thousands of pages and take minutes to lay out. The longest
# real paper's is 100,000 (42 pages).
LONGEST_PRINTED = 2_000_000
SCOPES = {True: "/Column", False: "/Row"}


def print_html(renderer: Renderer, paper: Paper) -> str:
    """The HTML a paper's PDF is printed from; its links lead from where the PDF is served."""
    here = addresses.paper_uri(paper.identifier)
    sections: list[Section] = renderer.sections(paper)
    texts = {section.slug: renderer.expand_directives(paper, section.text, here) for section in sections}
    return renderer.env.get_template(PRINT_TEMPLATE).render(content=renderer.content, derived=renderer.derived, page_uri=here, paper=paper, sections=sections, texts=texts, as_html=as_html)


def as_html(markdown_text: str) -> Markup:
    """The print template's Markdown as HTML, as the site engine's extensions make it."""
    return Markup(convert(str(markdown_text)).html)


def full_documents(renderer: Renderer, cache: Path = DEFAULT_CACHE) -> dict[str, FullDocument]:
    """Every paper's PDF, from the cache or printed now; removes what the cache no longer needs."""
    documents = {}
    cache.mkdir(parents=True, exist_ok=True)
    for paper in renderer.derived.papers_by_date:
        html = print_html(renderer, paper)
        if len(html) > LONGEST_PRINTED:
            continue
        key = hashlib.sha256(f"{engine_version()}\n{html}".encode()).hexdigest()
        documents[paper.identifier] = cached(cache, key, paper.identifier) or printed(cache, key, paper.identifier, html)
    prune(cache)
    return documents


def engine_version() -> str:
    return f"weasyprint {version('weasyprint')}"


def cached(cache: Path, key: str, paper_id: str) -> FullDocument | None:
    """The PDF printed before from the same HTML, if the cache holds it."""
    path, facts = cache / f"{key}.pdf", cache / f"{key}.json"
    if not (path.is_file() and facts.is_file()):
        return None
    os.utime(path)  # recently used: kept by prune()
    pages = json.loads(facts.read_text(encoding="utf-8"))["pages"]
    return FullDocument(paper_id, path, int(pages), path.stat().st_size)


def printed(cache: Path, key: str, paper_id: str, html: str) -> FullDocument:
    """Print the PDF and keep it in the cache (written whole, then renamed into place)."""
    data, pages = write_pdf(html)
    # The pipeline pauses the cyclic collector (pipeline.collector_paused) and
    # a laid-out document is full of cycles: without this, every PDF's layout
    # stayed in memory to the end (1.7 GB at 10x, was 0.2 GB without PDFs).
    gc.collect()
    path = cache / f"{key}.pdf"
    _write_atomically(cache / f"{key}.json", json.dumps({"pages": pages, "paper": paper_id}).encode())
    _write_atomically(path, data)
    return FullDocument(paper_id, path, pages, len(data))


def write_pdf(html: str) -> tuple[bytes, int]:
    """The PDF/UA-1 bytes of the print HTML, and its number of pages."""
    try:
        from weasyprint import HTML  # about a second to import: only when a PDF is printed
    except OSError as error:  # WeasyPrint loads Pango when imported
        raise RuntimeError(f"WeasyPrint cannot print the papers' PDFs ({error}); install Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0), as make site does") from error

    document = HTML(string=html).render()
    data = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    assert data is not None
    return add_header_scopes(data), len(document.pages)


def add_header_scopes(data: bytes) -> bytes:
    """Give every TH of the structure tree a /Scope: Column in a head row, Row elsewhere."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        _scope_headers(pdf.Root.get("/StructTreeRoot"), in_head=False)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _scope_headers(element: object, in_head: bool) -> None:
    import pikepdf

    if not isinstance(element, pikepdf.Dictionary):
        return
    role = str(element.get("/S", ""))
    if role == "/TH":
        attributes = element.get("/A")
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = element.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
        attributes.Scope = pikepdf.Name(SCOPES[in_head])
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        _scope_headers(kid, in_head or role == "/THead")


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def prune(cache: Path) -> None:
    """Remove cached PDFs unused for CACHE_DAYS (a paper edited many times
    leaves many), and what a build killed while writing one left an hour ago."""
    now = time.time()
    for path in cache.glob("*.pdf"):
        if path.stat().st_mtime < now - CACHE_DAYS * 86400:
            path.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)
    for part in cache.glob(".part-*"):
        if part.stat().st_mtime < now - 3600:
            part.unlink(missing_ok=True)
