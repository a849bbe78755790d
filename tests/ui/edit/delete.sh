#!/bin/bash
# delete.sh: a wrong confirmation word sends nothing, the right one deletes once (the neighbour is
# selected); clients too (by ID when the name holds control characters, and the dialog does not
# call that ID the name); a production profile wants its name typed as well.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"

# ================================================================== 6. delete
start_sandbox --tenants 6 --clients 3 --seed 5
write_config "$TMP/delete.conf"
tenants_json
T1_ID=$(tenant 'j[1]["id"]') T1_NAME=$(tenant 'j[1]["name"]') T1_SUB=$(tenant 'j[1]["subdomain"]')
T1_LABEL=${T1_SUB%%.*}
T2_ID=$(tenant 'j[2]["id"]')
T0_LABEL=$(tenant 'j[0]["subdomain"].split(".")[0]')
T4_ID=$(tenant 'j[4]["id"]')
T5_NAME=$(tenant 'j[5]["name"]') T5_SUB=$(tenant 'j[5]["subdomain"]')

# Wrong words: the label of another tenant, the name, the full subdomain, the label in
# capitals: each refused, nothing sent, the row stays.
: >"$EVENTS"
run_script delete-wrong -c "$CONFIG" <<EOF
wait
keys j d
dump dialog
type $T0_LABEL
keys Enter
dump wrong
keys C-u
type $T1_NAME
keys Enter
dump wrong-name
keys C-u
type $T1_SUB
keys Enter
dump wrong-sub
keys C-u
type ${T1_LABEL^^}
keys Enter Enter
dump wrong-caps
keys Esc
dump after
EOF
expect_screen_has dialog "Delete tenant" "d on a tenant: the Delete tenant dialog"
expect_screen_has dialog "\"$T1_NAME\"" "the dialog names the tenant"
expect_screen_has dialog "Type the subdomain label, $T1_LABEL, to confirm." \
    "the dialog asks for the label"
for f in wrong wrong-name wrong-sub wrong-caps; do
    expect_below $f "> Confirm" "that is not \"$T1_LABEL\": nothing was deleted" "$f word: refused"
done
expect_count TENANT_DELETE_START 0 "wrong words: no delete reached the sandbox"
expect_screen_has after " $T1_NAME " "wrong words: the row is still listed"
run tenants get "$T1_ID"
expect_rc 0 "wrong words: the sandbox still has the tenant"

: >"$EVENTS"
run_script delete -c "$CONFIG" <<EOF
wait
keys j d
type $T1_LABEL
keys Enter Enter
dump deleting
wait
dump deleted
keys y
dump selected
keys G d
type ${T5_SUB%%.*}
keys Enter
wait
dump last-deleted
keys y
dump last-selected
EOF
expect_screen_has deleting "Deleting..." "the right label: the dialog says it is deleting"
expect_count TENANT_DELETE_START 2 "the right labels: one delete each (Enter Enter sent one)"
check "the first delete was for $T1_NAME" \
    grep -q "^TENANT_DELETE_SUCCESS .*path=/v1/tenants/$T1_ID " "$EVENTS"
status_has deleted "Deleted tenant \"$T1_NAME\"" "the status line says it was deleted"
expect_screen_lacks deleted " $T1_NAME " "the row is gone"
expect_selected selected "$T2_ID" "its neighbour (the next row) is selected"
expect_screen_lacks last-deleted " $T5_NAME " "the last row deleted: gone"
expect_selected last-selected "$T4_ID" "the last row deleted: the row before it is selected"
run tenants get "$T1_ID"
check "the sandbox no longer has $T1_NAME (get exits non-zero: $rc)" [ "$rc" != 0 ]

# A client: its name to confirm; the neighbour selected.
T0_ID=$(tenant 'j[0]["id"]')
run clients list "$T0_ID" -o json
C0_NAME=$(json_field "$TMP/out" 'j[0]["name"]') C0_ID=$(json_field "$TMP/out" 'j[0]["clientId"]')
C1_ID=$(json_field "$TMP/out" 'j[1]["clientId"]')
: >"$EVENTS"
run_script client-delete -c "$CONFIG" <<EOF
wait
keys Enter
wait
keys d
dump dialog
type not-$C0_NAME
keys Enter
dump wrong
keys C-u
type $C0_NAME
keys Enter
wait
dump deleted
keys y
dump selected
EOF
expect_screen_has dialog "Delete client" "d on a client: the Delete client dialog"
expect_screen_has dialog "Type the client's name, $C0_NAME, to confirm." \
    "it asks for the client's name"
expect_below wrong "> Confirm" "that is not \"$C0_NAME\": nothing was deleted" \
    "a wrong name: refused"
expect_count TENANT_CLIENT_DELETE_START 1 "the client: one delete (none for the wrong name)"
status_has deleted "Deleted client \"$C0_NAME\"" "the status line says the client was deleted"
expect_screen_lacks deleted "$C0_ID" "the client's row is gone"
status_has selected "$C1_ID" "the next client is selected"

# A production profile: the profile's name too.
profile_config "$TMP/prod.conf" prod "production = true;"
T2_LABEL=$(tenant 'j[2]["subdomain"].split(".")[0]') T2_NAME=$(tenant 'j[2]["name"]')
: >"$EVENTS"
run_script production -c "$CONFIG" <<EOF
wait
keys j d
dump dialog
type $T2_LABEL
keys Enter
dump no-profile
type local
keys Enter
dump wrong-profile
keys Esc
EOF
expect_screen_has dialog "This is the PRODUCTION profile: type its name, prod, as well." \
    "production: the dialog asks for the profile's name as well"
expect_screen_has dialog "Profile" "production: a Profile field"
expect_below no-profile "> Profile" 'that is not "prod": nothing was deleted' \
    "production: the label alone is refused"
expect_below wrong-profile "> Profile" 'that is not "prod": nothing was deleted' \
    "production: a wrong profile name is refused"
expect_count TENANT_DELETE_START 0 "production: nothing was sent without the profile's name"
: >"$EVENTS"
run_script production-ok -c "$CONFIG" <<EOF
wait
keys j d
type $T2_LABEL
keys Tab
type prod
keys Enter
wait
dump deleted
EOF
expect_count TENANT_DELETE_START 1 "production: the label and the profile's name delete"
status_has deleted "Deleted tenant \"$T2_NAME\"" "production: deleted"
stop_sandbox


# A client whose name holds control characters cannot be typed: its ID is the word to type.
start_sandbox --tenants 2 --clients 3 --seed 3 --hostile-names
write_config "$TMP/hostile.conf"
tenants_json
H_TENANT=$(tenant 'j[0]["id"]')
run clients list "$H_TENANT" -o json
H_CID=$(json_field "$TMP/out" 'j[0]["clientId"]')
check "(the hostile client's name holds an escape)" \
    py 'import json,sys; sys.exit(0 if "\x1b" in json.load(open(sys.argv[1]))[0]["name"] else 1)' "$TMP/out"
: >"$EVENTS"
run_script hostile-delete -c "$CONFIG" <<EOF
wait
keys Enter
wait
keys d
dump dialog
type $H_CID
keys Enter
wait
dump deleted
EOF
cp "$S_DIR/dialog" "$TMP/hostile-dialog.screen"
expect_screen_has dialog ", $H_CID, to confirm." \
    "a client with an untypable name: its ID is asked for"
expect_count TENANT_CLIENT_DELETE_START 1 "its ID typed: one delete"
expect_screen_lacks deleted "$H_CID" "its row is gone"
stop_sandbox


# A client whose name cannot be typed (control characters) is confirmed with its ID, but the
# dialog says "Type the client's name, <the client ID>, to confirm." (the tenant's dialog says
# "Type the tenant's ID, ..." in the same case).
expect_screen_lacks "$TMP/hostile-dialog.screen" "Type the client's name, $H_CID," \
    "an untypable client name: the dialog does not call the ID the client's name"
