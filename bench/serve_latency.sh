#!/bin/sh
# Latency of presscut-serve against presscut-query run once per query (a
# process each, as a CGI or a script would), on the same queries: the 40
# topics of bench/topics.txt and 40 quotes (seeded-random 6-word spans of
# the articles).  Indexes ../shared/corpus/bbc when it is there, else the
# sample corpus/.  Prints a Markdown table of p50/p95 in milliseconds:
# presscut-query per process, the server with one client, and with 8
# clients at once (each request's own latency).
#
#   bench/serve_latency.sh [--runs N]     (each query N times; default 3)
set -eu
cd "$(dirname "$0")/.."
runs=3
[ "${1:-}" = --runs ] && runs=$2
BIN=${PRESSCUT_BIN:-bin}
src=corpus
[ -d ../shared/corpus/bbc ] && src=../shared/corpus/bbc
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT

"$BIN/presscut-index" --db "$T/db" -q "$src" 2>/dev/null
"$BIN/presscut-serve" --db "$T/db" --listen 127.0.0.1:0 2>"$T/err" &
pid=$!
url=
while [ -z "$url" ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.05
    url=$(sed -n 's|^presscut-serve: listening on \(http://[^ ]*\)/$|\1|p' "$T/err")
done

python3 - "$BIN/presscut-query" "$T/db" "$url" "$src" "$runs" <<'PY'
import os, random, subprocess, sys, threading, time, urllib.parse, urllib.request

qry, db, url, src, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
topics = [l.strip() for l in open("bench/topics.txt") if l.strip()][:40]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs
               if f.endswith((".txt", ".md")) and f != "README.md")
rnd = random.Random(6)
quotes = []
while len(quotes) < 40:
    words = open(rnd.choice(files), encoding="utf-8", errors="replace").read().split()
    if len(words) > 30:
        i = rnd.randrange(len(words) - 6)
        quotes.append(" ".join(words[i:i + 6]))
jobs = [("search", q) for q in topics] + [("quote", q) for q in quotes]

def cli(kind, q):
    args = [qry, "--db", db, "--json", "-n", "10"] + (["--quote"] if kind == "quote" else []) + ["--", q]
    t = time.monotonic()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.monotonic() - t) * 1000

def http(kind, q):
    path = ("/api/search?limit=10&q=" if kind == "search" else "/api/quote?limit=10&text=") + \
        urllib.parse.quote(q)
    t = time.monotonic()
    with urllib.request.urlopen(url + path) as r:
        r.read()
    return (time.monotonic() - t) * 1000

def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]

def concurrent(jobs, clients):
    times, lock, todo = [], threading.Lock(), list(jobs)
    def worker():
        while True:
            with lock:
                if not todo:
                    return
                j = todo.pop()
            ms = http(*j)
            with lock:
                times.append(ms)
    ts = [threading.Thread(target=worker) for _ in range(clients)]
    for t in ts: t.start()
    for t in ts: t.join()
    return times

for j in jobs[:5]:
    cli(*j), http(*j)   # warm the page cache
rows = []
for kind in ("search", "quote"):
    mine = [j for j in jobs if j[0] == kind] * runs
    a = [cli(*j) for j in mine]
    b = [http(*j) for j in mine]
    c = concurrent(mine, 8)
    rows.append((kind, len(mine), a, b, c))
print("| queries (%s, %d files) | n | presscut-query per process p50 / p95 | presscut-serve, 1 client p50 / p95 | presscut-serve, 8 clients p50 / p95 |" % (src.replace("../shared/corpus/", ""), len(files)))
print("|---|---|---|---|---|")
for kind, n, a, b, c in rows:
    print("| %s | %d | %.1f / %.1f ms | %.1f / %.1f ms | %.1f / %.1f ms |" % (
        kind, n, pct(a, 50), pct(a, 95), pct(b, 50), pct(b, 95), pct(c, 50), pct(c, 95)))
PY
