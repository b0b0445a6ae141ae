# bench/RESULTS.md, one "## " section per script: `write_section HEADING FILE`
# replaces the section titled HEADING (up to the next "## " heading) with
# FILE, which begins with that heading line, or appends it.
write_section() {
    results=bench/RESULTS.md
    [ -f "$results" ] || printf '# presscut benchmark results\n' >"$results"
    awk -v head="## $1" -v sect="$2" '
        /^## / && inside { inside = 0 }
        index($0, head) == 1 { inside = 1; done = 1; while ((getline l < sect) > 0) print l; print ""; next }
        !inside { print }
        END { if (!done) { print ""; while ((getline l < sect) > 0) print l } }' \
        "$results" >"$results.new" && mv "$results.new" "$results"
}
