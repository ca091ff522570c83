"""Runs a command and prints 'seconds peak_rss_mb' for it (children included). Used by bench/*.sh.

Usage: measure.py [--stderr FILE] COMMAND [ARG ...]; with --stderr the command's stderr is kept in FILE.
"""
import resource
import subprocess
import sys
import time

args = sys.argv[1:]
keep = None
if args[:1] == ["--stderr"]:
    keep, args = args[1], args[2:]
start = time.perf_counter()
r = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
if keep:
    with open(keep, "wb") as f:
        f.write(r.stderr)
if r.returncode != 0:
    sys.stderr.write(r.stderr.decode(errors="replace"))
    sys.exit(r.returncode)
rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{elapsed:.3f} {rss_kb / 1024:.1f}")
