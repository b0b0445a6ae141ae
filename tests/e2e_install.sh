#!/bin/sh
# End-to-end: `make install` with DESTDIR and PREFIX puts the programs, the
# static and shared libraries (with their soname links), presscut.pc, the
# header, the README, man pages and completions in place; a program builds against the installed
# library with what pkg-config says and runs; `make uninstall` takes every
# file away again.  Uses what `make` already built.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

# The sanitized build (make test-san) is not one to install or link against.
if [ "${PRESSCUT_BIN:-bin}" != bin ]; then
    skip "make install" "runs on the normal build (bin/), not on $PRESSCUT_BIN"
    done_testing
    exit
fi

D=$T/stage
P=/usr/local
version=$(cat VERSION)
major=$(sed -n 's/^somajor //p' lib/presscut.abi)
so=libpresscut.so.$major.$version

# The outer make's jobserver and flags are not this make's.
mk() {
    env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory "$@"
}

check "make install" mk install DESTDIR="$D" PREFIX="$P"
for f in bin/presscut-index bin/presscut-query bin/presscut-serve lib/libpresscut.a \
         "lib/$so" lib/pkgconfig/presscut.pc include/presscut.h \
         share/doc/presscut/README.md share/man/man1/presscut-index.1 \
         share/man/man1/presscut-query.1 share/man/man1/presscut-serve.1 \
         share/man/man7/presscut.7 \
         share/bash-completion/completions/presscut-index share/zsh/site-functions/_presscut; do
    check "installs $f" test -f "$D$P/$f"
done
check "libpresscut.so.$major links to the library" \
    test "$(readlink "$D$P/lib/libpresscut.so.$major")" = "$so"
check "libpresscut.so links to the soname" \
    test "$(readlink "$D$P/lib/libpresscut.so")" = "libpresscut.so.$major"
check "the shared library carries its soname" \
    sh -c "objdump -p '$D$P/lib/$so' | grep -q 'SONAME *libpresscut.so.$major\$'"
check "each call it exports has the version PRESSCUT_$major" \
    sh -c "objdump -T '$D$P/lib/$so' | grep ' presscut_' >'$T/calls' && test -s '$T/calls' &&
           ! grep -v ' PRESSCUT_$major  *presscut_' '$T/calls'"
check "the completion is found under presscut-query's name too" \
    test -f "$D$P/share/bash-completion/completions/presscut-query"
check "and under presscut-serve's" test -f "$D$P/share/bash-completion/completions/presscut-serve"
check "presscut.pc names the prefix" grep -qx "prefix=$P" "$D$P/lib/pkgconfig/presscut.pc"
check "the installed programs run" "$D$P/bin/presscut-query" --version
check "presscut-serve too" "$D$P/bin/presscut-serve" --version
doc=$(sed -n 's|^Documentation=man:presscut-serve(1) file://||p' contrib/presscut-serve.service)
check "presscut-serve.service's documentation is what install puts there" \
    test "$doc" = "$P/share/doc/presscut/README.md"
# The service's Documentation= is the installed README.
doc=$(sed -n 's|^Documentation=file://||p' contrib/presscut-index.service)
check "the service's documentation is what install puts there" test "$doc" = "$P/share/doc/presscut/README.md"

# pkg-config reads the staged file, whose paths are the final ones: point
# it at the stage with its sysroot option.
cat >"$T/probe.c" <<'PROBE'
#include <stdio.h>
#include <stdlib.h>
#include <presscut.h>

int main(int argc, char **argv)
{
    presscut_db_t *db = NULL;
    char *msg = NULL;
    presscut_status_t st = presscut_db_open(argc > 1 ? argv[1] : "", &db, &msg);
    printf("%s %s\n", presscut_version(), presscut_status_to_string(st));
    free(msg);
    if (db)
        presscut_db_close(db);
    return 0;
}
PROBE
flags=$(PKG_CONFIG_PATH="$D$P/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D" \
        pkg-config --cflags --libs presscut)
check "pkg-config finds presscut" test -n "$flags"
# shellcheck disable=SC2086 # $flags is a list of flags
check "a program builds against the installed library" cc -o "$T/probe" "$T/probe.c" $flags
LD_LIBRARY_PATH="$D$P/lib" "$T/probe" "$T/missing" >"$T/probe.out" 2>&1
check "it runs on the shared library" \
    sh -c "LD_LIBRARY_PATH='$D$P/lib' ldd '$T/probe' | grep -q '$D$P/lib/libpresscut.so.$major'"
check "it asks for libpresscut.so.$major and its version PRESSCUT_$major" \
    sh -c "objdump -p '$T/probe' | grep -A2 'required from libpresscut.so.$major:' |
           grep -q ' PRESSCUT_$major\$'"
check "it opens a missing index: no index there" \
    test "$(cat "$T/probe.out")" = "$version no index there"

check "make uninstall" mk uninstall DESTDIR="$D" PREFIX="$P"
check "uninstall leaves no file" test -z "$(find "$D" ! -type d)"

done_testing
