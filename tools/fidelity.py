"""Fidelity: the share of each seed paper's sentences found on the built site.

Usage: python tools/fidelity.py SITE_DIR SEEDS_DIR

Sentences are split from the seed text (PDF extraction), markup and bullet
glyphs removed, whitespace and quotes normalised on both sides; a sentence
counts as found when it appears in the text of the site's pages.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

MARKUP = re.compile(r"</?[a-z]+[^>]*>|\*\*|\*|#+ |\\")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\t+|\n")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    text = MARKUP.sub(" ", text).translate(QUOTES)
    text = re.sub(r"^[\s\-•✓·]+", "", text)
    return " ".join(text.split()).lower()


def site_text(site_path: Path) -> str:
    parts = []
    for page in sorted(site_path.rglob("*.html")):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article")
        if article is not None:
            for link in article.select("a.acronym"):  # the acronym as written; its expansion is the site's, not the paper's
                link.replace_with(link.abbr.get_text())
            article.smooth()
            parts.append(article.get_text(" "))
    return normalise(" ".join(parts))


def sentences(seed_text: str) -> list[str]:
    seed_text = re.sub(r"<sup>(.*?)</sup>", r"\1", seed_text)
    seed_text = MARKUP.sub(" ", seed_text)
    pieces = [normalise(p) for p in SENTENCE_END.split(seed_text)]
    return [p for p in pieces if len(p.split()) >= 4]


def shares(site_path: Path, seeds_path: Path) -> dict[str, tuple[int, int, list[str]]]:
    text = site_text(site_path)
    result = {}
    for seed in sorted(seeds_path.glob("*.txt")):
        found, missing = 0, []
        items = sentences(seed.read_text(encoding="utf-8"))
        for sentence in items:
            if sentence in text:
                found += 1
            else:
                missing.append(sentence)
        result[seed.name] = (found, len(items), missing)
    return result


def main() -> None:
    for name, (found, total, _missing) in shares(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(f"{name}: {found}/{total} sentences found ({100 * found / total:.1f}%)")


if __name__ == "__main__":
    main()
