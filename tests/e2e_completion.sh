#!/bin/sh
# End-to-end: the bash completion of completion/presscut.bash and the zsh
# completion of completion/_presscut complete the programs' options,
# directories after --db, and --sort's values.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

mkdir -p "$T/news.db" "$T/newsroom"
: >"$T/news.txt"

# The zsh completion lists its options itself: each of --help's must be
# there as an option spec ('--db=[...', {-q,--quiet}'[...'), checked
# without zsh too.
for prog in "$IDX" "$QRY" "${PRESSCUT_BIN:-bin}/presscut-serve"; do
    missing=$("$prog" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | while read -r o; do
        grep -q -- "$o=\\?}\\?'\\?\\[" completion/_presscut || echo "$o"; done)
    check "completion/_presscut offers every option of ${prog##*/} --help" test -z "$missing"
done
if command -v zsh >/dev/null; then
    # zcompletions WORD...: what zsh offers for the last WORD, sorted.
    zcompletions() {
        timeout 30 zsh -f tests/zsh_complete.zsh completion "$@" | sort -u
    }
    check "zsh reads completion/_presscut" zsh -n completion/_presscut
    check "zsh: presscut-query --so completes --sort" \
        test "$(zcompletions presscut-query --so)" = "--sort"
    check "zsh: presscut-index --ver completes --version" \
        test "$(zcompletions presscut-index --ver)" = "--version"
    check "zsh: --all offers --all-copies and --allow-partial" \
        test "$(zcompletions presscut-query --all | tr '\n' ' ')" = "--all-copies --allow-partial "
    check "zsh: presscut-query --sort offers its values" \
        test "$(zcompletions presscut-query --sort '' | tr '\n' ' ')" = "date relevance "
    check "zsh: presscut-index --db completes directories only" \
        test "$(zcompletions presscut-index --db "$T/news" | tr '\n' ' ')" = "news.db newsroom "
    check "zsh: presscut-query --db=DIR completes a stub file too" \
        test "$(zcompletions presscut-query --db="$T/news" | tr '\n' ' ')" = "news.db news.txt newsroom "
    check "zsh: a query word gets nothing" test -z "$(zcompletions presscut-query -- hybr)"
    check "zsh: presscut-serve --li completes --listen" \
        test "$(zcompletions presscut-serve --li)" = "--listen"
    check "zsh: presscut-serve --listen offers the loopback addresses" \
        test "$(zcompletions presscut-serve --listen 127 | tr '\n' ' ')" = "127.0.0.1:8080 "
else
    skip "zsh completion" "zsh is not installed (make deps installs it)"
fi

if ! command -v bash >/dev/null; then
    skip "bash completion" "bash is not installed"
    done_testing
    exit
fi

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
