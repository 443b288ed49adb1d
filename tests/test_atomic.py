"""site/ is swapped in whole: never half-written, never missing, never mixed.

A build writes into .site.builds/ and points site/ at the finished build
with one rename. These tests kill builds at random moments, break them in
the engine, run several at once, and compare every byte of site/.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.cli import main
from generator.engine import search_index
from generator.engine.search_text import read_page
from tests.conftest import MINIMAL_TREE, ROOT, run_generator, tree_bytes

PAPER = "papers/2024-09-18-sample-paper.md"
CONFIG = str(ROOT / "mkdocs.yml")


def build(work: Path, content: str = "content", site: str = "site") -> subprocess.CompletedProcess[str]:
    return run_generator("build", "--content", content, "--site", site, "--docs", "docs", "--config", CONFIG, cwd=work)


def retitled(title: str) -> str:
    return MINIMAL_TREE[PAPER].replace("title: Sample Progress Summary\nmeeting", f"title: {title}\nmeeting", 1)


def interruptible() -> None:
    """Give the build the default Ctrl-C handling, as in a terminal.

    A test run started in the background inherits SIGINT ignored, and so
    would every build it starts: an interrupt would then never land.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_build(work: Path, content: str, site: str = "site") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--content", content, "--site", site, "--docs", "docs", "--config", CONFIG],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )


def wait_for_engine(work: Path, process: subprocess.Popen[str], site: str = "site") -> float:
    """Wait until the build has made its staging directory; return when."""
    builds = work / f".{site}.builds"
    link = work / site
    while process.poll() is None:
        current = link.resolve().name if link.is_symlink() else None
        if builds.is_dir() and any(p.name.startswith("build-") and p.name != current for p in builds.iterdir()):
            return time.monotonic()
        time.sleep(0.005)
    raise AssertionError("the build ended before its engine phase was seen")


def leftovers(work: Path) -> list[str]:
    """What the builds folder holds besides its lock and the build site/ points at."""
    current = (work / "site").resolve().name
    return sorted(p.name for p in (work / ".site.builds").iterdir() if p.name not in (".lock", current))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes], float]:
    """site/ built from content/; the bytes of a build of content-new/, and how long its engine ran."""
    work = tmp_path_factory.mktemp("atomic") / "work"
    for folder, paper in (("content", MINIMAL_TREE[PAPER]), ("content-new", retitled("A Retitled Summary"))):
        for relative, text in {**MINIMAL_TREE, PAPER: paper}.items():
            target = work / folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    timing = start_build(work, "content-new", "reference")
    began = wait_for_engine(work, timing, "reference")
    _, stderr = timing.communicate(timeout=120)
    assert timing.returncode == 0, stderr
    engine_seconds = time.monotonic() - began
    first = build(work)
    assert first.returncode == 0, first.stderr
    return work, tree_bytes(work / "site"), tree_bytes(work / "reference"), engine_seconds


@pytest.fixture
def two_versions(built: tuple[Path, dict[str, bytes], dict[str, bytes], float], tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A copy of the built work folder (site/ is a relative link, so it still points home)."""
    work = tmp_path / "work"
    shutil.copytree(built[0], work, symlinks=True)
    return work, built[1], built[2]


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_whole_new_one(
    built: tuple[Path, dict[str, bytes], dict[str, bytes], float], two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]], signal_number: int
) -> None:
    work, old, new = two_versions
    assert old != new
    seed = random.randrange(1 << 30)
    chooser = random.Random(seed)
    outcomes = []
    # The first kill follows the engine's start at once, so that one kill
    # lands before the swap however fast or loaded the machine is; the
    # others fall anywhere in the engine's time.
    for attempt in range(3):
        if outcomes[-1:] == ["new"]:
            assert build(work).returncode == 0
        process = start_build(work, "content-new")
        wait_for_engine(work, process)
        time.sleep(chooser.uniform(0, built[3] * 0.9) if attempt else 0)
        process.send_signal(signal_number)
        _, stderr = process.communicate(timeout=120)
        after = tree_bytes(work / "site")
        assert after in (old, new), f"seed {seed}: site/ is neither the old build nor the new one"
        outcomes.append("old" if after == old else "new")
        if after == old and signal_number != signal.SIGKILL:
            assert process.returncode == 130, stderr
            assert stderr.endswith("interrupted; site/ was left as it was.\n"), stderr
            assert leftovers(work) == []
    assert "old" in outcomes, f"seed {seed}: no kill landed before the swap: {outcomes}"


def test_the_next_build_clears_what_a_killed_build_left(two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]]) -> None:
    work, _, new = two_versions
    process = start_build(work, "content-new")
    wait_for_engine(work, process)
    process.kill()
    process.communicate(timeout=120)
    assert build(work, "content-new").returncode == 0
    assert tree_bytes(work / "site") == new
    assert leftovers(work) == []


def test_an_engine_failure_leaves_the_site_as_it_was(two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]]) -> None:
    work, old, _ = two_versions
    broken = work / "broken.yml"
    broken.write_text(Path(CONFIG).read_text(encoding="utf-8").replace("plugins: []", "plugins:\n  - no-such-plugin"), encoding="utf-8")
    result = run_generator("build", "--content", "content-new", "--site", "site", "--docs", "docs", "--config", str(broken), cwd=work)
    assert result.returncode == 1
    assert "the site engine stopped" in result.stderr and result.stderr.endswith("site/ was left as it was.\n")
    assert "Traceback" not in result.stderr
    assert tree_bytes(work / "site") == old


def test_a_search_index_failure_leaves_the_site_as_it_was(two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    work, old, _ = two_versions
    monkeypatch.chdir(work)
    monkeypatch.setattr(search_index, "read_page", lambda html: read_page(html.replace(b"<article", b"<article data-search-body", 1)))
    assert main(["build", "--content", "content-new", "--site", "site", "--docs", "docs", "--config", CONFIG]) == 1
    assert capsys.readouterr().err.endswith(": 2 parts are marked data-search-body; a page has one\nthe built site has 1 problem: failed; site/ was left as it was.\n")
    assert tree_bytes(work / "site") == old
    assert leftovers(work) == []


def test_builds_started_together_take_turns(two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]]) -> None:
    work, old, new = two_versions
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda content: build(work, content), ["content", "content-new", "content", "content-new"]))
    assert [r.returncode for r in results] == [0, 0, 0, 0], [r.stderr for r in results]
    assert tree_bytes(work / "site") in (old, new)
    assert leftovers(work) == []


def test_site_is_a_relative_link_that_survives_moving_the_folder(two_versions: tuple[Path, dict[str, bytes], dict[str, bytes]]) -> None:
    work, old, _ = two_versions
    assert (work / "site").is_symlink()
    assert os.readlink(work / "site").startswith(".site.builds/build-")
    moved = work.parent / "moved"
    work.rename(moved)
    assert tree_bytes(moved / "site") == old


def test_a_site_folder_from_before_is_replaced_by_the_link(content_tree: Callable[..., Path]) -> None:
    work = content_tree().parent
    (work / "site").mkdir()
    (work / "site" / "stale.html").write_text("old", encoding="utf-8")
    assert build(work).returncode == 0
    assert (work / "site").is_symlink()
    assert not (work / "site" / "stale.html").exists()
    assert leftovers(work) == []
