#!/bin/bash
# loadon.sh: a filter (/) on a partly loaded list says how many of the rows loaded match and
# offers to load on ("5 matching of 100 loaded; L loads on"); L loads the rest in the largest
# pages while the filter stays, the selection staying on its row, until the list ends: then the
# filter covers every tenant (as many match as the CLI's whole list has); Esc stops loading on.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 2500 --seed 5
PAGE_SIZE=100 write_config
run tenants list --all -o csv
cp "$TMP/out" "$TMP/cli.csv"
WANT=$(py '
import csv, sys
print(sum(any("security" in v.lower() for v in r) for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]))
' "$TMP/cli.csv")
: >"$EVENTS"
run_script filter -c "$CONFIG" <<'EOF2'
wait
keys /
type security
keys Enter
wait
dump filtered
EOF2
status_ends filtered "matching of 100 loaded; L loads on  row 1" "a filter on a partly loaded list offers to load on"
check "the filter alone loads nothing more (one page asked for)" [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 1 ]

: >"$EVENTS"
run_script loadon -c "$CONFIG" <<'EOF2'
wait
keys /
type security
keys Enter j
wait
dump before
keys L
dump loading
wait
dump loaded
EOF2
status_has loading "loading on (Esc stops)" "L says it loads on"
status_ends loaded "$WANT matching of 2,500 loaded  row 2" "L loaded the whole list: the filter covers every tenant, the selection stayed"
check "the first page, then the rest in pages of 1,000 up to the empty page that ends the list (5 lists)" [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 5 ]
uuid_on() { screen_line "$1" "$2" | grep -oE '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'; }
check "the same tenant selected (row 2) before and after" [ "$(uuid_on before 6)" = "$(uuid_on loaded 6)" ]

: >"$EVENTS"
run_script stop -c "$CONFIG" <<'EOF2'
wait
keys /
type security
keys Enter
wait
keys L Esc
dump stopped
wait
dump after
EOF2
status_has stopped "matching of 100 loaded, stopped (r reloads)" "Esc stops loading on"
status_has after "matching of 100 loaded, stopped (r reloads)" "... and nothing more is loaded"
check "... nor asked for after the page Esc cancelled (at most 2 lists)" [ "$(count_events TENANT_RETRIEVE_LIST_START)" -le 2 ]
