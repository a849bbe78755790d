#!/bin/bash
# journal.sh: every change made from the command line is one JSON line in the journal
# ($XDG_STATE_HOME/tenantry/journal.jsonl, mode 0600, its folder 0700): create, update and
# delete of tenants and clients, and of system tenants; its outcome (done, failed with the
# status, "unknown: answer lost" when the answer was dropped); an update's fields; never a
# secret (the profile's, a new client's). `journal = false;` keeps a profile's changes out; a
# journal that cannot be written warns and the change stands. `tenantry journal` prints it
# (--since, -p, every format). The console's changes are journaled too.
. "$(dirname "$0")/lib.sh"

JOURNAL=$XDG_STATE_HOME/tenantry/journal.jsonl
# jline N EXPR: python over j, the N-th line (1-based) of the journal, parsed.
jline() {
    py 'import json,sys
lines = open(sys.argv[1]).read().splitlines()
j = json.loads(lines[int(sys.argv[2]) - 1])
print(eval(sys.argv[3]))' "$JOURNAL" "$1" "$2"
}
jcount() { if [ -f "$JOURNAL" ]; then wc -l <"$JOURNAL" | tr -d ' '; else echo 0; fi; }

start_sandbox --tenants 3 --clients 2 --seed 4
write_config
set_env_id
check "no change yet: no journal" [ ! -e "$JOURNAL" ]
run journal
expect_rc 0 "journal with no journal yet"
expect_empty_out "journal with no journal yet: prints nothing"
expect_in_err "No changes." "journal with no journal yet: says so on stderr, as an empty list does"
run journal -o json
expect_not_in_err "No changes." "journal -o json with no journal yet: no words, only []"

# ------------------------------------------------------------------ the CLI's changes
run tenants create --subdomain journal-one --environment "$ENV_ID" --name "Journal One" -o json
expect_rc 0 "tenants create"
T=$(json_field "$TMP/out" 'j["id"]')
NEW_SECRET=$(json_field "$TMP/out" 'j.get("client", {}).get("clientSecret") or j.get("clientSecret", "")')
check "a line for the create" [ "$(jcount)" = 1 ]
check "the file is mode 600 (got $(file_mode "$JOURNAL"))" [ "$(file_mode "$JOURNAL")" = 600 ]
check "its folder is mode 700 (got $(file_mode "$XDG_STATE_HOME/tenantry"))" \
    [ "$(file_mode "$XDG_STATE_HOME/tenantry")" = 700 ]
check "create: profile, api, operation, kind, id, name, outcome, status" \
    [ "$(jline 1 '"|".join(str(j[k]) for k in ("profile","api","operation","kind","id","name","outcome","status"))')" = \
      "local|mattr|create|tenants|$T|Journal One|done|201" ]
check "create: a time in ISO 8601 UTC" [ -n "$(jline 1 'j["time"]' | grep -E '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$')" ]

run clients create "$T" --name bot --role issuer -o json
expect_rc 0 "clients create"
C=$(json_field "$TMP/out" 'j["clientId"]')
CLIENT_SECRET=$(json_field "$TMP/out" 'j["clientSecret"]')
run clients update "$T" "$C" --name bot-renamed
expect_rc 0 "clients update"
check "update: its fields, the parent and the id" \
    [ "$(jline 3 'j["operation"]+"|"+j["kind"]+"|"+j["parent"]+"|"+j["id"]+"|"+",".join(j["fields"])+"|"+j["outcome"]')" = \
      "update|clients|$T|$C|name|done" ]
run clients delete "$T" "$C" --yes
expect_rc 0 "clients delete"
check "delete: done, 204" [ "$(jline 4 'j["operation"]+"|"+j["id"]+"|"+j["outcome"]+"|"+str(j["status"])')" = "delete|$C|done|204" ]

# a refused create: failed, its status and our words for it
run tenants create --subdomain journal-one --environment "$ENV_ID" --name "Again"
expect_rc 5 "the same label again is refused"
check "refused: failed, 400, with the error" \
    [ "$(jline 5 'j["outcome"]+"|"+str(j["status"])+"|"+str(bool(j.get("error")))')" = "failed|400|True" ]
check "every line is one JSON object" py 'import json,sys
for l in open(sys.argv[1]):
    assert isinstance(json.loads(l), dict)' "$JOURNAL"
for s in "$SECRET" "$CLIENT_SECRET" "$NEW_SECRET"; do
    [ -n "$s" ] || continue
    if grep -qF -e "$s" "$JOURNAL"; then fail "a secret is in the journal"; else ok "no secret (${#s} characters) in the journal"; fi
done
if grep -qiE 'bearer|access_token|authorization' "$JOURNAL"; then fail "a token in the journal"; else ok "no token in the journal"; fi

# ------------------------------------------------------------------ printing it
run journal
expect_rc 0 "journal"
expect_in_out "OPERATION" "journal: a table with its header"
expect_in_out "Journal One" "journal: the create's name"
check "journal: one row a change (5) and the header" [ "$(wc -l <"$TMP/out" | tr -d ' ')" = 6 ]
run journal -o jsonl
check "journal -o jsonl: the lines as written" cmp -s "$TMP/out" "$JOURNAL"
run journal -o json
check "journal -o json: an array of the 5" py 'import json,sys; assert len(json.load(open(sys.argv[1]))) == 5' "$TMP/out"
run journal -o csv
expect_in_out "time,profile,api,operation" "journal -o csv: the header" 
run journal --since 2999-01-01
expect_rc 0 "journal --since the future"
expect_empty_out "journal --since the future: nothing"
run journal --since 2000-01-01 -o jsonl
check "journal --since the past: all 5" [ "$(wc -l <"$TMP/out" | tr -d ' ')" = 5 ]
run journal --since 2024-02-30
expect_rc 2 "journal --since a day that does not exist"
expect_in_err "--since wants a date" "journal --since: says what it wants"
run journal -p nobody
expect_rc 0 "journal -p another profile"
expect_empty_out "journal -p another profile: nothing of ours"
echo 'not json' >>"$JOURNAL"
run journal -o jsonl
expect_rc 0 "a line that is not JSON is skipped"
expect_in_err "1 line of" "it says a line was skipped"

# ------------------------------------------------------------------ answer lost
start_sandbox --tenants 1 --drop-rate 1 --fault-methods POST
write_config "$TMP/drop.conf"
n0=$(jcount)
run tenants create --subdomain journal-lost --environment "$ENV_ID"
expect_rc 6 "a create whose answer is dropped"
check "answer lost: unknown, no status" \
    [ "$(jline $((n0 + 1)) 'j["outcome"]+"|"+str(j["status"])')" = "unknown: answer lost|None" ]

# ------------------------------------------------------------------ turned off; unwritable
start_sandbox --tenants 1
PROFILE_EXTRA='journal = false;' write_config "$TMP/off.conf"
set_env_id
n0=$(jcount)
run tenants create --subdomain journal-off --environment "$ENV_ID"
expect_rc 0 "a create with journal = false"
check "journal = false: no line" [ "$(jcount)" = "$n0" ]
write_config "$TMP/on.conf"
: >"$TMP/blocked" # a file where the journal's folder would go
XDG_STATE_HOME=$TMP/blocked run tenants create --subdomain journal-blocked --environment "$ENV_ID"
expect_rc 0 "a journal that cannot be written: the create stands"
expect_in_err "warning: the change is not in the journal: cannot create the folder" \
    "it warns that the change is not in the journal, and why"
check "the create happened (the second on this sandbox)" [ "$(count_events TENANT_CREATE_SUCCESS)" = 2 ]

# ------------------------------------------------------------------ system tenants
sys_init
sys_sandbox --system-tenants 2 --post-status 201
write_system_config "$TMP/sys.conf"
n0=$(jcount)
run tenants create --data "$TMP/acme.json" -o json
expect_rc 0 "system: tenants create"
U=$(json_field "$TMP/out" 'j["uuid"]')
run tenants update "$U" --data "$TMP/platinum.json" --version 1
expect_rc 0 "system: tenants update"
run tenants delete "$U" --yes
expect_rc 0 "system: tenants delete"
check "system: three lines, api system, the uuid, done" \
    [ "$(for k in 1 2 3; do jline $((n0 + k)) 'j["api"]+":"+j["operation"]+":"+j["id"]+":"+j["outcome"]'; done | tr '\n' ' ')" = \
      "system:create:$U:done system:update:$U:done system:delete:$U:done " ]
check "system: the update's field is data" [ "$(jline $((n0 + 2)) '",".join(j["fields"])')" = data ]
if grep -qF -e "$SYS_PASSWORD" "$JOURNAL"; then fail "the system password is in the journal"; else ok "no system password in the journal"; fi
