#!/bin/sh
# End-to-end: sharded indexes, searched locally (the shard directory's
# stub) and remotely (one xapian-tcpsrv per shard on loopback), against
# one database of the same articles; re-indexing per shard; a shard that
# cannot be reached.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/gen.sh

[ -n "$KEEP" ] && echo "# keeping $T"
. tests/tcpsrv.sh
trap 'stop_servers; [ -n "$KEEP" ] || rm -rf "$T"' EXIT

if [ -d ../shared/corpus/bbc ]; then
    SRC=../shared/corpus/bbc
    TOPIC="economy growth"
else
    SRC=corpus
    TOPIC="hybrid threats"
fi

# A feed of articles that score alike: their order must not depend on
# which shard, or which document number, each one got.
mkdir -p "$T/feed"
gen_feed 60 >"$T/feed/wire.jsonl"
"$IDX" --db "$T/one" -q "$SRC" "$T/feed" 2>"$T/err"
check "one database indexed" test $? -le 1
"$IDX" --db "$T/sh" --shards 3 -q "$SRC" "$T/feed" 2>"$T/err"
check "3 shards indexed" test $? -le 1
check "the shard directory has a stub listing the shards" \
    sh -c "printf 'auto shard-0\nauto shard-1\nauto shard-2\n' | cmp -s - '$T/sh/XAPIANDB'"

doccount() { xapian-delve "$1" | sed -n 's/^number of documents = //p'; }
n1=$(doccount "$T/one")
n_sh=0
each=1
for i in 0 1 2; do
    n=$(doccount "$T/sh/shard-$i")
    [ "${n:-0}" -gt 0 ] || each=0
    n_sh=$((n_sh + ${n:-0}))
done
check "the shards hold the single database's passages between them" test "$n1" = "$n_sh"
check "every shard holds some" test "$each" = 1

"$IDX" --db "$T/sh" --shards 2 -q "$SRC" 2>"$T/err"
rc=$?
check "another shard count is refused" test "$rc" = 2
check "the refusal says how to reshard" grep -q "has 3 shards, not 2.*--shards 2 --full" "$T/err"
"$IDX" --db "$T/one" --shards 3 -q "$SRC" 2>"$T/err"
check "a single database is not sharded in place" test $? = 2
s=$("$IDX" --db "$T/sh" --json -q "$SRC" "$T/feed" 2>/dev/null)
check "a sharded index keeps its shards without --shards" \
    sh -c "echo '$s' | grep -q '\"added\":0,\"updated\":0,\"moved\":0,\"removed\":0'"

# The same queries: topics, phrases, operators, filters, synonyms, per article.
cat >"$T/queries" <<'EOF'
economy growth
hybrid threats
"NATO accession"
film award
election campaign
mobile phone
"prime minister"
interest rates
football match
music album
oil prices
government plans
"chief executive"
internet users
tax cuts
world cup
share price
software security
box office
court ruling
olympic gold
video games
title:economy
budget -tax
china OR india
bank NEAR/3 rates
"economic growth"
harbour tolls
grain
EU trade
US economy
prime minister plans
why did the dollar fall against the euro after the central bank decision
EOF
cat >"$T/aqueries" <<'EOF'
economy growth
"prime minister"
film award
mobile phone
tax cuts
what did the government say about plans to cut taxes for families
EOF
fields() {
    jq -r 'select(.rank) | [.article_id, .paragraph, .part, .score] | @tsv'
}
# dump DB [query options...]: one block per query.
dump() {
    db=$1
    shift
    while read -r q; do
        echo "## $q"
        "$QRY" --db "$db" "$@" --json -n 20 "$q" 2>>"$T/qerr" | fields
    done <"$T/queries"
    while read -r q; do
        echo "## --articles $q"
        "$QRY" --db "$db" "$@" --json -n 20 --articles "$q" 2>>"$T/qerr" | fields
    done <"$T/aqueries"
}
# Same documents with the same scores (to 1e-9), in the same order except
# among ties: a sum of weights may differ in its last bits between shards
# (Xapian adds a query's terms in an order it picks per database), which
# can swap two copies of one story.  A tie at a list's end may also be cut
# at another copy, so the last score's group is left out.
canon() {
    awk -F'\t' '
        function flush(   i) {
            for (i = 1; i <= n; i++)
                if (s[i] - s[n] > 1e-9)
                    printf "%d\t%.8f\t%s\t%s\t%s\n", b, s[i], id[i], para[i], part[i]
            n = 0
        }
        /^## / { flush(); b++; next }
        { n++; s[n] = $4; id[n] = $1; para[n] = $2; part[n] = $3 }
        END { flush() }' "$1" | sort -t '	' -k1,1n -k2,2gr -k3,5
}
same() {
    [ "$(wc -l <"$1")" = "$(wc -l <"$2")" ] || return 1
    canon "$1" >"$1.canon"
    canon "$2" >"$2.canon"
    test -s "$1.canon" && cmp -s "$1.canon" "$2.canon"
}
ms() { echo $(($(date +%s%N) / 1000000)); }

t0=$(ms); dump "$T/one" >"$T/one.out"; t1=$(ms)
dump "$T/sh" >"$T/sh.out"; t2=$(ms)
check "39 queries answer the same from one database and from 3 local shards" \
    same "$T/one.out" "$T/sh.out"
# Xapian 1.4 weighs a wildcard's expansion (a synonym) shard by shard:
# the same passages, scored differently (so of two copies another may
# rank first: all are listed).
set_of() { "$QRY" --db "$1" --json --all-copies -n 5000 'econom*' | jq -r 'select(.rank) | [.article_id, .paragraph, .part] | @tsv' | sort; }
set_of "$T/one" >"$T/w1"
set_of "$T/sh" >"$T/w3"
check "a wildcard finds the same passages (scored per shard)" cmp -s "$T/w1" "$T/w3"
hits=$(grep -vc '^## ' "$T/one.out")
check "and they find something" test "$hits" -gt 0
printf '# latency, 39 queries: one database %s ms, 3 local shards %s ms\n' \
    $((t1 - t0)) $((t2 - t1))

# ---- remote ----
if ! command -v xapian-tcpsrv >/dev/null || ! command -v setsid >/dev/null; then
    for n in 1 2 3 4 5 6; do skip "remote shards $n" "xapian-tcpsrv (xapian-tools) or setsid missing"; done
    done_testing
    exit
fi

: >"$T/remote"
ok=1
for i in 0 1 2; do
    start_server "$T/sh/shard-$i" "$T/probe" || ok=0
    printf 'remote 127.0.0.1:%s\n' "$port" >>"$T/remote"
done
check "3 xapian-tcpsrv serve the shards" test "$ok" = 1

t3=$(ms); dump "$T/remote" >"$T/remote.out"; t4=$(ms)
check "39 queries answer the same from the remote shards" same "$T/one.out" "$T/remote.out"
printf '# latency, 39 queries: 3 remote shards %s ms\n' $((t4 - t3))
"$QRY" --db "$T/remote" -n 3 --color=always $TOPIC >"$T/text" 2>&1
check "text output with snippets works remotely" grep -qF "$(printf '\033[1;31m')" "$T/text"

# One server gone.
set -- $servers
kill "$2"
wait "$2" 2>/dev/null
gone=$(sed -n 2p "$T/remote")
"$QRY" --db "$T/remote" $TOPIC >/dev/null 2>"$T/err"
rc=$?
check "an unreachable shard fails the query, named" \
    sh -c "test $rc = 2 && grep -q 'shard 2 of 3.*$gone' '$T/err'"
printf 'auto %s\nauto %s\n' "$T/sh/shard-0" "$T/sh/shard-2" >"$T/two"
"$QRY" --db "$T/remote" --allow-partial --timeout 2000 --json -n 20 $TOPIC \
    >"$T/partial.json" 2>"$T/err"
fields <"$T/partial.json" >"$T/partial.out"
"$QRY" --db "$T/two" --json -n 20 $TOPIC | fields >"$T/two.out"
ok=0
same "$T/two.out" "$T/partial.out" && test -s "$T/partial.out" && ok=1
check "--allow-partial answers from the other shards" test "$ok" = 1
check "with a warning naming the shard" grep -q "warning: partial.*$gone" "$T/err"
check "and \"partial\": true in --json" \
    jq -se 'all(.[]; .partial == true or .summary.partial == true)' "$T/partial.json"
done_testing
