#!/bin/sh
# Warm exact quote look-ups on Reuters-21578 against `rg -F` over the same
# text, in the same run.  Usage: sh bench/quote.sh [N quotes, default 50]
cd "$(dirname "$0")/.." || exit 2
SRC=../shared/corpus/reuters21578/docs.jsonl
N=${1:-50}
[ -f "$SRC" ] || { echo "bench/quote.sh: $SRC is absent" >&2; exit 2; }
command -v rg >/dev/null || { echo "bench/quote.sh: needs ripgrep (apt-get install ripgrep)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench/quote.sh: needs python3" >&2; exit 2; }
make -s bin/presscut-index bin/presscut-query || exit 2
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT

# The bodies as plain text for rg, and N phrases (7 words within a line),
# picked by a seeded generator so that every run times the same quotes.
python3 - "$SRC" "$N" "$T" <<'PY'
import json, random, sys
src, n, t = sys.argv[1], int(sys.argv[2]), sys.argv[3]
bodies = [json.loads(l).get("body", "") for l in open(src, encoding="utf-8")]
open(t + "/bodies.txt", "w", encoding="utf-8").write("\n\n".join(bodies))
rnd = random.Random(4)
out = []
while len(out) < n:
    lines = [l for l in rnd.choice(bodies).split("\n") if len(l.split()) >= 9]
    if not lines:
        continue
    w = rnd.choice(lines).split()
    i = rnd.randrange(len(w) - 7)
    out.append(" ".join(w[i:i + 7]))
open(t + "/quotes.txt", "w", encoding="utf-8").write("\n".join(out) + "\n")
PY

start=$(date +%s.%N)
bin/presscut-index --db "$T/db" -q "$SRC" || exit 2
end=$(date +%s.%N)
echo "indexed $(wc -l <"$SRC") stories in $(echo "$end - $start" | bc) s"

# Warm both: one untimed pass each.
run_pc() { while IFS= read -r q; do bin/presscut-query --db "$T/db" --quote -n 1000 "$q" >/dev/null; done <"$T/quotes.txt"; }
run_rg() { while IFS= read -r q; do rg -F -c -- "$q" "$T/bodies.txt" >/dev/null; done <"$T/quotes.txt"; }
run_pc; run_rg
t0=$(date +%s.%N); run_pc; t1=$(date +%s.%N); run_rg; t2=$(date +%s.%N)
pc=$(echo "($t1 - $t0) * 1000 / $N" | bc -l)
rg=$(echo "($t2 - $t1) * 1000 / $N" | bc -l)
miss=0
while IFS= read -r q; do
    bin/presscut-query --db "$T/db" --quote -n 1 "$q" | grep -q '^    exact' || miss=$((miss + 1))
done <"$T/quotes.txt"
printf 'presscut-query --quote: %.1f ms per quote (process start included)\n' "$pc"
printf 'rg -F:                  %.1f ms per quote\n' "$rg"
printf 'ratio presscut/rg:      %.2f\n' "$(echo "$pc / $rg" | bc -l)"
echo "quotes without an exact hit: $miss of $N"
