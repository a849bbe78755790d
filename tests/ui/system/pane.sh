#!/bin/bash
# pane.sh: the pane on a system profile: uuid, id, created, updated, version; the header says api
# system and basic auth; paging with "N of M loaded" (the server's hydra:totalItems), also while G
# loads to the end; the local / filter still works.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
sys_main

# ------------------------------------------------------------------ 1. the pane and paging
# Wide enough for every column whole (the tenants' data first, then UUID, number, dates,
# version): these checks read UUIDs and dates off the screen.
UI_COLS=200
: >"$EVENTS"
run_script pane -c "$CONFIG" <<'EOF'
wait
dump first
keys G
dump loading
wait
dump all
EOF
expect_line_has first 1 "api system" "the header names the system API"
expect_line_has first 1 "basic auth" "the header says basic auth (no token)"
expect_line_has first 2 "sys $SEP Tenants" "a system profile opens on the tenants pane"
expect_screen_lacks first "Environments" "no environments pane"
expect_screen_lacks first "Clients" "no clients pane"
for h in UUID ID CREATED UPDATED VERSION; do
    expect_line_has first 4 "$h" "the column $h"
done
expect_line_has first 5 " $T0 1 " "the first row: the first tenant, its UUID and number"
expect_line_has first 5 " $(tenant 'j[0]["data"]["name"]') " "the first row: the tenant's data.name first"
expect_line_has first 4 " NAME " "the data's keys are columns (NAME)"
expect_line_has first 4 " PLAN " "the data's keys are columns (PLAN)"
expect_line_has first 5 "$(tenant 'j[0]["createdAt"][:19]')" "the first row: its creation date"
status_ends first "40 of 120 loaded, more available  row 1" \
    "N of M: the status line counts against the server's total"
expect_line_has first 3 "Tenants (40 of 120)" "the title counts what is loaded, of what the server holds"
status_has loading "40 of 120 loaded, loading to the end (Esc stops)" "G: progress as it loads"
status_ends all "120 of 120 loaded  row 120" "G: all 120 loaded, the last selected"
expect_screen_has all " $T119 120 " "G: the last tenant is listed"
expect_count SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS 6 "pages of 20: six list requests"

# the local / filter on what is loaded
run_script local -c "$CONFIG" <<EOF
wait
keys /
type ${T3:0:13}
keys Enter
dump local
EOF
expect_line_has local 3 "/${T3:0:13}" "/ filters the loaded rows (title)"
status_has local "1 matching of 40 loaded, 120 in all" "/: the status counts matches and the total"
check "/: only the matching tenant is shown" [ "$(uuids local)" = "$T3" ]
