"""Content cannot run code in a reader's browser or on the build machine.

Plain-text fields are escaped and shown as written; Markdown fields are
refused when they carry raw HTML, unsafe addresses or event handlers; YAML
builds no objects and expands no aliases; files cannot come from outside
content/. The hostile tree is built and opened in Chromium.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
from selenium.webdriver.common.by import By

from generator.markup.linkcheck import parse_site
from generator.markup.untrusted import check_built
from tests.browser import serve_directory
from tests.conftest import MINIMAL_TREE, ROOT, Site, run_generator
from tests.hostile import INSPECTION, PAPER, PLAN, SECOND_PAPER, write_tree

SAMPLE_MEETING = "meetings/2024-09-18-sample-committee.yml"
PAPER_SAMPLE = "papers/2024-09-18-sample-paper.md"

# Every plain-text field gets this: each piece would run script if it were
# not escaped (tags, a broken-out attribute, a javascript: link, attr_list,
# a blank line ending an HTML block, </title>), plus template syntax.
TEXT_ATTACK = (
    'x<script>alert("PAYLOAD")</script><img src=x onerror=alert("PAYLOAD")>"><svg onload=alert("PAYLOAD")>'
    '{{ 7*7 }}{% if 1 %}if{% endif %}[j](javascript:alert("PAYLOAD")){: onclick="alert(1)" }'
    '\n\n[n](javascript:alert("PAYLOAD"))\n\n<script>console.log("PAYLOAD")</script>'
    '</title><script>fetch("http://198.51.100.7/")</script>'
)
# Every Markdown field gets what Markdown may hold and must show as written.
MARKDOWN_TEXT = 'Shown as written: {{ 7*7 }} and {% if 1 %}if{% endif %}, `<script>alert("PAYLOAD")</script>`, &lt;script&gt; and a [safe link](https://example.org/).'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    work = tmp_path_factory.mktemp("hostile")
    write_tree(work, TEXT_ATTACK, MARKDOWN_TEXT)
    result = run_generator("build", "--content", "content", "--config", str(ROOT / "mkdocs.yml"), cwd=work)
    assert result.returncode == 0, result.stderr
    return Site(work / "site")


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Site) -> Iterator[str]:
    with serve_directory(hostile_site.path) as base_url:
        yield base_url


def test_escaped_fields_are_shown_as_written(hostile_site: Site) -> None:
    paper = hostile_site.page("papers/2024-09-18-hostile-paper/")
    text = paper.select_one("article").get_text()
    assert '<script>alert("PAYLOAD")</script><img src=x onerror=alert("PAYLOAD")>"><svg onload=alert("PAYLOAD")>{{ 7*7 }}' in text
    assert '[j](javascript:alert("PAYLOAD")){: onclick="alert(1)" }' in text
    assert paper.title.get_text().startswith('x<script>alert("PAYLOAD")</script>')
    assert paper.find("meta", attrs={"name": "description"})["content"].startswith("Shown as written: {{ 7*7 }}")
    assert not paper.select("article script, article svg, article img, [onclick], [onerror], [onload]")


def test_no_script_from_content_runs_in_chromium(hostile_site: Site, hostile_url: str, browser: webdriver.Chrome) -> None:
    pages = hostile_site.pages()
    assert len(pages) >= 8
    browser.get_log("performance")
    for page in pages:
        uri = page.relative_to(hostile_site.path).as_posix()
        try:
            browser.get(hostile_url + uri)
            body = browser.find_element(By.TAG_NAME, "body").text
        except UnexpectedAlertPresentException:
            pytest.fail(f"{uri}: a dialog opened")
        with pytest.raises(NoAlertPresentException):
            _ = browser.switch_to.alert.text
        if uri.startswith("papers/"):  # pages listing the hostile paper (the site navigation lists sections only)
            assert "{{ 7*7 }}" in body, uri
        assert "49" not in body, uri
        payload_logs = [entry["message"] for entry in browser.get_log("browser") if "PAYLOAD" in entry["message"]]
        assert payload_logs == [], uri
        assert _hosts_requested(browser) <= {"127.0.0.1"}, uri


def _hosts_requested(browser: webdriver.Chrome) -> set[str]:
    hosts = set()
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            parts = urlsplit(message["params"]["request"]["url"])
            if parts.scheme in ("http", "https", "ws", "wss"):
                hosts.add(parts.hostname or "")
    return hosts


def _validate(content: Path) -> list[str]:
    result = run_generator("validate", "--content", "content", cwd=content.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # Errors only: the payloads' capitals (base64 "AAAA") are also acronym warnings.
    return [line for line in result.stderr.splitlines() if line.startswith("content/") and ": warning: " not in line]


def _set(content: Path, relative: str, old: str, new: str) -> None:
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unsafe_markdown_is_refused_in_every_markdown_field(tmp_path: Path) -> None:
    content = write_tree(tmp_path, "plain", "fine")
    quoted = json.dumps("fine")
    _set(content, PAPER, f"summary: {quoted}", "summary: " + json.dumps('Purpose <script>alert("x")</script>'))
    _set(
        content,
        SECOND_PAPER,
        "\nfine\n",
        '\n"><svg onload=alert(1)>\n\nA [reference][1] link and <javascript:alert(3)>.\n\n[1]: javascript:alert(2)\n\nStyled\n{: style="background:url(http://198.51.100.7/)" }\n',
    )
    _set(content, INSPECTION, f"    text: {quoted}\n    lead", "    text: " + json.dumps("[x](javascript:alert(1))") + "\n    lead")
    _set(content, INSPECTION, f"    text: {quoted}\n    actions", "    text: " + json.dumps("![chart](data:image/png;base64,AAAA)") + "\n    actions")
    _set(content, PLAN, f"introduction: {quoted}", "introduction: " + json.dumps('Para\n{: onclick="alert(1)" }'))
    _set(content, PLAN, f"        text: {quoted}\n        owner", "        text: " + json.dumps("[x](vbscript:msgbox(1))") + "\n        owner")
    _set(content, PLAN, f"            text: {quoted}", "            text: " + json.dumps("<img src=x onerror=alert(1)>"))
    _set(content, PLAN, f"closing: {quoted}", "closing: " + json.dumps("[x](JaVaScRiPt:alert(1)) and ![i](https://198.51.100.7/pixel.png)"))
    assert _validate(content) == [
        'content/inspections/hostile.yml:8:16: "recommendations entry 1 > text": a link to "javascript:alert(1)" is not allowed; link to a web page (https://...), an e-mail address (mailto:...) or a page of this site',
        'content/inspections/hostile.yml:12:21: "areas_for_development entry 1 > text": an image from "data:image/png;base64,AAAA" is not allowed; use an image of this site, by its relative address',
        'content/papers/2024-09-18-hostile-paper.md:12:19: "summary": raw HTML <script> is not allowed; write it in Markdown; tables go in the front matter\'s tables',
        "content/papers/2024-09-18-second-paper.md:17:3: raw HTML <svg onload=alert(1)> is not allowed; write it in Markdown; tables go in the front matter's tables",
        "content/papers/2024-09-18-second-paper.md:19:27: raw HTML <javascript:alert(3)> is not allowed; write it in Markdown; tables go in the front matter's tables",
        'content/papers/2024-09-18-second-paper.md:21:6: a link to "javascript:alert(2)" is not allowed; link to a web page (https://...), an e-mail address (mailto:...) or a page of this site',
        'content/papers/2024-09-18-second-paper.md:24:4: the attribute style="background:url(http://198.51.100.7/)" is not allowed; remove it; only {: #id .class } may be given',
        'content/plans/hostile-plan.yml:7:1: "introduction": the attribute onclick="alert(1)" is not allowed; remove it; only {: #id .class } may be given',
        'content/plans/hostile-plan.yml:14:20: "recommendations entry 1 > actions entry 1 > text": a link to "vbscript:msgbox(1)" is not allowed; link to a web page (https://...), an e-mail address (mailto:...) or a page of this site',
        'content/plans/hostile-plan.yml:18:20: "recommendations entry 1 > actions entry 1 > updates entry 1 > text": raw HTML <img src=x onerror=alert(1)> is not allowed; write it in Markdown; tables go in the front matter\'s tables',
        'content/plans/hostile-plan.yml:27:15: "closing": a link to "JaVaScRiPt:alert(1)" is not allowed; link to a web page (https://...), an e-mail address (mailto:...) or a page of this site',
        'content/plans/hostile-plan.yml:27:45: "closing": an image from "https://198.51.100.7/pixel.png" is not allowed; use an image of this site, by its relative address',
    ]


def test_the_finished_build_is_checked_for_what_could_slip_through(tmp_path: Path) -> None:
    """The last check reads built HTML, whatever template produced it."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<meta name="description" content=""><svg onload="alert(1)">">\n'
        '<a href=" javascript:alert(1)">x</a>\n<img src="https://198.51.100.7/p.png" alt="p">\n'
        '<link rel="stylesheet" href="//fonts.example/css">\n<a href="https://example.org/">fine</a>\n',
        encoding="utf-8",
    )
    assert check_built(parse_site(tmp_path)) == [
        "page/index.html:1: <svg> has an event-handler attribute onload",
        'page/index.html:2: <a> has a javascript: address in href=" javascript:alert(1)"',
        'page/index.html:3: <img> makes the browser request another host: src="https://198.51.100.7/p.png"',
        'page/index.html:4: <link> makes the browser request another host: href="//fonts.example/css"',
    ]


def test_yaml_builds_no_python_objects(content_tree: Callable[..., Path], tmp_path: Path) -> None:
    marker = tmp_path / "constructed"
    text = MINIMAL_TREE[SAMPLE_MEETING].replace("location: online", f'location: !!python/object/apply:os.system ["touch {marker}"]')
    content = content_tree({SAMPLE_MEETING: text})
    assert _validate(content) == [
        "content/meetings/2024-09-18-sample-committee.yml:3:11: YAML syntax: found a tag !!python/object/apply:os.system; remove the tag (the word starting with !); values are plain text, numbers, lists or fields"
    ]
    assert not marker.exists()


def test_alias_bombs_are_refused(content_tree: Callable[..., Path]) -> None:
    laughs = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    laughs += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    content = content_tree({SAMPLE_MEETING: MINIMAL_TREE[SAMPLE_MEETING] + "\n".join(laughs) + "\n"})
    assert _validate(content) == [
        "content/meetings/2024-09-18-sample-committee.yml:6:5: YAML syntax: found an anchor &a0; write the value out in full; anchors (&name) and aliases (*name) are not allowed",
    ]


def test_yaml_nesting_is_capped(content_tree: Callable[..., Path]) -> None:
    content = content_tree({SAMPLE_MEETING: MINIMAL_TREE[SAMPLE_MEETING].replace("location: online", "location: " + "[" * 5000 + "]" * 5000)})
    assert _validate(content) == [
        "content/meetings/2024-09-18-sample-committee.yml:3:60: YAML syntax: the values nest more than 50 levels deep; check the brackets and the indentation",
    ]


def test_symbolic_links_out_of_content_are_refused(content_tree: Callable[..., Path], tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("committee: secret\n", encoding="utf-8")
    content = content_tree()
    (content / "meetings" / "2024-10-01-linked.yml").symlink_to(secret)
    (content / "papers" / "not-a-file.md").mkdir()
    assert _validate(content) == [
        f"content/meetings/2024-10-01-linked.yml:1:1: the file is a symbolic link to {secret}, outside the content folder; replace the link with the file itself",
        "content/papers/not-a-file.md:1:1: this is not a regular file; replace it with a text file, or remove it",
    ]


def test_links_leaving_the_site_are_refused(content_tree: Callable[..., Path]) -> None:
    """Markdown links are addresses on the site: ../ beyond its root or an absolute path fail the link check."""
    paper = MINIMAL_TREE[PAPER_SAMPLE].replace("The purpose of this paper is to test.", "See [the key](../../../../etc/passwd) and [root](/etc/passwd).")
    content = content_tree({PAPER_SAMPLE: paper})
    result = run_generator("build", "--content", "content", "--config", str(ROOT / "mkdocs.yml"), cwd=content.parent)
    assert result.returncode == 1, result.stderr
    assert [line for line in result.stderr.splitlines() if "broken link" in line] == [
        'papers/2024-09-18-sample-paper/index.html: broken link "../../../../etc/passwd": it leads out of the site',
        'papers/2024-09-18-sample-paper/index.html: broken link "/etc/passwd": there is no file etc/passwd/index.html in the site',
    ]
    assert not (content.parent / "site").exists()


def test_references_to_other_files_cannot_leave_content(content_tree: Callable[..., Path]) -> None:
    """Files are named by identifier only: a path in a reference is refused, not followed."""
    paper = MINIMAL_TREE[PAPER_SAMPLE].replace(
        "summary: This report",
        "appendices:\n  - label: Appendix A\n    title: Secrets\n    paper: ../../../etc/passwd\n  - label: Appendix B\n    title: Key\n    plan: /root/.ssh/id_rsa\nsummary: This report",
    )
    assert _validate(content_tree({PAPER_SAMPLE: paper})) == [
        'content/papers/2024-09-18-sample-paper.md:15:5: "appendices entry 1 > paper" must be the identifier of a paper, not "../../../etc/passwd"; write the identifier of a paper: its file name without the extension',
        'content/papers/2024-09-18-sample-paper.md:18:5: "appendices entry 2 > plan" must be the identifier of a plan, not "/root/.ssh/id_rsa"; write the identifier of a plan: its file name without the extension',
    ]
