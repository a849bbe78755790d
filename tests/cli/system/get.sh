#!/bin/bash
# get.sh: tenants get (table, -o json with the data) and an unknown UUID (404, exit 4).
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
run tenants get "$FIRST"
expect_rc 0 "tenants get UUID (table)"
expect_in_out "UUID:    $FIRST" "tenants get shows the UUID"
expect_in_out "VERSION: $(json_field "$TMP/full.json" 'j[0]["version"]')" "tenants get shows the version"
check "tenants get shows the data" \
    grep -qF "DATA:    $(json_field "$TMP/full.json" 'json.dumps(j[0]["data"],separators=(",",":"))')" "$TMP/out"
run tenants get "$FIRST" -o json
expect_rc 0 "tenants get UUID -o json"
check "tenants get -o json is the tenant, data included" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))[0]; assert a==b, (a,b)' \
    "$TMP/out" "$TMP/full.json"
n0=$(event_lines)
run tenants get "$NOBODY"
expect_rc 4 "tenants get of an unknown UUID"
expect_in_err "$NOBODY" "the not-found message names the UUID"
check "the sandbox answered 404" grep -q '^SYSTEM_TENANT_RETRIEVE_FAIL .* status=404' <(events_after "$n0")
