#!/bin/sh
# Benchmarks of presscut against its peers (issue #6); `make bench` runs it.
#
#   bench/bench.sh [--short] [--runs N] [--sets "bbc reuters reuters10"] [--write|--no-write]
#
# Indexing: for each corpus set, presscut-index, a stock-Xapian passage
# indexer (build/bench/xapian_passages), omindex and SQLite FTS5 each index
# it N times (default 3; 1 with --short) into a fresh directory; every figure
# is the median of the runs.  Then query latency on the bbc indexes, then
# re-indexing a copy of bbc.  Prints Markdown; a full run (not --short)
# also replaces the "Benchmarks" section of bench/RESULTS.md.
#
# Corpora come from ../shared/corpus (relative to the repository root); the
# tenfold Reuters set, the text trees omindex needs and all indexes are made
# in a temporary directory that is removed on exit.
set -eu
cd "$(dirname "$0")/.."

CORPUS=../shared/corpus
runs=3
sets="bbc reuters reuters10"
write=1
while [ $# -gt 0 ]; do
    case $1 in
        --short) runs=1; sets="bbc reuters"; write=0 ;;
        --runs) runs=$2; shift ;;
        --sets) sets=$2; shift ;;
        --write) write=1 ;;
        --no-write) write=0 ;;
        *) echo "usage: bench/bench.sh [--short] [--runs N] [--sets SETS] [--write|--no-write]" >&2
           exit 2 ;;
    esac
    shift
done

if [ ! -d "$CORPUS/bbc" ] || [ ! -f "$CORPUS/reuters21578/docs.jsonl" ]; then
    echo "bench: skipped: ../shared/corpus (bbc, reuters21578) is not beside the checkout"
    exit 0
fi
for tool in omindex quest sqlite3 rg /usr/bin/time; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "bench: '$tool' is missing; as root: apt-get install -y xapian-omega xapian-tools sqlite3 ripgrep time" >&2
        exit 2
    fi
done
for prog in bin/presscut-index bin/presscut-query build/bench/qbench build/bench/xapian_passages; do
    [ -x "$prog" ] || { echo "bench: $prog is not built; run 'make bench'" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/presscut-bench.XXXXXX")
. tests/tcpsrv.sh
. bench/results.sh
trap 'stop_servers; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
out=$work/out.md
say() { printf '%s\n' "$*" | tee -a "$out"; }
note() { printf '%s\n' "bench: $*" >&2; }

# ---- corpus sets ------------------------------------------------------------

# Writes one file per article of a JSON Lines feed (title, blank line, body)
# below $2, for the tools that read files only (omindex).
jsonl_to_tree() {
    mkdir -p "$2"
    sqlite3 ':memory:' >/dev/null <<EOF
CREATE TEMP TABLE raw(line TEXT);
.mode ascii
.separator "\037" "\n"
.import '$1' raw
SELECT writefile('$2/' || replace(json_extract(line, '\$.id'), '/', '_') || '.txt',
                 json_extract(line, '\$.title') || char(10, 10) || json_extract(line, '\$.body'))
FROM raw;
EOF
}

# set_info SET: sets $input (for presscut and xapian_passages), $tree (for
# omindex), $articles and $bytes (what rates are computed on).
set_info() {
    case $1 in
        bbc)
            input=$CORPUS/bbc; tree=$input
            articles=$(find "$input" -name '*.txt' | wc -l)
            bytes=$(find "$input" -name '*.txt' -exec cat {} + | wc -c) ;;
        reuters)
            input=$CORPUS/reuters21578/docs.jsonl; tree=$work/reuters-tree
            [ -d "$tree" ] || jsonl_to_tree "$input" "$tree"
            articles=$(wc -l <"$input"); bytes=$(wc -c <"$input") ;;
        reuters10)
            input=$work/reuters10.jsonl; tree=$work/reuters10-tree
            if [ ! -f "$input" ]; then
                for k in 1 2 3 4 5 6 7 8 9 10; do
                    sed "s/^{\"id\": \"/{\"id\": \"$k-/" "$CORPUS/reuters21578/docs.jsonl"
                done >"$input"
                jsonl_to_tree "$input" "$tree"
            fi
            articles=$(wc -l <"$input"); bytes=$(wc -c <"$input") ;;
        *) echo "bench: unknown set '$1'" >&2; exit 2 ;;
    esac
    articles=$((articles + 0)); bytes=$((bytes + 0))
}

# ---- indexing -----------------------------------------------------------------

# sqlite_script SET DIR: the SQL that loads the set into an FTS5 table.
sqlite_script() {
    echo "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize = 'porter unicode61');"
    echo "BEGIN;"
    if [ "$1" = bbc ]; then
        echo "INSERT INTO docs(id, body) SELECT name, readfile(name) FROM fsdir('$input') WHERE name LIKE '%.txt';"
    else
        echo "CREATE TEMP TABLE raw(line TEXT);"
        echo ".mode ascii"
        printf '%s\n' '.separator "\037" "\n"'
        echo ".import '$input' raw"
        echo "INSERT INTO docs(id, title, body) SELECT json_extract(line, '\$.id'), json_extract(line, '\$.title'), json_extract(line, '\$.body') FROM raw;"
    fi
    echo "COMMIT;"
}

# index_once SET TOOL DIR: one timed run; appends "SET TOOL wall cpu rss_kb du_kb" to rows.
index_once() {
    rm -rf "$3"
    case $2 in
        presscut) set -- "$1" "$2" "$3" bin/presscut-index --quiet --db "$3" "$input" ;;
        xapian) set -- "$1" "$2" "$3" build/bench/xapian_passages --db "$3" "$input" ;;
        omindex) set -- "$1" "$2" "$3" omindex --db "$3" --url / "$tree" ;;
        fts5) mkdir -p "$3"; sqlite_script "$1" >"$work/load.sql"
              set -- "$1" "$2" "$3" sqlite3 -bail "$3/fts.db" ".read $work/load.sql" ;;
    esac
    s=$1; t=$2; d=$3; shift 3
    if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/log" 2>&1; then
        note "$t on $s failed:"; tail -5 "$work/log" >&2; exit 1
    fi
    read -r wall user sys rss <"$work/time"
    size=$(du -sk "$d" | cut -f1)
    echo "$s $t $wall $(echo "$user $sys" | awk '{print $1 + $2}') $rss $size" >>"$work/rows"
}

median() {  # median of the numbers on stdin (the lower middle one for an even count)
    sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

# fig SET TOOL COLUMN: the median of a column (3 wall, 4 cpu, 5 rss, 6 du) of rows.
fig() { awk -v s="$1" -v t="$2" -v c="$3" '$1 == s && $2 == t {print $c}' "$work/rows" | median; }

tools="presscut xapian omindex fts5"
name() {
    case $1 in
        presscut) echo "presscut-index" ;;
        xapian) echo "Xapian TermGenerator passages" ;;
        omindex) echo "omindex" ;;
        fts5) echo "SQLite FTS5" ;;
    esac
}

index_set() {
    set_info "$1"
    for r in $(seq "$runs"); do
        for t in $tools; do
            note "indexing $1 with $t, run $r of $runs"
            index_once "$1" "$t" "$work/idx-$1-$t"
        done
    done
    mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
    say ""
    say "### $1: $articles articles, $mb MB (median of $runs runs)"
    say ""
    say "| indexer | wall s | CPU s | articles/s | MB/s | peak RSS MB | index MB |"
    say "|---|---:|---:|---:|---:|---:|---:|"
    for t in $tools; do
        say "$(awk -v n="$(name "$t")" -v a="$articles" -v b="$bytes" \
            -v w="$(fig "$1" "$t" 3)" -v c="$(fig "$1" "$t" 4)" \
            -v m="$(fig "$1" "$t" 5)" -v d="$(fig "$1" "$t" 6)" 'BEGIN {
            printf "| %s | %.2f | %.2f | %.0f | %.2f | %.1f | %.1f |", n, w, c, a / w, b / w / 1e6, m / 1024, d / 1024 }')"
    done
    say ""
    say "| presscut / peer | wall | CPU | peak RSS | index size |"
    say "|---|---:|---:|---:|---:|"
    for t in xapian omindex fts5; do
        say "$(awk -v n="$(name "$t")" \
            -v w="$(fig "$1" presscut 3)" -v c="$(fig "$1" presscut 4)" \
            -v m="$(fig "$1" presscut 5)" -v d="$(fig "$1" presscut 6)" \
            -v pw="$(fig "$1" "$t" 3)" -v pc="$(fig "$1" "$t" 4)" \
            -v pm="$(fig "$1" "$t" 5)" -v pd="$(fig "$1" "$t" 6)" 'BEGIN {
            printf "| %s | %.2f | %.2f | %.2f | %.2f |", n, w / pw, c / pc, m / pm, d / pd }')"
    done
}

# ---- query latency ----------------------------------------------------------------

# make_quotes DIR: seeded-random 5-8-word spans of the lines of DIR's .txt
# files (a Park-Miller generator, so that every awk draws the same spans),
# one per line.
make_quotes() {
    find "$1" -name '*.txt' | LC_ALL=C sort | awk -v want=40 '
    function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
    BEGIN { seed = 20261128 }
    { files[n++] = $0 }
    END {
        while (got < want && tries++ < 100000) {
            f = files[int(rnd() * n)]
            nl = 0
            while ((getline line < f) > 0) lines[nl++] = line
            close(f)
            nw = split(lines[int(rnd() * nl)], w)
            if (nw < 10) continue
            len = 5 + int(rnd() * 4)
            s = 1 + int(rnd() * (nw - len + 1))
            q = w[s]
            for (k = s + 1; k < s + len; k++) q = q " " w[k]
            if (index(q, "\"") || index(q, "\342\200\234") || index(q, "\342\200\235") || seen[q]++) continue
            print q
            got++
        }
    }'
}

latency() {
    idx=$work/idx-bbc-presscut; xidx=$work/idx-bbc-xapian
    if [ ! -d "$idx" ]; then
        set_info bbc
        index_once bbc presscut "$idx"; index_once bbc xapian "$xidx"
    fi
    make_quotes "$CORPUS/bbc" >"$work/quotes.txt"
    sed 's/.*/"&"/' "$work/quotes.txt" >"$work/phrases.txt"
    nq=$(wc -l <"$work/quotes.txt"); nt=$(wc -l <bench/topics.txt)
    rep=5; prep=3
    [ "$runs" = 1 ] && { rep=3; prep=1; }

    # lat LABEL KIND QUERIES ARGS...: one table row from qbench's line.
    lat() {
        label=$1; kind=$2; shift 2
        note "latency: $label, $kind"
        build/bench/qbench "$@" | awk -v l="$label" -v k="$kind" '
            {printf "| %s | %s | %d | %d | %.2f | %.2f | %.2f |\n", l, k, $2, $4, $6, $8, $10}'
    }
    say ""
    say "### Query latency (bbc; $nt topic queries from bench/topics.txt, $nq quotes: seeded-random 5-8-word spans of the text)"
    say ""
    say "Warm: one pass first, then each query's median of $rep runs in-process ($prep per process); p50/p95 over the queries, ms."
    say "\"found\" counts queries with a hit (in-process), or that exited 0 (quest always does)."
    say ""
    say "| how | queries | n | found | p50 ms | p95 ms | max ms |"
    say "|---|---|---:|---:|---:|---:|---:|"
    {
        lat "presscut in-process (qbench)" topics --db "$idx" --repeat "$rep" bench/topics.txt
        lat "presscut in-process (qbench)" quotes --db "$idx" --repeat "$rep" "$work/phrases.txt"
        lat "presscut-query per process" topics --exec --repeat "$prep" bench/topics.txt -- bin/presscut-query --db "$idx" -n 10 {}
        lat "presscut-query per process" quotes --exec --repeat "$prep" "$work/phrases.txt" -- bin/presscut-query --db "$idx" -n 10 {}
        lat "quest per process (Xapian passages)" topics --exec --repeat "$prep" bench/topics.txt -- quest -d "$xidx" -m 10 {}
        lat "quest per process (Xapian passages)" quotes --exec --repeat "$prep" "$work/phrases.txt" -- quest -d "$xidx" -m 10 {}
        lat "rg -F per process (no index; every match)" quotes --exec --repeat "$prep" "$work/quotes.txt" -- rg -F -e {} "$CORPUS/bbc"
        shard_latency
    } | tee -a "$out"
}

# The same topics over 3 shards: local (the index's XAPIANDB stub), and
# remote (one xapian-tcpsrv each, on loopback: the network cost without
# the network).
shard_latency() {
    sidx=$work/idx-bbc-shards
    [ -d "$sidx" ] || bin/presscut-index -q --db "$sidx" --shards 3 "$CORPUS/bbc" || return 0
    lat "presscut in-process, 3 local shards" topics --db "$sidx" --repeat "$rep" bench/topics.txt
    command -v xapian-tcpsrv >/dev/null && command -v setsid >/dev/null || return 0
    : >"$work/remote"
    for i in 0 1 2; do
        start_server "$sidx/shard-$i" "$work/probe" || { stop_servers; return 0; }
        printf 'remote 127.0.0.1:%s\n' "$port" >>"$work/remote"
    done
    lat "presscut in-process, 3 remote shards" topics --db "$work/remote" --repeat "$rep" bench/topics.txt
    lat "presscut-query per process, 3 remote shards" topics --exec --repeat "$prep" bench/topics.txt -- bin/presscut-query --db "$work/remote" -n 10 {}
    stop_servers
}

# ---- scale ------------------------------------------------------------------------

# Latency as the index grows: each set's presscut index (from its indexing
# runs), topics and quotes of its own text in-process, and rg -F over the
# set as a user keeps it (the tree, or the .jsonl feed).
scale() {
    rep=5; [ "$runs" = 1 ] && rep=3
    say ""
    say "### Scale: latency by set (in-process and warm, each query's median of $rep runs; rg -F per process, 1 run)"
    say ""
    say "| set | articles | topics p50 ms | topics p95 ms | quotes p50 ms | quotes p95 ms | quotes found | rg -F p50 ms | rg -F / presscut quotes p50 |"
    say "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for s in $sets; do
        set_info "$s"
        idx=$work/idx-$s-presscut
        [ -d "$idx" ] || index_once "$s" presscut "$idx"
        make_quotes "$tree" >"$work/scale-quotes.txt"
        sed 's/.*/"&"/' "$work/scale-quotes.txt" >"$work/scale-phrases.txt"
        note "scale: $s"
        topics=$(build/bench/qbench --db "$idx" --repeat "$rep" bench/topics.txt)
        quotes=$(build/bench/qbench --db "$idx" --repeat "$rep" "$work/scale-phrases.txt")
        # Every match, as a quote look-up finds them: -l would stop a
        # one-file set (a feed) at its first match.
        grep=$(build/bench/qbench --exec --repeat 1 "$work/scale-quotes.txt" -- rg -F -e {} "$input")
        say "$(echo "$topics $quotes $grep" | awk -v s="$s" -v a="$articles" '{
            printf "| %s | %d | %.2f | %.2f | %.2f | %.2f | %d of %d | %.1f | %.0f |", s, a, $6, $8, $16, $18, $14, $12, $26, $26 / $16 }')"
    done
}

# ---- re-indexing ------------------------------------------------------------------

reindex() {
    copy=$work/bbc-copy; db=$work/reindex-db
    rm -rf "$copy" "$db"
    cp -R "$CORPUS/bbc" "$copy"
    chmod -R u+w "$copy"
    say ""
    say "### Re-indexing bbc (a copy; one run each, in this order)"
    say ""
    say "| run | wall s | CPU s | added | updated | removed | unchanged | wall / full run |"
    say "|---|---:|---:|---:|---:|---:|---:|---:|"
    full=
    for step in full nochange touch change; do
        case $step in
            touch) touch "$copy/business/001.txt" ;;
            change) echo "This sentence was added by the benchmark." >>"$copy/tech/001.txt" ;;
        esac
        note "re-indexing: $step"
        /usr/bin/time -f '%e %U %S' -o "$work/time" \
            bin/presscut-index --json --db "$db" "$copy" >"$work/json" 2>"$work/log" || {
            note "presscut-index failed:"; tail -5 "$work/log" >&2; exit 1; }
        read -r wall user sys <"$work/time"
        [ -n "$full" ] || full=$wall
        case $step in
            full) what="full index" ;;
            nochange) what="again, nothing changed" ;;
            touch) what="one file touched" ;;
            change) what="one file changed (a sentence appended)" ;;
        esac
        say "$(sed 's/[{}"]//g; s/,/ /g; s/:/ /g' "$work/json" | awk -v s="$what" -v w="$wall" \
            -v c="$(echo "$user $sys" | awk '{print $1 + $2}')" -v f="$full" '{
            for (i = 1; i < NF; i += 2) v[$i] = $(i + 1)
            printf "| %s | %.2f | %.2f | %d | %d | %d | %d | %.3f |", s, w, c, v["added"], v["updated"], v["removed"], v["unchanged"], w / f }')"
    done
}

# ---- the run ------------------------------------------------------------------------

mem=$(awk '/^MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- lib indexer query bench 2>/dev/null || rev="$rev + uncommitted changes"
say "## Benchmarks"
say ""
say "Written by \`make bench\` (bench/bench.sh$( [ "$runs" = 1 ] && echo ", short mode")) on $(date -u '+%Y-%m-%d %H:%M UTC'), presscut $rev."
say "Machine: $(nproc) CPUs ($cpu), $mem memory, Linux $(uname -r)."
say "Peers: Xapian $(xapian-config --version 2>/dev/null | awk '{print $NF}'), $(omindex --version | sed 's/ - / /'), SQLite $(sqlite3 --version | cut -d' ' -f1), $(rg --version | head -1)."
say ""
say "Indexing, from a warm page cache, into a new index each run. Wall and CPU (user + system) seconds,"
say "peak RSS from /usr/bin/time, index size from du; articles/s and MB/s are over wall time and the set's"
say "bytes (the .txt files, or the .jsonl file). presscut-index and the Xapian passage indexer"
say "(bench/xapian_passages.cc: TermGenerator, English stemmer, positions, one document per"
say "blank-line paragraph, the paragraph as data) read the .txt tree or the .jsonl feed; omindex"
say "reads the tree, or one .txt file per feed article (title, blank line, body) written beforehand;"
say "SQLite FTS5 (porter unicode61) takes one row per article, loaded in one transaction by the"
say "sqlite3 shell (readfile() for the tree, .import and json_extract() for the feed)."
say "reuters10 is docs.jsonl ten times over with ids made unique."

for s in $sets; do index_set "$s"; done
latency
scale
reindex

if [ "$write" = 1 ]; then
    write_section Benchmarks "$out"
    note "results written to $results"
fi
