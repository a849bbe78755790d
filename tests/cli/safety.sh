#!/bin/bash
# safety.sh: nothing a server sends drives the terminal through stderr. A sandbox whose error
# bodies and cursors carry an OSC 52 clipboard write, a clear screen and a C1 CSI
# (--hostile-errors): the MATTR API's 400 and 404 (message, code, details), the token
# endpoint's error_description, the /system API's problem detail and violations, and the
# "Next page: --cursor C" line all reach stderr neutralised, in the C and a UTF-8 locale. A
# value holding a \u0000 escape (--nul-names) shows as U+FFFD and costs no row.
. "$(dirname "$0")/lib.sh"

NOBODY=00000000-0000-4000-8000-000000000000

# stderr_safe WHAT: the last command's stderr holds no ESC, BEL or other control (but the
# newline) in the C locale, and it shows the server's words neutralised ("?]52;c;").
stderr_safe() {
    clean "$TMP/err" ascii || fail "$1: a control character reached stderr"
    ok "$1: no ESC, BEL, C1 or other control on stderr"
    expect_in_err "?]52;c;" "$1: the server's hostile text is shown, neutralised"
}

# in_locales WHAT ARGS...: run tenantry ARGS in the C and (if installed) a UTF-8 locale;
# stderr must be clean in both.
in_locales() {
    local what=$1 loc enc
    shift
    for loc in C ${UTF8_LOCALE:+"$UTF8_LOCALE"}; do
        enc=ascii
        [ "$loc" = C ] || enc=utf-8
        run_cmd env LC_ALL="$loc" "$TENANTRY_BIN" -c "$CONFIG" "$@"
        clean "$TMP/err" "$enc" || fail "$what (LC_ALL=$loc): a control character reached stderr"
        ok "$what (LC_ALL=$loc): stderr is clean"
    done
}

# ------------------------------------------------------------------ MATTR API
start_sandbox --hostile-errors --tenants 5
write_config
GOOD=$CONFIG
run tenants get "$NOBODY"
expect_rc 4 "a 404 with a hostile message"
stderr_safe "MATTR 404"
expect_in_err "(HTTP 404 NotFound ?]52;c;" "the server's code is neutralised too"
in_locales "MATTR 404" tenants get "$NOBODY"

set_env_id
run tenants create --subdomain dup-sub --environment "$ENV_ID"
expect_rc 0 "tenants create --subdomain dup-sub"
run tenants create --subdomain dup-sub --environment "$ENV_ID"
expect_rc 5 "a 400 with hostile details (a subdomain already used)"
stderr_safe "MATTR 400 details"
expect_in_err "subdomain" "the 400's detail names the field"

run tenants list --limit 2
expect_rc 0 "a page whose cursor is hostile"
stderr_safe "the Next page line"
expect_in_err "Next page: --cursor '" "a cursor that is not plain is quoted for the shell"
in_locales "the Next page line" tenants list --limit 2
run tenants list --all --limit 2 -o jsonl
expect_rc 0 "--all follows the hostile cursors"
check "--all gave the 6 tenants (5 seeded, dup-sub)" [ "$(wc -l <"$TMP/out")" = 6 ]

# the token endpoint's error and error_description
sed 's/client_secret = "[^"]*"/client_secret = "wrong"/' "$GOOD" >"$TMP/bad"
chmod 600 "$TMP/bad"
CONFIG=$TMP/bad
run tenants list
expect_rc 3 "a refused token request with a hostile error_description"
stderr_safe "the token endpoint's error_description"
in_locales "the token endpoint" tenants list
CONFIG=$GOOD
stop_sandbox

# a bare-text 401 ("Unauthorized" and the hostile text)
start_sandbox --hostile-errors --plain-401 --tenants 1 --token-ttl 1 --expires-in 3600 \
    --latency-ms 1100
write_config
run tenants list
stderr_safe "a bare-text 401"
stop_sandbox

# ------------------------------------------------------------------ /system API
export SYS_PW=system
start_sandbox --hostile-errors --system-tenants 3
write_system_config
run tenants get "$NOBODY"
expect_rc 4 "a system 404 with a hostile detail"
stderr_safe "system 404"
run tenants list --limit 1 -o jsonl
expect_rc 0 "tenants list -o jsonl (system)"
UUID=$(json_field "$TMP/out" 'j["uuid"]')
echo '{"a": 1}' >"$TMP/data.json"
run tenants update "$UUID" --data "$TMP/data.json" --version 0
check "a system 400 with hostile violations (exit 2 or 5)" [ "$rc" = 5 ] || [ "$rc" = 2 ]
if [ "$rc" = 5 ]; then
    stderr_safe "system violations"
    expect_in_err "version ?]52;c;" "the violation's property path is shown, neutralised"
fi
in_locales "system 404" tenants get "$NOBODY"
stop_sandbox

# ------------------------------------------------------------------ a \u0000 in a row
# One value holding a \u0000 escape (which C strings would cut short) shows as U+FFFD; the
# page around it is not lost.
start_sandbox --nul-names --tenants 5
write_config
run tenants list -o json
expect_rc 0 "a page whose names hold \\u0000"
py '
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 5, len(rows)
assert all(r["name"].endswith("\ufffdtail") for r in rows), [r["name"] for r in rows]
' "$TMP/out" || fail "the names with \\u0000 are not the names with U+FFFD"
ok "every row of the page is there, \\u0000 shown as U+FFFD"
T0=$(json_field "$TMP/out" 'j[0]["id"]')
run tenants get "$T0" -o json
expect_rc 0 "tenants get of a tenant whose name holds \\u0000"
check "its name shows U+FFFD" json_field "$TMP/out" 'j["name"].endswith("\ufffdtail") or exit(1)'
if [ -n "$UTF8_LOCALE" ]; then
    run_cmd env LC_ALL="$UTF8_LOCALE" "$TENANTRY_BIN" -c "$CONFIG" tenants list
    expect_rc 0 "the table of names with \\u0000"
    expect_in_out "$(printf '\357\277\275tail')" "the table shows U+FFFD where the NUL was"
fi
stop_sandbox
start_sandbox --nul-names --system-tenants 3
write_system_config
run tenants list -o jsonl
expect_rc 0 "a system page whose data.name holds \\u0000"
py '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 3 and all(r["data"]["name"].endswith("\ufffdtail") for r in rows), rows
' "$TMP/out" || fail "the system rows with \\u0000 are not all there with U+FFFD"
ok "system tenants: every row there, \\u0000 in data.name shown as U+FFFD"
stop_sandbox
