#!/bin/bash
# readonly.sh: read-only (profile and --readonly): c, e, d run no editor and send nothing.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
sys_main

# ------------------------------------------------------------------ 8. read-only
: >"$EVENTS"
rm -f "$ED_DIR/calls"
export ED_MODE=set
sys_config "$TMP/ro.conf" "readonly = true;"
run_script readonly -c "$CONFIG" <<'EOF'
wait
keys e
dump e
keys c
dump c
keys d
dump d
wait
EOF
status_has e "Read-only profile: creating, editing and deleting are off" "read-only: e refused"
status_has c "Read-only profile" "read-only: c refused"
status_has d "Read-only profile" "read-only: d refused"
sys_config "$TMP/sys.conf"
run_script readonly-flag -c "$CONFIG" --readonly <<'EOF'
wait
keys e c d
wait
dump flag
EOF
status_has flag "Read-only (--readonly)" "--readonly: refused"
check "read-only: no change reached the sandbox" [ "$(changes)" = 0 ]
check "read-only: the editor never ran" [ "$(editor_calls)" = 0 ]
