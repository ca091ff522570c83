"""Side-by-side batch benchmark of two vanban binaries (never run by .ci/run).

The machine's speed drifts by ±25 % within an hour, so comparing tables measured at different times says
little; this runs the two binaries alternately (A B B A A B …), each run into a new folder after a
`sync`, and prints every run and the medians: wall-clock pairs per second, CPU seconds (user + system)
per 1,000 documents, and peak RSS. The folders are deleted only at the end: on ext4, creating files
right after deleting thousands makes the creations several times slower (engineering notes).

Usage: python3 bench/compare.py BASE_BINARY NEW_BINARY WORKBOOK [--rounds 5] [--jobs 2]
           [--format docx,pdf] [--kind cam-ket --per dang-vien] [--extra "--merge-pdf"]
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(binary, args, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.Popen([binary] + args + ["--out", out], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    _, err = p.communicate()
    wall = time.perf_counter() - start
    # wait4 gives this child's own usage (RUSAGE_CHILDREN would mix in earlier children's peak).
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.stderr.write(err.decode(errors="replace"))
        sys.exit(p.returncode)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def peak_rss(binary, args, out):
    """Peak RSS in MB of one run, read with /usr/bin/time (a fresh process each time)."""
    r = subprocess.run(["/usr/bin/time", "-f", "%M", binary] + args + ["--out", out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return int(r.stderr.decode().strip().splitlines()[-1]) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("workbook")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--format", default="docx,pdf")
    ap.add_argument("--kind", default="cam-ket")
    ap.add_argument("--per", default="dang-vien")
    ap.add_argument("--extra", default="")
    ap.add_argument("--docs", type=int, required=True, help="documents the batch makes")
    a = ap.parse_args()
    args = ["batch", a.kind, "--per", a.per, "--data", a.workbook, "--format", a.format,
            "--jobs", a.jobs] + a.extra.split()
    work = tempfile.mkdtemp(prefix="vanban-compare-")
    results = {"base": [], "new": []}
    try:
        for r in range(a.rounds):
            order = ["base", "new"] if r % 2 == 0 else ["new", "base"]
            for name in order:
                out = os.path.join(work, f"{name}-{r}")
                os.sync()
                wall, cpu = run(getattr(a, name), args, out)
                results[name].append((wall, cpu))
                print(f"round {r + 1} {name:4}: {a.docs / wall:8.1f} docs/s  {wall:7.2f} s  "
                      f"CPU {cpu * 1000 / a.docs:6.2f} s per 1,000", flush=True)
        rss = {n: peak_rss(getattr(a, n), args, os.path.join(work, f"{n}-rss")) for n in results}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {n: (statistics.median(a.docs / w for w, _ in v), statistics.median(c for _, c in v))
           for n, v in results.items()}
    for n in ("base", "new"):
        print(f"median {n:4}: {med[n][0]:8.1f} docs/s  CPU {med[n][1] * 1000 / a.docs:6.2f} s per 1,000"
              f"  peak RSS {rss[n]:6.1f} MB")
    print(f"new/base: {med['new'][0] / med['base'][0]:.3f}x docs/s, "
          f"{med['new'][1] / med['base'][1]:.3f}x CPU")


if __name__ == "__main__":
    main()
