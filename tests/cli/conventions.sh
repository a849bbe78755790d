#!/bin/bash
# conventions.sh: tenantry behaves as a Unix tool a packager and a shell user expect.
# Every --help (tenantry's at every level, both APIs, and tenantry-sandbox's) fits 80 columns
# and ends with where to report bugs; each verb's --help is its own; --version prints version,
# copyright, licence and warranty as GNU programs do; no terminal and no command is one line
# and exit 2; TENANTRY_PROFILE and TENANTRY_CONFIG stand below -p and -c and above the
# defaults; --quiet drops progress and hints on stderr, not errors.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 30
write_config
cp "$CONFIG" "$TMP/config-b"
sed -i 's/name = "local";/name = "other";/; s/default_profile = "local";/default_profile = "other";/' \
    "$TMP/config-b"

# ------------------------------------------------------------------ --help: 80 columns, bugs
HELPS=(
    "--help" "tenants --help" "clients --help" "environments --help" "profile --help"
    "environments list --help" "tenants list --help" "tenants get --help"
    "tenants create --help" "tenants delete --help" "clients list --help"
    "clients create --help" "clients update --help" "clients delete --help"
    "clients rotate --help" "journal --help" "completion --help" "profile list --help" "profile add --help" "profile remove --help" "profile default --help"
    "profile test --help"
    "--demo=system tenants --help" "--demo=system tenants list --help"
    "--demo=system tenants create --help" "--demo=system tenants update --help"
    "--demo=system tenants edit --help" "--demo=system tenants delete --help"
)
# check_help WHAT: $TMP/out is a help text: no line wider than 80 columns, the last line says
# where to report bugs.
check_help() {
    local wide
    wide=$(awk 'length($0) > 80 { print length($0) ": " $0 }' "$TMP/out" | head -n 3)
    [ -z "$wide" ] || fail "$1: lines wider than 80 columns: $wide"
    ok "$1: every line fits 80 columns"
    [ "$(tail -n 1 "$TMP/out")" = "Report bugs to: <https://github.com/tenantry/tenantry/issues>" ] ||
        fail "$1: the last line is '$(tail -n 1 "$TMP/out")', not where to report bugs"
    ok "$1: ends with where to report bugs"
}
for h in "${HELPS[@]}"; do
    # shellcheck disable=SC2086  # h is words
    run_cmd "$TENANTRY_BIN" -c "$TMP/no-such-config" $h
    expect_rc 0 "tenantry $h"
    check_help "tenantry $h"
done
run_cmd "$TENANTRY_SANDBOX_BIN" --help
expect_rc 0 "tenantry-sandbox --help"
check_help "tenantry-sandbox --help"

# ------------------------------------------------------------------ each verb's own --help
for v in list add remove default test; do
    run_cmd "$TENANTRY_BIN" -c "$TMP/no-such-config" profile "$v" --help
    expect_in_out "Usage: tenantry profile $v" "profile $v --help: its own usage"
    expect_not_in_out "Verbs:" "profile $v --help: not the list of profile's verbs"
done
run_cmd "$TENANTRY_BIN" -c "$TMP/no-such-config" profile test --help
expect_in_out "token" "profile test --help says what the test does"
run_cmd "$TENANTRY_BIN" -c "$TMP/no-such-config" profile remove --help
expect_in_out "--yes" "profile remove --help names --yes"
run_cmd "$TENANTRY_BIN" -c "$TMP/no-such-config" tenants create --help
expect_in_out "Usage: tenantry tenants create" "tenants create --help: its own usage"
expect_not_in_out "Verbs:" "tenants create --help: not the resource's verbs"
run_cmd "$TENANTRY_BIN" -c "$TMP/no-such-config" --demo=system tenants create --help
expect_in_out "--version N" "a system profile's tenants create --help names --version"
run_cmd "$TENANTRY_BIN" --help
expect_in_out "tenants create --data FILE|- [--uuid UUID] [--version N]" \
    "tenantry --help names tenants create --version (system profiles)"

# ------------------------------------------------------------------ --version
for prog in tenantry tenantry-sandbox; do
    bin=$TENANTRY_BIN
    [ "$prog" = tenantry-sandbox ] && bin=$TENANTRY_SANDBOX_BIN
    run_cmd "$bin" --version
    expect_rc 0 "$prog --version"
    first=$(head -n 1 "$TMP/out")
    case $prog in
    tenantry) [[ $first =~ ^tenantry\ [0-9]+\.[0-9]+\.[0-9]+$ ]] ;;
    *) [[ $first =~ ^tenantry-sandbox\ \(tenantry\)\ [0-9]+\.[0-9]+\.[0-9]+$ ]] ;;
    esac || fail "$prog --version: first line '$first' is not 'PROGRAM [(PACKAGE)] VERSION'"
    ok "$prog --version: the GNU first line ($first)"
    expect_in_out "Copyright (C) " "$prog --version: the copyright"
    expect_in_out "License MIT" "$prog --version: the licence"
    expect_in_out "There is NO WARRANTY, to the extent permitted by law." \
        "$prog --version: the warranty"
    expect_empty_err "$prog --version: nothing on stderr"
done

# ------------------------------------------------------------------ no terminal, no command
run_cmd "$TENANTRY_BIN" -c "$CONFIG"
expect_rc 2 "no terminal, no command"
check "no terminal, no command: one line on stderr" [ "$(wc -l <"$TMP/err")" = 1 ]
expect_in_err "needs a terminal" "... saying the console needs a terminal"
expect_in_err "--help" "... and where to read more"
expect_empty_out "no terminal, no command: nothing on stdout"

# ------------------------------------------------------------------ TENANTRY_PROFILE/CONFIG
# `profile test` without a NAME tests the profile in use and names it.
run_cmd env TENANTRY_CONFIG="$TMP/config-b" "$TENANTRY_BIN" profile test
expect_rc 0 "TENANTRY_CONFIG names the profiles file"
expect_in_out "Profile other works" "... its default profile is used"
run_cmd env TENANTRY_CONFIG="$TMP/config-b" "$TENANTRY_BIN" -c "$CONFIG" profile test
expect_in_out "Profile local works" "-c is above TENANTRY_CONFIG"
run_cmd env TENANTRY_CONFIG="$TMP/config-b" "$TENANTRY_BIN" profile test -c "$CONFIG"
expect_in_out "Profile local works" "-c after the verb is above TENANTRY_CONFIG too"
run_cmd env TENANTRY_CONFIG= XDG_CONFIG_HOME="$TMP/xdg" "$TENANTRY_BIN" profile list
expect_rc 0 "an empty TENANTRY_CONFIG is unset: the default file (none here: no profiles)"
expect_in_err "$TMP/xdg/tenantry/config" "... which is named"
# two profiles in one file: TENANTRY_PROFILE picks, -p wins
cat "$CONFIG" >"$TMP/config-2"
sed -n '/^profiles = (/,/^);/p' "$TMP/config-b" | sed '1d;$d' >"$TMP/b-body"
py '
import sys
text = open(sys.argv[1]).read()
body = open(sys.argv[2]).read()
i = text.rindex("\n);")
open(sys.argv[1], "w").write(text[:i] + ",\n" + body + text[i:])
' "$TMP/config-2" "$TMP/b-body" || fail "making a profiles file of two"
chmod 600 "$TMP/config-2"
run_cmd env TENANTRY_PROFILE=other "$TENANTRY_BIN" -c "$TMP/config-2" profile test
expect_in_out "Profile other works" "TENANTRY_PROFILE picks the profile over default_profile"
run_cmd env TENANTRY_PROFILE=other "$TENANTRY_BIN" -c "$TMP/config-2" -p local profile test
expect_in_out "Profile local works" "-p is above TENANTRY_PROFILE"
run_cmd env TENANTRY_PROFILE=nosuch "$TENANTRY_BIN" -c "$TMP/config-2" tenants list
expect_rc 2 "TENANTRY_PROFILE naming no profile"
expect_in_err 'no profile called "nosuch" (TENANTRY_PROFILE)' "... says so, naming the variable"

# ------------------------------------------------------------------ --quiet
PAGE_SIZE=5 write_config "$TMP/config-paged"
# progress shows on a terminal's stderr only: run under script(1) (a pty)
on_pty() { script -q -e -c "$*" /dev/null </dev/null >"$TMP/pty.out" 2>&1; }
if command -v script >/dev/null 2>&1; then
    on_pty "'$TENANTRY_BIN' -c '$TMP/config-paged' tenants list --all --limit 5 -o csv >'$TMP/all.csv'"
    grep -q "loaded, more to come" "$TMP/pty.out" || fail "tenants list --all on a terminal: no progress ($(cat -v "$TMP/pty.out" | head -c 300))"
    ok "tenants list --all shows its progress on a terminal"
    on_pty "'$TENANTRY_BIN' -q -c '$TMP/config-paged' tenants list --all --limit 5 -o csv >'$TMP/all-q.csv'"
    if grep -q "loaded" "$TMP/pty.out"; then fail "--quiet: progress shown: $(cat -v "$TMP/pty.out" | head -c 300)"; fi
    ok "--quiet: no progress on a terminal"
    check "--quiet: the same rows" cmp -s "$TMP/all.csv" "$TMP/all-q.csv"
fi
run_cmd "$TENANTRY_BIN" -c "$CONFIG" tenants list --limit 5
expect_in_err "Next page: --cursor" "without --quiet: the next page's hint"
run_cmd "$TENANTRY_BIN" -c "$CONFIG" --quiet tenants list --limit 5
expect_rc 0 "--quiet tenants list"
expect_empty_err "--quiet: no next page hint"
check "--quiet: the rows still" [ "$(wc -l <"$TMP/out")" = 6 ]
run_cmd "$TENANTRY_BIN" -c "$CONFIG" -q tenants get
expect_rc 2 "--quiet, a usage error"
expect_in_err "tenants get needs" "--quiet: the error stays"
expect_not_in_err "Try '" "--quiet: not its hint"
run_cmd "$TENANTRY_BIN" -c "$CONFIG" tenants get
expect_in_err "Try '" "without --quiet: the hint"

# ------------------------------------------------------------------ the message catalogue
# xgettext reads every file of po/POTFILES.in without a warning (no '\r' in a message), and
# every source file with a translatable string is listed there.
SRCDIR=${TENANTRY_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if command -v xgettext >/dev/null 2>&1; then
    run_cmd sh -c "cd '$SRCDIR' && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
        --files-from=po/POTFILES.in -o '$TMP/messages.pot'"
    expect_rc 0 "xgettext over po/POTFILES.in"
    expect_empty_err "xgettext: no warning"
else
    echo "note: xgettext is not installed: the catalogue is not checked"
fi
missing=$(cd "$SRCDIR" && grep -lE '\b_\("|N_\("' src/*.c src/*/*.c | while read -r f; do
    grep -qxF "$f" po/POTFILES.in || echo "$f"
done)
[ -z "$missing" ] || fail "source files with messages not in po/POTFILES.in: $missing"
ok "every source file with messages is in po/POTFILES.in"
