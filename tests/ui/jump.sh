#!/bin/bash
# jump.sh: `:tenant X` goes to a loaded tenant by its subdomain label, its name (any case) or
# its ID; a tenant not loaded yet (pages of 100 of 250) is read by its UUID (one GET), added
# and selected, the count unchanged; an unknown name loads the whole list and says so;
# `:client NAME` goes to a client of the selected tenant, once its list is loaded. A label not
# loaded yet loads pages on (with progress) until it is found, and no further (the sandbox's
# events); Esc stops looking.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 250 --clients 3 --seed 3
PAGE_SIZE=100 write_config
run tenants list --all -o json
cp "$TMP/out" "$TMP/all.json"
T40=$(json_field "$TMP/all.json" 'j[40]["id"]')
L40=$(json_field "$TMP/all.json" 'j[40]["subdomain"].split(".")[0]')
T60=$(json_field "$TMP/all.json" 'j[60]["id"]')
N60=$(json_field "$TMP/all.json" 'j[60]["name"].upper()')
T200=$(json_field "$TMP/all.json" 'j[200]["id"]')
run clients list "$T40" -o json
C1=$(json_field "$TMP/out" 'j[1]["clientId"]')
CN1=$(json_field "$TMP/out" 'j[1]["name"]')
: >"$EVENTS"
run_script jump -c "$CONFIG" <<EOF
wait
keys :
type tenant $L40
keys Enter
wait
keys y
dump label
keys :
type tenant $N60
keys Enter
wait
keys y
dump name
keys :
type tenant $T200
keys Enter
wait
dump read
keys y
dump read-y
keys :
type tenant no-such-tenant
keys Enter
wait
dump unknown
keys :
type tenant $L40
keys Enter
wait
keys :
type client $CN1
keys Enter
wait
keys y
dump client
EOF
status_id_of() { screen_line "$1" -1 | grep -oE '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9]{32}' | head -n 1; }
check ":tenant LABEL selects that tenant ($T40)" [ "$(status_id_of label)" = "$T40" ]
check ":tenant NAME (in capitals) selects that tenant ($T60)" [ "$(status_id_of name)" = "$T60" ]
status_has read "Went to tenant $T200 (read from the server: it was not loaded)" \
    ":tenant UUID not loaded: read and gone to"
check "... and selected" [ "$(status_id_of read-y)" = "$T200" ]
check "one GET of that tenant" [ "$(grep -c "^TENANT_RETRIEVE_START .*path=/v1/tenants/$T200" "$EVENTS")" = 1 ]
status_has unknown 'No tenant "no-such-tenant" among the 250 (the whole list)' \
    ":tenant of an unknown name loads the whole list on, then says so"
check ":client NAME selects that client of the tenant ($C1)" [ "$(status_id_of client)" = "$C1" ]

# a label far down a long list: pages load on until it is found, and no further
start_sandbox --tenants 3000 --seed 6
PAGE_SIZE=100 write_config
run tenants list --all -o json
cp "$TMP/out" "$TMP/all.json"
# the first tenant from the 500th on whose label no other tenant has, nor names
N=$(json_field "$TMP/all.json" 'next(i for i in range(500, 1000) if sum(r["subdomain"].split(".")[0] == j[i]["subdomain"].split(".")[0] or r["name"].lower() == j[i]["subdomain"].split(".")[0] for r in j) == 1)')
T500=$(json_field "$TMP/all.json" "j[$N][\"id\"]")
L500=$(json_field "$TMP/all.json" "j[$N][\"subdomain\"].split('.')[0]")
: >"$EVENTS"
run_script seek -c "$CONFIG" <<EOF
wait
keys :
type tenant $L500
keys Enter
dump looking
wait
dump found
keys y
dump found-y
EOF
status_has looking "Looking for tenant \"$L500\": 100 loaded so far (Esc stops)" \
    ":tenant LABEL not loaded says it loads on looking for it"
status_has found "Went to tenant $L500 (found after loading 1,100)" "... and finds it"
check "... selected ($T500)" [ "$(status_id_of found-y)" = "$T500" ]
check "... after the page that held it: 2 lists of the 5 the whole list needs" \
    [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 2 ]
: >"$EVENTS"
run_script seek-stop -c "$CONFIG" <<EOF
wait
keys :
type tenant no-such-tenant
keys Enter Esc
dump stopped
wait
dump after
EOF
status_has stopped 'Stopped looking for tenant "no-such-tenant" after loading 100' "Esc stops looking"
check "... and loading: at most the one page Esc cancelled after the first" \
    [ "$(count_events TENANT_RETRIEVE_LIST_START)" -le 2 ]
expect_line_has after 3 "Tenants (100+)" "... the list stays as it was (100 loaded)"
