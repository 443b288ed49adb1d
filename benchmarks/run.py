"""Build synthetic archives at several sizes and report where the time goes.

    .venv/bin/python -m benchmarks.run --sizes 1,10,50     (or: make bench)

For each size: write the archive (benchmarks.synth) into a temporary
directory, check that it validates, build it with `python -m generator
build --timings` in a child process (its peak memory comes from the
kernel's accounting of that child), and measure the built site. Then start
the preview on one size and time saving a file until the new page is
served, and weigh a paper page and a recommendation page as a reader's
browser would fetch them, and what a first search fetches (benchmarks.first_query). Figures go to benchmarks/results.json and
docs/performance.md (benchmarks.report), and are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks import first_query, preview, weight
from benchmarks.report import write_report
from benchmarks.synth import write_archive

ROOT = Path(__file__).resolve().parent.parent
RESULTS_PATH = ROOT / "benchmarks" / "results.json"
TIMING_LINE = re.compile(r"^(?P<stage>[a-z][a-z ]*?)\s+(?P<seconds>\d+\.\d+) s\s+(?P<cpu>\d+\.\d+) s cpu$")
GENERATOR_STAGES = ("load", "validate", "model", "check", "derive", "render", "write docs", "verify")


@dataclass
class Build:
    """One size, built once, measured."""

    scale: int
    config: str
    archive: dict[str, int]
    wall_seconds: float
    cpu_seconds: float
    stages: dict[str, float]
    cpu_stages: dict[str, float]
    peak_memory_mb: float
    pages: int
    average_page_kb: float
    site_mb: float
    search_index_kb: float
    search_index_files: int
    first_queries: dict[str, dict[str, object]]
    pdfs: int = 0
    pdf_mb: float = 0.0
    pdf_seconds_cached: float = 0.0  # the PDF stage of a second build of the same content

    @property
    def generator_seconds(self) -> float:
        return sum(self.stages.get(stage, 0.0) for stage in GENERATOR_STAGES)

    @property
    def generator_cpu_seconds(self) -> float:
        return sum(self.cpu_stages.get(stage, 0.0) for stage in GENERATOR_STAGES)

    def summary(self) -> dict[str, object]:
        """The figures as stored in results.json."""
        figures = asdict(self)
        figures["generator_seconds"] = round(self.generator_seconds, 3)
        figures["generator_cpu_seconds"] = round(self.generator_cpu_seconds, 3)
        figures["ms_per_page"] = round(1000 * self.wall_seconds / self.pages, 2)
        figures["cpu_ms_per_page"] = round(1000 * self.cpu_seconds / self.pages, 2)
        figures["engine_ms_per_page"] = round(1000 * self.stages.get("engine", 0.0) / self.pages, 2)
        return figures


def run_child(command: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak resident memory (MB) and stderr of a child process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as stderr:
        child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        stderr.seek(0)
        output = stderr.read()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def stage_seconds(output: str, column: str) -> dict[str, float]:
    """A column ("seconds" or "cpu") of the table `python -m generator build --timings` prints."""
    stages = {}
    for line in output.splitlines():
        match = TIMING_LINE.match(line)
        if match and match["stage"] != "total":
            stages[match["stage"]] = float(match[column])
    return stages


def build_size(scale: int, work: Path, config: Path) -> Build:
    """Write, validate and build one size; measure the site."""
    content = work / "content"
    sizes = write_archive(content, scale)
    generator = [sys.executable, "-m", "generator"]
    run_child([*generator, "validate", "--content", str(content)], ROOT)
    site = work / "site"
    # A PDF cache of its own, empty at first: the first build prints every PDF, the second none.
    build = [*generator, "build", "--timings", "--content", str(content), "--docs", str(work / "docs"), "--site", str(site), "--config", str(config), "--pdf-cache", str(work / "pdf-cache")]
    wall, cpu, peak, output = run_child(build, ROOT)
    cached_output = run_child(build, ROOT)[3]
    pages = weight.html_pages(site)
    index = first_query.index_size(site)
    pdfs = sorted(site.glob("papers/*/*.pdf"))
    return Build(
        scale,
        config.name,
        asdict(sizes),
        round(wall, 3),
        round(cpu, 3),
        stage_seconds(output, "seconds"),
        stage_seconds(output, "cpu"),
        round(peak, 1),
        len(pages),
        round(sum(page.stat().st_size for page in pages) / len(pages) / 1e3, 1),
        round(weight.tree_bytes(site) / 1e6, 2),
        index["index_kb"],
        int(index["index_files"]),
        first_query.first_queries(site),
        len(pdfs),
        round(sum(pdf.stat().st_size for pdf in pdfs) / 1e6, 2),
        stage_seconds(cached_output, "seconds").get("pdf", 0.0),
    )


def print_build(build: Build) -> None:
    figures = build.summary()
    stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in build.cpu_stages.items())
    queries = ", ".join(f"{query['search_kb']} kB ({label})" for label, query in build.first_queries.items())
    print(
        f"{build.scale:>3}x [{build.config}] {build.pages} pages: {build.wall_seconds:.1f} s wall, {build.cpu_seconds:.1f} s CPU, "
        f"{figures['ms_per_page']} ms/page wall, {figures['cpu_ms_per_page']} CPU (engine wall {figures['engine_ms_per_page']}); "
        f"CPU s by stage: {stages}; peak {build.peak_memory_mb:.0f} MB; site {build.site_mb} MB; "
        f"search index {build.search_index_kb} kB in {build.search_index_files} files, built in {build.stages.get('search index', 0):.2f} s; "
        f"first query fetches {queries}" + "; "
        f"{build.pdfs} PDFs, {build.pdf_mb} MB, printed in {build.stages.get('pdf', 0.0):.1f} s ({build.pdf_seconds_cached:.2f} s when cached)",
        flush=True,
    )


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="archive sizes, multiples of a realistic archive (default %(default)s)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="site engine configuration (default: the project's)")
    parser.add_argument("--compare-nav", default="", metavar="SIZES", help="also build these sizes with the full navigation, with and without navigation.prune; else the last comparison is kept")
    parser.add_argument("--nav-rounds", type=int, default=2, help="builds of each navigation design, the least CPU time kept (default %(default)s)")
    parser.add_argument("--preview-size", type=int, default=10, help="archive size for the preview timing, 0 to skip (default %(default)s)")
    parser.add_argument("--note", default="", help="a note stored with the results, e.g. what else the machine was doing")
    parser.add_argument("--output", type=Path, default=RESULTS_PATH, help="results file (default %(default)s)")
    arguments = parser.parse_args(argv)
    results: dict[str, object] = {"machine": machine(), "note": arguments.note, "builds": [], "nav_comparison": [], "preview": None, "weight": None}
    with tempfile.TemporaryDirectory(prefix="hmics-bench-") as scratch:
        results.update(measure(arguments, Path(scratch)))
    if not results["nav_comparison"] and arguments.output.is_file():
        # Not measured this time (it takes a quarter of an hour): keep the last
        # comparison, which carries the date it was measured on.
        results["nav_comparison"] = json.loads(arguments.output.read_text(encoding="utf-8")).get("nav_comparison", [])
    arguments.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {arguments.output}")
    if arguments.output == RESULTS_PATH:
        write_report(results)
        print("wrote docs/performance.md")
    return 0


def measure(arguments: argparse.Namespace, scratch: Path) -> dict[str, object]:
    sizes = [int(size) for size in arguments.sizes.split(",")]
    builds = []
    for scale in sizes:
        build = build_size(scale, scratch / f"{scale}x", arguments.config)
        print_build(build)
        builds.append(build)
    found: dict[str, object] = {"builds": [build.summary() for build in builds]}
    by_scale = {build.scale: build for build in builds}
    compared = []
    for scale in (int(size) for size in arguments.compare_nav.split(",") if size):
        compared += compare_nav(scale, scratch, arguments.config, arguments.nav_rounds)
    found["nav_comparison"] = compared
    if arguments.preview_size:
        found["preview"] = preview.measure(scratch / f"{arguments.preview_size}x" / "content", arguments.preview_size, arguments.config)
        print(f"preview at {arguments.preview_size}x: {found['preview']}", flush=True)
    weighed = by_scale.get(arguments.preview_size) or builds[-1]
    found["weight"] = weight.measure(scratch / f"{weighed.scale}x" / "site", weighed.scale)
    print(f"page weight at {weighed.scale}x: {found['weight']}", flush=True)
    return found


def compare_nav(scale: int, scratch: Path, config: Path, rounds: int = 2) -> list[dict[str, object]]:
    """One size built with each navigation design, in turn, `rounds` times;
    each design's build with the least CPU time is kept (see docs/performance.md)."""
    designs = (
        ("explicit nav of section indexes", config),
        ("full nav with navigation.prune", variant_config(config, scratch / "mkdocs-prune.yml", prune=True)),
        ("full nav (every page listed)", variant_config(config, scratch / "mkdocs-full.yml", prune=False)),
    )
    best: dict[str, Build] = {}
    for round_number in range(rounds):
        for label, variant in designs:
            build = build_size(scale, scratch / f"nav-{scale}x-{variant.stem}-{round_number}", variant)
            print_build(build)
            if label not in best or build.cpu_seconds < best[label].cpu_seconds:
                best[label] = build
    measured = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return [{"design": label, "measured": measured, **build.summary()} for label, build in best.items()]


def variant_config(config: Path, target: Path, prune: bool) -> Path:
    """The configuration with MkDocs' automatic navigation of every page."""
    import yaml

    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings.pop("nav", None)
    settings.pop("not_in_nav", None)
    theme = settings["theme"]
    theme["custom_dir"] = str((config.parent / theme["custom_dir"]).resolve())
    if prune:
        theme["features"] = [*theme["features"], "navigation.prune"]
    target.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return target


if __name__ == "__main__":
    sys.exit(main())
