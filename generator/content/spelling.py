"""'Did you mean ...?' only for a slip of the keyboard, never across meanings.

difflib's ratio finds "ongoing-delayed" close to "ongoing", and offering it
would invite an editor to claim a delay the paper never stated. A suggestion
is made only when the word is one or two keystrokes from a single known word
(a letter missing, added, changed, or two swapped): a spelling, not a choice.
"""

from __future__ import annotations

from collections.abc import Iterable


def spelling_of(word: str, known: Iterable[str]) -> str | None:
    """The one known word that `word` misspells, if there is exactly one."""
    limit = 1 if len(word) <= 4 else 2
    close = [candidate for candidate in known if candidate != word and keystrokes(word.lower(), candidate.lower()) <= limit]
    return close[0] if len(close) == 1 else None


def keystrokes(first: str, second: str) -> int:
    """Edits from one word to the other, a swap of neighbours counting as one (Damerau-Levenshtein, restricted)."""
    if abs(len(first) - len(second)) > 2:
        return 3
    previous_row: list[int] | None = None
    row = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + (a != b))
            if before is not None and i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]
