#!/bin/bash
# edit.sh: tenants edit with scripted editors: saved, unchanged, failing, invalid JSON,
# someone else's change meanwhile (409, the file kept), the version changed in the file,
# VISUAL before EDITOR, an unknown UUID.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
version_of "$E"
n0=$(event_lines)
edit_with add "$E"
expect_rc 0 "edit: the editor changes the data"
expect_in_out "\"edited\":\"by-the-test-v$VERSION\"" "edit prints the tenant with the new data"
expect_in_out "VERSION: $((VERSION + 1))" "edit prints the new version"
check "edit: one GET, then one UPDATE_SUCCESS with version=$((VERSION + 1))" \
    [ "$(events_after "$n0" | grep -c "^SYSTEM_TENANT_UPDATE_SUCCESS .* id=$E version=$((VERSION + 1))$")" = 1 \
    -a "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 1 \
    -a "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_SUCCESS)" = 1 ]
check "edit: the temporary file is gone" [ "$(edits_left)" = 0 ]
run tenants get "$E" -o json
check "edit: the server has the edited data, the rest kept" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); f=json.load(open(sys.argv[2]))[1]
d=dict(f["data"]); d["edited"]="by-the-test-v"+sys.argv[3]; assert a["data"]==d, a' \
    "$TMP/out" "$TMP/full.json" "$VERSION"

version_of "$E"
n0=$(event_lines)
edit_with none "$E"
expect_rc 0 "edit: the editor changes nothing"
expect_in_err "Nothing changed; nothing was sent." "edit says nothing was sent"
check "edit unchanged: no update" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]
check "edit unchanged: the temporary file is gone" [ "$(edits_left)" = 0 ]

n0=$(event_lines)
edit_with fail "$E"
check "edit: an editor exiting 1 fails the command" [ "$rc" != 0 ]
expect_in_err "exited with status 1" "the message says the editor exited 1"
check "edit, editor failed: no update" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]
kept_file "edit, editor failed"

n0=$(event_lines)
edit_with invalid "$E"
expect_rc 2 "edit: the editor leaves invalid JSON"
expect_in_err "not valid JSON" "the message says the file is not valid JSON"
check "edit, invalid JSON: no update" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]
kept_file "edit, invalid JSON"
check "the kept file holds what the editor wrote" grep -q unfinished "$KEPT"

version_of "$E"
V0=$VERSION
n0=$(event_lines)
edit_with bump "$E"
expect_rc 5 "edit: someone else changed the tenant meanwhile"
expect_in_err "based on version $V0, the server has version $((V0 + 1))" "the conflict says both versions"
kept_file "edit, conflict"
check "the kept file holds the edit" \
    py 'import json,sys; j=json.load(open(sys.argv[1])); assert j["data"]["edited"]=="by-the-test-v"+sys.argv[2], j' \
    "$KEPT" "$V0"
check "edit, conflict: the other update went through, ours got 409" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_SUCCESS)" = 1 \
    -a "$(events_after "$n0" | grep -c '^SYSTEM_TENANT_UPDATE_FAIL .* status=409')" = 1 ]
run tenants get "$E" -o json
check "edit, conflict: the server keeps the other change" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); assert a["data"]=={"bumped":True} and a["version"]==int(sys.argv[2]), a' \
    "$TMP/out" "$((V0 + 1))"

version_of "$E"
n0=$(event_lines)
edit_with version "$E"
expect_rc 0 "edit: the editor changes the version too"
expect_in_err 'only "data" is sent' "edit notes that only data is sent"
check "the note names the version" grep -q 'only "data" is sent.*version' "$TMP/err"
check "the update used the version read (now $((VERSION + 1)), not 999)" \
    [ "$(events_after "$n0" | grep -c "^SYSTEM_TENANT_UPDATE_SUCCESS .* version=$((VERSION + 1))$")" = 1 ]
check "edit, version changed: the temporary file is gone" [ "$(edits_left)" = 0 ]

version_of "$E"
n0=$(event_lines)
rm -rf "$EDITS" && mkdir -p "$EDITS"
run_cmd env TMPDIR="$EDITS" VISUAL="'$PYTHON' '$TMP/ed.py' add" EDITOR=false \
    "$TENANTRY_BIN" -c "$CONFIG" tenants edit "$E"
expect_rc 0 "edit: VISUAL comes before EDITOR"
check "edit with VISUAL: one update" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_SUCCESS)" = 1 ]

n0=$(event_lines)
edit_with add "$NOBODY"
expect_rc 4 "edit of an unknown UUID"
check "edit of an unknown UUID: no file made" [ "$(edits_left)" = 0 ]
