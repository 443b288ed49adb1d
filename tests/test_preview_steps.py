"""The preview in a real browser: a saved edit reloads the open page by
itself, and a second save while the rest of the site is still being
rebuilt leaves every page showing the latest text."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from generator.commands.pipeline import check
from generator.commands.serve import Preview
from generator.pages.render import Renderer
from tests.conftest import MINIMAL_TREE, ROOT
from tests.test_serve import PAPER, running_preview, wait_for

OLD_TITLE = "title: Sample Progress Summary"


def test_a_saved_edit_reloads_the_open_page(content_tree: Callable[..., Path], browser: webdriver.Chrome) -> None:
    content = content_tree()
    with running_preview(content) as preview:
        url = preview.base_url + "papers/2024-09-18-sample-paper/"
        assert wait_for(url, "The purpose of this paper is to test.", 60) is not None
        browser.set_window_size(1280, 900)
        browser.get(url)
        browser.execute_script("window.loadedBeforeTheEdit = true;")
        edited = MINIMAL_TREE[PAPER].replace("The purpose of this paper is to test.", "The purpose of this paper is to reload.")
        (content / PAPER).write_text(edited, encoding="utf-8")
        WebDriverWait(browser, 30).until(lambda driver: "The purpose of this paper is to reload." in driver.find_element(By.TAG_NAME, "main").text)
        assert browser.execute_script("return window.loadedBeforeTheEdit === undefined;"), "the page was not reloaded by the preview"
    assert "Traceback" not in preview.output


def preview_of(content: Path) -> Preview:
    arguments = argparse.Namespace(content=content, docs=content.parent / "docs", config=ROOT / "mkdocs.yml", strict=False)
    site_path = content.parent / "preview-site"
    site_path.mkdir()
    preview = Preview(arguments, site_path, "http://127.0.0.1:1/")
    assert preview.regenerate() is not None
    preview.build()
    return preview


def html_pages(site_path: Path) -> dict[str, str]:
    return {path.relative_to(site_path).as_posix(): path.read_text(encoding="utf-8") for path in site_path.rglob("*.html")}


def test_a_newer_save_supersedes_the_rest_and_every_page_ends_up_current(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    preview = preview_of(content)
    showing = {uri for uri, html in html_pages(preview.site_path).items() if "Sample Progress Summary" in html}
    for title in ("Sample Progress Report", "Sample Progress Review"):
        (content / PAPER).write_text(MINIMAL_TREE[PAPER].replace(OLD_TITLE, f"title: {title}"), encoding="utf-8")
        preview.build()  # the second call stops the first one's background rest, if still running
    assert preview.rest is not None
    preview.rest.join()
    pages = html_pages(preview.site_path)
    assert {uri for uri, html in pages.items() if "Sample Progress Review" in html} == showing
    assert not [uri for uri, html in pages.items() if "Sample Progress Summary" in html or "Sample Progress Report" in html]


def test_the_rest_of_a_rebuild_stops_when_a_newer_change_comes(content_tree: Callable[..., Path]) -> None:
    content = content_tree()
    preview = preview_of(content)
    docs_before = {path: path.read_bytes() for path in (content.parent / "docs").rglob("*.md")}
    (content / PAPER).write_text(MINIMAL_TREE[PAPER].replace(OLD_TITLE, "title: Sample Progress Report"), encoding="utf-8")
    result = check(content, cache=preview.cache)
    assert result.content is not None and result.derived is not None
    preview.newer_change.set()
    preview.build_rest(Renderer(result.content, result.derived, preview.stop_if_newer_change), 0.0)
    assert {path: path.read_bytes() for path in (content.parent / "docs").rglob("*.md")} == docs_before


def test_an_error_in_the_background_rest_is_reported_without_a_traceback(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    content = content_tree()
    preview = preview_of(content)
    result = check(content, cache=preview.cache)
    assert result.content is not None and result.derived is not None
    capsys.readouterr()

    def broken(renderer: Renderer) -> list[object]:
        raise RuntimeError("a template went wrong")

    monkeypatch.setattr("generator.commands.serve.every_page", broken)
    preview.build_rest_reporting_errors(Renderer(result.content, result.derived), 0.0)
    assert capsys.readouterr().err == (
        "internal error in the generator, not in your content: RuntimeError: a template went wrong\nThe rest of the site was not updated; save again to retry, and please report it.\n"
    )
    assert preview.site_complete.is_set()


def test_a_rebuild_with_no_file_changed_does_nothing(content_tree: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    """One save can reach the server as two events; the second finds nothing new to show."""
    preview = preview_of(content_tree())
    docs = {path: path.stat().st_mtime_ns for path in (preview.arguments.docs).rglob("*.md")}
    capsys.readouterr()
    preview.build()
    assert preview.rest is None
    assert "Preview updated" not in capsys.readouterr().err
    assert {path: path.stat().st_mtime_ns for path in (preview.arguments.docs).rglob("*.md")} == docs
