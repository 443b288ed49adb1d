"""Every address on the site, decided here and nowhere else.

Each page has a path in the docs tree (what the engine is given) and a site
address (what links point at); the second follows from the first by the
engine's rule (engine/conventions.py), so only docs paths are written down
here. Templates ask through the `uris` global and the *_uri functions,
the exports through the same functions: moving a page is a change to this
module alone (and to mkdocs.yml's navigation, which a test holds to it).
"""

from __future__ import annotations

from generator.engine.conventions import page_uri

HOME = "index.md"
PAPERS = "papers/index.md"
MEETINGS = "meetings/index.md"
INSPECTIONS = "inspections/index.md"
GLOSSARY = "glossary.md"
STATEMENT = "accessibility.md"
SEARCH = "search.md"
DASHBOARD = "dashboard/index.md"
DATA = "data/index.md"
FEED = "feed.xml"
# The lists of open recommendations, by kind of list.
RECOMMENDATION_LISTS = {
    "by-inspection": "recommendations/index.md",
    "by-status": "recommendations/by-status.md",
    "by-theme": "recommendations/by-theme.md",
    "by-lead": "recommendations/by-lead.md",
    "oldest-open": "recommendations/oldest-open.md",
}


def uri(docs_path: str) -> str:
    """The site address of a docs file: a Markdown page's by the engine's rule, any other file's is its path."""
    return page_uri(docs_path) if docs_path.endswith(".md") else docs_path


def paper_docs_path(paper_id: str) -> str:
    return f"papers/{paper_id}.md"


def meeting_docs_path(meeting_id: str) -> str:
    return f"meetings/{meeting_id}.md"


def inspection_docs_path(inspection_id: str) -> str:
    return f"inspections/{inspection_id}/index.md"


def recommendation_docs_path(inspection_id: str, number: int) -> str:
    return f"inspections/{inspection_id}/recommendation-{number}.md"


def data_file(name: str) -> str:
    """The docs path (and address) of an open data file."""
    return f"data/{name}"


def paper_uri(paper_id: str) -> str:
    return uri(paper_docs_path(paper_id))


def meeting_uri(meeting_id: str) -> str:
    return uri(meeting_docs_path(meeting_id))


def inspection_uri(inspection_id: str) -> str:
    return uri(inspection_docs_path(inspection_id))


def recommendation_uri(inspection_id: str, number: int) -> str:
    """The stable site address of a recommendation's page."""
    return uri(recommendation_docs_path(inspection_id, number))


def named_uris() -> dict[str, str]:
    """The addresses of the site's single pages, by name, for templates: `uris.glossary`."""
    named = {
        "home": HOME,
        "papers": PAPERS,
        "meetings": MEETINGS,
        "inspections": INSPECTIONS,
        "glossary": GLOSSARY,
        "statement": STATEMENT,
        "search": SEARCH,
        "dashboard": DASHBOARD,
        "data": DATA,
        "feed": FEED,
    }
    lists = {kind.replace("-", "_"): path for kind, path in RECOMMENDATION_LISTS.items()}
    return {name: uri(path) for name, path in {**named, **lists, "recommendations": RECOMMENDATION_LISTS["by-inspection"]}.items()}
