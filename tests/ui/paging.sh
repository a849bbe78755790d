#!/bin/bash
# paging.sh: the console against servers whose paging misbehaves, headless (scripted keys,
# screen dumps) with the sandbox's events file saying what reached the API.
# - A short page with a cursor is not the end: "more may be available", and nothing is fetched
#   ahead while the selection moves; the next page is asked for once, when the selection
#   reaches the last row, and its emptiness ends the list. A server capping pages (10 of 100)
#   loses no row.
# - G asks for pages of 1000 (the --log names limit=1000), the first page keeps 100.
# - G on a system server that ignores the page parameter's name (plain JSON, the profile's
#   default names) stops at the second page with the cause and the page_params fix in the
#   status line (before: G never ended).
. "$(dirname "$0")/lib.sh"

# pages EVENT: how many requests named EVENT the sandbox saw (its _START lines).
pages() { grep -c "^$1_START " "$EVENTS"; }

# ------------------------------------------------------------------ a short page
start_sandbox --tenants 30
write_config
: >"$EVENTS"
run_script short -c "$CONFIG" <<'EOF'
wait
dump first
keys j j j
wait
dump moved
EOF
status_has first "30 loaded, more may be available" "a short page with a cursor: more may be available"
status_has moved "30 loaded, more may be available" "moving within the rows asks for nothing more"
check "nothing fetched ahead: 1 tenant page (got $(pages TENANT_RETRIEVE_LIST))" \
    [ "$(pages TENANT_RETRIEVE_LIST)" = 1 ]
: >"$EVENTS"
run_script last -c "$CONFIG" <<'EOF'
wait
keys j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j
wait
dump end
EOF
status_has end "30 loaded  row 30" "at the last row: the list ends, nothing more available"
check "one request at the end: 2 tenant pages (got $(pages TENANT_RETRIEVE_LIST))" \
    [ "$(pages TENANT_RETRIEVE_LIST)" = 2 ]
stop_sandbox

start_sandbox --tenants 30 --page-cap 10
write_config
: >"$EVENTS"
run_script capped -c "$CONFIG" <<'EOF'
wait
keys G
wait
dump end
EOF
status_has end "30 loaded  row 30" "pages capped at 10 of 100: G loads all 30"
check "4 tenant pages: 10, 10, 10 and the empty end (got $(pages TENANT_RETRIEVE_LIST))" \
    [ "$(pages TENANT_RETRIEVE_LIST)" = 4 ]
stop_sandbox

# ------------------------------------------------------------------ G in pages of 1000
start_sandbox --tenants 2500
write_config
run_script bulk -c "$CONFIG" --log "$TMP/bulk.log" <<'EOF'
wait
keys G
wait
dump end
EOF
status_has end "2,500 loaded  row 2,500" "G loads all 2,500"
check "G asked for pages of 1000" grep -q '/v1/tenants?limit=1000' "$TMP/bulk.log"
check "the first page was of 100" grep -q '/v1/tenants?limit=100 ' "$TMP/bulk.log"
stop_sandbox

# ------------------------------------------------------------------ the ignored page name
start_sandbox --system-tenants 250 --page-params _page,_limit --plain-json
write_config_text "$TMP/sysconfig" "profiles = ( { name = \"sys\"; api = \"system\"; url = \"$URL\";
  user = \"system\"; password = \"system\"; } );"
: >"$EVENTS"
UI_COLS=250 run_script ignored -c "$CONFIG" <<'EOF'
wait
keys G
wait
dump end
EOF
expect_screen_has end "starts with the rows of the first page" "G stops: the status line names the cause"
expect_screen_has end 'set page_params in the profile' "and the page_params fix"
check "2 pages asked for, then it stopped (got $(pages SYSTEM_TENANT_RETRIEVE_LIST))" \
    [ "$(pages SYSTEM_TENANT_RETRIEVE_LIST)" = 2 ]
stop_sandbox
