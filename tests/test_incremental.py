"""Nothing done twice: files read once per change, docs files written only when changed,
Markdown converted once per text, YAML read fast with the same values and lines."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from jinja2 import DictLoader, Environment, StrictUndefined, UndefinedError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.commands.pipeline import SourceCache, check, render
from generator.common.problems import Problems
from generator.content import fastyaml
from generator.content.load import discover, load_file, plain_yaml
from generator.engine.conventions import MARKDOWN_EXTENSIONS
from generator.engine.page import Page
from generator.engine.publish import write_docs
from generator.markup.markdown_html import MarkdownToHtml, plain_paragraphs
from generator.markup.remembered import Remembered
from generator.markup.untrusted import markdown_findings
from tests.conftest import CONTENT, MINIMAL_TREE, run_generator

PAPER = "papers/2024-09-18-sample-paper.md"


def test_write_docs_rewrites_only_changed_files_and_removes_gone_ones(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    pages = [Page("index.md", "# Home\n"), Page("papers/a.md", "# A\n"), Page("papers/b.md", "# B\n")]
    assert write_docs(pages, docs) == 3
    for path in docs.rglob("*.md"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert write_docs(pages, docs) == 0
    assert {p.stat().st_mtime_ns for p in docs.rglob("*.md")} == {1_000_000_000}
    changed = [pages[0], Page("papers/a.md", "# A, changed\n")]
    assert write_docs(changed, docs) == 1
    assert (docs / "papers/a.md").read_text(encoding="utf-8") == "# A, changed\n"
    assert (docs / "index.md").stat().st_mtime_ns == 1_000_000_000
    assert not (docs / "papers/b.md").exists()


def test_source_cache_reads_again_only_the_files_that_changed(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    cache = SourceCache()
    first = render(content, cache=cache)
    assert first.pages is not None
    before = {path: entry[1] for path, entry in cache.entries.items()}
    paper = content / PAPER
    paper.write_text(MINIMAL_TREE[PAPER].replace("to test.", "to test again."), encoding="utf-8")
    second = render(content, cache=cache)
    assert second.pages is not None
    after = {path: entry[1] for path, entry in cache.entries.items()}
    assert [path for path in after if after[path] is not before[path]] == [paper]
    paper_page = next(page for page in second.pages if page.docs_path == "papers/2024-09-18-sample-paper.md")
    assert "The purpose of this paper is to test again." in paper_page.text


def test_source_cache_keeps_a_broken_file_s_problems(content_tree: Callable[..., Path]) -> None:
    content = content_tree({PAPER: MINIMAL_TREE[PAPER].replace("date: 18 September 2024", "date: Sept 2024")})
    cache = SourceCache()
    first = check(content, cache=cache)
    second = check(content, cache=cache)
    assert [p.message for p in first.problems.items] == [p.message for p in second.problems.items]
    assert any('"cover_sheet > date" is not a date' in p.message for p in second.problems.items)


def test_build_timings_table_names_every_stage_only_when_asked(content_tree: Callable[..., Path], tmp_path: Path) -> None:
    content = content_tree()
    common = ["--content", str(content), "--docs", str(tmp_path / "docs"), "--site", str(tmp_path / "site"), "--config", str(Path.cwd() / "mkdocs.yml")]
    timed = run_generator("build", "--timings", *common)
    assert timed.returncode == 0, timed.stderr
    stages = [line.split()[0] for line in timed.stderr.splitlines() if line.endswith(" s cpu")]
    assert stages == ["load", "validate", "model", "check", "derive", "render", "write", "engine", "search", "verify", "total"]
    quiet = run_generator("build", *common)
    assert quiet.returncode == 0, quiet.stderr
    assert " s cpu" not in quiet.stderr


def yaml_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".md":
        return text
    lines = text.split("\n")
    closing = lines.index("---", 1)
    return "\n".join(lines[1:closing])


def assert_same(fast: object, slow: object, where: str) -> None:
    """The same values, types and line/column records as ruamel.yaml's."""
    assert isinstance(fast, type(slow)) or isinstance(slow, type(fast)), where
    if isinstance(slow, CommentedMap):
        assert isinstance(fast, CommentedMap) and list(fast) == list(slow), where
        for key in slow:
            assert fast.lc.key(key) == slow.lc.key(key) and fast.lc.value(key) == slow.lc.value(key), f"{where}.{key}"
            assert_same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, CommentedSeq):
        assert isinstance(fast, CommentedSeq) and len(fast) == len(slow), where
        for index, item in enumerate(slow):
            assert fast.lc.item(index) == slow.lc.item(index), f"{where}[{index}]"
            assert_same(fast[index], item, f"{where}[{index}]")
    else:
        assert fast == slow, where


@pytest.mark.parametrize("path", [path for _, path in discover(CONTENT)], ids=lambda p: p.name)
def test_fast_yaml_reads_every_bundled_file_as_ruamel_does(path: Path) -> None:
    text = yaml_text(path)
    assert_same(fastyaml.load(text), plain_yaml().load(text), path.name)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: &x 1\nb: *x\n",
        "a: &x 1\n",
        "a: !!str 1\n",
        "a: !x 1\n",
        "a: 1.5\n",
        "a: [1\n",
        "a: 0x10\n",
        "? [a]\n: 1\n",
        "a: b: c\n",
        "<<: {a: 1}\n",
        "a: 1\n---\nb: 2\n",
        "a: " + "[" * 45 + "]" * 45 + "\n",
    ],
)
def test_fast_yaml_leaves_anything_unusual_to_ruamel(text: str) -> None:
    with pytest.raises(fastyaml.Unsupported):
        fastyaml.load(text)


def test_fast_yaml_keeps_yaml_1_2_meanings() -> None:
    text = "a: No\nb: yes\nc: true\nd: 2024-09\ne: 2024-09-18\nf: 7\ng:\nh: 2024-02-31\ni: 2024-01-01T10:00:00\n"
    expected = {"a": "No", "b": "yes", "c": True, "d": "2024-09", "e": "2024-09-18", "f": 7, "g": None, "h": "2024-02-31", "i": "2024-01-01T10:00:00"}
    assert fastyaml.load(text) == expected == plain_yaml().load(text)


def bundled_texts() -> list[str]:
    """Every text value and body in the bundled content."""
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for kind, path in discover(CONTENT):
        source = load_file(kind, path, Problems())
        assert source is not None
        walk(source.data)
        texts.append(source.body)
    return texts


EDGE_CASES = ["a\n\nb", "a & b", "1. x", "x  ", "- a", "#a", "a\nb", "  a", "a <b>", "a\n\n\nb", "\na\n", "a_b", "> q", "a\n\n b", "“quoted” text’s (see 1.2): 100%"]


def test_markdown_in_cells_is_exactly_python_markdown_s() -> None:
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
    to_html = MarkdownToHtml()
    texts = bundled_texts() + EDGE_CASES
    assert sum(plain_paragraphs(text) is not None for text in texts) > 50
    for text in texts:
        assert str(to_html(text)) == converter.reset().convert(text), text


def test_each_distinct_text_is_converted_once() -> None:
    to_html = MarkdownToHtml()
    first = to_html("Some *emphasis* here.")
    assert to_html("Some *emphasis* here.") is first
    assert str(first) == "<p>Some <em>emphasis</em> here.</p>"


def test_remembered_blocks_render_once_per_set_of_objects() -> None:
    env = Environment(loader=DictLoader({"blocks": "{% macro shout(thing) %}{{ thing.name | upper }}{% endmacro %}{% macro peek(thing) %}{{ secret }}{% endmacro %}"}), undefined=StrictUndefined)
    remembered = Remembered(env, "blocks")
    first, second = SimpleNamespace(name="plan"), SimpleNamespace(name="plan")
    kept = remembered("shout", first)
    assert str(kept) == "PLAN"
    assert remembered("shout", first) is kept
    assert remembered("shout", second) is not kept
    with pytest.raises(UndefinedError):
        remembered("peek", first)


HOSTILE = ['[j](javascript:alert("x"))', "<script>alert(1)</script>", "text{: onclick=alert(1) }", "![](http://example.com/x.png)", "<http://example.com>", "&#106;avascript", "x\n\n<b>bold</b>"]


def test_only_texts_without_markup_skip_the_untrusted_content_check() -> None:
    assert all(plain_paragraphs(text) is None for text in HOSTILE)
    assert all(markdown_findings(text) for text in HOSTILE[:2])
    plain = [text for text in bundled_texts() if plain_paragraphs(text) is not None]
    assert plain and not any(markdown_findings(text) for text in plain)


def test_the_pages_about_a_change_are_the_full_renders_pages_about_its_files() -> None:
    """The preview's first step renders each page exactly as the full render does."""
    from generator.pages.render import Renderer
    from generator.pages.site import every_page, pages_about

    result = check(CONTENT)
    assert result.content is not None and result.derived is not None
    renderer = Renderer(result.content, result.derived)
    everything = {page.docs_path: page.text for page in every_page(renderer)}
    plan = next(iter(result.content.plans.values()))
    plan_papers = {f"papers/{paper.identifier}.md" for paper in result.content.papers.values() if any(a.plan_id == plan.identifier for a in paper.appendices)}
    about_plan = {page.docs_path: page.text for page in pages_about(renderer, {plan.location.path})}
    assert plan_papers and plan_papers <= set(about_plan)
    assert f"inspections/{plan.inspection_id}/index.md" in about_plan
    assert any(path.startswith(f"inspections/{plan.inspection_id}/recommendation-") for path in about_plan)
    assert not any(path.startswith(("recommendations/", "dashboard/", "data/")) or path == "index.md" for path in about_plan)
    about_all = {page.docs_path: page.text for page in pages_about(renderer, set(result.changed_paths))}
    assert about_plan.items() <= about_all.items() <= everything.items()
    own_pages = [path for path in everything if path.startswith(("papers/", "meetings/", "inspections/")) and path not in ("papers/index.md", "meetings/index.md", "inspections/index.md")]
    assert sorted(about_all) == sorted(own_pages)
