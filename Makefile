# orrery: plain make.  `make` builds ./orrery; `make check` runs every test;
# `make asan` runs the same suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer; `make tsan` runs the threaded parts built
# with ThreadSanitizer; `make lint` checks formatting and banned calls.

PREFIX ?=	/usr/local
BINDIR ?=	$(PREFIX)/bin
MANPREFIX ?=	$(PREFIX)/share/man
DOCDIR ?=	$(PREFIX)/share/doc/orrery
BASHCOMPDIR ?=	$(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?=	$(PREFIX)/share/zsh/site-functions
DESTDIR ?=

CC ?=		cc
PKG_CONFIG ?=	pkg-config
CFLAGS ?=	-O2 -g
LDFLAGS ?=

# iniparser ships no .pc file on Debian: override these elsewhere.
INIPARSER_CFLAGS ?=	-I/usr/include/iniparser
INIPARSER_LIBS ?=	-liniparser

PKGS =		ncursesw libcurl libxml-2.0 sqlite3 jansson
PKG_CFLAGS :=	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS :=	$(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

WARN =		-Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
		-Wmissing-prototypes -Wformat=2 -Wpointer-arith -Wcast-qual \
		-Wwrite-strings -Wundef -Wvla -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN +=		-Werror
endif

# BUILD holds the objects; SAN=1 builds with ASan+UBSan (make asan),
# SAN=thread with ThreadSanitizer (make tsan).
BUILD ?=	build
ifeq ($(SAN),1)
SANFLAGS =	-fsanitize=address,undefined -fno-omit-frame-pointer \
		-fno-sanitize-recover=undefined
CFLAGS =	-O1 -g
endif
ifeq ($(SAN),thread)
SANFLAGS =	-fsanitize=thread -fno-omit-frame-pointer
CFLAGS =	-O1 -g
endif
# SAN=fuzz (make fuzz, clang only): the library objects instrumented for
# libFuzzer, with ASan and UBSan; the targets link the fuzzer's main.
ifeq ($(SAN),fuzz)
SANFLAGS =	-fsanitize=fuzzer-no-link,address,undefined \
		-fno-omit-frame-pointer -fno-sanitize-recover=undefined
CFLAGS =	-O1 -g
endif

ALL_CFLAGS =	-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		-Iinclude $(INIPARSER_CFLAGS) $(PKG_CFLAGS) $(WARN) \
		$(SANFLAGS) $(CFLAGS) -MMD -MP
ALL_LIBS =	$(PKG_LIBS) $(INIPARSER_LIBS) -lpthread

SRCS :=		$(wildcard src/*.c)
OBJS :=		$(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS :=	$(filter-out $(BUILD)/main.o,$(OBJS))
TESTSRCS :=	$(wildcard tests/*.c)
TESTBINS :=	$(TESTSRCS:tests/%.c=$(BUILD)/tests/%)

ifeq ($(BUILD),build)
BIN =		orrery
else
BIN =		$(BUILD)/orrery
endif

.PHONY: all check asan tsan fuzz fuzz-bins run deps lint install uninstall clean test-bins bench

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(SANFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(ALL_LIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIBOBJS)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJS) $(ALL_LIBS)

test-bins: $(BIN) $(TESTBINS)

# bench/genstore: synthetic stores for the benchmarks, through store.c.
$(BUILD)/bench/genstore: bench/genstore.c $(LIBOBJS)
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJS) $(ALL_LIBS)

# bench/querytime: the time inside orrery of a query's first page.
$(BUILD)/bench/querytime: bench/querytime.c $(LIBOBJS)
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJS) $(ALL_LIBS)

# bench/throughput: parse and store throughput through parse.c and store.c.
$(BUILD)/bench/throughput: bench/throughput.c $(LIBOBJS)
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJS) $(ALL_LIBS)

# deps: install missing build dependencies (says what it installs).
deps:
	@scripts/install-deps

check: deps
	@$(MAKE) --no-print-directory test-bins
	@ORRERY=$(CURDIR)/$(BIN) UNITDIR=$(CURDIR)/$(BUILD)/tests \
	    bash tests/run.sh

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan SAN=1 test-bins
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ORRERY=$(CURDIR)/build-asan/orrery \
	    UNITDIR=$(CURDIR)/build-asan/tests bash tests/run.sh

# The threaded parts (chan, the fetcher and its pool, the store as they
# share it, the reader) under ThreadSanitizer.  Reports go to
# build-tsan/reports: any report fails the run, even from a process whose
# exit status a suite does not look at (the reader under tmux).
# unit_store is single-threaded (nothing for TSan to see) and takes
# minutes under it: add it with TSAN_TESTS="... unit_store".
TSAN_TESTS =	unit_chan suite_fetch suite_store suite_tui
TSAN_REPORTS =	$(CURDIR)/build-tsan/reports
tsan: deps
	@$(MAKE) --no-print-directory BUILD=build-tsan SAN=thread test-bins
	@rm -rf $(TSAN_REPORTS) && mkdir -p $(TSAN_REPORTS)
	@TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 log_path=$(TSAN_REPORTS)/tsan" \
	    ORRERY=$(CURDIR)/build-tsan/orrery \
	    UNITDIR=$(CURDIR)/build-tsan/tests \
	    bash tests/run.sh $(TSAN_TESTS); rv=$$?; \
	if [ -n "$$(ls $(TSAN_REPORTS))" ]; then \
		head -n 60 $(TSAN_REPORTS)/*; \
		echo "tsan: ThreadSanitizer reports in $(TSAN_REPORTS)"; \
		exit 1; \
	fi; exit $$rv

# make fuzz: libFuzzer targets (tests/fuzz/), built with clang, ASan and
# UBSan in build-fuzz/ (scripts/install-deps --fuzz installs clang and
# libFuzzer), each run FUZZ_SECONDS (default 60), FUZZ_JOBS at a time
# (default 1), from a seed corpus of the test inputs.  Each checks its
# module's promises, not only that it survives: fuzz_parse (feeds),
# fuzz_html (html_to_text, html_render, html_write), fuzz_opml (OPML and
# urls files, opml_write), fuzz_date, fuzz_query (the query language),
# fuzz_url (url.c), fuzz_config (config.ini) and fuzz_extract (the
# article extractor).  tests/fuzz/run.sh says where corpora, logs and
# failing inputs go.
FUZZ_TARGETS =	fuzz_parse fuzz_html fuzz_opml fuzz_date fuzz_query fuzz_url \
		fuzz_config fuzz_extract
FUZZ_SECONDS ?=	60
FUZZ_JOBS ?=	1
fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(LIBOBJS)
	@mkdir -p $(BUILD)/fuzz
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
	    $(LIBOBJS) $(ALL_LIBS)

fuzz:
	@scripts/install-deps --fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz SAN=fuzz CC=clang \
	    fuzz-bins
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) \
	    bash tests/fuzz/run.sh build-fuzz $(FUZZ_TARGETS)

run: deps
	@$(MAKE) --no-print-directory all
	./orrery

# Benchmarks: bench/run.sh prints figures and writes bench/RESULTS.md;
# BENCH_ARGS picks runs and sections (make bench BENCH_ARGS="-m 3 parse").
bench:
	@scripts/install-deps --bench
	@$(MAKE) --no-print-directory all
	@bash bench/run.sh $(BENCH_ARGS)

lint:
	@scripts/lint

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 orrery $(DESTDIR)$(BINDIR)/orrery
	install -m 644 man/orrery.1 $(DESTDIR)$(MANPREFIX)/man1/orrery.1
	install -m 644 man/orrery.ini.5 $(DESTDIR)$(MANPREFIX)/man5/orrery.ini.5
	install -m 644 config/orrery.ini $(DESTDIR)$(DOCDIR)/orrery.ini
	install -m 644 scripts/completion/orrery.bash \
	    $(DESTDIR)$(BASHCOMPDIR)/orrery
	install -m 644 scripts/completion/_orrery $(DESTDIR)$(ZSHCOMPDIR)/_orrery

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/orrery $(DESTDIR)$(MANPREFIX)/man1/orrery.1 \
	    $(DESTDIR)$(MANPREFIX)/man5/orrery.ini.5 \
	    $(DESTDIR)$(DOCDIR)/orrery.ini \
	    $(DESTDIR)$(BASHCOMPDIR)/orrery $(DESTDIR)$(ZSHCOMPDIR)/_orrery
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

clean:
	rm -rf build build-asan build-tsan build-fuzz orrery

-include $(OBJS:.o=.d) $(TESTBINS:=.d)
