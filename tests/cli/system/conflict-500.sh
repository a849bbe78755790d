#!/bin/bash
# conflict-500.sh: a server answering creates 201 and stale versions 500: the create prints
# the tenant; a stale update and a stale edit are conflicts found by reading the tenant again.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_sandbox --system-tenants 5 --conflict-status 500 --post-status 201
write_system_config "$TMP/old"
run tenants create --data "$TMP/acme.json" -o json
expect_rc 0 "create answered 201"
check "the 201 create printed the tenant" [ "$(json_field "$TMP/out" 'j["data"]["plan"]')" = gold ]
check "the sandbox answered 201" grep -q '^SYSTEM_TENANT_CREATE_SUCCESS .* status=201' "$EVENTS"
O=$(json_field "$TMP/out" 'j["uuid"]')
run tenants create --data "$TMP/acme.json"
expect_rc 0 "create answered 201 (table)"
expect_in_out "UUID:" "the 201 create printed the tenant (table)"
run tenants update "$O" --data "$TMP/platinum.json" --version 1
expect_rc 0 "update against the conflict-500 sandbox"
n0=$(event_lines)
run tenants update "$O" --data "$TMP/acme.json" --version 1
expect_rc 5 "a stale version answered 500 is a conflict"
expect_in_err "based on version 1, the server has version 2" "the 500 conflict says both versions"
check "the CLI read the tenant again after the 500" \
    [ "$(events_after "$n0" | cut -d' ' -f1 | tr '\n' ' ')" = \
        "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_FAIL SYSTEM_TENANT_RETRIEVE_START SYSTEM_TENANT_RETRIEVE_SUCCESS " ]
check "the update was answered 500" grep -q '^SYSTEM_TENANT_UPDATE_FAIL .* status=500' <(events_after "$n0")
n0=$(event_lines)
edit_with bump "$O"
expect_rc 5 "edit: a conflict answered 500"
expect_in_err "based on version 2, the server has version 3" "the edit's 500 conflict says both versions"
kept_file "edit, conflict answered 500"
check "edit, conflict answered 500: PUT 500, then a re-read" \
    grep -A1 '^SYSTEM_TENANT_UPDATE_FAIL .* status=500' <(events_after "$n0") |
    grep -q '^SYSTEM_TENANT_RETRIEVE_START'
stop_sandbox
