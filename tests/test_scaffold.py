"""`new` starts files editors can fill in: commented, schema-linked, valid once filled."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from generator.cli import main
from generator.commands.schemas import field_rows, kind_schema
from generator.content.schema import INSPECTION, MEETING, PAPER, PLAN, POSITION, Kind
from tests.conftest import ROOT
from tests.test_reference import front_matter, plain

MEETING_ID = "2025-03-11-policing-performance-committee"
PAPER_ID = "2025-03-11-hmics-improvement-plans-progress-summary"
NEW_FILES = {
    MEETING: f"meetings/{MEETING_ID}.yml",
    PAPER: f"papers/{PAPER_ID}.md",
    INSPECTION: "inspections/custody-review.yml",
    PLAN: "plans/custody-review-improvement-plan-2025-02.yml",
}
# With a glossary, the acronym check runs too: the templates' own comments must not trip it.
GLOSSARY = "terms:\n  - term: HMICS\n    expansion: His Majesty’s Inspectorate of Constabulary in Scotland\n  - term: SPA\n    expansion: Scottish Police Authority\n  - term: ACC\n    expansion: Assistant Chief Constable\n"


def run(*arguments: str) -> int:
    return main(list(arguments))


@pytest.fixture
def scaffolded(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A meeting, a paper for it with positions, an inspection and its plan, each from `new`."""
    content = content_tree({"glossary.yml": GLOSSARY})
    monkeypatch.chdir(content.parent)
    assert run("new", "meeting", "--date", "2025-03-11", "--location", "online") == 0
    assert run("new", "paper", "--meeting", MEETING_ID, "--title", "HMICS Improvement Plans – Progress Summary") == 0
    assert run("new", "inspection", "--short-title", "Custody Review", "--published", "2025-01", "--recommendations", "2") == 0
    assert run("new", "position", "--paper", PAPER_ID, "--inspection", "custody-review") == 0
    assert run("new", "position", "--paper", PAPER_ID, "--inspection", "sample-inspection", "--numbers", "2") == 0
    assert run("new", "plan", "--inspection", "custody-review", "--date", "2025-02") == 0
    capsys.readouterr()
    return content


def fill(content: Path) -> None:
    """What an editor does next: write the paper's words in place of each ""."""
    for relative in NEW_FILES.values():
        path = content / relative
        path.write_text(path.read_text(encoding="utf-8").replace('""', '"Words from the paper"'), encoding="utf-8")


def test_new_files_name_each_field_to_fill_then_validate(scaffolded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("validate", "--content", "content") == 1
    headlines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("content/")]
    assert len(headlines) == 11
    assert all(re.search(r'"[a-z_0-9 >]+" is empty; write the text', line) for line in headlines)
    fill(scaffolded)
    assert run("validate", "--strict", "--content", "content") == 0, capsys.readouterr().err
    assert run("fmt", "--check", "content") == 0, capsys.readouterr().err


def test_new_paper_goes_on_its_meeting_agenda_and_keeps_the_comments(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(content_tree().parent)
    assert run("new", "meeting", "--date", "2025-03-11", "--location", "online") == 0
    meeting = Path("content") / NEW_FILES[MEETING]
    before = meeting.read_text(encoding="utf-8")
    assert run("new", "paper", "--meeting", MEETING_ID, "--title", "HMICS Improvement Plans – Progress Summary") == 0
    assert meeting.read_text(encoding="utf-8") == before.replace("agenda: []\n", f"agenda:\n  - paper: {PAPER_ID}\n")
    paper = (Path("content") / NEW_FILES[PAPER]).read_text(encoding="utf-8")
    assert 'date: "11 March 2025"\n' in paper
    assert 'meeting: "SPA Policing Performance Committee"\n' in paper


@pytest.mark.parametrize("kind", [MEETING, PAPER, INSPECTION, PLAN], ids=lambda k: k.name)
def test_new_file_points_at_its_schema_and_passes_it_once_filled(scaffolded: Path, kind: Kind) -> None:
    fill(scaffolded)
    path = scaffolded / NEW_FILES[kind]
    first_yaml_line = front_matter(path).splitlines()[0]
    assert first_yaml_line == f"# yaml-language-server: $schema=../../schemas/{kind.name}.schema.json"
    assert (ROOT / "schemas" / f"{kind.name}.schema.json").is_file()
    jsonschema.validate(plain(YAML(typ="safe").load(front_matter(path))), kind_schema(kind))


@pytest.mark.parametrize("kind", [MEETING, PAPER, INSPECTION, PLAN], ids=lambda k: k.name)
def test_new_file_explains_every_field(scaffolded: Path, kind: Kind) -> None:
    text = front_matter(scaffolded / NEW_FILES[kind])
    names = {path.split(".")[-1].removesuffix("[]") for path, *_ in field_rows(kind.root)}
    if kind is PAPER:  # positions are added by `new position`, which explains its own fields
        names -= {key.name for key in POSITION.keys} | {"total", "closed", "ongoing_on_track", "ongoing_delayed", "counts_in_words", "words", "of", "open"}
    missing = sorted(name for name in names if not re.search(rf"^\s*#?.*\b{name}:", text, re.MULTILINE))
    assert missing == []


def test_new_position_explains_its_fields(scaffolded: Path) -> None:
    text = (scaffolded / NEW_FILES[PAPER]).read_text(encoding="utf-8")
    for name in ["stated_counts", "counts_in_words", "words", "open", "total", "closed", "ongoing_on_track", "ongoing_delayed", "status", "initial_target", "revised_target", "target_revised"]:
        assert f"{name}:" in text, name
    assert "  - inspection: custody-review\n" in text
    assert "      - number: 1\n      - number: 2\n  - inspection: sample-inspection\n" in text


def test_new_position_print_leaves_the_paper_alone(scaffolded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paper = scaffolded / NEW_FILES[PAPER]
    before = paper.read_text(encoding="utf-8")
    assert run("new", "position", "--paper", PAPER_ID, "--inspection", "sample-inspection", "--numbers", "1", "--print") == 0
    printed = capsys.readouterr().out
    assert printed.startswith("  - inspection: sample-inspection\n")
    assert printed.endswith("    recommendations:\n      - number: 1\n")
    assert paper.read_text(encoding="utf-8") == before


def test_new_position_goes_into_an_existing_positions_list(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    content = content_tree()
    monkeypatch.chdir(content.parent)
    paper = content / "papers/2024-09-18-sample-paper.md"
    assert run("new", "position", "--paper", "2024-09-18-sample-paper", "--inspection", "sample-inspection", "--numbers", "2") == 0
    text = paper.read_text(encoding="utf-8")
    assert "        status: discharged\n  - inspection: sample-inspection\n" in text
    assert text.endswith("      - number: 2\n---\n\n**PURPOSE**\n\nThe purpose of this paper is to test.\n\n## 1 BACKGROUND\n\n[[status-table sample-inspection]]\n")
    capsys.readouterr()
    assert run("validate", "--content", "content") == 1
    assert capsys.readouterr().err.splitlines()[0] == ('content/papers/2024-09-18-sample-paper.md:23:5: positions for inspection "sample-inspection" are given twice; merge them into one entry')


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["paper", "--meeting", "2024-09-19-sample-committee", "--title", "X"],
            'python -m generator new: --meeting: there is no meeting "2024-09-19-sample-committee" in content/meetings/; give one of: 2024-09-18-sample-committee',
        ),
        (
            ["meeting", "--date", "2024-09-18", "--committee", "Sample Committee"],
            "python -m generator new: content/meetings/2024-09-18-sample-committee.yml already exists; give another --identifier, or edit that file",
        ),
        (["meeting", "--date", "Sept 2024"], 'python -m generator new: --date: "Sept 2024" does not name a month in full; write it as e.g. 2024-09-18 or 2022-09'),
        (["meeting", "--date", "2024-09"], 'python -m generator new: --date must be a full date with the day, not "2024-09", e.g. 2024-09-18'),
        (
            ["inspection", "--short-title", "X", "--published", "2024-09", "--identifier", "Custody Review"],
            'python -m generator new: "Custody Review" is not an identifier; use lower-case letters, digits and hyphens, e.g. custody-review',
        ),
        (
            ["position", "--paper", "no-such-paper", "--inspection", "sample-inspection"],
            'python -m generator new: there is no paper "no-such-paper" (content/papers/no-such-paper.md); give the file name of a paper without .md',
        ),
        (
            ["position", "--paper", "2024-09-18-sample-paper", "--inspection", "sample-inspection", "--numbers", "one"],
            'python -m generator new: --numbers must be whole numbers separated by commas, e.g. 1,3,5, not "one"',
        ),
    ],
    ids=["unknown-meeting", "existing-file", "abbreviated-month", "month-only", "bad-identifier", "unknown-paper", "bad-numbers"],
)
def test_new_says_what_to_give_instead(content_tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str) -> None:
    content = content_tree()
    monkeypatch.chdir(content.parent)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    assert run("new", *arguments) == 1
    assert capsys.readouterr().err.splitlines() == [message]
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
