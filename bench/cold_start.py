"""Cold start of ``sitroom code`` on one article: a new process each run, timed from outside.

    .venv/bin/python bench/cold_start.py [--runs 5] [--article PATH] [--against SRC]

Prints, per run and as medians, the wall-clock seconds (the target's measure: < 5 s, issue 10), the CPU
seconds the process used (user + system: on a shared machine the wall clock also counts the time other
processes held the cores, the CPU seconds much less so) and its peak memory. The caches the first run on
a machine builds (gazetteer, actor lexicon) are warmed before the clock starts.

``--against SRC`` alternates each run with the same command run on another source tree (``SRC`` is its
``src`` directory, e.g. a worktree of main), each with a cache directory of its own, so both meet the
same load and neither deletes the other's caches.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "articles" / "jakarta-australia-visit.html"


def run_once(src: Path, cache: Path, article: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one ``sitroom code`` process."""
    env = os.environ | {"PYTHONPATH": str(src), "XDG_CACHE_HOME": str(cache)}
    started = time.perf_counter()
    command = [sys.executable, "-m", "sitroom.cli", "code", str(article)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)  # this process's own usage, not all children's
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--article", type=Path, default=ARTICLE)
    parser.add_argument("--against", type=Path, help="another tree's src directory, run alternately")
    args = parser.parse_args()
    trees = {"this": ROOT / "src"} | ({"against": args.against.resolve()} if args.against else {})
    with tempfile.TemporaryDirectory(prefix="sitroom-cold-") as temporary:
        caches = {name: Path(temporary) / name for name in trees}
        for name, src in trees.items():
            run_once(src, caches[name], args.article)  # builds this tree's caches
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in trees}
        for run in range(args.runs):
            for name, src in trees.items():
                wall, cpu, peak = run_once(src, caches[name], args.article)
                results[name].append((wall, cpu, peak))
                print(f"run {run + 1} {name:8s} wall {wall:5.2f} s  cpu {cpu:5.2f} s  peak {peak:4.0f} MB")
    for name, measured in results.items():
        walls, cpus = [m[0] for m in measured], [m[1] for m in measured]
        print(f"{name:8s} median wall {statistics.median(walls):.2f} s, cpu {statistics.median(cpus):.2f} s "
              f"(target < 5 s wall; load average {os.getloadavg()[0]:.1f})")  # fmt: skip


if __name__ == "__main__":
    main()
