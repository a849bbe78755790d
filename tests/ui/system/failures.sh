#!/bin/bash
# failures.sh: a file that is not JSON after the editor: nothing sent, the error names the kept
# file, e opens the same file again, and the fixed edit is saved once. An editor failing: kept too.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
sys_main

# ------------------------------------------------------------------ 5. failures keep the file
V4=$(tenant 'j[4]["version"]')
: >"$EVENTS"
rm -f "$ED_DIR/calls"
export ED_MODE=bad
# the status line names the kept file: room for its whole path, however deep $TMP is (a build
# folder 120 characters deep cut it at 200 columns)
UI_COLS=$((140 + ${#TMP}))
run_script_err bad-json -c "$CONFIG" <<'EOF'
wait
keys j j j j e
wait
dump bad
EOF
UI_COLS=100
expect_in_err "your unsaved edit is kept in $(editor_file 1)" "not JSON: at the end stderr says where"
status_has bad "not saved (your edit is kept in $(editor_file 1)): the edited file is not valid JSON" \
    "not JSON: the error names the kept file"
UI_COLS=100
check "not JSON: the file is kept, as edited" grep -q "this is not JSON" "$(editor_file 1)"
expect_count SYSTEM_TENANT_UPDATE_START 0 "not JSON: nothing sent"
# e again opens the same file; fixed, it is saved once (the editor switches modes itself: the
# file is the console's to carry from one run of the editor to the next)
rm -f "$(editor_file 1)"
: >"$EVENTS"
rm -f "$ED_DIR/calls"
cat >"$TMP/editor-switch.sh" <<EOF
#!/bin/sh
# the first run writes garbage, later ones fix it
if [ -e "$ED_DIR/calls" ]; then ED_MODE=fix; else ED_MODE=bad; fi
export ED_MODE
exec "$PYTHON" "$TMP/editor.py" "\$1"
EOF
chmod +x "$TMP/editor-switch.sh"
EDITOR=$TMP/editor-switch.sh run_script bad-fix -c "$CONFIG" <<'EOF'
wait
keys j j j j e
wait
dump bad
keys e
wait
dump fixed
EOF
check "e after a bad file: the editor got the same file again" \
    [ "$(editor_file 1)" = "$(editor_file 2)" ] && [ -n "$(editor_file 1)" ]
expect_count SYSTEM_TENANT_UPDATE_SUCCESS 1 "fixed: saved once"
check "fixed: version=$((V4 + 1))" grep -q "^SYSTEM_TENANT_UPDATE_SUCCESS .*version=$((V4 + 1))" "$EVENTS"
check "fixed: the sandbox has it" [ "$(tenant_of "$T4" 't["data"]["name"]')" = "Fixed by the test" ]
check "fixed: no temp file left" [ -z "$(temp_files)" ]

: >"$EVENTS"
rm -f "$ED_DIR/calls"
export ED_MODE=fail
UI_COLS=$((140 + ${#TMP})) run_script_err editor-fails -c "$CONFIG" <<'EOF'
wait
keys e
wait
dump failed
EOF
expect_in_err "your unsaved edit is kept in $(editor_file 1)" "an editor failing: stderr says where"
status_has failed "not saved (your edit is kept in $(editor_file 1)): the editor" "an editor failing: said"
check "an editor failing: the file is kept" [ -e "$(editor_file 1)" ]
expect_count SYSTEM_TENANT_UPDATE_START 0 "an editor failing: nothing sent"
rm -f "$(editor_file 1)"
