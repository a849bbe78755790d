#!/bin/bash
# create.sh: c: the editor on a template; one POST (201) creates the tenant, listed and selected;
# a UUID given in the file is used; the template unchanged creates nothing. d: the type-to-confirm
# dialog wants the first 8 characters of the UUID; a wrong word sends nothing; the right one
# deletes once.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
sys_main

# ------------------------------------------------------------------ 6. c: create
: >"$EVENTS"
rm -f "$ED_DIR/calls"
export ED_MODE=create
run_script create -c "$CONFIG" <<'EOF'
wait
keys c
wait
dump created
keys y
dump copied
EOF
check "c: the editor got the template" \
    py 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))=={"uuid":"","data":{}} else 1)' "$ED_DIR/given.1"
expect_count SYSTEM_TENANT_CREATE_START 1 "c: one POST"
check "c: answered 201" grep -qE '^SYSTEM_TENANT_CREATE_SUCCESS .*status=201' "$EVENTS"
NEW=$(grep '^SYSTEM_TENANT_CREATE_SUCCESS ' "$EVENTS" | grep -oE "id=$UUID_RE" | cut -d= -f2)
check "c: the event names the new tenant ($NEW)" [ -n "$NEW" ]
status_has created "Created tenant $NEW" "c: the status line says so"
status_has copied "$NEW" "c: the new tenant is selected (y copies its UUID)"
check "c: the sandbox has its data" [ "$(tenant_of "$NEW" 't["data"]["plan"]')" = trial ]
check "c: no temp file left" [ -z "$(temp_files)" ]

: >"$EVENTS"
export ED_MODE=create_uuid ED_UUID=0a1b2c3d-0000-4000-8000-00000000c0de
run_script create-uuid -c "$CONFIG" <<'EOF'
wait
keys c
wait
dump created
EOF
check "c with a UUID: the tenant has it" grep -q "^SYSTEM_TENANT_CREATE_SUCCESS .*id=$ED_UUID" "$EVENTS"
status_has created "Created tenant $ED_UUID" "c with a UUID: said"

# Under a :filter the server decides what is listed: a new tenant is not added to the view.
: >"$EVENTS"
export ED_MODE=create
run_script create-filtered -c "$CONFIG" <<'EOF'
wait
keys :
type filter id=3
keys Enter
wait
dump filtered
keys c
wait
dump created
EOF
expect_count SYSTEM_TENANT_CREATE_START 1 "c under :filter: one POST"
expect_line_has filtered 3 "Tenants (1)" "c under :filter: one tenant listed before"
expect_line_has created 3 "Tenants (1)" "c under :filter: still one after (not the new one)"
status_has created "not listed under the :filter; r reloads" "c under :filter: said why it is not listed"

: >"$EVENTS"
export ED_MODE=same
run_script create-same -c "$CONFIG" <<'EOF'
wait
keys c
wait
dump same
EOF
status_has same "Nothing changed; no tenant was created." "c, template unchanged: said"
expect_count SYSTEM_TENANT_CREATE_START 0 "c, template unchanged: no POST"
check "c, template unchanged: no temp file left" [ -z "$(temp_files)" ]

# ------------------------------------------------------------------ 7. d: delete
: >"$EVENTS"
run_script delete -c "$CONFIG" <<EOF
wait
keys j j j j j d
dump dialog
type ${T0:0:8}
keys Enter
dump wrong
keys C-u
type ${T5:0:8}
keys Enter
wait
dump deleted
EOF
expect_screen_has dialog "Delete tenant" "d: the Delete tenant dialog"
expect_screen_has dialog "This deletes tenant $T5" "d: it names the tenant by its UUID"
expect_screen_has dialog "Type the first 8 characters of its UUID, ${T5:0:8}, to confirm." \
    "d: it asks for the UUID's first 8 characters"
expect_screen_has wrong "that is not \"${T5:0:8}\": nothing was deleted" "d: a wrong word is refused"
expect_count SYSTEM_TENANT_DELETE_START 1 "d: one DELETE (none for the wrong word)"
check "d: it deleted $T5" grep -q "^SYSTEM_TENANT_DELETE_SUCCESS .*path=/system/tenants/$T5" "$EVENTS"
check "d: the row is gone" [ -z "$(uuids deleted | grep -x "$T5")" ]
status_has deleted "39 of 122 loaded" "d: the total follows (123 after the creates, one deleted)"
status_has deleted "Deleted tenant" "d: the status line says so"
