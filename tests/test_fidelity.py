"""Fidelity: the seed papers' sentences are on the site, verbatim.

The seeds are text extracted from PDFs, with page furniture and table
headers repeated and cut up at page breaks; what is left unmatched is that
furniture, so the bar is a high share rather than all.
"""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT, SEEDS, Site

sys.path.insert(0, str(ROOT / "tools"))
from fidelity import shares

# The SPA website's own instructions about its PDF, not the paper's words.
SPA_PAGE_INSTRUCTIONS = {
    "to access the full document please open the pdf document above.",
    "to view as accessible content please use the sections below.",
    "(note that tables and some appendices are not available as accessible content).",
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed papers are not beside this checkout")
def test_each_seed_is_almost_entirely_on_the_site(site: Site) -> None:
    for name, (found, total, missing) in shares(site.path, SEEDS).items():
        total -= len(SPA_PAGE_INSTRUCTIONS & set(missing))
        missing = [m for m in missing if m not in SPA_PAGE_INSTRUCTIONS]
        print(f"{name}: {found}/{total}")
        assert found / total >= 0.95, (name, missing[:20])
