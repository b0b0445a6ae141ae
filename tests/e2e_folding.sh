#!/bin/sh
# End-to-end: letters that fold and letters that do not, elisions and
# Turkish suffixes, on one index of short articles in French, German,
# Turkish, Croatian, Polish, Norwegian, Russian, Ukrainian, Hindi, Thai,
# Japanese and English written here: each query typed as users type it
# finds its article, a "never" case does not cross-match, phrases,
# highlights and quotes read the same words, and quotes cite the source's
# bytes.  TAP.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

A=$T/articles
DB=$T/db
mkdir -p "$A"
# article NAME TITLE TEXT: a text article $A/NAME.txt (TEXT is printf's format).
article() {
    printf "Title: %s\n\n$3\n" "$2" >"$A/$1.txt"
}
article fr "Réforme" "Le président de l'Assemblée nationale a voté contre. Selon l’OTAN, la Côte d'Ivoire et le cœur de l'Europe…"
article it "Notizie" "Il bilancio dell'Unione e la crisi nell'area."
article de "Bericht" "Herr Müller fuhr nach Köln und über die Brücke."
# Turkish suffixes are split off in Turkish articles only.
printf "Title: Haber\nLanguage: tr\n\nAnkara'daki toplantıda İstanbul’da ve Diyarbakır hakkında konuşuldu.\n" >"$A/tr.txt"
article hr "Vijesti" "Sastanak u Đakovu održan je u srijedu."
article pl "Wiadomości" "Spotkanie w Łodzi odbyło się we wtorek."
article no "Nyheter" "Statsminister Jonas Gahr Støre besøkte Tromsø og Århus."
article ru "Новости" "Королёв и Йошкар-Ола: новые ёлки."
article uk "Новини" "Їжак і їжа в Києві."
article hi "समाचार" "यह देश बड़ा है।"
article th "ข่าว" "ข่าว วันนี้ ดี"
article ja "ニュース" "ガス 料金"
article en "Summit" "NATO's summit in Brussels. They don't agree."
article en2 "Faith" "Readers of the Qur'an met. Aujourd'hui means today."

$IDX -q --db "$DB" "$A" 2>"$T/err"
check "index the articles" test $? = 0

# finds QUERY: the articles it finds, by name, sorted, on one line.
finds() {
    $QRY --db "$DB" --files -- "$1" 2>/dev/null | sed 's|.*/||; s|\.txt$||' | sort | tr '\n' ' '
}
# expect WANT QUERY...: each QUERY finds the articles WANT ("" for none).
expect() {
    want=$1
    shift
    for q; do
        check "$q finds ${want:-nothing}" test "$(finds "$q")" = "$want"
    done
}

# Point 4: folding, the same typed with or without the letter
expect "hr " dakovu djakovu Đakovu ĐAKOVU
expect "tr " diyarbakir Diyarbakır DIYARBAKIR
expect "pl " lodzi Łodzi
expect "no " store stoere Støre tromso tromsoe aarhus arhus
expect "de " Muller Mueller Müller koln koeln ueber
expect "fr " coeur cœur
expect "ru " Королев Королёв елки
# never: a mark that makes another letter does not fold
expect "ru " Йошкар
expect "" Иошкар
expect "uk " Їжак їжа
expect "" Іжак
expect "hi " देश
expect "" दश
expect "th " ข่าว
expect "" ขาว
expect "ja " ガス
expect "" カス

# Point 5: elisions and Turkish suffixes also index the word on its own
expect "fr " otan OTAN "l'OTAN" "l’otan" Assemblee assemblée "l'Assemblee" ivoire europe
expect "it " unione area
expect "tr " Ankara "Ankara'daki" istanbul "İstanbul'da"
# English clitics stay whole: nato finds NATO's by its stem, as before
expect "en " nato "NATO's" '"NATO'"'"'s summit"'
expect "" don
# a suffix is Turkish in a Turkish article only: Qur'an is no qur in English
expect "en2 " "Qur'an" "Aujourd'hui"
expect "" qur aujourd
# the word on its own stands at the word's position
expect "fr " '"selon otan"' '"otan la"' '"assemblee nationale"'
expect "tr " '"ankara toplantida"'

if ! command -v python3 >/dev/null; then
    skip "highlights and quotes" "python3 is not installed"
    done_testing
    exit
fi

# lit QUERY: what its --json highlights hold, one a line.
lit() {
    $QRY --db "$DB" --json -- "$1" 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    t = r.get("text", "").encode()
    for s, e in r.get("highlights") or []:
        print(t[s:e].decode())
'
}
check "otan lights up l’OTAN" test "$(lit otan)" = "l’OTAN"
check "mueller lights up Müller" test "$(lit mueller)" = "Müller"
check "djakovu lights up Đakovu" test "$(lit djakovu)" = "Đakovu"
check "a phrase through an elision lights up" test "$(lit '"selon otan"' | tr '\n' ' ')" = "Selon l’OTAN "

# quote QUOTE WANT: QUOTE is found exactly, and its match_start/match_end
# cite WANT, the source file's bytes.
quote() {
    $QRY --db "$DB" --quote --json -- "$1" 2>/dev/null | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
r = rows[0]
assert r["match"] == "exact", r["match"]
got = open(r["path"], "rb").read()[r["match_start"]:r["match_end"]]
assert got == sys.argv[1].encode(), got
assert r["verbatim"] == sys.argv[1], r["verbatim"]
' "$2"
}
check "a quote typed without accents cites the accented bytes" \
    quote "l'Assemblee nationale a vote contre" "l'Assemblée nationale a voté contre"
check "a quote with another apostrophe cites the source's" \
    quote "selon l'OTAN, la cote d'Ivoire" "Selon l’OTAN, la Côte d'Ivoire"
check "a Turkish quote typed in ASCII cites the source" \
    quote "Istanbul'da ve Diyarbakir hakkinda konusuldu" "İstanbul’da ve Diyarbakır hakkında konuşuldu"
check "a quote with the other spelling (ue, dj) cites ü and đ" \
    quote "Herr Mueller fuhr nach Koeln" "Herr Müller fuhr nach Köln"
check "and so does one with đ as dj" quote "sastanak u Djakovu" "Sastanak u Đakovu"
check "a quote leaving out the elision cites the elided word whole" \
    quote "Assemblee nationale a vote" "l'Assemblée nationale a voté"

done_testing
