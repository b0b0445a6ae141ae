#!/bin/sh
# Where presscut-index spends its instructions: callgrind over a fresh index
# of ../shared/corpus/bbc/business, summarized as Markdown (instruction
# share by library, top functions, and who calls the top libc functions).
# Replaces the "Profile" section of bench/RESULTS.md unless --no-write.
#
#   bench/profile.sh [--no-write] [--from CALLGRIND.OUT]
#
# --from summarizes an existing callgrind output of that same command.
set -eu
cd "$(dirname "$0")/.."

CORPUS=../shared/corpus
write=1
from=
while [ $# -gt 0 ]; do
    case $1 in
        --no-write) write=0 ;;
        --from) from=$2; shift ;;
        *) echo "usage: bench/profile.sh [--no-write] [--from CALLGRIND.OUT]" >&2; exit 2 ;;
    esac
    shift
done
if [ ! -d "$CORPUS/bbc/business" ]; then
    echo "profile: skipped: ../shared/corpus/bbc is not beside the checkout"
    exit 0
fi
command -v valgrind >/dev/null || { echo "profile: valgrind is missing (apt-get install -y valgrind)" >&2; exit 2; }
[ -x bin/presscut-index ] || { echo "profile: bin/presscut-index is not built; run make" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/presscut-profile.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

if [ -z "$from" ]; then
    echo "profile: callgrind over bin/presscut-index (a few minutes)" >&2
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
        bin/presscut-index --quiet --db "$work/db" "$CORPUS/bbc/business" 2>"$work/log" || {
        tail -5 "$work/log" >&2; exit 1; }
    from=$work/cg.out
fi

callgrind_annotate --inclusive=no --threshold=100 "$from" >"$work/flat" 2>/dev/null
callgrind_annotate --inclusive=no --tree=caller --threshold=100 "$from" >"$work/tree" 2>/dev/null
total=$(sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' "$work/flat" | tr -d ,)

# Rows of the flat profile: "instructions<TAB>library<TAB>function".
awk '/^ *[0-9,]+ +\( *[0-9.]+%\) +[^ ]/ && $NF ~ /^\[/ {
        ir = $1; gsub(",", "", ir)
        lib = $NF; gsub(/[][]/, "", lib); sub(/.*\//, "", lib); sub(/\.so.*/, "", lib)
        fn = $0; sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "", fn); sub(/ \[[^]]*\]$/, "", fn)
        sub(/^.*:/, "", fn)
        printf "%s\t%s\t%s\n", ir, lib, fn
    }' "$work/flat" >"$work/rows"

out=$work/out.md
{
    echo "## Profile"
    echo ""
    echo "Written by bench/profile.sh on $(date -u '+%Y-%m-%d'), presscut $(git rev-parse --short HEAD 2>/dev/null || echo unknown):"
    echo "\`valgrind --tool=callgrind bin/presscut-index --quiet --db DB ../shared/corpus/bbc/business\`"
    echo "(510 articles, a new index), $(printf '%s' "$total" | awk '{printf "%.2f", $1 / 1e9}') G instructions. Self cost (instructions executed in the library itself):"
    echo ""
    echo "| library | share |"
    echo "|---|---:|"
    awk -F '\t' -v t="$total" '{s[$2] += $1} END {for (l in s) printf "%.2f\t%s\n", 100 * s[l] / t, l}' "$work/rows" |
        sort -rn | head -10 | awk -F '\t' '{
            l = $2
            if (l == "presscut-index") l = "presscut-index (our code: lib/, indexer/)"
            printf "| %s | %.1f%% |\n", l, $1 }'
    echo ""
    echo "Top functions (self):"
    echo ""
    echo "| function | library | share |"
    echo "|---|---|---:|"
    sort -t '	' -k1,1 -rn "$work/rows" | head -15 | awk -F '\t' -v t="$total" '{
        fn = $3; if (length(fn) > 70) fn = substr(fn, 1, 67) "..."
        gsub(/\|/, "\\|", fn)
        printf "| `%s` | %s | %.1f%% |\n", fn, $2, 100 * $1 / t }'
    echo ""
    echo "Who calls the three costliest libc functions (share of all instructions, through that caller):"
    echo ""
    echo "| libc function | caller | library | share |"
    echo "|---|---|---|---:|"
    awk -F '\t' '$2 == "libc" {print $3}' "$work/rows" | sort -u >"$work/libcfns"
    sort -t '	' -k1,1 -rn "$work/rows" | awk -F '\t' '$2 == "libc" {print $3}' | head -3 |
    while IFS= read -r fn; do
        awk -v fn="$fn" '
            /^$/ { n = 0; next }
            { blk[++n] = $0 }
            index($0, "*  ") && index($0, ":" fn " [") {
                for (i = 1; i < n; i++) print blk[i]
                exit
            }' "$work/tree" | sed 's/^ *\([0-9,]*\) .*< \(.*\) ([0-9,]*x) \[\(.*\)\]$/\1	\2	\3/' |
            tr -d , | sort -rn | head -2 | awk -F '\t' -v fn="$fn" -v t="$total" '{
                c = $2; sub(/^.*:/, "", c); lib = $3; sub(/.*\//, "", lib); sub(/\.so.*/, "", lib)
                if (length(c) > 60) c = substr(c, 1, 57) "..."
                printf "| `%s` | `%s` | %s | %.1f%% |\n", fn, c, lib, 100 * $1 / t }'
    done
} >"$out"
cat "$out"

if [ "$write" = 1 ]; then
    . bench/results.sh
    write_section Profile "$out"
    echo "profile: written to $results" >&2
fi
