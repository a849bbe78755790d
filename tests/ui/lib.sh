# lib.sh: shared helpers of the console's screen tests (tests/ui/*.sh).
#
# Source it from a bash test script:   . "$(dirname "$0")/lib.sh"
#
# It sources tests/cli/lib.sh (start_sandbox, write_config, ok/fail, cleanup: see there) and
# adds the headless console: run_script runs the real tenantry with TENANTRY_SCRIPT (scripted
# keys, `wait`, `dump FILE`, `resize COLS LINES`; src/tui/script.h) on an in-memory screen, and
# the expect_screen* helpers compare the dumps with expected screens written literally in the
# test, the way tig tests itself. Whole screens where the data is deterministic (the sandbox's
# --seed fixes names and IDs; only the port in the header differs and is blanked), small greps
# where a whole screen would be brittle.

. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"

# A UTF-8 locale for the screens that draw "›" and "…" (tests/cli/lib.sh sets LC_ALL=C, which
# is what the ASCII checks want). Empty when the system has none.
UTF8_LOCALE=$(locale -a 2>/dev/null | grep -i -m 1 -E '^(C\.utf-?8|en_US\.utf-?8)$')

# The screen of run_script, overridable per call: UI_COLS=140 run_script wide ...
UI_COLS=100
UI_LINES=30
UI_TERM=xterm-256color
UI_LC=${UTF8_LOCALE:-C}

# --demo starts this sandbox (not one from PATH).
export TENANTRY_SANDBOX=$TENANTRY_SANDBOX_BIN
unset NO_COLOR TMUX

S_DIR="" # the folder of the last run_script: its dumps are there

# A script run is killed after this long (a sanitizer build is 3-10 times slower than a normal
# one, where every script here takes well under a second or two).
UI_TIMEOUT_S=${TENANTRY_TEST_UI_TIMEOUT_S:-60}
if command -v timeout >/dev/null 2>&1; then
    UI_TIMEOUT="timeout -s KILL $UI_TIMEOUT_S"
else
    UI_TIMEOUT=""
fi

# rep KEY N: KEY N times, for a `keys` line: keys $(rep j 105)
rep() {
    local i
    for ((i = 0; i < $2; i++)); do printf '%s ' "$1"; done
}

# need_utf8: skip the rest of the script (exit 77) when the system has no UTF-8 locale.
need_utf8() {
    if [ -z "$UTF8_LOCALE" ]; then
        echo "SKIP: no UTF-8 locale (locale -a)"
        trap - EXIT
        exit 77
    fi
}

# run_script NAME [TENANTRY ARGS...] <<'EOF' ... EOF: run the console with the script on stdin
# (TENANTRY_SCRIPT), headless, at UI_COLS x UI_LINES with TERM=UI_TERM and LC_ALL=UI_LC, in the
# folder $TMP/NAME (S_DIR; a script's `dump first` writes $TMP/NAME/first), under a timeout,
# without a terminal. Fails unless it exits 0 with nothing on stdout or stderr (stderr is
# allowed, and kept in $TMP/err, with UI_STDERR_OK=1).
run_script() {
    local name=$1
    shift
    S_DIR=$TMP/$name
    rm -rf "$S_DIR"
    mkdir -p "$S_DIR" || fail "mkdir $S_DIR"
    cat >"$S_DIR/script"
    last_cmd="(in $S_DIR) COLUMNS=$UI_COLS LINES=$UI_LINES TERM=$UI_TERM LC_ALL=$UI_LC TENANTRY_SCRIPT=script tenantry $*"
    # shellcheck disable=SC2086  # NOTTY and UI_TIMEOUT are words or nothing
    (cd "$S_DIR" && COLUMNS=$UI_COLS LINES=$UI_LINES TERM=$UI_TERM LC_ALL=$UI_LC \
        TENANTRY_SCRIPT=$S_DIR/script $NOTTY $UI_TIMEOUT "$TENANTRY_BIN" "$@" \
        </dev/null >"$TMP/out" 2>"$TMP/err")
    rc=$?
    [ "$rc" != 137 ] || { fail "script $name: killed after $UI_TIMEOUT_S s (a wait that never ends?)"; return; }
    [ "$rc" = 0 ] || { fail "script $name: tenantry exited $rc"; return; }
    [ -n "${UI_STDERR_OK:-}" ] || [ ! -s "$TMP/err" ] ||
        { fail "script $name: tenantry wrote on stderr"; return; }
    [ ! -s "$TMP/out" ] || { fail "script $name: tenantry wrote on stdout (headless)"; return; }
    if [ -n "${UI_STDERR_OK:-}" ]; then
        ok "script $name ran: exit 0, nothing on stdout"
    else
        ok "script $name ran: exit 0, nothing on stdout or stderr"
    fi
}

# _dump FILE: the path of a dump (relative to S_DIR unless absolute).
_dump() {
    case $1 in
    /*) echo "$1" ;;
    *) echo "$S_DIR/$1" ;;
    esac
}

# normalize: the screen on stdin with what changes from run to run blanked: the sandbox's port
# (127.0.0.1:PORT) and the token's remaining lifetime (token: TTL).
normalize() {
    sed -E -e 's#127\.0\.0\.1:[0-9]+#127.0.0.1:PORT#g' -e 's/token: [0-9]+h[0-9]+m/token: TTL/'
}

# dump_text FILE: the dump, normalized (on stdout).
dump_text() {
    local f
    f=$(_dump "$1")
    [ -f "$f" ] || { fail "no screen dump $f (the script did not get that far?)"; return 1; }
    normalize <"$f"
}

# _show FILE: the dump, for a failure message.
_show() {
    echo "  --- screen $(_dump "$1")"
    sed 's/^/  |/' "$(_dump "$1")" 2>/dev/null | cat -v
}

# expect_screen FILE WHAT <<'EOF' ... EOF: the whole (normalized) screen is the text on stdin,
# line for line (trailing spaces are not in dumps; write none in the expected text).
expect_screen() {
    local f=$1 what=$2
    cat >"$TMP/expected"
    dump_text "$f" >"$TMP/actual" || return
    if ! diff -u "$TMP/expected" "$TMP/actual" >"$TMP/diff"; then
        echo "  --- expected (-) vs actual (+) screen $(_dump "$f")"
        sed 's/^/  /' "$TMP/diff" | cat -v
        fail "$what: the screen differs"
        return
    fi
    ok "$what"
}

# expect_screen_has FILE TEXT WHAT / expect_screen_lacks FILE TEXT WHAT: the screen shows (does
# not show) TEXT somewhere (a fixed string).
expect_screen_has() {
    dump_text "$1" >"$TMP/actual" || return
    grep -qF -e "$2" "$TMP/actual" || { _show "$1"; fail "$3: '$2' is not on the screen"; return; }
    ok "$3"
}
expect_screen_lacks() {
    dump_text "$1" >"$TMP/actual" || return
    if grep -qF -e "$2" "$TMP/actual"; then _show "$1"; fail "$3: '$2' is on the screen"; return; fi
    ok "$3"
}

# screen_line FILE N: line N of the screen (1 is the top; -1 the status line, the last).
screen_line() {
    local n=$2
    [ "$n" -lt 0 ] && n=$(($(wc -l <"$(_dump "$1")") + n + 1))
    dump_text "$1" | sed -n "${n}p"
}

# expect_line FILE N TEXT WHAT: line N is exactly TEXT. expect_line_has FILE N TEXT WHAT: line N
# contains TEXT.
expect_line() {
    local got
    got=$(screen_line "$1" "$2")
    [ "$got" = "$3" ] || { _show "$1"; fail "$4: line $2 is '$got', not '$3'"; return; }
    ok "$4"
}
expect_line_has() {
    local got
    got=$(screen_line "$1" "$2")
    case $got in
    *"$3"*) ok "$4" ;;
    *) _show "$1"; fail "$4: line $2 ('$got') lacks '$3'" ;;
    esac
}

# status_has FILE TEXT WHAT: the status line (the last) contains TEXT.
status_has() { expect_line_has "$1" -1 "$2" "$3"; }

# names FILE FIRST LAST: the first column of lines FIRST..LAST, one a line: the text left of
# where the second column starts in the column header line (line FIRST - 1), trailing spaces
# dropped. For seeded names (ASCII), where characters are cells.
names() {
    dump_text "$1" >"$TMP/names.in" || return
    py '
import re, sys
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
first, last = int(sys.argv[2]), int(sys.argv[3])
m = re.match(r" \S+(?: [^ ])?\s+", rows[first - 2])
end = m.end() if m else len(rows[first - 2])
for row in rows[first - 1:last]:
    print(row[1:end].rstrip())
' "$TMP/names.in" "$2" "$3"
}

# expect_clean_screen FILE COLS LINES WHAT: the dump is LINES lines of valid UTF-8 with no
# control character (C0, DEL, C1: no escape sequence can reach the terminal) and no line wider
# than COLS cells (east_asian_width W/F count 2, combining marks and format characters 0).
expect_clean_screen() {
    local f
    f=$(_dump "$1")
    if ! py '
import sys, unicodedata
path, cols, lines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
raw = open(path, "rb").read()
bad = []
try:
    text = raw.decode("utf-8")
except UnicodeDecodeError as e:
    print("invalid UTF-8 at byte %d: %r" % (e.start, raw[max(0, e.start - 20):e.start + 20]))
    sys.exit(1)
rows = text.split("\n")
if rows and rows[-1] == "":
    rows.pop()
if len(rows) != lines:
    bad.append("%d lines, not %d" % (len(rows), lines))
def cells(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w
for i, row in enumerate(rows, 1):
    ctl = [c for c in row if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f]
    if ctl:
        bad.append("line %d has control characters %r: %r" % (i, ctl, row))
    if cells(row) > cols:
        bad.append("line %d is %d cells wide (> %d): %r" % (i, cells(row), cols, row))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
' "$f" "$2" "$3" >"$TMP/clean" 2>&1; then
        sed 's/^/  /' "$TMP/clean"
        _show "$1"
        fail "$4"
        return
    fi
    ok "$4"
}

# status_ends FILE TEXT WHAT: the status line (the last) ends with TEXT.
status_ends() {
    local got
    got=$(screen_line "$1" -1)
    case $got in
    *"$2") ok "$3" ;;
    *) _show "$1"; fail "$3: the status line ('$got') does not end with '$2'" ;;
    esac
}

# expect_aligned FILE FIRST LAST WHAT: the table is not broken by what is in it: in every line
# FIRST..LAST the first UUID (a tenant's ID, whole or cut in its middle) starts at the cell where the column header "ID"
# starts (line FIRST - 1), and each "|" between panes in line FIRST - 2 (the pane titles) is
# at the same cell in every line. Cells are counted as a terminal does (east_asian_width W/F
# take 2, combining marks and format characters none).
expect_aligned() {
    local f
    f=$(_dump "$1")
    if ! py '
import re, sys, unicodedata
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
first, last = int(sys.argv[2]), int(sys.argv[3])
def cells(s):
    """the cell where each character starts"""
    out, x = [], 0
    for ch in s:
        out.append(x)
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        x += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    out.append(x)
    return out
def cell_at(s, i):
    return cells(s)[i]
def char_at_cell(s, x):
    c = cells(s)
    for i, ch in enumerate(s):
        if c[i] == x and not (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")):
            return ch
    return None
header, titles = rows[first - 2], rows[first - 3]
m = re.search(r"(^| )ID( |$)", header)
id_cell = cell_at(header, m.start() + (1 if m.group(1) else 0))
seps = [cell_at(titles, i) for i, ch in enumerate(titles) if ch == "|"]
# an ID whole, or cut in its middle (7a46dfb1…85b53b33; ~ in ASCII)
uuid = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[-0-9a-f]*[\u2026~][-0-9a-f]+)")
bad = []
for n in range(first, last + 1):
    row = rows[n - 1]
    u = uuid.search(row)
    if not u:
        bad.append("line %d has no ID: %r" % (n, row))
    elif cell_at(row, u.start()) != id_cell:
        bad.append("line %d: the ID starts at cell %d, the ID column at %d: %r"
                   % (n, cell_at(row, u.start()), id_cell, row))
    for x in seps:
        if char_at_cell(row, x) != "|":
            bad.append("line %d: no | at cell %d: %r" % (n, x, row))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
' "$f" "$2" "$3" >"$TMP/aligned" 2>&1; then
        sed 's/^/  /' "$TMP/aligned"
        _show "$1"
        fail "$4"
        return
    fi
    ok "$4"
}
