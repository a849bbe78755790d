#!/bin/bash
# filter.sh: :filter created>DATE sends createdAt[after]=DATE and shows exactly the rows the server
# has for it; id=N id=N and uuid=U combine; a bad term says what is wrong and sends nothing;
# :filter alone clears. On a MATTR profile :filter says the API cannot.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
sys_main

# ------------------------------------------------------------------ 2. :filter
UI_COLS=200 # every column whole (the data's first): the checks read UUIDs off the screen
DATE=$(tenant 'j[110]["createdAt"][:10]')
py '
import json, sys
j = json.load(open(sys.argv[1]))
for t in j:
    if t["createdAt"][:10] >= sys.argv[2]:
        print(t["uuid"])' "$TMP/all.json" "$DATE" | sort >"$TMP/expected-created"
N_EXPECTED=$(wc -l <"$TMP/expected-created" | tr -d ' ')
: >"$EVENTS"
run_script filter -c "$CONFIG" --log "$TMP/filter.log" <<EOF
wait
keys :
type filter created>$DATE
keys Enter
wait
dump created
keys :
type filter id=3 id=5
keys Enter
wait
dump ids
keys :
type filter uuid=$T4 updated<2999-01-01
keys Enter
wait
dump uuid
keys :
type filter
keys Enter
wait
dump cleared
EOF
expect_line_has created 3 ":filter created>$DATE" "the title shows the server filter"
status_has created "The server lists only the tenants where created>$DATE" "the status says so"
check "created>$DATE: the screen shows the $N_EXPECTED tenants the sandbox has from $DATE on" \
    [ "$(uuids created)" = "$(cat "$TMP/expected-created")" ]
check "created>$DATE: some tenants are shown, not all ($N_EXPECTED)" \
    [ "$N_EXPECTED" -gt 0 ] && [ "$N_EXPECTED" -lt 120 ]
py '
import json, sys
j = {t["uuid"]: t for t in json.load(open(sys.argv[1]))}
bad = [u for u in open(sys.argv[2]).read().split() if j[u]["createdAt"][:10] < sys.argv[3]]
sys.exit(1 if bad else 0)' "$TMP/all.json" <(uuids created) "$DATE" &&
    ok "every row shown was created on or after $DATE" ||
    fail "rows created before $DATE are shown"
if grep -qE "GET [^ ]*/system/tenants\?[^ ]*createdAt(%5B|\[)after(%5D|\])=$DATE" "$TMP/filter.log"; then
    ok "created>DATE went to the server as createdAt[after]=$DATE (--log)"
else
    grep ' GET ' "$TMP/filter.log" | sed 's/^/  | /'
    fail "no list request with createdAt[after]=$DATE in the log"
fi
status_ends created "$N_EXPECTED of $N_EXPECTED loaded  row 1" "the total is the filtered list's"
check "id=3 id=5: tenants 3 and 5" [ "$(uuids ids)" = "$(printf '%s\n' "$T2" "$T4" | sort)" ]
grep -qE 'GET [^ ]*id(%5B%5D|\[\])=3&id(%5B%5D|\[\])=5' "$TMP/filter.log" &&
    ok "id=3 id=5 went to the server as id[]=3&id[]=5" || fail "no id[]=3&id[]=5 request"
check "uuid=U updated<2999-01-01: that tenant only" [ "$(uuids uuid)" = "$T4" ]
grep -qE "GET [^ ]*uuid=$T4&updatedAt(%5B|\[)before(%5D|\])=2999-01-01" "$TMP/filter.log" &&
    ok "uuid= and updated< went to the server" || fail "no uuid=...&updatedAt[before]= request"
expect_screen_lacks cleared ":filter" ":filter alone clears the server filter"
status_has cleared "No server filter" ":filter alone: the status says so"
status_ends cleared "40 of 120 loaded, more available  row 1" ":filter alone: the whole list again"

# bad terms: nothing is sent (the list requests are those of the first load only)
: >"$EVENTS"
run_script filter-bad -c "$CONFIG" <<EOF
wait
keys :
type filter created>2024-13-01
keys Enter
dump bad-date
keys :
type filter size>3
keys Enter
dump unknown
keys :
type filter created>2024-01-01 created>2024-02-01
keys Enter
dump repeated
keys :
type filter id=x
keys Enter
dump not-number
keys :
type filter created=2024-01-01
keys Enter
dump equals
EOF
status_has bad-date "'created>2024-13-01': '2024-13-01' is not a date" "a bad date: said"
status_has bad-date "Use created>DATE" "a bad date: the accepted terms are said"
status_has unknown "'size>3' is not a filter term" "an unknown term: said"
status_has repeated "'created>2024-02-01' repeats a bound given already" "a repeated bound: said"
status_has not-number "'id=x': 'x' is not a whole number" "id=x: said"
status_has equals "'created=2024-01-01' is not a filter term" "created=DATE: refused (< or >)"
expect_count SYSTEM_TENANT_RETRIEVE_LIST_START 2 "bad terms: no list was sent for them"
expect_line equals 3 " Tenants (40 of 120)" "bad terms: no filter was set (the title)"

# a MATTR profile cannot filter on the server
start_sandbox --tenants 3 --seed 2
write_config "$TMP/mattr.conf"
run_script mattr -c "$CONFIG" <<'EOF'
wait
keys :
type filter created>2024-01-01
keys Enter
dump mattr
EOF
status_has mattr "This API cannot filter tenants on the server: press / to filter the rows" \
    ":filter on a MATTR profile: the API cannot (use /)"
stop_sandbox
