#!/bin/bash
# update.sh: tenants update with version locking: versions 2 and 3, a stale version (409,
# nothing changed); refused updates (no --version, nothing to change, no UUID, bad values).
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
sys_new_tenant
n0=$(event_lines)
run tenants update "$C" --data "$TMP/platinum.json" --version 1 -o json
expect_rc 0 "tenants update --version 1"
check "the update answers version 2 with the new data" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); assert a["version"]==2 and a["data"]=={"plan":"platinum"}, a' "$TMP/out"
check "one UPDATE_SUCCESS with version=2" \
    [ "$(events_after "$n0" | grep -c "^SYSTEM_TENANT_UPDATE_SUCCESS .* id=$C version=2$")" = 1 ]
run tenants update "$C" --data "$TMP/acme.json" --version 2
expect_rc 0 "tenants update --version 2 (table)"
expect_in_out "VERSION: 3" "the table shows version 3"

n0=$(event_lines)
run tenants update "$C" --data "$TMP/platinum.json" --version 2
expect_rc 5 "a stale version (409)"
expect_in_err "based on version 2, the server has version 3" "the message says both versions"
check "the sandbox refused it with 409" \
    grep -q '^SYSTEM_TENANT_UPDATE_FAIL .* status=409' <(events_after "$n0")
version_of "$C"
check "the stale update changed nothing (still version 3)" [ "$VERSION" = 3 ]

n0=$(event_lines)
run tenants update "$C" --data "$TMP/platinum.json"
expect_rc 2 "update without --version"
expect_in_err "--version" "the message names --version"
run tenants update "$C" --version 3
expect_rc 2 "update with only --version"
expect_in_err "nothing to change" "the message says there is nothing to change"
run tenants update --data "$TMP/platinum.json" --version 3
expect_rc 2 "update without a UUID"
run tenants update "$C" --data "$TMP/platinum.json" --version x
expect_rc 2 "update with --version x"
run tenants update "$C" --data "$TMP/array.json" --version 3
expect_rc 2 "update with a JSON array"
no_new_events "$n0" "the refused updates sent nothing"
