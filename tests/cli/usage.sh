#!/bin/bash
# usage.sh: the command line itself. Usage errors (unknown command, verb or option, a missing
# argument or option value, a bad --limit, a bad -o) exit 2 with a "Try ... --help" hint on
# stderr, print nothing on stdout and send nothing to the server; --help at every level exits
# 0 with the usage on stdout (even with a broken profiles file); --version prints the version.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 2
write_config
T0=00000000-0000-4000-8000-000000000000

# usage_error ARGS...: tenantry -c CONFIG ARGS is a usage error: exit 2, "Try '... --help'"
# on stderr, nothing on stdout, nothing sent.
usage_error() {
    local mark
    mark=$(event_lines)
    run "$@"
    expect_rc 2 "usage error: $*"
    expect_in_err "Try '" "usage error: $*: a 'Try' hint on stderr"
    expect_in_err "--help" "usage error: $*: the hint names --help"
    expect_empty_out "usage error: $*: nothing on stdout"
    check "usage error: $*: nothing was sent" [ "$(event_lines)" = "$mark" ]
}

usage_error bogus
expect_in_err "bogus" "the unknown command is named"
usage_error help
usage_error tenants bogus
expect_in_err "bogus" "the unknown verb is named"
usage_error environments create
usage_error environments delete "$T0" --yes
usage_error profile bogus
usage_error tenants list --bogus
expect_in_err "--bogus" "the unknown option is named"
usage_error --bogus tenants list
usage_error tenants list -x
usage_error tenants get "$T0" --all
usage_error tenants get
expect_in_err "ID" "the missing argument is named"
usage_error tenants delete --yes
usage_error clients list
usage_error clients create --name bot --role issuer
usage_error clients update "$T0" --name x
usage_error clients delete "$T0" --yes
usage_error profile add
usage_error profile default
usage_error profile remove --yes
usage_error tenants get "$T0" extra
expect_in_err "extra" "the unexpected argument is named"
usage_error tenants list --limit
usage_error tenants list --cursor
usage_error -o
for bad in 0 1001 abc -5 1.5 "" 10x; do
    usage_error tenants list --limit "$bad"
    expect_in_err "--limit" "a bad --limit '$bad' is explained"
done
usage_error clients list "$T0" --limit 0
usage_error environments list --limit 1001
for fmt in xml JSON yaml ""; do
    usage_error tenants list -o "$fmt"
    usage_error -o "$fmt" tenants list
done
expect_in_err "table, wide, json, jsonl or csv" "a bad -o before the command lists the formats, wide among them"
usage_error tenants list --output=xml
expect_in_err "table, wide, json, jsonl or csv" "... after the verb the same list"

# Missing required options of create and update (checked before anything is sent).
usage_error tenants create --environment "$T0"
expect_in_err "--subdomain" "a create without --subdomain says so"
usage_error tenants create --subdomain ok-sub
expect_in_err "--environment" "a create without --environment says so"
usage_error clients create "$T0" --name bot
expect_in_err "--role" "a client create without --role says so"
usage_error clients create "$T0" --role issuer
expect_in_err "--name" "a client create without --name says so"
usage_error clients update "$T0" "$T0"

# No command at all without a terminal (the console needs one): one line, exit 2; a resource
# without a verb: its usage, exit 2.
run_cmd "$TENANTRY_BIN" -c "$CONFIG"
expect_rc 2 "no command"
expect_in_err "the console needs a terminal" "no command, no terminal: says the console needs one"
check "no command: one line on stderr, not the whole usage" [ "$(wc -l <"$TMP/err")" = 1 ]
for r in tenants clients environments profile; do
    run "$r"
    expect_rc 2 "'$r' without a verb"
    expect_in_err "Usage: tenantry $r" "'$r' without a verb: its usage on stderr"
done
check "no usage error sent anything" [ "$(event_lines)" = 0 ]

# ------------------------------------------------------------------ how options are read
# Unambiguous prefixes, values after "=", global options after the verb, "--" ends options.
run tenants list --lim=1 --out json
expect_rc 0 "tenants list --lim=1 --out json"
check "... is a JSON list of one" [ "$(json_field "$TMP/out" 'len(j)')" = 1 ]
TID=$(json_field "$TMP/out" 'j[0]["id"]')
run --out=jsonl tenants list --limit 2
expect_rc 0 "--out=jsonl before the resource"
check "... two JSON lines" [ "$(wc -l <"$TMP/out")" = 2 ]
run tenants get -o json -- "$TID"
expect_rc 0 "tenants get -o json -- ID"
check "... the tenant asked for" [ "$(json_field "$TMP/out" 'j["id"]')" = "$TID" ]
usage_error tenants get -- "$TID" -o json   # after --, "-o" is an argument
usage_error tenants -o json list            # not between the resource and the verb
usage_error tenants list --c x              # --cursor or --config?
usage_error tenants list --version          # --version only before the resource
mark=$(event_lines)

# ------------------------------------------------------------------ --help everywhere
# With a profiles file that does not exist: help needs none.
HELPS=(
    "--help" "-h" "tenants --help" "clients --help" "environments --help" "profile --help"
    "environments list --help" "tenants list --help" "tenants get --help"
    "tenants create --help" "tenants delete --help" "clients list --help"
    "clients create --help" "clients update --help" "clients delete --help"
    "profile list --help" "profile add --help" "profile remove --help" "profile default --help"
    "profile test --help" "tenants list -h" "tenants create --subdomain x --help"
    "-o json tenants list --help" "clients update T C --name x --help"
)
for h in "${HELPS[@]}"; do
    # shellcheck disable=SC2086  # h is words
    run_cmd "$TENANTRY_BIN" -c "$TMP/no-such-config" $h
    expect_rc 0 "tenantry $h"
    expect_in_out "Usage: tenantry" "tenantry $h: the usage on stdout"
    expect_empty_err "tenantry $h: nothing on stderr"
done
run_cmd "$TENANTRY_BIN" --help
expect_in_out "Exit status" "--help explains the exit statuses"
for cmd in "environments list" "tenants list" "tenants get" "tenants create" "tenants delete" \
    "clients list" "clients create" "clients update" "clients delete" "profile"; do
    expect_in_out "$cmd" "--help lists '$cmd'"
done
run_cmd "$TENANTRY_BIN" tenants create --help
for o in --subdomain --environment --name; do expect_in_out "$o" "tenants create --help lists $o"; done
run_cmd "$TENANTRY_BIN" clients create --help
for o in --name --role; do expect_in_out "$o" "clients create --help lists $o"; done
run_cmd "$TENANTRY_BIN" tenants list --help
for o in --all --limit --cursor; do expect_in_out "$o" "tenants list --help lists $o"; done
run_cmd "$TENANTRY_BIN" tenants delete --help
expect_in_out "--yes" "tenants delete --help lists --yes"
run_cmd "$TENANTRY_BIN" profile add --help
for o in --url --auth-url --audience --client-id --secret-stdin --secret-env --secret-command; do
    expect_in_out "$o" "profile add --help lists $o"
done
check "no --help sent anything" [ "$(event_lines)" = "$mark" ]

# ------------------------------------------------------------------ --version
sandbox_version=$("$TENANTRY_SANDBOX_BIN" --version | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -n 1)
for v in --version -V; do
    run_cmd "$TENANTRY_BIN" "$v"
    expect_rc 0 "tenantry $v"
    expect_in_out "tenantry " "tenantry $v names the program"
    printf '%s\n' "$out" | grep -Eq '^tenantry [0-9]+\.[0-9]+\.[0-9]+' ||
        fail "tenantry $v: no version number in '$out'"
    ok "tenantry $v prints a version number"
    expect_in_out "$sandbox_version" "tenantry $v is the package version (as tenantry-sandbox's)"
    expect_empty_err "tenantry $v: nothing on stderr"
done

# ------------------------------------------------------------------ the help text's layout
# An option's value name and its description are apart (no "--subdomain LABELthe ...").
for cmd in "environments list" "tenants list" "tenants get" "tenants create" "tenants delete" \
    "clients list" "clients create" "clients update" "clients delete" "profile add"; do
    # shellcheck disable=SC2086
    run_cmd "$TENANTRY_BIN" $cmd --help
    bad=$(grep -E '^ +(-[a-zA-Z], )?--[a-z-]+ [A-Z_]+[a-z]' "$TMP/out" | head -n 3)
    [ -z "$bad" ] || fail "$cmd --help: an option's value name runs into its description: $bad"
    ok "$cmd --help: every option's value name is apart from its description"
done

stop_sandbox
