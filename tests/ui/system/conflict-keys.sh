#!/bin/bash
# conflict-keys.sh: the conflict view's keys come from the keymap: with conflict-reapply = "R"
# and conflict-discard = "x" in the keys group, the view and its hint name R and x, r is no
# choice there (the hint says which keys are), and R re-applies (one more PUT).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
sys_main
sys_config "$TMP/keys.conf"
printf 'keys = {\n  conflict-reapply = "R";\n  conflict-discard = "x";\n};\n' >>"$TMP/keys.conf"

V1=$(tenant 'j[1]["version"]')
: >"$EVENTS"
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
export ED_MODE=conflict
run_script conflict-keys -c "$CONFIG" <<'EOF'
wait
keys j e
wait
dump conflict
keys r
dump not-r
keys R
wait
dump saved
EOF
expect_screen_has conflict "R re-apply yours on version $((V1 + 1))   e edit again   x discard yours" \
    "the choices name the keys of the keymap (R, e, x)"
status_has not-r "Choose: R re-applies your edit on the server's version, e edits it again, x" \
    "r is no choice in the view: the hint names the keys bound"
expect_screen_has not-r "Conflict: tenant $T1" "r: the conflict view stays"
check "R: exactly one more PUT (the editor's, the refused, the re-applied)" \
    [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 3 ]
status_has saved "Saved tenant $T1: now version $((V1 + 2))" "R: saved"
