#!/bin/bash
# rotate.sh: `clients rotate TENANT CLIENT`: a new client with the same name and roles (its
# secret printed once), then the old one deleted (--delete-old), kept (--keep-old, or no
# terminal to ask), one create and at most one delete at the sandbox; the journal marks which
# is which (the create "rotates" the old ID, the delete is "rotated_by" the new). A failure at
# each step says where things stand: not created (the old one unchanged), or created but the old
# one not deleted (both work; how to delete it). No rotate for tenants.
. "$(dirname "$0")/lib.sh"

rotation_fixture
C1=$(json_field "$TMP/before.json" 'j[1]["clientId"]')

# ------------------------------------------------------------------ --delete-old
: >"$EVENTS"
run clients rotate "$T" "$C0" --delete-old -o json
expect_rc 0 "clients rotate --delete-old"
NEW=$(json_field "$TMP/out" 'j["clientId"]')
NEW_SECRET=$(json_field "$TMP/out" 'j["clientSecret"]')
check "the new client's ID and secret are printed" [ -n "$NEW" -a ${#NEW_SECRET} -ge 16 ]
expect_in_err "Deleted the old client $C0" "stderr says the old one is deleted"
check "one create, one delete (of the old one)" \
    [ "$(count_events TENANT_CLIENT_CREATE_SUCCESS):$(count_events TENANT_CLIENT_DELETE_SUCCESS)" = 1:1 ]
check "the delete was of $C0" grep -q "^TENANT_CLIENT_DELETE_SUCCESS .*/clients/$C0" "$EVENTS"
expect_rotated "$NEW" "$NEW_SECRET"

# ------------------------------------------------------------------ kept
: >"$EVENTS"
run clients rotate "$T" "$C1" --keep-old
expect_rc 0 "clients rotate --keep-old"
expect_in_out "Client secret: " "the table shows the new client with its secret"
expect_in_err "Kept the old client $C1" "stderr says the old one is kept, and how to delete it"
expect_in_err "clients delete $T $C1" "with the command to delete it later"
check "no delete" [ "$(count_events TENANT_CLIENT_DELETE_START)" = 0 ]
: >"$EVENTS"
run clients rotate "$T" "$C1"
expect_rc 0 "clients rotate with no terminal to ask"
expect_in_err "Kept the old client $C1" "no terminal to ask: the old one is kept"
check "no delete without an answer" [ "$(count_events TENANT_CLIENT_DELETE_START)" = 0 ]
run clients rotate "$T" "$C1" --keep-old --delete-old
expect_rc 2 "--keep-old and --delete-old together"

# ------------------------------------------------------------------ failures
: >"$EVENTS"
run clients rotate "$T" 0123456789abcdef0123456789abcdef --delete-old
expect_rc 4 "an unknown client"
expect_in_err "has no client 0123456789abcdef0123456789abcdef: nothing was changed" "it says nothing changed"
check "nothing created" [ "$(count_events TENANT_CLIENT_CREATE_START)" = 0 ]
run tenants rotate "$T"
expect_rc 2 "tenants have no rotate"

start_sandbox --tenants 1 --clients 1 --seed 8 --fail-rate 1 --fail-status 503 --retry-after 0 \
    --fault-methods POST
write_config "$TMP/nocreate.conf"
run tenants list -o json
T2=$(json_field "$TMP/out" 'j[0]["id"]')
run clients list "$T2" -o json
C2=$(json_field "$TMP/out" 'j[0]["clientId"]')
run clients rotate "$T2" "$C2" --delete-old
expect_rc 6 "the create fails"
expect_in_err "the new client was not created (the old one, $C2, still works and is unchanged)" \
    "it says the old one still works"
check "no delete" [ "$(count_events TENANT_CLIENT_DELETE_START)" = 0 ]

start_sandbox --tenants 1 --clients 1 --seed 8 --fail-rate 1 --fail-status 503 --retry-after 0 \
    --fault-methods DELETE
write_config "$TMP/nodelete.conf"
run tenants list -o json
T3=$(json_field "$TMP/out" 'j[0]["id"]')
run clients list "$T3" -o json
C3=$(json_field "$TMP/out" 'j[0]["clientId"]')
run clients rotate "$T3" "$C3" --delete-old -o json
expect_rc 6 "the delete of the old one fails"
N3=$(json_field "$TMP/out" 'j["clientId"]')
expect_in_err "the new client $N3 is created (its secret is above), but the old one, $C3, could not be deleted: it still works" \
    "it says both exist"
expect_in_err "clients delete $T3 $C3" "and how to delete the old one"
