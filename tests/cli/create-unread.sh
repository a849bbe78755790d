#!/bin/bash
# create-unread.sh: a create the server carried out and answered 2xx with a body that cannot
# be read (tenantry-sandbox --malformed-rate 1 --fault-methods POST: the lists and gets stay
# whole). The message says it was created and the status, that the secret in the answer is lost
# and what to do (find it, delete or rotate); never "try again"; exit status 7; one POST, and
# the sandbox's events show the create succeeded. MATTR tenants and clients, system tenants.
. "$(dirname "$0")/lib.sh"

# expect_unread WHAT STATUS: the last command's outcome for a create answered STATUS unreadably.
expect_unread() {
    expect_rc 7 "$1: exit status 7"
    expect_in_err "was created (HTTP $2), but the server's answer could not be read" "$1: it says the create happened, with the status"
    expect_in_err "Do not create it again" "$1: it says not to create it again"
    expect_not_in_err "try again" "$1: never 'try again'"
    expect_empty_out "$1: nothing on stdout"
}

# ------------------------------------------------------------------ MATTR
start_sandbox --tenants 3 --malformed-rate 1 --fault-methods POST
write_config
set_env_id
run tenants list -o json
expect_rc 0 "GETs are not faulted under --fault-methods POST"
T=$(json_field "$TMP/out" 'j[0]["id"]')

run clients create "$T" --name unread-bot --role issuer
expect_unread "clients create" 201
expect_in_err "The client secret in that answer is lost" "clients create: the secret is lost"
expect_in_err "tenantry clients list TENANT" "clients create: how to find it"
expect_in_err "delete it and create another (or rotate its secret" "clients create: what to do with it"
check "clients create: one POST, and the sandbox created the client (a malformed answer)" \
    [ "$(count_events TENANT_CLIENT_CREATE_START)" = 1 \
    -a "$(grep '^TENANT_CLIENT_CREATE_SUCCESS ' "$EVENTS" | grep -c 'fault=malformed')" = 1 ]
run clients list "$T" -o json
check "clients create: the client is there" \
    py 'import json,sys; assert [c for c in json.load(open(sys.argv[1])) if c["name"]=="unread-bot"]' "$TMP/out"

run tenants create --subdomain unread-one --environment "$ENV_ID" --name "Unread One"
expect_unread "tenants create" 201
expect_in_err "The secret of its first client, in that answer, is lost" "tenants create: the client secret is lost"
expect_in_err "delete its client and create another" "tenants create: what to do"
check "tenants create: one POST, and the sandbox created the tenant" \
    [ "$(count_events TENANT_CREATE_START)" = 1 \
    -a "$(grep '^TENANT_CREATE_SUCCESS ' "$EVENTS" | grep -c 'fault=malformed')" = 1 ]
stop_sandbox

# ------------------------------------------------------------------ system tenants
export SYS_PW=unread-pw
start_sandbox --system-tenants 2 --system-password "$SYS_PW" --post-status 201 \
    --malformed-rate 1 --fault-methods POST
write_system_config
echo '{"plan": "unread"}' >"$TMP/data.json"
run tenants create --data "$TMP/data.json"
expect_unread "system tenants create" 201
expect_in_err "tenantry tenants list" "system tenants create: how to find it"
expect_not_in_err "secret" "system tenants create: no secret to speak of"
check "system tenants create: one POST, created" \
    [ "$(count_events SYSTEM_TENANT_CREATE_START)" = 1 \
    -a "$(grep '^SYSTEM_TENANT_CREATE_SUCCESS ' "$EVENTS" | grep -c 'fault=malformed')" = 1 ]
stop_sandbox
