"""The site's addresses are decided in one module (generator/pages/addresses.py)
and the engine's rules in one other (generator/engine/conventions.py): the
templates, the engine's configuration and the built site agree with them."""

from __future__ import annotations

import re

import yaml

from generator.engine.conventions import MARKDOWN_EXTENSIONS
from generator.pages import addresses
from generator.pages.render import TEMPLATES_PATH
from tests.conftest import ROOT, Site

# A quoted site path in a template: "papers/", 'recommendations/by-theme/#'.
LITERAL_PATH = re.compile(r"""["'](?!text/html)[a-z0-9-]+/[a-z0-9/#-]*["']|["']feed\.xml["']""")


def configuration() -> dict[str, object]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    loaded: dict[str, object] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return loaded


def test_no_template_writes_a_site_path_of_its_own() -> None:
    found = {path.name: LITERAL_PATH.findall(path.read_text(encoding="utf-8")) for path in TEMPLATES_PATH.glob("*.j2")}
    assert {name: paths for name, paths in found.items() if paths} == {}


def test_the_engine_configuration_lists_only_pages_the_addresses_declare() -> None:
    nav = configuration()["nav"]
    assert isinstance(nav, list)
    listed = {path for entry in nav for path in entry.values()}
    declared = {
        addresses.HOME,
        addresses.PAPERS,
        addresses.MEETINGS,
        addresses.INSPECTIONS,
        addresses.GLOSSARY,
        addresses.STATEMENT,
        addresses.SEARCH,
        addresses.DASHBOARD,
        addresses.DATA,
        *addresses.RECOMMENDATION_LISTS.values(),
    }
    assert listed <= declared


def test_the_engine_configuration_has_the_markdown_extensions_the_checks_use() -> None:
    extensions = configuration()["markdown_extensions"]
    assert isinstance(extensions, list)
    assert tuple(next(iter(entry)) if isinstance(entry, dict) else entry for entry in extensions) == MARKDOWN_EXTENSIONS


def test_every_docs_file_is_built_at_the_address_the_addresses_module_gives_it(site: Site) -> None:
    docs = site.path.parent / "docs"
    files = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file())
    assert len(files) > 20
    for docs_path in files:
        uri = addresses.uri(docs_path)
        built = site.path / uri / "index.html" if docs_path.endswith(".md") else site.path / uri
        assert built.is_file(), (docs_path, uri)
