#!/usr/bin/env python3
"""Preview latency of `vanban serve` (used by bench/serve.sh; never run by CI).

Usage: serve.py URL PID CLIENTS REQUESTS
For page 1 of the kế hoạch and of a bản cam kết (cam-ket-dang-vien STT 7): REQUESTS requests from CLIENTS
concurrent clients on loopback, twice — 'cached' (the same document every time: the page's normal case
after the first look) and 'uncached' (each request's template differs by a comment, so every request
lays the document out anew); and, from one client, 'one-word edit' (each request changes one word of
the body, as typing in the editor does, so one paragraph of the page changes). Prints p50/p95/max in ms
and the server's peak RSS.
Also checks that GET / answers while the previews run.
"""
import concurrent.futures as cf
import statistics
import sys
import time
import urllib.request
import uuid

URL, PID, CLIENTS, REQUESTS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])


def multipart(fields):
    b = "----bench" + uuid.uuid4().hex
    body = b"".join(
        f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode() for k, v in fields.items()
    ) + f"--{b}--\r\n".encode()
    return body, f"multipart/form-data; boundary={b}"


def template(kind):
    with urllib.request.urlopen(f"{URL}api/templates/{kind}", timeout=30) as r:
        return r.read().decode()


def preview(fields):
    body, ct = multipart(fields)
    req = urllib.request.Request(f"{URL}api/preview", data=body, headers={"Content-Type": ct})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        r.read()
        assert r.status == 200
    return (time.perf_counter() - t) * 1000


def rss_peak_mb():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def run(name, make_fields):
    page_times = []
    stop = False

    def poll_page():
        while not stop:
            t = time.perf_counter()
            with urllib.request.urlopen(URL, timeout=30) as r:
                r.read()
            page_times.append((time.perf_counter() - t) * 1000)
            time.sleep(0.05)

    with cf.ThreadPoolExecutor(CLIENTS + 1) as ex:
        poller = ex.submit(poll_page)
        t0 = time.perf_counter()
        times = list(ex.map(lambda i: preview(make_fields(i)), range(REQUESTS)))
        wall = time.perf_counter() - t0
        stop = True
        poller.result()
    print(f"{name:<34} {len(times):>5} {statistics.median(times):>8.0f} {pct(times, 95):>8.0f} {max(times):>8.0f}"
          f" {len(times) / wall:>8.1f} {max(page_times):>10.0f}")


def one_word_edit(text):
    """A function of i: the template with the first long word of its first plain body line (no template
    code on it) followed by i, as bench/preview.rs edits it."""
    body = text.rfind("+++") + 3
    for line in text[body:].splitlines():
        if any(c in line for c in "{}#|"):
            continue
        words = [w for w in "".join(c if c.isalpha() else " " for c in line).split() if len(w) > 4]
        if words:
            at = body + text[body:].find(line) + line.find(words[0])
            end = at + len(words[0])
            return lambda i: text[:end] + str(i) + text[end:]
    raise SystemExit("no word to edit")


kh, ck = template("ke-hoach"), template("cam-ket-dang-vien")
kh_edit, ck_edit = one_word_edit(kh), one_word_edit(ck)
# Warm up (first layout loads fonts).
preview({"kind": "ke-hoach"})
preview({"kind": "cam-ket-dang-vien", "stt": "7"})
print(f"{'preview, page 1':<34} {'reqs':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>8} {'GET / max':>10}")
print(f"-- one client")
for name, fields in [
    ("ke-hoach, uncached", lambda i: {"kind": "ke-hoach", "template": kh + f"\n{{# {i} #}}\n"}),
    ("cam-ket-dang-vien, uncached", lambda i: {"kind": "cam-ket-dang-vien", "stt": "7", "template": ck + f"\n{{# {i} #}}\n"}),
    ("ke-hoach, one-word edit", lambda i: {"kind": "ke-hoach", "template": kh_edit(i)}),
    ("cam-ket-dang-vien, one-word edit", lambda i: {"kind": "cam-ket-dang-vien", "stt": "7", "template": ck_edit(i)}),
]:
    saved = CLIENTS
    CLIENTS = 1
    run(name, fields)
    CLIENTS = saved
print(f"-- {CLIENTS} concurrent clients")
for name, fields in [
    ("ke-hoach, cached", lambda i: {"kind": "ke-hoach"}),
    ("ke-hoach, uncached", lambda i: {"kind": "ke-hoach", "template": kh + f"\n{{# c{i} #}}\n"}),
    ("cam-ket-dang-vien, cached", lambda i: {"kind": "cam-ket-dang-vien", "stt": "7"}),
    ("cam-ket-dang-vien, uncached", lambda i: {"kind": "cam-ket-dang-vien", "stt": "7", "template": ck + f"\n{{# c{i} #}}\n"}),
]:
    run(name, fields)
print(f"server peak RSS: {rss_peak_mb():.1f} MB")
