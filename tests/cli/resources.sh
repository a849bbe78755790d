#!/bin/bash
# resources.sh: every resource verb of tenantry against a real sandbox, with the effects
# checked by a follow-up command and by the sandbox's events file: environments list; tenants
# list, get, create, delete; clients list, create, update, delete; profile test. New secrets
# are printed once, on stdout only. Deletes need --yes without a terminal and send nothing
# without it.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 5 --clients 2 --environments 3
write_config

# ------------------------------------------------------------------ environments list
run environments list
expect_rc 0 "environments list"
expect_in_out "NAME" "environments list prints a table header"
for e in au01 us01 eu01; do expect_in_out "$e" "environments list shows $e"; done
check "environments list: exactly 3 environment rows" [ "$(grep -c mattr.global "$TMP/out")" = 3 ]
check "one ENVIRONMENT_RETRIEVE_LIST_SUCCESS event" \
    [ "$(count_events ENVIRONMENT_RETRIEVE_LIST_SUCCESS)" = 1 ]
set_env_id
case $ENV_ID in *-*-*-*-*) ok "environments list -o json gives an environment ID" ;;
*) fail "no environment ID from environments list -o json: '$ENV_ID'" ;; esac

# ------------------------------------------------------------------ tenants list / get
run tenants list -o json
expect_rc 0 "tenants list -o json"
check "tenants list lists the 5 seeded tenants" \
    [ "$(json_field "$TMP/out" 'len(j)')" = 5 ]
SEEDED_ID=$(json_field "$TMP/out" 'j[0]["id"]')
SEEDED_NAME=$(json_field "$TMP/out" 'j[0]["name"]')

run tenants list
expect_rc 0 "tenants list (table)"
expect_in_out "$SEEDED_ID" "tenants list (table) shows the first tenant's ID"
expect_in_out "$SEEDED_NAME" "tenants list (table) shows the first tenant's name"

run tenants get "$SEEDED_ID"
expect_rc 0 "tenants get ID"
expect_in_out "$SEEDED_ID" "tenants get shows the ID"
expect_in_out "$SEEDED_NAME" "tenants get shows the name"
run tenants get "$SEEDED_ID" -o json
expect_rc 0 "tenants get -o json"
check "tenants get -o json is the tenant asked for" \
    [ "$(json_field "$TMP/out" 'j["id"]')" = "$SEEDED_ID" ]
check "one TENANT_RETRIEVE_SUCCESS per get so far" [ "$(count_events TENANT_RETRIEVE_SUCCESS)" = 2 ]

# ------------------------------------------------------------------ tenants create
run tenants create --subdomain acme-one --environment "$ENV_ID" --name "Acme One"
expect_rc 0 "tenants create (table)"
expect_in_out "Acme One" "tenants create shows the new tenant's name"
expect_in_out "acme-one" "tenants create shows the new subdomain"
expect_in_out "Client secret: " "tenants create prints a 'Client secret:' line"
T1_SECRET=$(sed -n 's/^Client secret: \(.*\)$/\1/p' "$TMP/out")
check "the 'Client secret:' line holds a secret" [ "${#T1_SECRET}" -ge 16 ]
check "the secret is printed once" [ "$(grep -cF -e "$T1_SECRET" "$TMP/out")" = 1 ]
expect_not_in_err "$T1_SECRET" "the new tenant's secret is not on stderr"
check "one TENANT_CREATE_SUCCESS" [ "$(count_events TENANT_CREATE_SUCCESS)" = 1 ]

run tenants create --subdomain acme-two --environment "$ENV_ID" -o json
expect_rc 0 "tenants create -o json"
T2_ID=$(json_field "$TMP/out" 'j["id"]') || fail "tenants create -o json is not JSON"
T2_SECRET=$(json_field "$TMP/out" 'j["client"]["clientSecret"]') ||
    fail "tenants create -o json has no client.clientSecret"
check "tenants create -o json: client.clientSecret is a secret" [ "${#T2_SECRET}" -ge 16 ]
check "tenants create -o json: the name defaults to the subdomain" \
    [ "$(json_field "$TMP/out" 'j["name"]')" = acme-two ]
expect_not_in_err "$T2_SECRET" "the -o json secret is not on stderr"
check "the two tenants got different secrets" [ "$T1_SECRET" != "$T2_SECRET" ]
check "two TENANT_CREATE_SUCCESS" [ "$(count_events TENANT_CREATE_SUCCESS)" = 2 ]

run tenants create --subdomain acme-three --environment "$ENV_ID" -o csv
expect_rc 0 "tenants create -o csv"
check "tenants create -o csv: a header and one record" [ "$(wc -l <"$TMP/out")" = 2 ]
expect_in_out "clientSecret" "tenants create -o csv has a clientSecret column"
T3_SECRET=$(py 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[0]["clientSecret"])' "$TMP/out") ||
    fail "tenants create -o csv does not parse as CSV with a clientSecret column"
check "tenants create -o csv: the clientSecret field holds the secret" [ "${#T3_SECRET}" -ge 16 ]
check "tenants create -o csv: clientSecret is the last column" \
    [ "$(head -n 1 "$TMP/out" | sed 's/.*,//')" = clientSecret ]
expect_not_in_err "$T3_SECRET" "the -o csv secret is not on stderr"

# --environment takes an environment's name too.
run environments list -o json
ENV_NAME=$(json_field "$TMP/out" 'j[1]["name"]')
ENV2_ID=$(json_field "$TMP/out" 'j[1]["id"]')
run tenants create --subdomain by-name --environment "$ENV_NAME" -o json
expect_rc 0 "tenants create --environment NAME ($ENV_NAME)"
check "the tenant created by environment name is in that environment" \
    [ "$(json_field "$TMP/out" 'j["environment"]["id"]')" = "$ENV2_ID" ]
T4_ID=$(json_field "$TMP/out" 'j["id"]')
starts=$(count_events TENANT_CREATE_START)
run tenants create --subdomain no-env --environment no-such-environment
expect_rc 4 "tenants create --environment naming no environment"
expect_in_err "no-such-environment" "the message names the unknown environment"
check "no create was sent for an unknown environment name" \
    [ "$(count_events TENANT_CREATE_START)" = "$starts" ]

run tenants get "$T2_ID" -o json
expect_rc 0 "tenants get of the created tenant"
check "the created tenant is in its environment" \
    [ "$(json_field "$TMP/out" 'j["environment"]["id"]')" = "$ENV_ID" ]
expect_not_in_out "$T2_SECRET" "tenants get never shows the secret again"
run tenants list --all -o jsonl
expect_rc 0 "tenants list --all after the creates"
check "tenants list now has 9 tenants" [ "$(wc -l <"$TMP/out")" = 9 ]
expect_in_out "$T2_ID" "tenants list shows the created tenant"
for s in "$T1_SECRET" "$T2_SECRET" "$T3_SECRET"; do
    expect_not_in_out "$s" "tenants list shows no client secret"
done

# ------------------------------------------------------------------ clients
run clients list "$T2_ID" -o json
expect_rc 0 "clients list TENANT -o json"
check "a new tenant has its one admin client" [ "$(json_field "$TMP/out" 'len(j)')" = 1 ]
check "... whose role is admin" [ "$(json_field "$TMP/out" 'j[0]["roles"]')" = "['admin']" ]
expect_not_in_out "$T2_SECRET" "clients list shows no secret"

run clients create "$T2_ID" --name "Issuer bot" --role issuer --role verifier
expect_rc 0 "clients create (table)"
expect_in_out "Issuer bot" "clients create shows the name"
expect_in_out "issuer,verifier" "clients create shows both roles"
expect_in_out "Client secret: " "clients create prints a 'Client secret:' line"
C1_SECRET=$(sed -n 's/^Client secret: \(.*\)$/\1/p' "$TMP/out")
check "the client's 'Client secret:' line holds a secret" [ "${#C1_SECRET}" -ge 16 ]
expect_not_in_err "$C1_SECRET" "the client secret is not on stderr"

run clients create "$T2_ID" --name "Audit bot" --role auditor -o json
expect_rc 0 "clients create -o json"
C2_ID=$(json_field "$TMP/out" 'j["clientId"]') || fail "clients create -o json: no clientId"
C2_SECRET=$(json_field "$TMP/out" 'j["clientSecret"]') || fail "clients create -o json: no clientSecret"
check "clients create -o json: clientSecret is a secret" [ "${#C2_SECRET}" -ge 16 ]
expect_not_in_err "$C2_SECRET" "the -o json client secret is not on stderr"
check "two TENANT_CLIENT_CREATE_SUCCESS" [ "$(count_events TENANT_CLIENT_CREATE_SUCCESS)" = 2 ]

run clients list "$T2_ID"
expect_rc 0 "clients list TENANT (table)"
expect_in_out "Issuer bot" "clients list shows the first created client"
expect_in_out "$C2_ID" "clients list shows the second created client"
check "clients list: 3 clients and a header" [ "$(wc -l <"$TMP/out")" = 4 ]
expect_not_in_out "$C1_SECRET" "clients list shows no secret (1)"
expect_not_in_out "$C2_SECRET" "clients list shows no secret (2)"

run clients update "$T2_ID" "$C2_ID" --name "Audit bot 2" --role auditor --role issuer
expect_rc 0 "clients update --name --role"
expect_in_out "Audit bot 2" "clients update shows the new name"
check "one TENANT_CLIENT_UPDATE_SUCCESS" [ "$(count_events TENANT_CLIENT_UPDATE_SUCCESS)" = 1 ]
expect_not_in_out "$C2_SECRET" "clients update does not show the secret"
run clients list "$T2_ID" -o json
check "the update changed name and roles" [ "$(json_field "$TMP/out" \
    '[(c["name"], sorted(c["roles"])) for c in j if c["clientId"] == "'"$C2_ID"'"][0]')" = \
    "('Audit bot 2', ['auditor', 'issuer'])" ]

run clients update "$T2_ID" "$C2_ID" --name "Audit bot 3" -o json
expect_rc 0 "clients update --name only"
check "a name-only update keeps the roles" \
    [ "$(json_field "$TMP/out" 'j["name"] + ":" + ",".join(sorted(j["roles"]))')" = "Audit bot 3:auditor,issuer" ]

# ------------------------------------------------------------------ deletes
mark=$(event_lines)
run clients delete "$T2_ID" "$C2_ID"
expect_rc 2 "clients delete without a terminal and without --yes"
expect_in_err "--yes" "the refusal says to add --yes"
check "no request was sent for the refused client delete" [ "$(event_lines)" = "$mark" ]
check "no TENANT_CLIENT_DELETE_START" [ "$(count_events TENANT_CLIENT_DELETE_START)" = 0 ]

run clients delete "$T2_ID" "$C2_ID" --yes
expect_rc 0 "clients delete --yes"
check "one TENANT_CLIENT_DELETE_SUCCESS" [ "$(count_events TENANT_CLIENT_DELETE_SUCCESS)" = 1 ]
run clients list "$T2_ID" -o json
check "the deleted client is gone" [ "$(json_field "$TMP/out" \
    'sum(1 for c in j if c["clientId"] == "'"$C2_ID"'")')" = 0 ]
check "the other clients stay" [ "$(json_field "$TMP/out" 'len(j)')" = 2 ]
run clients delete "$T2_ID" "$C2_ID" --yes
expect_rc 4 "clients delete of a deleted client"

mark=$(event_lines)
run tenants delete "$T2_ID"
expect_rc 2 "tenants delete without a terminal and without --yes"
expect_in_err "--yes" "the refusal says to add --yes"
check "no request was sent for the refused tenant delete" [ "$(event_lines)" = "$mark" ]
check "no TENANT_DELETE_START" [ "$(count_events TENANT_DELETE_START)" = 0 ]
run tenants get "$T2_ID"
expect_rc 0 "the tenant is still there after the refused delete"

run tenants delete "$T2_ID" --yes
expect_rc 0 "tenants delete --yes"
check "tenants delete (table) prints 'Deleted tenant ID.'" [ "$out" = "Deleted tenant $T2_ID." ]
check "one TENANT_DELETE_SUCCESS" [ "$(count_events TENANT_DELETE_SUCCESS)" = 1 ]
run tenants get "$T2_ID"
expect_rc 4 "tenants get after the delete"
run tenants list --all -o jsonl
check "tenants list has 8 tenants after the delete" [ "$(wc -l <"$TMP/out")" = 8 ]
expect_not_in_out "$T2_ID" "the deleted tenant is not listed"
run clients list "$T2_ID"
expect_rc 4 "clients list of a deleted tenant"
run tenants delete "$T2_ID" --yes
expect_rc 4 "tenants delete of a deleted tenant"
run tenants delete "$T4_ID" --yes -o json
expect_rc 0 "tenants delete --yes -o json"
expect_empty_out "tenants delete -o json prints nothing"
run tenants get "$T4_ID"
expect_rc 4 "tenants get after the -o json delete"

# ------------------------------------------------------------------ an empty list
# Acme One has its one admin client; with it deleted the list is empty.
run tenants list --all -o json
T1_ID=$(json_field "$TMP/out" '[t["id"] for t in j if t["name"] == "Acme One"][0]')
run clients list "$T1_ID" -o json
T1_ADMIN=$(json_field "$TMP/out" 'j[0]["clientId"]')
run clients delete "$T1_ID" "$T1_ADMIN" --yes
expect_rc 0 "clients delete of the tenant's only client"
run clients list "$T1_ID"
expect_rc 0 "clients list of a tenant without clients"
expect_empty_out "an empty table list prints nothing on stdout"
expect_in_err "No clients." "an empty table list says 'No clients.' on stderr"
run clients list "$T1_ID" -o json
check "an empty -o json list is []" [ "$out" = "[]" ]
run clients list "$T1_ID" -o jsonl
expect_rc 0 "an empty -o jsonl list"
expect_empty_out "an empty -o jsonl list prints nothing"
run clients list "$T1_ID" -o csv
check "an empty -o csv list is the header alone" [ "$(wc -l <"$TMP/out")" = 1 ]

# ------------------------------------------------------------------ profile test
run profile test
expect_rc 0 "profile test (the default profile)"
expect_in_out "local" "profile test names the profile"
expect_in_out "works" "profile test says the profile works"
run profile test local
expect_rc 0 "profile test local"
expect_not_in_out "$SECRET" "profile test does not print the secret"
expect_not_in_err "$SECRET" "profile test does not print the secret on stderr"

stop_sandbox
