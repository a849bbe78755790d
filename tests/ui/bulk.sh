#!/bin/bash
# bulk.sh: d on marked rows in the console. Under faults (--fail-rate 0.2 --drop-rate 0.1)
# exactly the marked tenants get DELETEs, each deleted once, and the summary's counts match the
# sandbox's events; the console answers keys while the deletes run (help opens and closes) and
# Esc stops sending more (those sent finish; the rest stay marked); failures stay marked with
# "!" and their error, and d again retries them; a wrong count is refused, and a production
# profile wants its name too; clients of a tenant and system tenants the same way.
. "$(dirname "$0")/lib.sh"

# title FILE: the pane's title line (the third).
title() { screen_line "$1" 3; }
# deleted_ids EVENT: the IDs (last path segment) of the EVENT events, sorted.
deleted_ids() {
    sed -nE "s#^$1 .*path=\\S*/([^/ ]+)( .*)?\$#\\1#p" "$EVENTS" | sort
}

# ------------------------------------------------------------------ under faults
start_sandbox --tenants 60 --clients 0 --seed 12 --fail-rate 0.2 --drop-rate 0.1 \
    --retry-after 0 --fault-methods DELETE
write_config
run tenants list --all -o json
json_field "$TMP/out" '"\n".join(t["id"] for t in j)' >"$TMP/all.txt"
sed -n '4,$p' "$TMP/all.txt" | sort >"$TMP/marked.txt" # all but the first three
: >"$EVENTS"
UI_COLS=140 run_script faults -c "$CONFIG" <<'EOF'
wait
keys z *
keys g Space Space Space
dump marked
keys d
type 57
keys Enter
wait
dump done
EOF
expect_line_has marked 3 "57 marked" "* marked the 60, Space unmarked three: 57 marked"
check "the sandbox injected faults into the DELETEs ($(grep -c '^TENANT_DELETE_[A-Z]* .*fault=' "$EVENTS"))" \
    [ "$(grep -c '^TENANT_DELETE_[A-Z]* .*fault=' "$EVENTS")" -ge 5 ]
check "DELETEs only for the marked tenants" py 'import re,sys
want = set(open(sys.argv[1]).read().split())
for l in open(sys.argv[2]):
    m = re.match(r"TENANT_DELETE_START .*path=/v1/tenants/(\S+)", l)
    if m: assert m.group(1) in want, m.group(1)' "$TMP/marked.txt" "$EVENTS"
deleted_ids TENANT_DELETE_SUCCESS >"$TMP/gone.txt"
check "each deleted once at the sandbox" [ "$(uniq -d "$TMP/gone.txt" | wc -l)" = 0 ]
summary=$(screen_line done -1)
case $summary in
*"Deleted 57 tenants"*) X=57 F=0 U=0 ;;
*) read -r X F U < <(sed -nE 's/.*Deleted ([0-9]+) of 57 tenants: ([0-9]+) failed, ([0-9]+) unknown, 0 not sent.*/\1 \2 \3/p' <<<"$summary") ;;
esac
check "the summary counts them ($summary)" [ -n "${X:-}" ]
check "deleted ($X) + unknown ($U) = the tenants the sandbox deleted ($(wc -l <"$TMP/gone.txt"))" \
    [ $((X + U)) = "$(wc -l <"$TMP/gone.txt" | tr -d ' ')" ]
check "deleted + failed + unknown = 57" [ $((X + F + U)) = 57 ]
if [ $((F + U)) = 0 ]; then
    title done | grep -q marked && fail "marks left: $(title done)" || ok "no marks left"
else
    expect_line_has done 3 "$((F + U)) marked" "the $((F + U)) not deleted stay marked"
fi
run tenants list --all -o json
json_field "$TMP/out" '"\n".join(t["id"] for t in j)' | sort >"$TMP/left.txt"
check "the tenants left are exactly those the sandbox did not delete" \
    [ "$(comm -23 <(sort "$TMP/all.txt") "$TMP/gone.txt" | tr '\n' ' ')" = "$(tr '\n' ' ' <"$TMP/left.txt")" ]
check "the three not marked are all still there" \
    [ "$(head -n 3 "$TMP/all.txt" | sort | comm -23 - "$TMP/left.txt" | wc -l)" = 0 ]
check "57 delete lines in the journal" \
    [ "$(grep -c '"operation":"delete"' "$XDG_STATE_HOME/tenantry/journal.jsonl")" = 57 ]

# ------------------------------------------------------------------ keys meanwhile; Esc stops
start_sandbox --tenants 20 --clients 0 --seed 13 --latency-ms 600
write_config
: >"$EVENTS"
UI_COLS=140 run_script stop -c "$CONFIG" <<'EOF'
wait
keys *
keys d
type 20
keys Enter
waitfor Deleting 20 tenants
keys ?
dump help
keys Esc
dump back
keys Esc
dump stopping
wait
dump stopped
EOF
expect_line help 3 " Help" "? opens the help while the deletes run"
status_has help "Deleting 20 tenants" "the progress line meanwhile"
expect_screen_lacks back "Move the selection down" "Esc closes the help"
status_has back "Esc stops" "and not the deletes: still running"
status_has stopping "Stopping" "the next Esc stops sending more"
sent=$(count_events TENANT_DELETE_START)
check "some were sent ($sent), not all" [ "$sent" -ge 1 ] && [ "$sent" -lt 20 ]
check "every one sent finished" [ "$(count_events TENANT_DELETE_SUCCESS)" = "$sent" ]
status_has stopped "Deleted $sent of 20 tenants: 0 failed, 0 unknown, $((20 - sent)) not sent" \
    "the summary says how many were not sent"
expect_line_has stopped 3 "$((20 - sent)) marked" "those not sent stay marked"

# ------------------------------------------------------------------ failures stay marked; d retries
start_sandbox --tenants 6 --clients 0 --seed 14 --fail-first 2 --fail-status 409 \
    --fault-methods DELETE
write_config
: >"$EVENTS"
UI_COLS=140 run_script retry -c "$CONFIG" <<'EOF'
wait
keys z *
keys d
type 6
keys Enter
wait
dump failed
keys g
dump why
keys d
dump again
type 2
keys Enter
wait
dump retried
EOF
status_has failed "Deleted 4 of 6 tenants: 2 failed, 0 unknown, 0 not sent" "two refused (409), four deleted"
expect_line_has failed 3 "2 marked" "the two refused stay marked"
check "drawn with ! (failed)" [ "$(dump_text failed | grep -c '^!')" = 2 ]
status_has why "Not deleted: DELETE http://127.0.0.1:PORT/v1/tenants/" "the selected failed row says why (the request refused)"
expect_screen_has again "2 of them failed before: they are tried again." "d again: the dialog says so"
status_has retried "Deleted 2 tenants" "d again deletes them"
check "eight DELETEs in all, six tenants deleted once each" \
    [ "$(count_events TENANT_DELETE_START)/$(deleted_ids TENANT_DELETE_SUCCESS | uniq | wc -l | tr -d ' ')" = 8/6 ]

# ------------------------------------------------------------------ the count typed; production
start_sandbox --tenants 5 --clients 0 --seed 15
PROFILE_EXTRA='production = true;' write_config
run tenants list --all -o json
json_field "$TMP/out" '"\n".join(t["id"] for t in j[:2])' | sort >"$TMP/two.txt"
: >"$EVENTS"
UI_COLS=140 run_script production -c "$CONFIG" <<'EOF'
wait
keys Space Space
keys d
dump dialog
type 3
keys Enter
dump wrong
keys Backspace
type 2
keys Enter
dump noprofile
type local
keys Enter
wait
dump done
EOF
expect_screen_has dialog "This is the PRODUCTION profile: type its name, local, as well." \
    "production: the dialog wants the profile's name"
expect_screen_has wrong 'that is not "2": nothing was deleted' "a wrong count is refused"
expect_screen_has noprofile 'that is not "local": nothing was deleted' "the count alone is not enough"
status_has done "Deleted 2 tenants" "the count and the name: deleted"
check "exactly the two marked deleted, nothing sent before" \
    [ "$(deleted_ids TENANT_DELETE_START | tr '\n' ' ')" = "$(tr '\n' ' ' <"$TMP/two.txt")" ]

# ------------------------------------------------------------------ clients of a tenant
start_sandbox --tenants 2 --clients 4 --seed 16
write_config
run tenants list -o json
T0=$(json_field "$TMP/out" 'j[0]["id"]')
run clients list "$T0" -o json
json_field "$TMP/out" '"\n".join(c["clientId"] for c in j[:2])' | sort >"$TMP/clients.txt"
: >"$EVENTS"
UI_COLS=140 run_script clients -c "$CONFIG" <<'EOF'
wait
keys Tab
wait
keys Space Space
dump marked
keys d
type 2
keys Enter
wait
dump done
EOF
expect_line_has marked 3 "2 marked" "clients: 2 marked"
status_has done "Deleted 2 clients" "clients: deleted"
check "clients: exactly the two marked deleted" \
    [ "$(deleted_ids TENANT_CLIENT_DELETE_SUCCESS | tr '\n' ' ')" = "$(tr '\n' ' ' <"$TMP/clients.txt")" ]

# ------------------------------------------------------------------ system tenants
sys_init
sys_sandbox --system-tenants 5
write_system_config "$TMP/sys.conf"
run tenants list -o json
json_field "$TMP/out" '"\n".join(t["uuid"] for t in j[:2])' | sort >"$TMP/uuids.txt"
: >"$EVENTS"
UI_COLS=140 run_script system -c "$CONFIG" <<'EOF'
wait
keys Space Space
keys d
type 2
keys Enter
wait
dump done
EOF
status_has done "Deleted 2 tenants" "system tenants: deleted"
check "system: exactly the two marked deleted" \
    [ "$(deleted_ids SYSTEM_TENANT_DELETE_SUCCESS | tr '\n' ' ')" = "$(tr '\n' ' ' <"$TMP/uuids.txt")" ]
