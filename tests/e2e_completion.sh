#!/bin/sh
# End-to-end: the bash completion of completion/presscut.bash completes the
# programs' options, directories after --db, and --sort's values.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

if ! command -v bash >/dev/null; then
    skip "bash completion" "bash is not installed"
    done_testing
    exit
fi

mkdir -p "$T/news.db" "$T/newsroom"
: >"$T/news.txt"

# completions PROG WORD...: what the completion offers for the last WORD of
# "PROG WORD...", one a line, sorted.
completions() {
    bash -c '. completion/presscut.bash
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _presscut "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}" | sort' completions "$@"
}

check "presscut-query --so completes --sort" \
    test "$(completions "$QRY" --so)" = "--sort"
check "presscut-index --ver completes --version" \
    test "$(completions "$IDX" --ver)" = "--version"
check "presscut-query --sort offers its values" \
    test "$(completions "$QRY" --sort '' | tr '\n' ' ')" = "date relevance "
check "presscut-index --db completes directories only" \
    test "$(completions "$IDX" --db "$T/news" | tr '\n' ' ')" = "$T/news.db $T/newsroom "
check "presscut-query --db=DIR completes too" \
    test "$(completions "$QRY" --db = "$T/news." | tr '\n' ' ')" = "$T/news.db $T/news.txt "
check "a query word gets nothing" test -z "$(completions "$QRY" hybr)"
# Every option of --help, none missing.
check "every option of presscut-index is offered" \
    test "$(completions "$IDX" --)" = "$("$IDX" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)"
SRV=${PRESSCUT_BIN:-bin}/presscut-serve
check "every option of presscut-serve is offered" \
    test "$(completions "$SRV" --)" = "$("$SRV" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)"
check "presscut-serve --db completes a stub file too" \
    test "$(completions "$SRV" --db "$T/news." | tr '\n' ' ')" = "$T/news.db $T/news.txt "
check "presscut-serve --listen offers the loopback addresses" \
    test "$(completions "$SRV" --listen 127 | tr '\n' ' ')" = "127.0.0.1:8080 "
check "it is registered for the three programs" \
    bash -c '. completion/presscut.bash; complete -p presscut-index presscut-query presscut-serve'

done_testing
