#!/bin/bash
# conflict-500.sh: under --conflict-status 500 the console recognises a conflict all the same.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"

# ------------------------------------------------------------------ 9. a stale version as 500
start_sandbox --system-tenants 5 --system-user "$SYS_USER" --system-password "$SYS_PASSWORD" \
    --conflict-status 500 --page-params _page,_limit
export ED_URL=$URL ED_AUTH="$SYS_USER:$SYS_PASSWORD"
sys_config "$TMP/old.conf"
sys_all
O0=$(tenant 'j[0]["uuid"]') OV0=$(tenant 'j[0]["version"]')
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
export ED_MODE=conflict
run_script conflict-500 -c "$CONFIG" <<'EOF'
wait
keys e
wait
dump conflict
keys r
wait
dump saved
EOF
check "500: the refused PUT was a 500" grep -qE '^SYSTEM_TENANT_UPDATE_FAIL .*status=500' "$EVENTS"
expect_line_has conflict 3 "Conflict: tenant $O0" "500: recognised as a conflict (the view opens)"
expect_screen_has conflict "the server now has version $((OV0 + 1))." "500: the server's version shown"
check "500: r saved it once more with version=$((OV0 + 2))" \
    [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 3 ] &&
    grep -q "^SYSTEM_TENANT_UPDATE_SUCCESS .*version=$((OV0 + 2))" "$EVENTS"
check "500: no temp file left" [ -z "$(temp_files)" ]
stop_sandbox
