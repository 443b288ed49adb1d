"""The benchmark's synthetic archive passes every check a real one must.

The benchmark (benchmarks/run.py) refuses to time an archive that does not
validate; when the checks grow stricter, the archive must grow with them,
or `make bench` stops before it measures anything."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synth import write_archive
from tests.conftest import run_generator


def test_the_synthetic_archive_validates_with_no_problem_at_all(tmp_path: Path) -> None:
    content = tmp_path / "content"
    sizes = write_archive(content, 1)
    assert sizes.papers > 0 and sizes.recommendations > 0
    result = run_generator("validate", "--strict", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith(": no problems found"), result.stderr
