"""python -m generator new paper|meeting|inspection|position|plan: start a file from a template.

Editors who are not programmers start from a file that already has every
field, each explained in a comment, and a `yaml-language-server` comment
that points their editor at the JSON Schema for completion and checking
while they type. Fields the generator cannot know are left as "" so that
`validate` points at each one until it is filled in.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.commands.fmt import canonical_yaml
from generator.common.problems import Problems
from generator.content.dates import DateError, PaperDate, Precision, parse_date
from generator.content.load import FRONT_MATTER_FENCE, load_file
from generator.content.schema import INSPECTION, MEETING, PAPER, PLAN, Kind
from generator.content.statuses import BY_NAME, STATED_STATUSES
from generator.content.validate import validate_source

TEMPLATES_PATH = Path(__file__).parent.parent / "templates" / "scaffold"
SCHEMAS_PATH = Path("schemas")


class ScaffoldError(Exception):
    """A command-line mistake: the message says what to give instead."""


def add_parser(commands: Any) -> None:
    """The `new` command and its four kinds, each with its own arguments."""
    new = commands.add_parser("new", help="start a paper, meeting, inspection, position or plan from a template")
    kinds = new.add_subparsers(required=True, metavar="KIND")
    for define in (_paper_parser, _meeting_parser, _inspection_parser, _position_parser, _plan_parser):
        parser = define(kinds)
        parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default %(default)s)")


def _identifier_option(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--identifier", default="", help="the file name without extension (default: made from the date and title)")
    return parser


def _paper_parser(kinds: Any) -> argparse.ArgumentParser:
    paper = kinds.add_parser("paper", help="a paper for a meeting; also adds it to the meeting's agenda")
    paper.add_argument("--meeting", required=True, help="the meeting's identifier, e.g. 2024-09-18-policing-performance-committee")
    paper.add_argument("--title", required=True, help="the paper's title, as printed")
    paper.set_defaults(run=new_paper)
    return _identifier_option(paper)


def _meeting_parser(kinds: Any) -> argparse.ArgumentParser:
    meeting = kinds.add_parser("meeting", help="a committee meeting")
    meeting.add_argument("--date", required=True, help="the meeting's date, e.g. 2024-09-18")
    meeting.add_argument("--committee", default="Policing Performance Committee", help="the committee (default %(default)s)")
    meeting.add_argument("--location", default="", help="where it met, e.g. online")
    meeting.set_defaults(run=new_meeting)
    return _identifier_option(meeting)


def _inspection_parser(kinds: Any) -> argparse.ArgumentParser:
    inspection = kinds.add_parser("inspection", help="an inspection and its recommendations")
    inspection.add_argument("--short-title", required=True, help="the short name papers use, e.g. Contact Assessment Model")
    inspection.add_argument("--title", default="", help="the report's full title")
    inspection.add_argument("--published", required=True, help="when it was published, e.g. 2022-09")
    inspection.add_argument("--inspectorate", default="HMICS", help="who inspected (default %(default)s)")
    inspection.add_argument("--type", default="", help="e.g. Assurance review")
    inspection.add_argument("--recommendations", type=int, default=1, help="how many recommendation entries to start with (default %(default)s)")
    inspection.set_defaults(run=new_inspection)
    return _identifier_option(inspection)


def _position_parser(kinds: Any) -> argparse.ArgumentParser:
    position: argparse.ArgumentParser = kinds.add_parser("position", help="where an inspection's recommendations stood, added to a paper's front matter")
    position.add_argument("--paper", required=True, help="the paper's identifier")
    position.add_argument("--inspection", required=True, help="the inspection's identifier")
    position.add_argument("--numbers", default="", help="recommendation numbers, e.g. 1,3,5 (default: all the inspection's)")
    position.add_argument("--print", action="store_true", help="print the entry instead of adding it to the paper")
    position.set_defaults(run=new_position)
    return position


def _plan_parser(kinds: Any) -> argparse.ArgumentParser:
    plan = kinds.add_parser("plan", help="an improvement plan for an inspection, one entry per recommendation")
    plan.add_argument("--inspection", required=True, help="the inspection's identifier")
    plan.add_argument("--date", required=True, help="when the plan was last updated, e.g. 2023-08")
    plan.add_argument("--title", default="Improvement Plan", help="the plan's title, as printed (default %(default)s)")
    plan.set_defaults(run=new_plan)
    return _identifier_option(plan)


def slug(text: str) -> str:
    """An identifier from words: "Contact Assessment Model" -> contact-assessment-model."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def new_paper(arguments: argparse.Namespace) -> int:
    return _run(_new_paper, arguments)


def new_meeting(arguments: argparse.Namespace) -> int:
    return _run(_new_meeting, arguments)


def new_inspection(arguments: argparse.Namespace) -> int:
    return _run(_new_inspection, arguments)


def new_position(arguments: argparse.Namespace) -> int:
    return _run(_new_position, arguments)


def new_plan(arguments: argparse.Namespace) -> int:
    return _run(_new_plan, arguments)


def _run(action: Any, arguments: argparse.Namespace) -> int:
    """Run one `new` command; a mistake in the arguments is one line and exit 1."""
    try:
        for line in action(arguments):
            print(line, file=sys.stderr)
    except ScaffoldError as error:
        print(f"python -m generator new: {error}", file=sys.stderr)
        return 1
    return 0


def _new_meeting(arguments: argparse.Namespace) -> list[str]:
    date = _full_date(arguments.date, "--date")
    identifier = arguments.identifier or f"{date.iso}-{slug(arguments.committee)}"
    target = _target(arguments.content, MEETING, identifier)
    values = {"committee": arguments.committee, "date": date.iso, "location": arguments.location}
    _write(target, _render("meeting.yml.j2", target, MEETING, identifier=identifier, **values))
    return [f"wrote {target.as_posix()}", f"next: add its papers with python -m generator new paper --meeting {identifier} --title ..."]


def _new_inspection(arguments: argparse.Namespace) -> list[str]:
    published = _date(arguments.published, "--published")
    identifier = arguments.identifier or slug(arguments.short_title)
    target = _target(arguments.content, INSPECTION, identifier)
    if arguments.recommendations < 1:
        raise ScaffoldError("--recommendations must be 1 or more")
    values = {
        "inspectorate": arguments.inspectorate,
        "title": arguments.title,
        "short_title": arguments.short_title,
        "published": published.text,
        "type": arguments.type,
        "numbers": range(1, arguments.recommendations + 1),
    }
    _write(target, _render("inspection.yml.j2", target, INSPECTION, identifier=identifier, **values))
    return [f"wrote {target.as_posix()}", 'next: fill in each "" with the report\'s words, then run python -m generator validate']


def _new_plan(arguments: argparse.Namespace) -> list[str]:
    date = _date(arguments.date, "--date")
    inspection_path = arguments.content / INSPECTION.folder / f"{arguments.inspection}{INSPECTION.suffix}"
    inspection = _read(inspection_path, INSPECTION, "--inspection", ("recommendations",))
    identifier = arguments.identifier or f"{arguments.inspection}-improvement-plan-{date.value.strftime('%Y-%m')}"
    target = _target(arguments.content, PLAN, identifier)
    numbers = [r["number"] for r in inspection["recommendations"]]
    _write(target, _render("plan.yml.j2", target, PLAN, identifier=identifier, inspection=arguments.inspection, title=arguments.title, date=date.text, numbers=numbers))
    return [f"wrote {target.as_posix()}", "next: fill in each action's \"\" with the plan's words, add the other actions, then run python -m generator validate"]


def _new_paper(arguments: argparse.Namespace) -> list[str]:
    meeting_path = arguments.content / MEETING.folder / f"{arguments.meeting}{MEETING.suffix}"
    meeting = _read(meeting_path, MEETING, "--meeting", ("date", "committee"))
    identifier = arguments.identifier or f"{meeting['date'].iso}-{slug(arguments.title)}"
    target = _target(arguments.content, PAPER, identifier)
    values = {"title": arguments.title, "meeting": arguments.meeting, "cover_meeting": f"SPA {meeting['committee']}", "date": meeting["date"].long}
    _write(target, _render("paper.md.j2", target, PAPER, identifier=identifier, **values))
    _add_to_agenda(meeting_path, identifier)
    return [
        f"wrote {target.as_posix()}",
        f"added it to the agenda of {meeting_path.as_posix()}",
        'next: fill in each "" from the paper\'s cover sheet, put its text after the closing ---, then run python -m generator validate',
    ]


def _new_position(arguments: argparse.Namespace) -> list[str]:
    paper_path = arguments.content / PAPER.folder / f"{arguments.paper}{PAPER.suffix}"
    if not paper_path.is_file():
        raise ScaffoldError(f'there is no paper "{arguments.paper}" ({paper_path.as_posix()}); give the file name of a paper without .md')
    inspection_path = arguments.content / INSPECTION.folder / f"{arguments.inspection}{INSPECTION.suffix}"
    inspection = _read(inspection_path, INSPECTION, "--inspection", ("recommendations",))
    numbers = _numbers(arguments.numbers) or [r["number"] for r in inspection.get("recommendations", [])]
    entry = _environment().get_template("position.yml.j2").render(inspection=arguments.inspection, numbers=numbers, statuses=[BY_NAME[name] for name in STATED_STATUSES])
    if arguments.print:
        print(entry, end="")
        return []
    paper_path.write_text(insert_position(paper_path.read_text(encoding="utf-8"), entry), encoding="utf-8")
    return [f"added positions for {arguments.inspection} to {paper_path.as_posix()}", "next: give each status the paper states, then run python -m generator validate"]


def insert_position(text: str, entry: str) -> str:
    """The paper with the entry at the end of its front matter's positions list."""
    lines = text.split("\n")
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER_FENCE), None)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE or closing is None:
        raise ScaffoldError("the paper has no front matter between two --- lines; run python -m generator validate")
    start = next((i for i in range(1, closing) if lines[i].startswith("positions:")), None)
    if start is None:
        return "\n".join([*lines[:closing], "positions:", entry.rstrip("\n"), *lines[closing:]])
    end = next((i for i in range(start + 1, closing) if lines[i][:1] not in ("", " ", "#")), closing)
    while end - 1 > start and lines[end - 1].startswith("#"):
        end -= 1  # a comment just above the next field belongs to that field
    return "\n".join([*lines[:end], entry.rstrip("\n"), *lines[end:]])


def _numbers(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise ScaffoldError(f'--numbers must be whole numbers separated by commas, e.g. 1,3,5, not "{text}"') from None


def _date(text: str, option: str) -> PaperDate:
    try:
        return parse_date(text)
    except DateError as error:
        raise ScaffoldError(f"{option}: {error}; write it as e.g. 2024-09-18 or 2022-09") from None


def _full_date(text: str, option: str) -> PaperDate:
    date = _date(text, option)
    if date.precision is not Precision.DAY:
        raise ScaffoldError(f'{option} must be a full date with the day, not "{text}", e.g. 2024-09-18')
    return date


def _target(content: Path, kind: Kind, identifier: str) -> Path:
    if slug(identifier) != identifier:
        raise ScaffoldError(f'"{identifier}" is not an identifier; use lower-case letters, digits and hyphens, e.g. {slug(identifier) or "sample-paper"}')
    target = content / kind.folder / f"{identifier}{kind.suffix}"
    if target.exists():
        raise ScaffoldError(f"{target.as_posix()} already exists; give another --identifier, or edit that file")
    return target


def _read(path: Path, kind: Kind, option: str, needs: tuple[str, ...]) -> dict[str, Any]:
    """A content file's validated values; a missing file, or one without the values needed, is a mistake to fix first.

    Other problems do not matter here: a new meeting's agenda is empty until its first paper is added.
    """
    if not path.is_file():
        folder = path.parent
        known = ", ".join(sorted(p.stem for p in folder.glob(f"*{kind.suffix}"))) or "none yet"
        raise ScaffoldError(f'{option}: there is no {kind.name} "{path.stem}" in {folder.as_posix()}/; give one of: {known}')
    problems = Problems()
    source = load_file(kind, path, problems)
    values = validate_source(source, problems) if source else {}
    if any(name not in values for name in needs):
        raise ScaffoldError(f"{path.as_posix()} has problems; run python -m generator validate and fix them first")
    return values


def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES_PATH), undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters["quoted"] = lambda value: json.dumps(str(value), ensure_ascii=False)  # a YAML double-quoted scalar
    return environment


def _render(template: str, target: Path, kind: Kind, **values: Any) -> str:
    schema_uri = Path(os.path.relpath(Path.cwd() / SCHEMAS_PATH / f"{kind.name}.schema.json", target.parent.resolve())).as_posix()
    return _environment().get_template(template).render(schema_uri=schema_uri, **values)


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _add_to_agenda(meeting_path: Path, paper: str) -> None:
    """Append the paper to the meeting's agenda, keeping the file's comments."""
    yaml = canonical_yaml()
    data = yaml.load(meeting_path.read_text(encoding="utf-8"))
    agenda = data.get("agenda")
    if not isinstance(agenda, CommentedSeq) or not agenda:
        agenda = CommentedSeq()
        data["agenda"] = agenda
    agenda.append(CommentedMap(paper=paper))
    with meeting_path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
