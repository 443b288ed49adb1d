"""The bundled site passes every automated accessibility check, on every page.

Each test names a part of the audit (see conftest.py); a failure lists every
page and every problem at once.
"""

from __future__ import annotations

import pytest

from tests.accessibility.conftest import SiteAudit
from tests.conftest import Site


def test_the_audit_covers_every_built_page(site_audit: SiteAudit, site: Site) -> None:
    on_disk = {p.relative_to(site.path).as_posix() for p in site.path.rglob("*.html")}
    assert set(site_audit.pages) == on_disk
    assert len(on_disk) >= 20


@pytest.mark.parametrize(
    "check",
    [
        "axe",
        "best-practice",
        "structure",
        "skip",
        "focus",
        "status",
        "phone",
        "reflow",
        "narrow-focus",
        "text-spacing",
        "text-zoom",
        "zoom",
        "privacy",
        "htmlcs",
    ],
)
def test_no_page_fails(site_audit: SiteAudit, check: str) -> None:
    assert site_audit.failures(check) == {}


def test_the_nu_html_checker_finds_no_error_on_any_page(site_audit: SiteAudit) -> None:
    assert site_audit.vnu == {}
