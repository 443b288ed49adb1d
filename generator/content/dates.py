"""Dates as the papers write them: a day, or a month, shown as written.

Papers give target dates as `30/11/2023`, `June 2024` or `18 September 2024`;
structured files use ISO forms. A `PaperDate` keeps the text for display and
the parsed value, with its precision, for ordering and arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

ACCEPTED_FORMS = "2024-09-18, 2024-09, 18 September 2024, 30/11/2023 or June 2024 (month names in full)"
FULL_DATE_FORMS = "2024-09-18, 18 September 2024 or 18/09/2024 (month names in full)"


class Precision(Enum):
    DAY = "day"
    MONTH = "month"


@dataclass(frozen=True)
class PaperDate:
    """A date with the precision the paper gave it, and its original text."""

    text: str
    value: dt.date
    precision: Precision

    def __lt__(self, other: PaperDate) -> bool:
        return self.value < other.value

    @property
    def long(self) -> str:
        """`18 September 2024` or `September 2024`, for headings and tables."""
        month_year = f"{MONTHS[self.value.month - 1]} {self.value.year}"
        if self.precision is Precision.MONTH:
            return month_year
        return f"{self.value.day} {month_year}"

    @property
    def iso(self) -> str:
        if self.precision is Precision.MONTH:
            return self.value.strftime("%Y-%m")
        return self.value.isoformat()


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WORDS = re.compile(r"^(?:(\d{1,2}) )?([A-Z][a-z]+) (\d{4})$")


class DateError(ValueError):
    """The text is not a date in an accepted form, or not a real date."""


def parse_date(text: str) -> PaperDate:
    """Read a date in one of ACCEPTED_FORMS; raise DateError saying why not."""
    cleaned = text.strip()
    for pattern, reader in _READERS:
        match = pattern.match(cleaned)
        if match:
            return reader(cleaned, match)
    raise DateError(f'"{cleaned}" is not a date in an accepted form')


def _build(text: str, year: int, month: int, day: int | None) -> PaperDate:
    try:
        value = dt.date(year, month, 1 if day is None else day)
    except ValueError:
        raise DateError(f'"{text}" is not a real date') from None
    precision = Precision.MONTH if day is None else Precision.DAY
    return PaperDate(text, value, precision)


def _iso_day(text: str, match: re.Match[str]) -> PaperDate:
    return _build(text, int(match[1]), int(match[2]), int(match[3]))


def _iso_month(text: str, match: re.Match[str]) -> PaperDate:
    return _build(text, int(match[1]), int(match[2]), None)


def _slashed(text: str, match: re.Match[str]) -> PaperDate:
    return _build(text, int(match[3]), int(match[2]), int(match[1]))


def _words(text: str, match: re.Match[str]) -> PaperDate:
    if match[2] not in MONTHS:
        raise DateError(f'"{text}" does not name a month in full')
    day = int(match[1]) if match[1] else None
    return _build(text, int(match[3]), MONTHS.index(match[2]) + 1, day)


_READERS = (
    (_ISO_DAY, _iso_day),
    (_ISO_MONTH, _iso_month),
    (_SLASHED, _slashed),
    (_WORDS, _words),
)
