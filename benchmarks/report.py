"""docs/performance.md from benchmarks/results.json: the figures as tables."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORT_PATH = ROOT / "docs" / "performance.md"
INTRO_PATH = ROOT / "benchmarks" / "performance-intro.md"
STAGES = ("load", "validate", "model", "check", "derive", "pdf", "render", "write docs", "engine", "search index", "verify")


def build_table(builds: list[dict[str, Any]], first: str = "Size") -> list[str]:
    rows = [
        f"| {first} | Inspections / recommendations / updates / papers | Pages | Average page (HTML) | Wall time | CPU time | ms per page (wall) | ms per page (CPU) "
        "| Generator (CPU) | Engine (CPU) | Peak memory | Site | Search index |",
        "| --- | --- |" + " ---: |" * 11,
    ]
    for build in builds:
        archive = build["archive"]
        label = f"{build['scale']}x, {build['design']}" if build.get("design") else f"{build['scale']}x"
        rows.append(
            f"| {label} | {archive['inspections']} / {archive['recommendations']} / {archive['updates']} / {archive['papers']} | {build['pages']} | {build.get('average_page_kb', 0):.0f} kB "
            f"| {build['wall_seconds']:.1f} s | {build['cpu_seconds']:.1f} s | {build['ms_per_page']:.1f} | {build['cpu_ms_per_page']:.1f} "
            f"| {build['generator_cpu_seconds']:.2f} s | {build['cpu_stages'].get('engine', 0):.1f} s "
            f"| {build['peak_memory_mb']:.0f} MB | {build['site_mb']:.1f} MB | {index_on_disk(build)} |"
        )
    return rows


def pdf_table(builds: list[dict[str, Any]]) -> list[str]:
    """The papers' PDFs: how many, their size, and the time to print them all, then to find them all cached."""
    rows = ["| Size | Papers' PDFs | Total size | Printing them (wall / CPU) | Second build, all cached |", "| --- | ---: | ---: | ---: | ---: |"]
    for build in builds:
        if build.get("pdfs"):
            printing = f"{build['stages'].get('pdf', 0):.1f} s / {build['cpu_stages'].get('pdf', 0):.1f} s"
            rows.append(f"| {build['scale']}x | {build['pdfs']} | {build['pdf_mb']:.1f} MB | {printing} | {build['pdf_seconds_cached']:.2f} s |")
    return rows


def index_on_disk(build: dict[str, Any]) -> str:
    """The index's size on disk: its folder, or (in older results) Material's one file."""
    if "search_index_files" in build:
        return f"{build['search_index_kb']:.0f} kB in {build['search_index_files']} files"
    return f"{build['search_index_kb']:.0f} kB ({build.get('search_index_gzip_kb', 0):.0f} kB gzip), one file"


def search_rows(builds: list[dict[str, Any]]) -> list[str]:
    """Index build time and size, and what a reader's first query fetches, at each size."""
    rows = ["| Size | Pages built | Index build (elapsed) | Index on disk | First query: search files (gzip) | The search page itself (gzip) |", "| --- | ---: | ---: | ---: | --- | ---: |"]
    for build in builds:
        queries = build.get("first_queries") or {}
        fetched = "; ".join(
            f"{q['search_kb']:.0f} kB = {q.get('engine_kb', 0):.0f} kB program + {q.get('index_kb', 0):.0f} kB index, {q['search_files']} files "
            f"({label}: “{q['query']}”, {q['heading'].split(' ')[0]} results)"
            for label, q in queries.items()
        )
        page = max((q["page_kb"] for q in queries.values()), default=0)
        rows.append(f"| {build['scale']}x | {build['pages']} | {build['stages'].get('search index', 0):.2f} s | {index_on_disk(build)} | {fetched} | {page:.0f} kB |")
    return rows


def stage_table(builds: list[dict[str, Any]]) -> list[str]:
    rows = ["| Size | " + " | ".join(STAGES) + " |", "| --- |" + " ---: |" * len(STAGES)]
    for build in builds:
        cells = (f"{build['stages'].get(stage, 0):.2f} / {build['cpu_stages'].get(stage, 0):.2f}" for stage in STAGES)
        rows.append(f"| {build['scale']}x | " + " | ".join(cells) + " |")
    return rows


def weight_rows(weight: dict[str, Any]) -> list[str]:
    rows = ["| Page | HTML (gzip) | First load, all files (gzip) | Files |", "| --- | ---: | ---: | ---: |"]
    for key, label in (("paper_heaviest", "Heaviest paper page"), ("paper_typical", "Typical paper page"), ("recommendation_heaviest", "Heaviest recommendation page")):
        page = weight.get(key)
        if page:
            rows.append(f"| {label} (`{page['page']}`) | {page['html_gzip_kb']:.1f} kB | {page['total_gzip_kb']:.1f} kB | {page['files']} |")
    return rows


def target_rows(results: dict[str, Any]) -> list[str]:
    """The issue's targets, each with the measured figure and whether it is met."""
    builds = {build["scale"]: build for build in results["builds"]}
    rows = ["| Target | Measured | Met |", "| --- | --- | --- |"]

    def row(target: str, measured: str, met: bool) -> None:
        rows.append(f"| {target} | {measured} | {'yes' if met else 'no'} |")

    if 10 in builds:
        ten = builds[10]
        # The papers' PDFs are printed once and then cached; they have their own table.
        wall, cpu = ((ten[total] - ten[stages].get("pdf", 0)) * 1000 / ten["pages"] for total, stages in (("wall_seconds", "stages"), ("cpu_seconds", "cpu_stages")))
        row("10x full build under 15 ms per page (generator + engine, printing PDFs apart)", f"{wall:.1f} ms wall, {cpu:.1f} ms CPU", cpu < 15)
    if 1 in builds and 50 in builds:
        for unit in ("ms_per_page", "cpu_ms_per_page"):
            ratio = builds[50][unit] / builds[1][unit]
            label = "wall" if unit == "ms_per_page" else "CPU"
            row(f"50x per-page cost within 1.25 times 1x ({label})", f"{builds[50][unit]:.1f} / {builds[1][unit]:.1f} ms = {ratio:.2f}", ratio <= 1.25)
    if 50 in builds and builds[50].get("first_queries"):
        worst = max(q["search_kb"] for q in builds[50]["first_queries"].values())
        row("50x: a first query fetches under 100 KB of search files", f"{worst:.0f} kB at most", worst < 100)
    peak = max(build["peak_memory_mb"] for build in results["builds"])
    row("Peak memory under 1 GB", f"{peak:.0f} MB", peak < 1000)
    preview = results.get("preview")
    if preview:
        row(f"Preview at {preview['scale']}x: saved file to served HTML under 1 s", f"median {preview['median_seconds']:.2f} s, longest {preview['max_seconds']:.2f} s", preview["max_seconds"] < 1)
    weight = results.get("weight") or {}
    for key, label in (("paper_heaviest", "paper page"), ("recommendation_heaviest", "recommendation page")):
        if weight.get(key):
            row(f"A {label} under 150 KB compressed, first load", f"{weight[key]['total_gzip_kb']:.0f} kB", weight[key]["total_gzip_kb"] < 150)
    return rows


def render_report(results: dict[str, Any]) -> str:
    machine = results["machine"]
    lines = [INTRO_PATH.read_text(encoding="utf-8").rstrip(), "", "## Measured", ""]
    lines.append(f"On {machine['date']}: {machine['cpus']} CPU cores, Python {machine['python']}, {machine['platform']}; load average at start {machine['load_average_at_start']}.")
    if results.get("note"):
        lines += ["", results["note"]]
    lines += ["", "### Targets", "", *target_rows(results)]
    lines += ["", "### Full builds", "", *build_table(results["builds"]), "", "Seconds in each stage, elapsed / CPU (`build --timings`):", "", *stage_table(results["builds"])]
    about = (
        "The site's own index, built from the finished site (the `search index` stage); a first query from a new browser (`benchmarks/first_query.py`): "
        "the search page's script (program) and the parts of the index it fetched."
    )
    lines += ["", "### Search", "", about, "", *search_rows(results["builds"])]
    if any(build.get("pdfs") for build in results["builds"]):
        lines += ["", "### The papers' PDFs", "", "Each build printed every PDF into an empty cache, then was run again with the cache filled.", "", *pdf_table(results["builds"])]
    if results.get("nav_comparison"):
        when = results["nav_comparison"][0].get("measured", machine["date"])
        lines += ["", "### Navigation designs", "", f"Measured {when}; each design's build with the least CPU time.", "", *build_table(results["nav_comparison"], "Size, design")]
    preview = results.get("preview")
    if preview:
        edits = ", ".join(f"{s:.2f}" for s in preview["save_to_served_seconds"])
        lines += ["", "### Preview", "", f"At {preview['scale']}x, `python -m generator serve` served the first page {preview['first_build_seconds']} s after starting."]
        lines += [f"Saving a file until the new HTML of `{preview['page']}` was served: median {preview['median_seconds']:.2f} s, longest {preview['max_seconds']:.2f} s ({edits} s)."]
        regenerating = ", ".join(f"{s:.2f}" for s in preview.get("regenerating_seconds", []))
        engine = ", ".join(f"{s:.2f}" for s in preview.get("engine_seconds", []))
        lines += [f"Of which regenerating the pages about the change: {regenerating} s; the site engine's rebuild of them: {engine} s."]
        if preview.get("rest_seconds"):
            rest = ", ".join(f"{pages} pages in {seconds:.2f} s" for pages, seconds in zip(preview["rest_pages"], preview["rest_seconds"], strict=True))
            lines += [f"After each, the rest of the site (every page rendered again, the changed ones rebuilt) in the background: {rest}."]
    weight = results.get("weight")
    if weight:
        lines += ["", f"### Page weight at {weight['scale']}x", "", "Compressed with gzip as a web server sends it; first load, empty cache.", "", *weight_rows(weight)]
    return "\n".join(lines) + "\n"


def write_report(results: dict[str, Any]) -> None:
    REPORT_PATH.write_text(render_report(results), encoding="utf-8")


if __name__ == "__main__":
    write_report(json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8")))
    sys.exit(0)
