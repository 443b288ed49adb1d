"""The golden snapshot (tests/golden.py): every page of a small content tree
reads as the committed text. After an intended change: `make golden`."""

from __future__ import annotations

import difflib

from tests.golden import committed, current


def test_every_page_reads_as_the_committed_snapshot() -> None:
    expected, built = committed(), current()
    assert len(expected) > 10, "no snapshot committed: run `make golden`"
    assert sorted(built) == sorted(expected), "pages came or went: run `make golden` and review the diff"
    for name, text in built.items():
        diff = "\n".join(difflib.unified_diff(expected[name].splitlines(), text.splitlines(), "committed", "built", lineterm=""))
        assert not diff, f"{name} changed (if intended, run `make golden` and review the diff):\n{diff}"
