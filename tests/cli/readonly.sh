#!/bin/bash
# readonly.sh: --readonly (anywhere on the line) and a profile with `readonly = true;` refuse
# every create, update and delete with exit 2 and send nothing at all (the sandbox's events
# file does not grow: no token request, no *_START of a mutating operation); reads still work.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 3 --clients 2
write_config "$TMP/rw"
RW=$CONFIG
set_env_id
run tenants list -o json
T0=$(json_field "$TMP/out" 'j[0]["id"]')
run clients list "$T0" -o json
C0=$(json_field "$TMP/out" 'j[0]["clientId"]')

# The same profile, read-only.
sed 's/^ *client_secret = .*$/&\n    readonly = true;/' "$RW" >"$TMP/ro"
chmod 600 "$TMP/ro"
grep -q 'readonly = true;' "$TMP/ro" || fail "could not write the read-only profile"

MUTATIONS=(
    "tenants create --subdomain ro-test --environment $ENV_ID"
    "tenants delete $T0 --yes"
    "clients create $T0 --name ro-bot --role issuer"
    "clients update $T0 $C0 --name renamed"
    "clients delete $T0 $C0 --yes"
)
MUTATING_STARTS="TENANT_CREATE_START TENANT_DELETE_START TENANT_CLIENT_CREATE_START
    TENANT_CLIENT_UPDATE_START TENANT_CLIENT_DELETE_START"

# refused HOW ARGS...: run tenantry ARGS, expect exit 2, a "refused" message and no request.
refused() {
    local how=$1
    shift
    local mark
    mark=$(event_lines)
    run "$@"
    expect_rc 2 "$how: $*"
    expect_in_err "refused" "$how: the message says refused"
    expect_in_err "nothing was sent" "$how: the message says nothing was sent"
    expect_empty_out "$how: nothing on stdout"
    check "$how: no request at all reached the sandbox" [ "$(event_lines)" = "$mark" ]
}

tokens_before=$(count_events AUTH_TOKEN_CREATE_START)
for m in "${MUTATIONS[@]}"; do
    # shellcheck disable=SC2086  # m is words
    refused "--readonly first" --readonly $m
    # shellcheck disable=SC2086
    refused "--readonly last" $m --readonly
done
expect_in_err "--readonly" "the message names --readonly"

CONFIG=$TMP/ro
for m in "${MUTATIONS[@]}"; do
    # shellcheck disable=SC2086
    refused "readonly profile" $m
done
expect_in_err 'profile "local" is read-only' "the message names the read-only profile"

# Not even a token was asked for, and no mutating operation started.
check "no token was requested for any refused command" \
    [ "$(count_events AUTH_TOKEN_CREATE_START)" = "$tokens_before" ]
for ev in $MUTATING_STARTS; do
    check "no $ev" [ "$(count_events "$ev")" = 0 ]
done

# Reads still work, with either.
run tenants list -o json
expect_rc 0 "a read-only profile still lists"
check "... the 3 tenants, untouched" [ "$(json_field "$TMP/out" 'len(j)')" = 3 ]
run tenants get "$T0"
expect_rc 0 "a read-only profile still gets"
run profile test
expect_rc 0 "profile test with a read-only profile"
CONFIG=$RW
run --readonly clients list "$T0" -o json
expect_rc 0 "--readonly still lists"
check "... the 2 clients, untouched" [ "$(json_field "$TMP/out" 'len(j)')" = 2 ]
run environments list --readonly
expect_rc 0 "--readonly environments list"

# And without --readonly the same profile file can change things (the refusals above were not
# for some other reason).
run clients update "$T0" "$C0" --name renamed
expect_rc 0 "without --readonly the update goes through"
check "one TENANT_CLIENT_UPDATE_START now" [ "$(count_events TENANT_CLIENT_UPDATE_START)" = 1 ]

stop_sandbox
