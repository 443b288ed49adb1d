"""docs/performance.md from benchmarks/results.json: the figures as tables."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORT_PATH = ROOT / "docs" / "performance.md"
INTRO_PATH = ROOT / "benchmarks" / "performance-intro.md"
STAGES = ("load", "validate", "model", "check", "derive", "render", "write docs", "engine")


def build_table(builds: list[dict[str, Any]], first: str = "Size") -> list[str]:
    rows = [
        f"| {first} | Inspections / recommendations / updates / papers | Pages | Wall time | CPU time | ms per page (wall) | ms per page (CPU) "
        "| Generator (CPU) | Engine (CPU) | Peak memory | Site | Search index (gzip) |",
        "| --- | --- |" + " ---: |" * 10,
    ]
    for build in builds:
        archive = build["archive"]
        label = f"{build['scale']}x, {build['design']}" if build.get("design") else f"{build['scale']}x"
        rows.append(
            f"| {label} | {archive['inspections']} / {archive['recommendations']} / {archive['updates']} / {archive['papers']} | {build['pages']} "
            f"| {build['wall_seconds']:.1f} s | {build['cpu_seconds']:.1f} s | {build['ms_per_page']:.1f} | {build['cpu_ms_per_page']:.1f} "
            f"| {build['generator_cpu_seconds']:.2f} s | {build['cpu_stages'].get('engine', 0):.1f} s "
            f"| {build['peak_memory_mb']:.0f} MB | {build['site_mb']:.1f} MB | {build['search_index_kb']:.0f} kB ({build['search_index_gzip_kb']:.0f} kB) |"
        )
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


def render_report(results: dict[str, Any]) -> str:
    machine = results["machine"]
    lines = [INTRO_PATH.read_text(encoding="utf-8").rstrip(), "", "## Measured", ""]
    lines.append(f"On {machine['date']}: {machine['cpus']} CPU cores, Python {machine['python']}, {machine['platform']}; load average at start {machine['load_average_at_start']}.")
    if results.get("note"):
        lines += ["", results["note"]]
    lines += ["", "### Full builds", "", *build_table(results["builds"]), "", "Seconds in each stage, elapsed / CPU (`build --timings`):", "", *stage_table(results["builds"])]
    if results.get("nav_comparison"):
        lines += ["", "### Navigation designs", "", *build_table(results["nav_comparison"], "Size, design")]
    preview = results.get("preview")
    if preview:
        edits = ", ".join(f"{s:.2f}" for s in preview["save_to_served_seconds"])
        lines += ["", "### Preview", "", f"At {preview['scale']}x, `python -m generator serve` served the first page {preview['first_build_seconds']} s after starting."]
        lines += [f"Saving a file until the new HTML of `{preview['page']}` was served: median {preview['median_seconds']:.2f} s, longest {preview['max_seconds']:.2f} s ({edits} s)."]
        regenerating = ", ".join(f"{s:.2f}" for s in preview.get("regenerating_seconds", []))
        engine = ", ".join(f"{s:.2f}" for s in preview.get("engine_seconds", []))
        lines += [f"Of which regenerating the docs tree: {regenerating} s; the site engine's rebuild of the changed pages: {engine} s."]
    weight = results.get("weight")
    if weight:
        lines += ["", f"### Page weight at {weight['scale']}x", "", "Compressed with gzip as a web server sends it; first load, empty cache.", "", *weight_rows(weight), ""]
        lines.append(f"Search index: {weight['search_index_kb']:.0f} kB, {weight['search_index_gzip_kb']:.0f} kB compressed, fetched only when search is used.")
    return "\n".join(lines) + "\n"


def write_report(results: dict[str, Any]) -> None:
    REPORT_PATH.write_text(render_report(results), encoding="utf-8")


if __name__ == "__main__":
    write_report(json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8")))
    sys.exit(0)
