#!/bin/bash
# layering.sh: the arrows of the design go one way, checked on the sources and on the built
# objects, so that a change breaking them fails make check:
#  - src/core/ includes no curses header and no cli/, tui/ or program-level header
#    (options.h, connect.h, demo.h); its objects call nothing of curses, tui/, cli/ or the
#    program level;
#  - src/tui/ and src/cli/ include neither each other nor curl, and their objects call no
#    curl function (the HTTP engine of core/ does that);
#  - src/sandbox/ includes of core/ only util.h, json.h, rules.h (the rules the API documents)
#    and intl.h (macros), and nothing of tui/ or cli/; with nm: its objects use, and the
#    tenantry-sandbox binary holds, no symbol of any other object of the project's libraries.
# Every broken rule is reported (file and header, or object and symbol), then the script
# exits 1. Works in out-of-tree builds: the sources come from TENANTRY_SRCDIR, the objects
# from TENANTRY_BUILDDIR (both set by make check).
set -u
SRC=${TENANTRY_SRCDIR:?TENANTRY_SRCDIR is not set (run with make check)}
BUILD=${TENANTRY_BUILDDIR:?TENANTRY_BUILDDIR is not set (run with make check)}
NM=${NM:-nm}
export LC_ALL=C

n_ok=0
n_failed=0
ok() {
    n_ok=$((n_ok + 1))
    echo "ok $n_ok - $*"
}
fail() {
    n_failed=$((n_failed + 1))
    echo "FAIL: $*"
}
# need WHAT TEST...: stop at once when the ground to check is missing (else nothing is checked).
need() {
    local what=$1
    shift
    "$@" || { echo "FAIL: $what"; exit 1; }
}

command -v "$NM" >/dev/null 2>&1 || { echo "FAIL: $NM (binutils) is needed"; exit 1; }
TMP=$(mktemp -d "${TENANTRY_TEST_TMPDIR:-/tmp}/layering.XXXXXX" 2>/dev/null ||
    { mkdir -p "${TENANTRY_TEST_TMPDIR:-/tmp}" && mktemp -d "${TENANTRY_TEST_TMPDIR:-/tmp}/layering.XXXXXX"; })
trap 'rm -rf "$TMP"' EXIT

# ------------------------------------------------------------------ includes

# includes FILE: the headers FILE includes, one a line ("core/util.h", "curl/curl.h").
includes() {
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]\([^>"]*\)[>"].*/\1/p' "$1"
}

CURSES='n?cursesw?\.h|ncursesw?/.*|curses\.h|term\.h|panel\.h|menu\.h|form\.h'
PROGRAM='options\.h|connect\.h|demo\.h'

# no_includes DIR REGEX WHY [ALLOW]: no file of src/DIR includes a header matching REGEX
# (whole name) unless it matches ALLOW.
no_includes() {
    local dir=$1 re=$2 why=$3 allow=${4:-} f h bad=0 n=0
    for f in "$SRC/src/$dir"/*.[ch]; do
        [ -e "$f" ] || continue
        n=$((n + 1))
        while IFS= read -r h; do
            [ -n "$allow" ] && printf '%s\n' "$h" | grep -qE "^($allow)\$" && continue
            if printf '%s\n' "$h" | grep -qE "^($re)\$"; then
                fail "src/$dir/${f##*/} includes $h ($why)"
                bad=1
            fi
        done < <(includes "$f")
    done
    need "src/$dir has no sources under $SRC (TENANTRY_SRCDIR wrong?)" [ "$n" -ge 3 ]
    [ "$bad" = 1 ] || ok "src/$dir ($n files): $why"
}

no_includes core "$CURSES|tui/.*|cli/.*|$PROGRAM" "core includes no curses, tui/, cli/ or program header"
no_includes tui "curl/.*|cli/.*" "tui includes neither curl nor cli/"
no_includes cli "curl/.*|tui/.*|$CURSES" "cli includes neither curl, tui/ nor curses"
no_includes sandbox "$CURSES|curl/.*|tui/.*|cli/.*|$PROGRAM|core/.*" \
    "the sandbox includes of core/ only util.h, json.h, rules.h and intl.h" \
    'core/(util|json|rules|intl)\.h'

# ------------------------------------------------------------------ objects (nm)

need "$BUILD/src/libcore.a is not built (TENANTRY_BUILDDIR wrong?)" [ -f "$BUILD/src/libcore.a" ]
for lib in tui cli connect sandbox; do
    need "$BUILD/src/lib$lib.a is not built" [ -f "$BUILD/src/lib$lib.a" ]
done
need "$BUILD/src/tenantry-sandbox is not built" [ -x "$BUILD/src/tenantry-sandbox" ]

# defined LIB: "member symbol" for each external symbol LIB's objects define.
defined() {
    "$NM" -A -P -g --defined-only "$1" 2>/dev/null |
        sed -n 's/^[^[]*\[\([^]]*\)\]: \([^ ]*\) [A-Za-z].*/\1 \2/p'
}
# undefined FILE...: "member symbol" for each symbol the objects of FILE use but do not define.
undefined() {
    local f
    for f in "$@"; do
        "$NM" -A -P -u "$f" 2>/dev/null |
            sed -n -e 's/^[^[]*\[\([^]]*\)\]: \([^ ]*\) U.*/\1 \2/p' \
                -e 's/^\([^:[]*\): \([^ ]*\) U.*/\1 \2/p'
    done
}

defined "$BUILD/src/libcore.a" >"$TMP/core.def"
need "nm found no symbol in libcore.a" [ -s "$TMP/core.def" ]
for lib in tui cli connect sandbox; do
    defined "$BUILD/src/lib$lib.a" >"$TMP/$lib.def"
    need "nm found no symbol in lib$lib.a" [ -s "$TMP/$lib.def" ]
done
# the objects of core the sandbox may use: util, json, rules
SHARED_OBJ='libcore_a-(util|json|rules)\.o'
grep -E "^$SHARED_OBJ " "$TMP/core.def" | cut -d' ' -f2 | sort -u >"$TMP/shared.sym"
need "libcore.a has no util, json or rules object" [ -s "$TMP/shared.sym" ]
cut -d' ' -f2 "$TMP/sandbox.def" | sort -u >"$TMP/sandbox.sym"
# every symbol of the project the sandbox must not use: core's but the shared objects',
# tui's, cli's and the program level's (a name the sandbox defines itself is its own)
{
    grep -vE "^$SHARED_OBJ " "$TMP/core.def" | cut -d' ' -f2
    cut -d' ' -f2 "$TMP/tui.def" "$TMP/cli.def" "$TMP/connect.def"
} | sort -u | comm -23 - "$TMP/shared.sym" | comm -23 - "$TMP/sandbox.sym" >"$TMP/forbidden.sym"
need "no symbol to forbid: the libraries are empty?" [ -s "$TMP/forbidden.sym" ]

# owners SYMBOL...: where each forbidden symbol is defined ("api_list (libcore_a-api.o)").
owners() {
    local s
    for s in "$@"; do
        printf '%s (%s)\n' "$s" "$(cat "$TMP"/core.def "$TMP"/tui.def "$TMP"/cli.def "$TMP"/connect.def |
            awk -v s="$s" '$2 == s { print $1; exit }')"
    done
}

# the sandbox's objects (its library and its main) use nothing forbidden
SANDBOX_OBJS=("$BUILD/src/libsandbox.a")
for o in "$BUILD"/src/sandbox/*main.o; do [ -f "$o" ] && SANDBOX_OBJS+=("$o"); done
need "the sandbox's main object is not built" [ "${#SANDBOX_OBJS[@]}" -ge 2 ]
undefined "${SANDBOX_OBJS[@]}" | sort -k2,2 >"$TMP/sandbox.und"
need "nm found no symbol the sandbox's objects use" [ -s "$TMP/sandbox.und" ]
join -1 2 -2 1 "$TMP/sandbox.und" "$TMP/forbidden.sym" >"$TMP/bad" 2>/dev/null
if [ -s "$TMP/bad" ]; then
    while read -r sym obj; do
        fail "sandbox object $obj uses $(owners "$sym")"
    done <"$TMP/bad"
else
    ok "the sandbox's objects use of the project's libraries only core's util, json and rules"
fi

# the linked binary holds nothing forbidden (a whole object would come with any symbol)
"$NM" -P --defined-only "$BUILD/src/tenantry-sandbox" 2>/dev/null | cut -d' ' -f1 | sort -u >"$TMP/bin.sym"
need "nm found no symbol in tenantry-sandbox (stripped?)" [ -s "$TMP/bin.sym" ]
comm -12 "$TMP/bin.sym" "$TMP/forbidden.sym" >"$TMP/bad"
if [ -s "$TMP/bad" ]; then
    while read -r sym; do fail "tenantry-sandbox holds $(owners "$sym")"; done <"$TMP/bad"
else
    ok "tenantry-sandbox links of the project's code only its own, and core's util, json and rules"
fi

# tui and cli call no curl function
for lib in tui cli; do
    undefined "$BUILD/src/lib$lib.a" | awk '$2 ~ /^curl_/' >"$TMP/bad"
    if [ -s "$TMP/bad" ]; then
        while read -r obj sym; do fail "$lib object $obj calls $sym (curl is core's)"; done <"$TMP/bad"
    else
        ok "lib$lib.a calls no curl function"
    fi
done

# core calls nothing of tui, cli or the program level, and no curses function
undefined "$BUILD/src/libcore.a" | sort -k2,2 >"$TMP/core.und"
cut -d' ' -f2 "$TMP/tui.def" "$TMP/cli.def" "$TMP/connect.def" | sort -u >"$TMP/upper.sym"
join -1 2 -2 1 "$TMP/core.und" "$TMP/upper.sym" >"$TMP/bad" 2>/dev/null
CURSES_LIB=$(ldd "$BUILD/src/tenantry" 2>/dev/null | awk '/libncurses|libtinfo/ { print $3 }')
for l in $CURSES_LIB; do
    "$NM" -D -P --defined-only "$l" 2>/dev/null | cut -d' ' -f1 | sed 's/@.*//'
done | sort -u >"$TMP/curses.sym"
# without ldd's answer (a static build), the names the console calls stand for curses
[ -s "$TMP/curses.sym" ] ||
    printf '%s\n' initscr endwin newterm newwin delwin wrefresh wnoutrefresh doupdate wmove \
        waddnstr wadd_wch wattr_on wattr_off wgetch wget_wch keypad nodelay curs_set \
        start_color init_pair set_escdelay setupterm tigetstr | sort -u >"$TMP/curses.sym"
join -1 2 -2 1 "$TMP/core.und" "$TMP/curses.sym" >>"$TMP/bad" 2>/dev/null
if [ -s "$TMP/bad" ]; then
    while read -r sym obj; do fail "core object $obj calls $sym"; done <"$TMP/bad"
else
    ok "libcore.a calls nothing of tui, cli, the program level or curses ($(wc -l <"$TMP/curses.sym") curses names)"
fi

if [ "$n_failed" != 0 ]; then
    echo "FAIL: layering ($n_failed broken rules; DESIGN.md section 1, README Contributing)"
    exit 1
fi
echo "PASS: layering ($n_ok checks)"
