"""The preview loop, timed: a content file saved -> the new HTML served.

Starts `python -m generator serve` on a free loopback port, waits for the
first full build, then saves a series of edits (to a paper's body and to an
update in an improvement plan, which the paper carrying the plan shows) and
polls the page's URL every 50 ms until the new text is in it. The
preview shows the pages about a change first and rebuilds the rest of the
site after (generator/serve.py); the log's figures for both are kept.
"""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITS = 6
UPDATE_TEXT = "            text: |\n"
UPDATED = re.compile(r"Preview updated: \d+ page\(s\) changed; ([\d.]+) s regenerating, ([\d.]+) s in the site engine")
REST = re.compile(r"Rest of the site updated: (\d+) page\(s\) changed; ([\d.]+) s regenerating, ([\d.]+) s in the site engine")
SECONDS_BETWEEN_EDITS = 4.0  # an editor's pace: the rest of each rebuild finishes before the next save


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def served_text(url: str) -> str:
    """The text served at `url`, or "" while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def seconds_until(url: str, text: str, limit: float, server: subprocess.Popen[str]) -> float:
    """Seconds from now until the page at url contains text (the server must stay up)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit and server.poll() is None:
        if text in served_text(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not show {text!r} within {limit} s (server exit status {server.poll()})")


def edit(path: Path, marker: str) -> None:
    """Put a new sentence into the file (a body paragraph or a plan update), replacing the last."""
    kept = "\n".join(line for line in path.read_text(encoding="utf-8").rstrip("\n").split("\n") if "Preview edit " not in line)
    sentence = f"Preview edit {marker}."
    if path.suffix == ".md":
        path.write_text(kept.rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")
        return
    text = kept.replace(UPDATE_TEXT, UPDATE_TEXT + f"              {sentence}\n", 1) + "\n"
    path.write_text(text, encoding="utf-8")


def measure(content: Path, scale: int, config: Path) -> dict[str, object]:
    papers = sorted((content / "papers").glob("*-closure-update.md"))
    paper = papers[len(papers) // 2]
    plan = content / "plans" / (paper.read_text(encoding="utf-8").split("    plan: ", 1)[1].split("\n", 1)[0] + ".yml")
    port = free_port()
    url = f"http://127.0.0.1:{port}/papers/{paper.stem}/"
    with tempfile.TemporaryDirectory(prefix="preview-docs-") as docs, tempfile.TemporaryFile(mode="w+") as log:
        command = [sys.executable, "-m", "generator", "serve", "--content", str(content), "--docs", docs, "--config", str(config), "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            first = seconds_until(url, "Cover sheet", 900, server)
            latencies = []
            for number in range(EDITS):
                time.sleep(SECONDS_BETWEEN_EDITS)
                target = paper if number % 2 == 0 else plan
                marker = f"{number}-{time.monotonic_ns()}"
                edit(target, marker)
                latencies.append(round(seconds_until(url, f"Preview edit {marker}", 60, server), 3))
        except RuntimeError:
            log.seek(0)
            raise SystemExit(log.read()[-3000:]) from None
        finally:
            server.terminate()
            server.wait(timeout=30)
        log.seek(0)
        output = log.read()
        rebuilds = UPDATED.findall(output)[1:]
        rests = REST.findall(output)
    return {
        "scale": scale,
        "page": f"papers/{paper.stem}/",
        "first_build_seconds": round(first, 1),
        "save_to_served_seconds": latencies,
        "median_seconds": round(statistics.median(latencies), 3),
        "max_seconds": max(latencies),
        "regenerating_seconds": [float(regenerating) for regenerating, _ in rebuilds],
        "engine_seconds": [float(engine) for _, engine in rebuilds],
        "rest_pages": [int(pages) for pages, _, _ in rests],
        "rest_seconds": [round(float(regenerating) + float(engine), 2) for _, regenerating, engine in rests],
    }
