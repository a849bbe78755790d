#!/bin/bash
# refused.sh: the API's rules are checked in core before anything is sent, so the CLI refuses
# what the console's forms refuse: tenants create --subdomain Bad_Sub (MATTR), and on the
# system API a --cursor that is no page (0, -1, abc) and a --uuid that is no UUID (list
# filter and create). Each is exit 2 with a message naming the value, and the sandbox's events
# file proves nothing was sent (no token request, no list, no create); the same commands with
# good values do reach the sandbox, so the events file would show a send.
. "$(dirname "$0")/lib.sh"

# ------------------------------------------------------------------ MATTR: the subdomain label
start_sandbox --tenants 2
MATTR_EVENTS=$EVENTS
write_config "$TMP/mattr"
set_env_id

n0=$(event_lines)
run tenants create --subdomain Bad_Sub --environment "$ENV_ID"
expect_rc 2 "tenants create --subdomain Bad_Sub is refused"
expect_in_err "--subdomain 'Bad_Sub': upper-case 'B' is not allowed: use 'b'" \
    "Bad_Sub: the message names the value and what to use"
expect_in_err "tenants create --help" "Bad_Sub: the message points to --help"
for bad in "-acme" "acme-" "ac me" "acme.example" \
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; do
    run tenants create --subdomain "$bad" --environment "$ENV_ID"
    expect_rc 2 "tenants create --subdomain '$bad' is refused"
done
no_new_events "$n0" "the refused subdomains sent nothing (not even a token request)"

run tenants create --subdomain good-sub --environment "$ENV_ID" -o json
expect_rc 0 "tenants create --subdomain good-sub"
check "good-sub: the sandbox saw the create" [ "$(count_events_after "$n0" TENANT_CREATE_SUCCESS)" = 1 ]

# ------------------------------------------------------------------ system: --cursor and --uuid
SYS_USER=operator
export SYS_PW='Sys-Pw-3Rf8-never-shown'
start_sandbox --system-tenants 12 --system-user "$SYS_USER" --system-password "$SYS_PW"
write_system_config "$TMP/system"

n0=$(event_lines)
for bad in 0 -1 abc "" 2: 1.5; do
    run tenants list --limit 5 --cursor "$bad"
    expect_rc 2 "system tenants list --cursor '$bad' is refused"
    expect_in_err "--cursor '$bad' is not a page of this API" "--cursor '$bad': the message names it"
    expect_empty_out "--cursor '$bad': nothing on stdout"
done
expect_in_err "a page number from 1" "--cursor: the hint says what a cursor is"
for bad in nope 123e4567-e89b-42d3-a456-42661417400 "123e4567-e89b-42d3-a456-426614174000x"; do
    run tenants list --uuid "$bad"
    expect_rc 2 "system tenants list --uuid '$bad' is refused"
    expect_in_err "--uuid must be a UUID" "--uuid '$bad': the message says a UUID is wanted"
    expect_in_err "'$bad'" "--uuid '$bad': the message names the value"
done
run tenants list --uuid 123e4567-e89b-42d3-a456-426614174000 --uuid nope
expect_rc 2 "a bad --uuid after a good one is refused"
printf '{"data": {"plan": "gold"}}\n' >"$TMP/data.json"
run tenants create --data "$TMP/data.json" --uuid not-a-uuid
expect_rc 2 "system tenants create --uuid not-a-uuid is refused"
expect_in_err "--uuid must be a UUID" "create --uuid not-a-uuid: said"
no_new_events "$n0" "the refused cursors and UUIDs sent nothing"

run tenants list --limit 5 --cursor 2 -o json
expect_rc 0 "system tenants list --cursor 2"
check "--cursor 2: the sandbox saw the list" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 1 ]
check "--cursor 2: five tenants" [ "$(json_field "$TMP/out" 'len(j)')" = 5 ]
