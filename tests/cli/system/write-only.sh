#!/bin/bash
# write-only.sh: a server whose data is write-only: list, get and create without data; an
# edit that sets data is sent once, and an unchanged edit sends nothing (it would wipe the
# data nobody saw).
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
sys_sandbox --system-tenants 5 --write-only-data
write_system_config "$TMP/wo"
run tenants list -o json
expect_rc 0 "write-only data: tenants list -o json"
check "write-only data: 5 tenants, none with data" \
    py 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r)==5 and all("data" not in x for x in r), r' "$TMP/out"
run tenants list
expect_rc 0 "write-only data: tenants list (table)"
run tenants list -o csv
expect_rc 0 "write-only data: tenants list -o csv"
run tenants get "$FIRST"
expect_rc 0 "write-only data: tenants get (table)"
expect_in_out "$FIRST" "write-only data: get shows the tenant"
run tenants get "$FIRST" -o json
expect_rc 0 "write-only data: tenants get -o json"
check "write-only data: no data in the object" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); assert "data" not in a and a["uuid"]==sys.argv[2], a' \
    "$TMP/out" "$FIRST"
run tenants create --data "$TMP/acme.json" -o json
expect_rc 0 "write-only data: create"
version_of "$FIRST"
n0=$(event_lines)
edit_with add "$FIRST" --replace-data # (without it refused: tests/cli/edit-data.sh)
expect_rc 0 "write-only data: edit --replace-data that sets data"
check "write-only data: the edit was sent once" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_SUCCESS)" = 1 ]

# With data write-only, an editor that changes nothing must send nothing (the server's data,
# which the file could not show, would be replaced by {}).
version_of "$FIRST"
n0=$(event_lines)
edit_with none "$FIRST" --replace-data
expect_rc 0 "write-only data: edit with no change"
expect_in_err "Nothing changed; nothing was sent." "write-only data: an unchanged edit says nothing was sent"
check "write-only data: an unchanged edit sends no update (it would wipe the data)" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]
