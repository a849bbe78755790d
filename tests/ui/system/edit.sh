#!/bin/bash
# edit.sh: e: one GET, the editor on a 0600 file holding the tenant, one PUT whose success carries
# version=old+1; the sandbox has the new data; the file is gone. Nothing changed: nothing sent.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
sys_main

# ------------------------------------------------------------------ 3. e: edit in $EDITOR
V0=$(tenant 'j[0]["version"]')
: >"$EVENTS"
export ED_MODE=set
run_script edit -c "$CONFIG" <<'EOF'
wait
keys e
wait
dump saved
EOF
expect_count SYSTEM_TENANT_RETRIEVE_START 1 "e: the tenant was read afresh (one GET)"
expect_count SYSTEM_TENANT_UPDATE_START 1 "e: one PUT"
expect_count SYSTEM_TENANT_UPDATE_SUCCESS 1 "e: it succeeded"
check "e: the PUT's success carries version=$((V0 + 1)) (read at $V0)" \
    grep -qE "^SYSTEM_TENANT_UPDATE_SUCCESS .*id=$T0 version=$((V0 + 1))( |$)" "$EVENTS"
check "e: the editor ran once" [ "$(editor_calls)" = 1 ]
check "e: the file it got was mode 600 ($(editor_mode 1))" [ "$(editor_mode 1)" = 600 ]
check "e: the file held the tenant as JSON with its data" \
    py 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["uuid"]==sys.argv[2] and isinstance(j["data"], dict) else 1)' \
    "$ED_DIR/given.1" "$T0"
check "e: the sandbox has the new name" \
    [ "$(tenant_of "$T0" 't["data"]["name"]')" = "Edited by the test" ]
check "e: the other keys of data are kept" \
    [ "$(tenant_of "$T0" 't["data"].get("plan")')" = "$(tenant 'j[0]["data"].get("plan")')" ]
status_has saved "Saved tenant $T0: now version $((V0 + 1))" "e: the status line says so"
expect_line_has saved 5 " $((V0 + 1))" "e: the row shows the new version"
check "e: the file is gone" [ ! -e "$(editor_file 1)" ]
check "e: no temp file left" [ -z "$(temp_files)" ]

: >"$EVENTS"
export ED_MODE=same
run_script same -c "$CONFIG" <<'EOF'
wait
keys e
wait
dump same
EOF
status_has same "Nothing changed; nothing was sent." "e, nothing changed: said"
expect_count SYSTEM_TENANT_UPDATE_START 0 "e, nothing changed: no PUT"
check "e, nothing changed: the file is gone" [ -z "$(temp_files)" ]
