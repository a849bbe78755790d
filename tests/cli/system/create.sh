#!/bin/bash
# create.sh: tenants create from a file, stdin, with --uuid and --version; a taken uuid (400);
# bad --data (invalid JSON, an array, empty, missing) and bad options send nothing.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
n0=$(event_lines)
run tenants create --data "$TMP/acme.json"
expect_rc 0 "tenants create --data FILE (table)"
expect_in_out "UUID:" "tenants create prints the new tenant"
expect_in_out '"plan":"gold"' "tenants create prints its data"
expect_in_out "VERSION: 1" "a new tenant is at version 1"
check "one CREATE_SUCCESS status=200 version=1" \
    [ "$(events_after "$n0" | grep -c '^SYSTEM_TENANT_CREATE_SUCCESS .* status=200 id=.* version=1$')" = 1 ]

run tenants create --data "$TMP/acme.json" -o json
expect_rc 0 "tenants create -o json"
check "the created tenant holds the data sent" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); assert a["data"]==json.load(open(sys.argv[2])) and a["version"]==1, a' \
    "$TMP/out" "$TMP/acme.json"
C=$(json_field "$TMP/out" 'j["uuid"]')
check "the create event names the new uuid" grep -q "^SYSTEM_TENANT_CREATE_SUCCESS .* id=$C " "$EVENTS"

run_input '{"from": "stdin"}' tenants create --data - -o json
expect_rc 0 "tenants create --data - (stdin)"
check "the data came from stdin" [ "$(json_field "$TMP/out" 'j["data"]')" = "{'from': 'stdin'}" ]

NEW=0b1e7d2c-3f4a-4b5c-8d6e-7f8091a2b3c4
run tenants create --data "$TMP/acme.json" --uuid "$NEW" --version 3 -o json
expect_rc 0 "tenants create --uuid U --version 3"
check "the created uuid is the one given" [ "$(json_field "$TMP/out" 'j["uuid"]')" = "$NEW" ]
check "the created version is the one given" [ "$(json_field "$TMP/out" 'j["version"]')" = 3 ]
run tenants get "$NEW" -o json
expect_rc 0 "the tenant of the given uuid can be read"
n0=$(event_lines)
run tenants create --data "$TMP/acme.json" --uuid "$NEW"
expect_rc 5 "tenants create with a taken uuid"
expect_in_err "This value is already used." "the server's violation message is shown"
expect_in_err "uuid" "the message names the uuid field"
check "one CREATE_FAIL status=400" [ "$(count_events_after "$n0" SYSTEM_TENANT_CREATE_FAIL)" = 1 ]

n0=$(event_lines)
run tenants create --data "$TMP/invalid.json"
expect_rc 2 "create: --data with invalid JSON"
expect_in_err "valid JSON" "the message says it is not valid JSON"
run tenants create --data "$TMP/array.json"
expect_rc 2 "create: --data with a JSON array"
expect_in_err "JSON object" "the message asks for a JSON object"
run tenants create --data "$TMP/empty.json"
expect_rc 2 "create: --data with an empty file"
run_input '[]' tenants create --data -
expect_rc 2 "create: --data - with an array on stdin"
run tenants create
expect_rc 2 "create without --data"
expect_in_err "--data" "the message names --data"
run tenants create --data "$TMP/no-such-file.json"
expect_rc 2 "create: --data naming a missing file"
expect_in_err "no-such-file.json" "the message names the file"
run tenants create --data "$TMP/acme.json" --uuid "$NEW" --bogus
expect_rc 2 "create with an unknown option"
no_new_events "$n0" "the refused creates sent nothing"
