# Synthetic articles for the end-to-end scripts, alike but for their
# number, on harbour cranes, grain and tolls.

# gen_feed N: a JSON Lines feed of N articles alike but for their number
# (ids gen-0 ...), on stdout: they score alike, so their order is the tie-break's.
gen_feed() {
    i=0
    while [ $i -lt "$1" ]; do
        printf '{"id":"gen-%s","title":"Feed %s","body":"Feed story %s on grain, cranes and harbour tolls."}\n' $i $i $i
        i=$((i + 1))
    done
}

# gen_articles DIR N: N text articles DIR/g0.txt ... of two paragraphs each,
# alike but for their number, on harbour cranes, grain and tolls.
gen_articles() {
    mkdir -p "$1"
    i=0
    while [ $i -lt "$2" ]; do
        printf 'Title: Generated %s\n\nGenerated article %s on ports, cranes and grain.\n\nSecond paragraph %s with harbour news and tolls.\n' \
            $i $i $i >"$1/g$i.txt"
        i=$((i + 1))
    done
}

# gen_long_articles DIR N: N text articles DIR/a0.txt ... of about 4 KB
# each (six paragraphs of 100 words out of 15, then "Second paragraph I with
# harbour news."), long enough that re-indexing a few hundred of them
# commits several times (a commit every 512 KiB of articles).
gen_long_articles() {
    mkdir -p "$1"
    awk -v dir="$1" -v n="$2" 'BEGIN {
        split("harbour cranes grain tolls ports dredging silt cargo minister treaty border river market council storm", w, " ")
        for (i = 0; i < n; i++) {
            f = dir "/a" i ".txt"
            printf "Title: Article %d\n\n", i > f
            for (p = 0; p < 6; p++) {
                s = ""
                for (k = 0; k < 100; k++)
                    s = s w[1 + (i * 7 + p * 13 + k * k) % 15] ((k % 9) ? " " : "" k " ")
                printf "%s.\n\n", s > f
            }
            printf "Second paragraph %d with harbour news.\n", i > f
            close(f)
        }
    }' </dev/null
}
