# presscut: plain GNU make, non-recursive.  `make V=1` shows the commands.

VERSION  := $(shell cat VERSION)
# The number of the library's ABI, not the release's: the soname is
# libpresscut.so.$(SOMAJOR) (README, "The library's ABI").
SOMAJOR  := $(shell sed -n 's/^somajor //p' lib/presscut.abi)
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include
DOCDIR   ?= $(PREFIX)/share/doc/presscut
MANDIR   ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
CC       ?= cc
CXX      ?= c++
PKG_CONFIG ?= pkg-config
PKGS     := xapian-core icu-uc icu-i18n jansson libxxhash libxml-2.0
# presscut-serve's HTTP library: libmicrohttpd, made to be embedded in C
# programs (a C API, a thread pool of its own, request limits), mature and
# in Debian.  The library (presscut.pc) does not need it.
SRV_PKGS := libmicrohttpd
DEB_PKGS := build-essential pkg-config libxapian-dev libicu-dev libstemmer-dev libcmocka-dev \
            libjansson-dev libxxhash-dev libxml2-dev libmicrohttpd-dev xapian-tools jq python3 \
            groff-base man-db curl zsh

WARN     := -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes -Wvla \
            -Wwrite-strings -Wshadow -Wpointer-arith
OPT      ?= -O2 -g
SAN      ?=
CFLAGS   ?=
LDFLAGS  ?=
CPPFLAGS += -Ilib -D_GNU_SOURCE
# -fPIC: the library's objects go into the shared library too (the
# programs, PIE by default, cost the same).
ALL_CFLAGS   = -std=c11 -pthread -fPIC $(OPT) $(SAN) $(WARN) $(CFLAGS) -MD -MP
ALL_CXXFLAGS = -std=c++17 -fPIC $(OPT) $(SAN) -Wall -Wextra -Werror -Wshadow $(CXXFLAGS) -MD -MP

# Resolved lazily so that `make deps` works before the libraries exist.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) $(SRV_PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) $(SRV_PKGS) 2>/dev/null)
# --as-needed: each program loads only the libraries it calls (start-up time).
# libstemmer (Snowball's stemmers Xapian lacks) ships no pkg-config file.
LDLIBS     = -pthread -Wl,--as-needed $(PKG_LIBS) -lstemmer -lstdc++ -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

B   := build
BIN := bin

LIB_C    := $(wildcard lib/*.c)
LIB_CXX  := $(wildcard lib/*.cc)
LIB_OBJ  := $(LIB_C:%.c=$(B)/%.o) $(LIB_CXX:%.cc=$(B)/%.o) $(B)/lib/synonyms_builtin.o \
            $(B)/lib/synonyms_stems.o
LIBA     := $(B)/lib/libpresscut.a
SONAME   := libpresscut.so.$(SOMAJOR)
LIBSO    := $(B)/lib/libpresscut.so.$(SOMAJOR).$(VERSION)

PROGS    := $(BIN)/presscut-index $(BIN)/presscut-query $(BIN)/presscut-serve
IDX_OBJ  := $(patsubst %.c,$(B)/%.o,$(wildcard indexer/*.c))
QRY_OBJ  := $(patsubst %.c,$(B)/%.o,$(wildcard query/*.c))
SRV_OBJ  := $(patsubst %.c,$(B)/%.o,$(wildcard server/*.c))
# What the HTTP layer's unit tests link: the server but its main().
SRV_LIB  := $(filter-out $(B)/server/main.o,$(SRV_OBJ))

TEST_SRC := $(wildcard tests/test_*.c)
TESTS    := $(TEST_SRC:tests/%.c=$(B)/tests/%)
TEST_LIB := $(filter-out tests/test_%.c,$(wildcard tests/*.c))

BENCH    := $(B)/bench/qbench $(B)/bench/xapian_passages
MAN1     := doc/presscut-index.1 doc/presscut-query.1 doc/presscut-serve.1
MAN7     := doc/presscut.7

.SECONDARY:
.PHONY: all deps check-deps check-libs test unit e2e demo install uninstall clean bench eval programs-and-tests \
        check-clang fuzz fuzz-build fuzz-regress test-san
all: $(PROGS) $(LIBSO)

programs-and-tests: $(TESTS) $(PROGS) $(LIBSO)

# Every compilation waits for check-libs: a missing library stops the build
# with the packages to install, not with a compiler error about a header.
# The Makefile holds the flags: a change to it recompiles.
$(B)/%.o: %.c Makefile | check-libs
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(B)/%.o: %.cc Makefile | check-libs
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(CPPFLAGS) $(PKG_CFLAGS) $(ALL_CXXFLAGS) -c -o $@ $<

# The one place the version is written is the file VERSION.
$(B)/lib/version.o: VERSION
$(B)/lib/version.o: CPPFLAGS += -DPC_VERSION='"$(VERSION)"'

# The shipped synonyms, compiled in as one string: the programs need no data file.
$(B)/lib/synonyms_builtin.c: lib/synonyms.txt
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GEN     $@")
	$(Q){ echo '/* Generated from lib/synonyms.txt by the Makefile. */'; \
	  echo '#include "synonyms.h"'; echo 'const char pc_synonyms_builtin[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/    "&\\n"/' $<; echo '    "";'; } >$@

# Their words' English stems, computed here rather than by every process.
SYNSTEMS_OBJ := $(B)/tools/synstems.o $(B)/lib/stem.o $(B)/lib/tokenize.o $(B)/lib/fold.o \
                $(B)/lib/apostrophe.o $(B)/lib/wordlist.o $(B)/lib/utf8.o $(B)/lib/xapian_c.o

$(B)/tools/synstems: $(SYNSTEMS_OBJ)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/lib/synonyms_stems.c: lib/synonyms.txt $(B)/tools/synstems
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(B)/tools/synstems $< >$@.tmp && mv $@.tmp $@

$(B)/lib/synonyms_builtin.o $(B)/lib/synonyms_stems.o: %.o: %.c Makefile
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# Exports presscut_* alone (lib/libpresscut.map): the rest is internal.
$(LIBSO): $(LIB_OBJ) lib/libpresscut.map lib/presscut.abi
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) -shared $(SAN) $(LDFLAGS) -Wl,-soname,$(SONAME) \
	  -Wl,--version-script,lib/libpresscut.map -o $@ $(LIB_OBJ) $(LDLIBS)

$(BIN)/presscut-index: $(IDX_OBJ) $(LIBA)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/presscut-query: $(QRY_OBJ) $(LIBA)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/presscut-serve: $(SRV_OBJ) $(LIBA)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/test_serve: $(B)/tests/test_serve.o $(SRV_LIB) $(TEST_LIB:%.c=$(B)/%.o) $(LIBA)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

$(B)/tests/%: $(B)/tests/%.o $(TEST_LIB:%.c=$(B)/%.o) $(LIBA)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# Benchmarks: an evaluator of our own, stock Xapian references, a latency probe.
BENCH    := $(B)/bench/trec_eval $(B)/bench/xapian_ref $(B)/bench/qbench \
            $(B)/bench/xapian_passages $(B)/bench/xapian_news_ref $(B)/bench/copies

$(B)/bench/trec_eval: $(B)/bench/trec_eval_main.o $(B)/bench/trec_eval.o
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ -lm

$(B)/bench/xapian_ref: $(B)/bench/xapian_ref.o
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(SAN) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/tests/test_trec_eval: $(B)/bench/trec_eval.o

$(B)/bench/qbench: $(B)/bench/qbench.o $(LIBA)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/bench/copies: $(B)/bench/copies.o $(LIBA)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/bench/xapian_news_ref: $(B)/bench/xapian_news_ref.o
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(SAN) -o $@ $^ $(PKG_LIBS)

$(B)/bench/xapian_passages: $(B)/bench/xapian_passages.o
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

APT_HINT = echo "  apt-get install $(DEB_PKGS)" >&2

# What building needs.  It only says what is missing, even as root (`sudo
# make install` must not run apt-get): `make deps` installs.
HAVE_STEMMER = echo '\#include <libstemmer.h>' | $(CC) -E -x c - >/dev/null 2>&1

check-libs:
	@{ $(PKG_CONFIG) --exists $(PKGS) $(SRV_PKGS) 2>/dev/null && $(HAVE_STEMMER); } || { \
	  echo "presscut: missing libraries:$$(for p in $(PKGS) $(SRV_PKGS); do \
	    $(PKG_CONFIG) --exists $$p 2>/dev/null || printf ' %s' $$p; done; \
	    $(HAVE_STEMMER) || printf ' libstemmer')" >&2; \
	  echo "install these Debian packages (as root: make deps):" >&2; $(APT_HINT); exit 1; }

# What testing needs too.  A missing library is a missing Debian package:
# install it (as root) or say which.
# The browser test's Chromium is installed when it can be; when it cannot,
# that test skips, saying so, and nothing else fails.
check-deps:
	@$(PKG_CONFIG) --exists $(PKGS) $(SRV_PKGS) cmocka && $(HAVE_STEMMER) && \
	  command -v xapian-check >/dev/null && command -v jq >/dev/null && command -v curl >/dev/null && \
	  command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	  || $(MAKE) --no-print-directory deps

# Headless Chromium and its WebDriver, for tests/e2e_serve_browser.sh, and
# a font with Chinese and Japanese glyphs for its screenshots (its checks
# read the DOM: without the font they pass, the pictures show boxes).
BROWSER_DEB_PKGS := chromium chromium-driver fonts-wqy-microhei

deps:
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "installing: $(DEB_PKGS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS) && \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_DEB_PKGS) || \
	    echo "presscut: could not install $(BROWSER_DEB_PKGS): the browser test will skip" >&2; }; \
	else \
	  echo "presscut needs these Debian packages; run as root:" >&2; $(APT_HINT); \
	  echo "and, for the browser test: apt-get install $(BROWSER_DEB_PKGS)" >&2; exit 1; \
	fi

unit: check-deps
	@$(MAKE) --no-print-directory $(TESTS) $(PROGS)
	@fail=0; for t in $(TESTS); do $$t || fail=1; done; exit $$fail

e2e: check-deps
	@$(MAKE) --no-print-directory $(PROGS)
	@sh tests/run.sh

test: check-deps
	@$(MAKE) --no-print-directory programs-and-tests
	@sh tests/run.sh $(TESTS)

# ---- sanitizers and fuzzing: clang, each in a build directory of its own ----

SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all
# UBSan's C++ checks need its C++ runtime also where the C driver links.
CLANG_MAKE   = $(MAKE) --no-print-directory CC=clang CXX=clang++ OPT="-O1 -g -fno-omit-frame-pointer" \
               LDFLAGS=-fsanitize-link-c++-runtime
CLANG_DEB_PKGS := clang libclang-rt-dev llvm

# clang, and the runtimes of libFuzzer and the sanitizers (a package of their own).
check-clang:
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n' \
	  | clang -fsanitize=fuzzer,address,undefined -x c -o /dev/null - 2>/dev/null \
	  || $(MAKE) --no-print-directory deps DEB_PKGS="$(CLANG_DEB_PKGS)"

# Every unit and end-to-end test, on programs built with ASan and UBSan into
# build-san/ (programs in build-san/bin).  Any sanitizer report, even from a
# process whose failure a test expected, fails the run: reports go to files.
SAN_B       := build-san
SAN_REPORTS  = $(CURDIR)/$(SAN_B)/reports
SAN_ENV      = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$(SAN_REPORTS)/asan \
               UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(SAN_REPORTS)/ubsan

test-san: check-deps check-clang
	+@$(CLANG_MAKE) B=$(SAN_B) BIN=$(SAN_B)/bin SAN="$(SAN_FLAGS)" programs-and-tests
	@rm -rf $(SAN_REPORTS) && mkdir -p $(SAN_REPORTS)
	@$(SAN_ENV) PRESSCUT_BIN=$(SAN_B)/bin sh tests/run.sh $(TESTS:$(B)/%=$(SAN_B)/%); rc=$$?; \
	  for r in $(SAN_REPORTS)/*; do [ -f "$$r" ] || continue; rc=1; \
	    echo "sanitizer report $$r:" >&2; cat "$$r" >&2; done; exit $$rc

# libFuzzer harnesses (fuzz/*.c) over the library built with coverage and
# ASan+UBSan into build-fuzz/.  `make fuzz` runs each FUZZ_SECONDS; FUZZ=name
# picks some; FUZZ_CORPUS keeps what they learn (a directory per harness);
# FUZZ_FLAGS adds libFuzzer flags (fuzz/run.sh says more).
FUZZ_B       := build-fuzz
FUZZERS      := $(patsubst fuzz/%.c,%,$(wildcard fuzz/*.c))
FUZZ         ?= $(FUZZERS)
FUZZ_SECONDS ?= 60
FUZZ_CORPUS  ?= $(FUZZ_B)/corpus
FUZZ_FLAGS   ?=
FUZZ_ENV      = FUZZ_B=$(FUZZ_B) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_CORPUS=$(FUZZ_CORPUS) \
                FUZZ_FLAGS="$(FUZZ_FLAGS)"

$(B)/fuzz/%: $(B)/fuzz/%.o $(LIBA)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(subst fuzzer-no-link,fuzzer,$(SAN)) $(LDFLAGS) -o $@ $^ $(LDLIBS)

fuzz-build: check-deps check-clang
	+@$(CLANG_MAKE) B=$(FUZZ_B) BIN=$(FUZZ_B)/bin \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	  $(FUZZ:%=$(FUZZ_B)/fuzz/%)

fuzz: fuzz-build
	@$(FUZZ_ENV) sh fuzz/run.sh $(FUZZ)

# Replays fuzz/regress/<harness>/ (inputs that once failed) and the seeds.
fuzz-regress: fuzz-build
	@$(FUZZ_ENV) sh fuzz/run.sh --regress $(FUZZ)

eval: check-deps
	@$(MAKE) --no-print-directory $(PROGS) $(BENCH)
	@sh bench/eval.sh

demo: check-deps
	@$(MAKE) --no-print-directory $(PROGS)
	@rm -rf demo-index
	./bin/presscut-index --db demo-index corpus
	./bin/presscut-query --db demo-index --limit 3 "hybrid threats"
	./bin/presscut-query --db demo-index --limit 3 --articles "NATO accession"

# `make bench SHORT=1`: one run per figure, no tenfold Reuters set.
BENCH_DEB_PKGS := xapian-omega sqlite3 ripgrep time

bench: check-deps
	@command -v omindex >/dev/null && command -v sqlite3 >/dev/null && command -v rg >/dev/null \
	  && [ -x /usr/bin/time ] || $(MAKE) --no-print-directory deps DEB_PKGS="$(BENCH_DEB_PKGS)"
	@$(MAKE) --no-print-directory $(PROGS) $(BENCH)
	@sh bench/bench.sh $(if $(SHORT),--short) $(BENCH_ARGS)

# DESTDIR stages the files (packaging, tests); run ldconfig after a real
# install into a system directory.
install: $(PROGS) $(LIBA) $(LIBSO) $(B)/presscut.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) \
	  $(DESTDIR)$(DOCDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)/
	install -m 644 $(LIBA) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(LIBSO) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(LIBSO)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libpresscut.so
	install -m 644 $(B)/presscut.pc $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 644 lib/presscut.h $(DESTDIR)$(INCDIR)/
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	install -m 644 completion/presscut.bash $(DESTDIR)$(BASHCOMPDIR)/presscut-index
	ln -sf presscut-index $(DESTDIR)$(BASHCOMPDIR)/presscut-query
	ln -sf presscut-index $(DESTDIR)$(BASHCOMPDIR)/presscut-serve
	install -m 644 completion/_presscut $(DESTDIR)$(ZSHCOMPDIR)/

uninstall:
	rm -f $(PROGS:$(BIN)/%=$(DESTDIR)$(BINDIR)/%) $(DESTDIR)$(LIBDIR)/libpresscut.a \
	  $(DESTDIR)$(LIBDIR)/$(notdir $(LIBSO)) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	  $(DESTDIR)$(LIBDIR)/libpresscut.so $(DESTDIR)$(LIBDIR)/pkgconfig/presscut.pc \
	  $(DESTDIR)$(INCDIR)/presscut.h $(DESTDIR)$(DOCDIR)/README.md \
	  $(MAN1:doc/%=$(DESTDIR)$(MANDIR)/man1/%) $(MAN7:doc/%=$(DESTDIR)$(MANDIR)/man7/%) \
	  $(PROGS:$(BIN)/%=$(DESTDIR)$(BASHCOMPDIR)/%) $(DESTDIR)$(ZSHCOMPDIR)/_presscut
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

# Rebuilt each time: PREFIX may differ from the last install's.
$(B)/presscut.pc: lib/presscut.pc.in VERSION FORCE
	@mkdir -p $(@D)
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCDIR@|$(INCDIR)|' \
	  -e 's|@VERSION@|$(VERSION)|; s|@PKGS@|$(PKGS)|' $< >$@

FORCE:

clean:
	rm -rf $(B) $(BIN) demo-index tests/tmp $(SAN_B) $(FUZZ_B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
