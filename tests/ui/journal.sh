#!/bin/bash
# journal.sh: the console's changes are in the journal too (a create from the form: one line,
# profile local, done 201, its name and ID; the new client's secret not in it), and :journal
# shows the journal newest first (the console's create above the CLI's, made before it).
. "$(dirname "$0")/lib.sh"

JOURNAL=$XDG_STATE_HOME/tenantry/journal.jsonl
start_sandbox --tenants 3 --clients 1 --seed 3
write_config
set_env_id
run tenants create --subdomain from-cli --environment "$ENV_ID" --name "From The CLI"
expect_rc 0 "a create from the CLI first"
UI_COLS=140 run_script create -c "$CONFIG" <<'EOF'
wait
keys c
type From The Console
keys Tab
type from-console
keys Enter
wait
dump secret
keys Enter Enter
keys :
type journal
keys Enter
dump journal
keys Esc
dump closed
EOF
NEW_ID=$(grep '^TENANT_CREATE_SUCCESS ' "$EVENTS" | tail -n 1 | grep -oE 'id=[0-9a-f-]{36}' | cut -d= -f2)
check "two lines in the journal" [ "$(wc -l <"$JOURNAL" | tr -d ' ')" = 2 ]
check "the console's create: local, create, tenants, its ID and name, done, 201" \
    [ "$(py 'import json,sys
j = json.loads(open(sys.argv[1]).read().splitlines()[1])
print("|".join(str(j[k]) for k in ("profile","operation","kind","id","name","outcome","status")))' "$JOURNAL")" = \
      "local|create|tenants|$NEW_ID|From The Console|done|201" ]
SECRET_SHOWN=$(dump_text secret | sed -n 's/.* Secret  *\([A-Za-z0-9_.~-]\{16,\}\) .*/\1/p' | head -n 1)
check "the panel showed a secret" [ -n "$SECRET_SHOWN" ]
if grep -qF -e "$SECRET_SHOWN" "$JOURNAL"; then fail "the new secret is in the journal"; else ok "the new secret is not in the journal"; fi
expect_screen_has journal "Journal: 2 changes, newest first" ":journal: the journal, with its count"
first=$(dump_text journal | grep -n "From The" | head -n 1)
case $first in
*"create  tenants  done 201  From The Console ($NEW_ID"*) ok ":journal: the console's create is the first line (newest first)" ;;
*) _show journal; fail ":journal: the first change listed is '$first'" ;;
esac
expect_screen_has journal "From The CLI (" ":journal: the CLI's create is there too"
expect_screen_lacks closed "Journal:" "Esc closes it"
