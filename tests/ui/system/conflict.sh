#!/bin/bash
# conflict.sh: the editor itself saves the tenant before the console does: the conflict view shows
# both versions field by field; the kept file (0600) holds the edit. r: one more PUT with the
# server's version; d: no PUT, the file gone; e: the editor again, one PUT; quitting keeps the file
# and says where on stderr.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
sys_main

# ------------------------------------------------------------------ 4. a conflict
# r: the edit on the server's version
V1=$(tenant 'j[1]["version"]') NAME1=$(tenant 'j[1]["data"]["name"]')
: >"$EVENTS"
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
export ED_MODE=conflict
run_script conflict-r -c "$CONFIG" <<'EOF'
wait
keys j e
wait
dump conflict
keys r
wait
dump saved
EOF
expect_line_has conflict 3 "Conflict: tenant $T1" "the conflict view opens"
expect_screen_has conflict "You edited version $V1; the server now has version $((V1 + 1))." \
    "it says which versions"
expect_screen_has conflict "SERVER NOW, version $((V1 + 1))" "the server's column"
expect_screen_has conflict "YOURS, from version $V1" "the operator's column"
expect_screen_has conflict "* version     $((V1 + 1))" "version: marked, the server's"
expect_screen_has conflict "* data.name   \"$NAME1\"" "data.name: the server's value, marked"
expect_screen_has conflict "\"Mine\"" "data.name: theirs beside it"
expect_screen_has conflict "* data.plan   \"gold\"" "data.plan: the server's change, marked"
expect_screen_has conflict "* data.region (absent)" "data.region: absent on the server, marked"
expect_screen_has conflict "\"eu\"" "data.region: theirs"
expect_screen_has conflict "r re-apply yours on version $((V1 + 1))   e edit again   d discard yours" \
    "the choices"
KEPT=$(kept_path conflict)
check "the view shows the kept file's path ('$KEPT')" [ "$KEPT" = "$(editor_file 1)" ]
check "r: exactly one more PUT after the conflict (the editor's, the refused, the re-applied)" \
    [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 3 ]
check "the refused PUT was a 409" grep -qE '^SYSTEM_TENANT_UPDATE_FAIL .*status=409' "$EVENTS"
check "r: the re-applied PUT succeeded with version=$((V1 + 2)) (the server's + 1)" \
    [ "$(grep '^SYSTEM_TENANT_UPDATE_SUCCESS ' "$EVENTS" | tail -n 1 | grep -oE 'version=[0-9]+')" = "version=$((V1 + 2))" ]
check "r: the sandbox has the edit" [ "$(tenant_of "$T1" 't["data"]["name"]+"/"+t["data"]["region"]')" = "Mine/eu" ]
status_has saved "Saved tenant $T1: now version $((V1 + 2))" "r: saved"
check "r: the file is gone" [ ! -e "$KEPT" ]

# quitting in the conflict view: the file stays, stderr says where, it holds the edit
V2=$(tenant 'j[2]["version"]')
: >"$EVENTS"
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
run_script_err conflict-quit -c "$CONFIG" <<'EOF'
wait
keys j j e
wait
dump conflict
keys q
dump q
EOF
KEPT=$(kept_path conflict)
check "the kept file exists while the view is up ($KEPT)" [ -f "$KEPT" ]
check "the kept file is mode 600" [ "$(file_mode "$KEPT")" = 600 ]
check "the kept file holds the edit" \
    py 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["data"]["name"]=="Mine" and j["data"]["region"]=="eu" else 1)' "$KEPT"
status_has q "Choose: r re-applies" "q in the conflict view: it asks for a choice"
expect_in_err "your unsaved edit is kept in $KEPT" "at the end, stderr says where the edit is"
check "no PUT after the refused one" [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 2 ]
rm -f "$KEPT"

# d: discard
: >"$EVENTS"
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
run_script conflict-d -c "$CONFIG" <<'EOF'
wait
keys j j e
wait
dump conflict
keys d
wait
dump discarded
EOF
KEPT=$(kept_path conflict)
check "d: the view showed a kept file ($KEPT)" [ -n "$KEPT" ]
status_has discarded "Discarded your edit: tenant $T2 stays at version $((V2 + 2))" "d: said"
check "d: no PUT after the refused one" [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 2 ]
check "d: the server's data stays" [ "$(tenant_of "$T2" 't["data"]["plan"]')" = gold ]
check "d: the file is gone" [ ! -e "$KEPT" ]
check "d: no temp file left" [ -z "$(temp_files)" ]

# e: edit again, on the server's version
V3=$(tenant 'j[3]["version"]')
: >"$EVENTS"
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
run_script conflict-e -c "$CONFIG" <<'EOF'
wait
keys j j j e
wait
keys e
wait
dump saved
EOF
check "e again: the editor ran twice" [ "$(editor_calls)" = 2 ]
check "e again: the second file is based on the server's version $((V3 + 1)) and holds the edit" \
    py 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["version"]==int(sys.argv[2]) and j["data"]["name"]=="Mine" else 1)' \
    "$ED_DIR/given.2" "$((V3 + 1))"
check "e again: one more PUT, version=$((V3 + 2))" \
    [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 3 ] &&
    grep -q "^SYSTEM_TENANT_UPDATE_SUCCESS .*id=$T3 version=$((V3 + 2))" "$EVENTS"
check "e again: the sandbox has the second edit" [ "$(tenant_of "$T3" 't["data"]["name"]')" = "Mine again" ]
check "e again: no temp file left" [ -z "$(temp_files)" ]
