#!/bin/bash
# rotate.sh: R on a client in the console, as `tenantry clients rotate`: a dialog says what
# happens; Enter creates one new client with the same name and roles and shows its ID and
# secret once (the secret panel); closing the panel offers to delete the old client, which
# happens only after the first 8 characters of its ID are typed (a wrong word deletes
# nothing; Esc keeps it, and the status line says which is which). The journal marks which is
# which and holds no secret. A failure at each step says where things stand: the create
# refused (the old one unchanged, nothing else sent), or the old one's delete refused (both
# work; Enter tries again).
. "$(dirname "$0")/lib.sh"

# new_client: the ID of the client the sandbox created last.
new_client() { grep '^TENANT_CLIENT_CREATE_SUCCESS ' "$EVENTS" | tail -n 1 | sed -n 's/.* id=\([^ ]*\).*/\1/p'; }

rotation_fixture

# ------------------------------------------------------------------ rotated, the old one deleted
: >"$EVENTS"
UI_COLS=140 run_script rotate -c "$CONFIG" <<EOF
wait
keys Tab
wait
keys R
dump dialog
keys Enter
wait
dump secret
keys Enter Enter
dump offer
type wrongwrd
keys Enter
dump wrong
keys C-u
$(for ((i = 0; i < 8; i++)); do echo "keys Backspace"; done)
type ${C0:0:8}
keys Enter
wait
dump done
EOF
NEW=$(new_client)
expect_screen_has dialog "Rotate client" "R: the rotation's dialog"
expect_screen_has dialog "This creates a new client \"$NAME0\" with the same roles" "it says what happens"
expect_screen_has secret "$NEW" "the secret panel shows the new client's ID"
SECRET_SHOWN=$(dump_text secret | sed -n 's/.* Secret  *\([A-Za-z0-9_.~-]\{16,\}\) .*/\1/p' | head -n 1)
check "and its secret" [ -n "$SECRET_SHOWN" ]
expect_screen_has offer "Delete the old client" "closing the panel offers to delete the old one"
expect_screen_has offer "Type the first 8 characters of the old client's ID, ${C0:0:8}," \
    "it wants the old ID's first 8 characters"
expect_screen_has wrong "that is not \"${C0:0:8}\": nothing was deleted" "a wrong word is refused"
status_has done "Deleted the old client $C0: only the new one, $NEW, works now" "the status line says which is which"
check "one create, then one delete: of the old client" py 'import sys
ev = [l.split()[0] + " " + l for l in open(sys.argv[1]) if l.startswith(("TENANT_CLIENT_CREATE_", "TENANT_CLIENT_DELETE_"))]
kinds = [e.split()[0] for e in ev]
assert kinds == ["TENANT_CLIENT_CREATE_START", "TENANT_CLIENT_CREATE_SUCCESS",
                 "TENANT_CLIENT_DELETE_START", "TENANT_CLIENT_DELETE_SUCCESS"], kinds
assert "/clients/" + sys.argv[2] in ev[3], ev[3]' "$EVENTS" "$C0"
expect_rotated "$NEW" "$SECRET_SHOWN"

# ------------------------------------------------------------------ the old one kept
C1=$(json_field "$TMP/out" 'j[1]["clientId"]') # the second row now
: >"$EVENTS"
UI_COLS=140 run_script keep -c "$CONFIG" <<'EOF'
wait
keys Tab
wait
keys j R Enter
wait
keys Enter Enter Esc
dump kept
EOF
NEW1=$(new_client)
status_has kept "Kept the old client $C1; the new one is $NEW1. Both work" "Esc keeps the old one and says which is which"
check "one create, no delete" \
    [ "$(count_events TENANT_CLIENT_CREATE_SUCCESS):$(count_events TENANT_CLIENT_DELETE_START)" = 1:0 ]

# ------------------------------------------------------------------ the create refused
start_sandbox --tenants 2 --clients 3 --seed 8 --fail-rate 1 --fault-methods POST
write_config
: >"$EVENTS"
UI_COLS=140 run_script create-fails -c "$CONFIG" <<'EOF'
wait
keys Tab
wait
keys R Enter
wait
dump refused
EOF
expect_screen_has refused "the new client was not created (the old one," \
    "a refused create says nothing was created"
expect_screen_has refused "$C0, still works and is unchanged): POST" "and that the old one still works"
check "no client created, none deleted" \
    [ "$(count_events TENANT_CLIENT_CREATE_SUCCESS):$(count_events TENANT_CLIENT_DELETE_START)" = 0:0 ]

# ------------------------------------------------------------------ the old one's delete refused
start_sandbox --tenants 2 --clients 3 --seed 8 --fail-first 1 --fail-status 409 \
    --fault-methods DELETE
write_config
: >"$EVENTS"
UI_COLS=140 run_script delete-fails -c "$CONFIG" <<EOF
wait
keys Tab
wait
keys R Enter
wait
keys Enter Enter
type ${C0:0:8}
keys Enter
wait
dump refused
keys Enter
wait
dump retried
EOF
NEW2=$(new_client)
expect_screen_has refused "the new client $NEW2 is created, but the old" \
    "a refused delete says the new one exists"
expect_screen_has refused "$C0, could not be deleted: it still" "and that the old one still works"
expect_screen_has refused "Enter tries again; Esc keeps it" "and what can be done"
status_has retried "Deleted the old client $C0: only the new one, $NEW2, works now" "Enter tries again"
check "one create; two DELETEs of the old one, the second done" \
    [ "$(count_events TENANT_CLIENT_CREATE_SUCCESS):$(grep -c "^TENANT_CLIENT_DELETE_START .*/clients/$C0" "$EVENTS"):$(count_events TENANT_CLIENT_DELETE_SUCCESS)" = 1:2:1 ]
