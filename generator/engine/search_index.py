"""Search: an index of the finished site in small parts, so that a reader's
first query fetches only what it needs.

A whole-site index (Material's lunr `search_index.json`) grows with the
archive and is fetched whole before the first result: 3.5 MB compressed at
50 times the bundled content. Pagefind splits its index, but its own
program (WebAssembly, script and worker: 97 kB compressed) is fetched
before any of it, and its word chunks, which keep every word's positions,
reached 130 kB each at that size. This index keeps what ranking needs and
no more, written as plain JSON files under site/search-index/:

- `meta.json`: the number of pages, the first term of each word file, the
  filters' names, and a version (a hash of every other file), which the
  script adds to every other address so that a browser never mixes files
  of two builds;
- `words/N.json`: terms in sorted order, each with its pages, their
  scores (BM25 over the weighted words, worked out here, so the script only
  adds them up) and the stretch of the page's text it first appears in:
  page numbers as differences from the previous one, each followed by its
  score in tenths and that stretch's number;
- `pages/N.json`: what a result shows (address, title, where it sits, and
  the first stretch of the page's text, about 400 words, from which the
  script cuts an excerpt), and how many stretches the page has;
  `pages/N/S.json`: the page's later stretches, fetched only for a result
  whose words first appear there: a long paper costs what a short page
  costs;
- `filters/NAME.json`: each value of a filter with its pages.

A query fetches the metadata, one word file per word, the filter files it
uses and the pages of the ten results it shows (docs/search.md). What a
page gives search is decided in the page (search_text.py).
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.engine.search_text import MarkupProblem, PageText, read_page

INDEX_FOLDER = "search-index"
# BM25's constants: how soon more of a word stops counting (k1), and how
# much a long page's words are discounted for its length (b).
SATURATION, LENGTH_DISCOUNT = 1.4, 0.75
SCORE_SCALE = 10  # scores are written in tenths: whole numbers are shorter
# A word file holds terms in order until it is this long; a term whose
# pages alone are longer has a file of its own.
WORD_FILE_CHARACTERS = 12_000
UTF16 = "utf-16-be"  # the script compares terms as JavaScript does, by UTF-16 code units


class IndexFailed(Exception):
    """A page cannot be indexed; the message names it and says why."""


class IndexStopped(Exception):
    """The preview stopped indexing: a newer change will index the site again."""


@dataclass
class Postings:
    """Every page's weighted terms, gathered page by page."""

    pages: list[ShownPage] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    # Each term's pages, the sum of its weights there, and the stretch it first appears in.
    terms: dict[str, tuple[list[int], list[int], list[int]]] = field(default_factory=dict)

    def add(self, uri: str, page: PageText) -> None:
        number = len(self.pages)
        text = page.indexed()
        self.pages.append(ShownPage(uri, page.title, page.meta, text.passages, page.filters))
        self.lengths.append(text.length)
        for term, weight in text.weights.items():
            numbers, weights, passages = self.terms.setdefault(term, ([], [], []))
            numbers.append(number)
            weights.append(weight)
            passages.append(text.first_passage[term])

    def scored(self, term: str, average: float) -> list[int]:
        """A term's pages, as written: [gap, score, stretch, gap, score, stretch, ...];
        `average` is the pages' average length in words."""
        numbers, weights, passages = self.terms[term]
        rarity = math.log(1 + (len(self.pages) - len(numbers) + 0.5) / (len(numbers) + 0.5))
        written, previous = [], 0
        for number, weight, passage in zip(numbers, weights, passages, strict=True):
            scale = 1 - LENGTH_DISCOUNT + LENGTH_DISCOUNT * self.lengths[number] / average
            score = rarity * weight * (SATURATION + 1) / (weight + SATURATION * scale)
            written += [number - previous, max(1, round(score * SCORE_SCALE)), passage]
            previous = number
        return written


@dataclass
class ShownPage:
    """What a result shows of a page, and the filters it is found by."""

    uri: str
    title: str
    meta: dict[str, str]
    passages: list[str]
    filters: dict[str, list[str]]


def build_index(site: Path, output: Path, stop: Callable[[], bool] = lambda: False) -> None:
    """Index the HTML pages under site/ into the folder `output`; end early
    (IndexStopped) as soon as `stop()` is true."""
    postings = Postings()
    for uri, path in _pages(site):
        if stop():
            raise IndexStopped
        try:
            page = read_page(path.read_bytes())
        except MarkupProblem as problem:
            raise IndexFailed(f"{uri}: {problem}") from None
        if page is not None:
            postings.add(uri, page)
    _write(output, _files(postings))


def _pages(site: Path) -> list[tuple[str, Path]]:
    """Every page of the site by its address, in the order of the addresses (a
    page's number in the index is its place in this order)."""
    pages = [(path.parent.relative_to(site), path) for path in site.rglob("index.html")]
    return sorted((folder.as_posix() + "/" if folder.parts else "", path) for folder, path in pages if not _ours(folder))


def _ours(folder: Path) -> bool:
    """The index's own folders, and those the preview writes it in."""
    return bool(folder.parts) and (folder.parts[0] == INDEX_FOLDER or folder.parts[0].startswith("."))


def _files(postings: Postings) -> Iterator[tuple[str, Any]]:
    """Every file of the index by its path in the index, the metadata last."""
    firsts: list[str] = []
    for number, chunk in enumerate(_word_files(postings)):
        firsts.append(next(iter(chunk)))
        yield f"words/{number}.json", chunk
    for number, page in enumerate(postings.pages):
        yield f"pages/{number}.json", {"url": page.uri, "title": page.title, "meta": page.meta, "text": page.passages[0], "passages": len(page.passages)}
        for passage, text in enumerate(page.passages[1:], start=1):
            yield f"pages/{number}/{passage}.json", text
    filters = _filters(postings)
    for name, values in filters.items():
        yield f"filters/{name}.json", values
    yield "meta.json", {"pages": len(postings.pages), "words": firsts, "filters": sorted(filters)}


def _word_files(postings: Postings) -> Iterator[dict[str, list[int]]]:
    chunk: dict[str, list[int]] = {}
    size = 0
    average = sum(postings.lengths) / len(postings.lengths)
    for term in sorted(postings.terms, key=lambda term: term.encode(UTF16)):
        scored = postings.scored(term, average)
        if chunk and size + len(scored) * 2 > WORD_FILE_CHARACTERS:
            yield chunk
            chunk, size = {}, 0
        chunk[term] = scored
        size += len(term) + len(scored) * 2
    if chunk:
        yield chunk


def _filters(postings: Postings) -> dict[str, dict[str, list[int]]]:
    """Each filter's values, each with its pages (as gaps, like the words')."""
    filters: dict[str, dict[str, list[int]]] = {}
    for number, page in enumerate(postings.pages):
        for name, values in page.filters.items():
            for value in dict.fromkeys(values):
                filters.setdefault(name, {}).setdefault(value, []).append(number)
    return {name: {value: _gaps(numbers) for value, numbers in sorted(values.items())} for name, values in sorted(filters.items())}


def _gaps(numbers: list[int]) -> list[int]:
    return [number - previous for previous, number in zip([0, *numbers], numbers, strict=False)]


def _write(output: Path, files: Iterator[tuple[str, Any]]) -> None:
    """Write each file as it is made (a 50x archive's word files would
    otherwise be held at once), the metadata last, with the version of them all."""
    digest = hashlib.sha256()
    for name, value in files:
        if name == "meta.json":
            meta = {"version": digest.hexdigest()[:16], **value}
            (output / name).write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            return
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        digest.update(name.encode("utf-8") + b"\0" + data)
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def index_site(site: Path) -> None:
    """Index a build that no reader sees yet (the build's staging folder)."""
    build_index(site, site / INDEX_FOLDER)


def reindex_served_site(site: Path, stop: Callable[[], bool] = lambda: False) -> None:
    """Index a site that is being served (the preview): the new index is
    written beside it and then renamed into place, so a reader never gets a
    half-written one. `stop` as for build_index."""
    fresh = Path(tempfile.mkdtemp(prefix=".search-index-", dir=site))
    try:
        build_index(site, fresh, stop)
        current = site / INDEX_FOLDER
        if current.exists():
            old = current.rename(site / f"{fresh.name}-old")
            shutil.rmtree(old)
        fresh.rename(current)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
