"""The one declaration of every kind of content file.

Validation (validate.py), the editors' JSON Schemas and the format reference
(reference.py) are all generated from these declarations, so the three can
never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.statuses import BY_NAME, COLUMNS, STATUS_NAMES

THEMES = ("Governance", "Guidelines", "Compliance", "Resources", "Human Error", "Better Practice")
IDENTIFIER_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Node:
    """A value in a content file, with the words editors see about it."""

    description: str


@dataclass(frozen=True)
class Text(Node):
    """Verbatim text on one line or several; whole numbers are read as text.

    `empty` allows "" (an empty table cell); elsewhere an empty value is a
    field left unfilled.
    """

    empty: bool = False


@dataclass(frozen=True)
class Markdown(Node):
    """Verbatim text with Markdown structure: paragraphs, lists, headings."""


@dataclass(frozen=True)
class Integer(Node):
    minimum: int = 0


@dataclass(frozen=True)
class Date(Node):
    """A day or a month, in one of the forms of dates.ACCEPTED_FORMS.

    A full date (a meeting's, a cover sheet's) must give the day: a month
    alone cannot be matched to a meeting.
    """

    full: bool = False
    when_empty: str | None = None  # what to write instead when the key is left empty


@dataclass(frozen=True)
class Ref(Node):
    """The identifier (file name without extension) of another content file."""

    kind: str


@dataclass(frozen=True)
class ActionNumber(Node):
    """An action number such as "1.1": the recommendation, a dot, the action."""


@dataclass(frozen=True)
class Flag(Node):
    """true or false: something the editor records about the paper's words, not a word of it."""


@dataclass(frozen=True)
class Choice(Node):
    choices: tuple[str, ...]


@dataclass(frozen=True)
class ListOf(Node):
    item: Node
    min_items: int = 0
    unique: str = ""  # a field each entry gives once in the list (a glossary term)


@dataclass(frozen=True)
class Key:
    name: str
    node: Node
    required: bool = False


@dataclass(frozen=True)
class Mapping(Node):
    keys: tuple[Key, ...]
    rows_match_columns: bool = False  # a table: each entry of "rows" has one cell per entry of "columns"

    def key(self, name: str) -> Key | None:
        return next((k for k in self.keys if k.name == name), None)


@dataclass(frozen=True)
class MapOf(Node):
    """A mapping from names the editor chooses (identifiers) to values."""

    value: Node


@dataclass(frozen=True)
class Kind:
    """A kind of content file: where it lives and what it holds."""

    name: str
    folder: str
    suffix: str
    root: Mapping
    summary: str


def _date(description: str) -> Date:
    return Date(description)


def _full_date(description: str) -> Date:
    return Date(description, full=True)


TARGET_DATE = Mapping(
    "A target date: the first one, or a revision of it.",
    (
        Key("date", _date("The target date."), required=True),
        Key("label", Text('How the plan introduces it, e.g. "Current recorded on 4Action".')),
        Key("range", Text('The time range given with it, e.g. "(18 – 24 months)".')),
        Key("rationale", Markdown("Why the target date was revised.")),
    ),
)

UPDATE = Mapping(
    "A progress update on an action.",
    (
        Key("date", _date("When the update was given; leave out for the first, undated entry.")),
        Key("label", Text('The update\'s heading when it is not "Update <date>".')),
        Key("text", Markdown("The update, verbatim."), required=True),
    ),
)

ACTION = Mapping(
    "An improvement action.",
    (
        Key("number", ActionNumber('The action number, e.g. "1.1".'), required=True),
        Key("text", Markdown("The action, verbatim."), required=True),
        Key("owner", Text("Who owns the action.")),
        Key("updates", ListOf("Progress updates, in the plan's order.", UPDATE)),
        Key("target_dates", ListOf("The target date, then each revision.", TARGET_DATE)),
        Key("completion_note", Markdown("The completion-date cell, verbatim, when it says more than dates.")),
    ),
)

PLAN_RECOMMENDATION = Mapping(
    "A recommendation as the plan sets it out.",
    (
        Key("number", Integer("The recommendation's number.", 1), required=True),
        Key("text", Markdown("The recommendation as the plan quotes it.")),
        Key("lead", Text("The lead for the recommendation.")),
        Key("progress", Markdown("Progress on the whole recommendation, when the plan gives it.")),
        Key("target_dates", ListOf("Target dates for the whole recommendation.", _date("A date."))),
        Key("actions", ListOf("The recommendation's actions.", ACTION)),
    ),
)

PLAN = Kind(
    "plan",
    "plans",
    ".yml",
    Mapping(
        "An improvement plan.",
        (
            Key("inspection", Ref("The inspection the plan answers.", "inspection"), required=True),
            Key("title", Text("The plan's title, verbatim."), required=True),
            Key("date", _date("When the plan was last updated."), required=True),
            Key(
                "details",
                ListOf(
                    "The document-control box, in order.",
                    Mapping(
                        "One row of the box.",
                        (
                            Key("label", Text("The row's label."), required=True),
                            Key("value", Text("The row's value."), required=True),
                        ),
                    ),
                ),
            ),
            Key("introduction", Markdown("Text before the plan.")),
            Key("progress_heading", Text('The progress column heading, e.g. "Progress as at January 2023".')),
            Key("recommendations", ListOf("The plan, recommendation by recommendation.", PLAN_RECOMMENDATION, 1), required=True),
            Key("closing", Markdown("Text after the plan.")),
        ),
    ),
    "An improvement plan: per recommendation its lead and actions, with owners, dated updates and target dates.",
)

RECOMMENDATION = Mapping(
    "A recommendation of the inspection.",
    (
        Key("number", Integer("The recommendation's number.", 1), required=True),
        Key("text", Markdown("The recommendation, verbatim; leave out if no paper quotes it.")),
        Key("lead", Text("The lead for the recommendation.")),
        Key("themes", ListOf("The recommendation's themes.", Choice("A theme.", THEMES))),
        Key(
            "see_also",
            ListOf(
                "The same concern in another inspection.",
                Mapping(
                    "A recommendation of another inspection.",
                    (
                        Key("inspection", Ref("The other inspection.", "inspection"), required=True),
                        Key("recommendation", Integer("Its recommendation number.", 1), required=True),
                    ),
                ),
            ),
        ),
    ),
)

AREA_FOR_DEVELOPMENT = Mapping(
    "An Area for Development.",
    (
        Key("section", Text("The section or theme it comes under."), required=True),
        Key("text", Markdown("The Area for Development, verbatim."), required=True),
        Key("number", Integer("Its number, when the paper numbers them.", 1)),
        Key("actions", ListOf("Actions of this inspection's plans that address it.", ActionNumber("An action number."))),
    ),
)

INSPECTION = Kind(
    "inspection",
    "inspections",
    ".yml",
    Mapping(
        "An inspection and its recommendations.",
        (
            Key("inspectorate", Text("Who inspected, e.g. HMICS."), required=True),
            Key("title", Text("The inspection report's title."), required=True),
            Key("short_title", Text("The short name papers use."), required=True),
            Key("published", _date("When the report was published."), required=True),
            Key("type", Text("The kind of inspection, e.g. Assurance review."), required=True),
            Key("total_recommendations", Integer("How many recommendations it made, when not all are listed.", 1)),
            Key("recommendations", ListOf("Its recommendations.", RECOMMENDATION, 1), required=True),
            Key("areas_for_development", ListOf("Its Areas for Development.", AREA_FOR_DEVELOPMENT)),
        ),
    ),
    "An inspection report: its recommendations and Areas for Development.",
)

MEETING = Kind(
    "meeting",
    "meetings",
    ".yml",
    Mapping(
        "A committee meeting.",
        (
            Key("committee", Text("The committee's name."), required=True),
            Key("date", _full_date("The meeting's date."), required=True),
            Key("location", Text("Where it met."), required=True),
            Key(
                "agenda",
                ListOf(
                    "The papers on its agenda, in order.",
                    Mapping(
                        "An agenda item.",
                        (
                            Key("paper", Ref("The paper.", "paper"), required=True),
                            Key("item", Text('The agenda item number, e.g. "3.5".')),
                        ),
                    ),
                    1,
                ),
                required=True,
            ),
        ),
    ),
    "A committee meeting: date, location and agenda.",
)

STATED_COUNTS = Mapping(
    "The paper's own status table.",
    (
        Key("total", Integer("Total."), required=True),
        *(Key(column.field, Integer(f"{column.label}."), required=True) for column in COLUMNS),
    ),
)

COUNTS_IN_WORDS = Mapping(
    'Figures the paper states in a sentence, e.g. "This is the last remaining of 8 recommendations": give only the figures the sentence states.',
    (
        Key("words", Text("The sentence, verbatim."), required=True),
        Key("of", Choice("What the sentence counts (recommendations unless said).", ("recommendations", "areas-for-development"))),
        Key("total", Integer("How many there are in all.")),
        Key("closed", Integer("How many are closed.")),
        Key("open", Integer("How many remain open.")),
        Key("ongoing_on_track", Integer("How many are on track.")),
        Key("ongoing_delayed", Integer("How many are delayed.")),
    ),
)

_STATUS_WORDS = "; ".join(f"{BY_NAME[name].name}: {BY_NAME[name].label.lower()} ({BY_NAME[name].whose}'s word)" for name in STATUS_NAMES)

POSITION = Mapping(
    "Where a recommendation stood, as this paper states it. Its narrative is the paper's text after a [[narrative <inspection> <number>]] marker in the body.",
    (
        Key("number", Integer("The recommendation's number.", 1), required=True),
        Key("status", Choice(f"Its status, in the paper's word, where the paper states it. {_STATUS_WORDS}.", STATUS_NAMES)),
        Key("initial_target", _date('The initial target the paper restates ("The initial target for completion was ...").')),
        Key(
            "revised_target",
            Date(
                "A revised target the paper states, with its date.",
                when_empty="give the revised date the paper states, or, if the paper says the target was revised without giving a new date, write target_revised: without a new date",
            ),
        ),
        Key("target_revised", Choice("The paper says the target was revised but gives no new date.", ("without a new date",))),
        Key(
            "reopened",
            Flag(
                "Write true when the paper says the recommendation was reopened after an earlier paper recorded it discharged by HMICS: "
                "the warning of a status after closed is then not raised. The paper's own words, in its narrative, say the rest."
            ),
        ),
    ),
)

TABLE = Mapping(
    "A table the body places with [[table <name>]].",
    (
        Key("caption", Text("What the table shows."), required=True),
        Key("columns", ListOf("The header cells.", Text("A header cell."), 1), required=True),
        Key("rows", ListOf("The rows.", ListOf("A row's cells, as many as the columns.", Text('A cell; write "" for an empty one.', empty=True)), 1), required=True),
        Key("note", Text("A note printed under the table.")),
    ),
    rows_match_columns=True,
)

PAPER = Kind(
    "paper",
    "papers",
    ".md",
    Mapping(
        "A committee paper (front matter; the body is its text).",
        (
            Key("title", Text("The paper's title."), required=True),
            Key("meeting", Ref("The meeting it went to.", "meeting"), required=True),
            Key("date", _full_date("The paper's date, for a paper known only from its web page (no cover sheet); the meeting's date.")),
            Key(
                "cover_sheet",
                Mapping(
                    "The cover sheet, verbatim; leave it out for a paper known only from its web page (then give date).",
                    (
                        Key("meeting", Text("Meeting."), required=True),
                        Key("date", _full_date("Date."), required=True),
                        Key("location", Text("Location."), required=True),
                        Key("title", Text("Title of Paper."), required=True),
                        Key("presented_by", Text("Presented By."), required=True),
                        Key("recommendation_to_members", Text("Recommendation to Members."), required=True),
                        Key("appendix_attached", Text("Appendix Attached."), required=True),
                    ),
                ),
            ),
            Key("summary", Markdown("The Report Summary (or the PURPOSE paragraph)."), required=True),
            Key(
                "appendices",
                ListOf(
                    "Appendices that are another paper or an improvement plan.",
                    Mapping(
                        "An appendix: give either paper or plan.",
                        (
                            Key("label", Text('e.g. "Appendix A".'), required=True),
                            Key("title", Text("The appendix title."), required=True),
                            Key("paper", Ref("The paper that is the appendix.", "paper")),
                            Key("plan", Ref("The plan that is the appendix.", "plan")),
                        ),
                    ),
                ),
            ),
            Key(
                "positions",
                ListOf(
                    "Per inspection, where its recommendations stood.",
                    Mapping(
                        "One inspection's positions.",
                        (
                            Key("inspection", Ref("The inspection.", "inspection"), required=True),
                            Key("stated_counts", STATED_COUNTS),
                            Key("counts_in_words", ListOf("Figures the paper states in words, one entry per sentence.", COUNTS_IN_WORDS)),
                            Key("recommendations", ListOf("Positions, one per recommendation.", POSITION)),
                        ),
                    ),
                ),
            ),
            Key("tables", MapOf("Tables, by name.", TABLE)),
        ),
    ),
    "A committee paper: cover sheet, summary, positions and tables in front matter; its text in the body.",
)

GLOSSARY = Kind(
    "glossary",
    "",
    ".yml",
    Mapping(
        "Acronyms and abbreviations used in the papers.",
        (
            Key(
                "terms",
                ListOf(
                    "The terms, one entry each.",
                    Mapping(
                        "A term.",
                        (
                            Key("term", Text("The acronym as written, e.g. C3."), required=True),
                            Key("expansion", Text("What it stands for."), required=True),
                        ),
                    ),
                    1,
                    unique="term",
                ),
                required=True,
            ),
            Key("not_acronyms", ListOf("Words in capitals that are not acronyms (initials, product names), so not warned of.", Text("A word as written."))),
            Key(
                "not_expanded",
                ListOf(
                    "Acronyms the papers use without saying what they stand for, and whose meaning could not be confirmed: the glossary page lists them as such, and validation does not warn of them.",
                    Text("An acronym as written."),
                ),
            ),
        ),
    ),
    "The glossary of acronyms and abbreviations.",
)

KINDS: tuple[Kind, ...] = (INSPECTION, MEETING, PAPER, PLAN, GLOSSARY)
