#!/bin/bash
# bulk.sh: deleting several objects from the command line: `tenants delete ID ID...`,
# `clients delete TENANT ID...`, system tenants, and IDs from --from FILE or - (stdin). One
# confirmation (--yes without a terminal: else nothing is sent); a line per ID and a summary;
# each ID deleted once (repeats dropped); at most --in-flight (the profile's in_flight, 4) at
# once; exit 0 only when all were deleted, else the first failure's status with the failed
# IDs named. Under faults (--fail-rate 0.2 --drop-rate 0.1, 200 tenants): exactly the listed
# tenants are deleted, each once, the others stay. A delete whose answer was lost and whose
# later tries were refused is "unknown" (it may be gone), not "failed" (exit 6 when nothing
# else failed). Every delete is in the journal.
. "$(dirname "$0")/lib.sh"

JOURNAL=$XDG_STATE_HOME/tenantry/journal.jsonl
# ids N FIRST: N tenant IDs from the sandbox's list, from the FIRST-th (0-based), one a line.
ids() {
    run tenants list --all -o json
    [ "$rc" = 0 ] || fail "tenants list --all"
    py 'import json,sys
j = json.load(open(sys.argv[1]))
print("\n".join(t["id"] for t in j[int(sys.argv[3]):int(sys.argv[3]) + int(sys.argv[2])]))' \
        "$TMP/out" "$1" "$2"
}
# max_in_flight NAME: the most NAME requests at once, seen in the events: the sandbox logs a
# request's START after its --latency-ms 300 wait, so one slot's STARTs are at least 300 ms
# apart, and N slots sent together START within a moment: the most STARTs within 250 ms.
max_in_flight() {
    py 'import datetime,sys
ts = sorted(datetime.datetime.fromisoformat(l.split("time=")[1].split()[0].replace("Z", "+00:00"))
            for l in open(sys.argv[1]) if l.startswith(sys.argv[2] + "_START "))
print(max((sum(1 for u in ts if 0 <= (u - t).total_seconds() < 0.25) for t in ts), default=0))' \
        "$EVENTS" "$1"
}

start_sandbox --tenants 12 --clients 3 --seed 6 --latency-ms 300
write_config
mapfile -t T < <(ids 12 0)
check "twelve tenants to work with" [ "${#T[@]}" = 12 ]

# ------------------------------------------------------------------ no terminal, no --yes
: >"$EVENTS"
run tenants delete "${T[0]}" "${T[1]}"
expect_rc 2 "several IDs without a terminal and without --yes"
expect_in_err "without confirmation" "it says why"
check "nothing was sent" [ "$(count_events TENANT_DELETE_START)" = 0 ]

# ------------------------------------------------------------------ several IDs, a repeat
: >"$EVENTS"
run tenants delete "${T[0]}" "${T[1]}" "${T[2]}" "${T[0]}" --yes
expect_rc 0 "tenants delete A B C A --yes"
for i in 0 1 2; do expect_in_out "Deleted tenant ${T[$i]}." "a line for ${T[$i]}"; done
expect_in_out "Deleted 3 of 3." "the summary"
check "three DELETEs, one a tenant (the repeat dropped)" [ "$(count_events TENANT_DELETE_START)" = 3 ]
for i in 0 1 2; do
    check "${T[$i]} deleted once" [ "$(grep -c "^TENANT_DELETE_SUCCESS .*path=/v1/tenants/${T[$i]}" "$EVENTS")" = 1 ]
done
check "three delete lines in the journal, done" \
    [ "$(grep -c '"operation":"delete".*"outcome":"done"' "$JOURNAL")" = 3 ]

# ------------------------------------------------------------------ --from - and --in-flight
: >"$EVENTS"
printf '%s\n' "${T[3]}" "" "  ${T[4]}  " "${T[5]}" "${T[6]}" "${T[7]}" >"$TMP/ids.txt"
_run_with "$TMP/ids.txt" "$TENANTRY_BIN" -c "$CONFIG" tenants delete --from - --yes --in-flight 2
expect_rc 0 "tenants delete --from - (blank lines and spaces skipped)"
expect_in_out "Deleted 5 of 5." "--from -: five"
check "--from -: five DELETEs" [ "$(count_events TENANT_DELETE_START)" = 5 ]
check "--in-flight 2: at most two in the air (got $(max_in_flight TENANT_DELETE))" \
    [ "$(max_in_flight TENANT_DELETE)" = 2 ]
: >"$EVENTS"
printf '%s\n' "${T[8]}" "${T[9]}" "${T[10]}" "${T[11]}" >"$TMP/more.txt"
run tenants delete --from "$TMP/more.txt" --yes
expect_rc 0 "tenants delete --from FILE"
check "the profile's in_flight (4) by default: four in the air at once (got $(max_in_flight TENANT_DELETE))" \
    [ "$(max_in_flight TENANT_DELETE)" = 4 ]
run tenants delete --from "$TMP/none.txt" --yes
expect_rc 2 "--from a file that is not there"
expect_in_err "--from $TMP/none.txt" "it names the file"
run tenants delete "${T[0]}" --in-flight 0 --yes
expect_rc 2 "--in-flight 0"
expect_in_err "--in-flight must be a whole number from 1 to 64" "it says the range"

# ------------------------------------------------------------------ a failure among them
start_sandbox --tenants 4 --clients 3 --seed 6
write_config
mapfile -t T < <(ids 4 0)
: >"$EVENTS"
NOBODY=00000000-0000-4000-8000-000000000000
run tenants delete "${T[0]}" "$NOBODY" "${T[1]}" --yes
expect_rc 4 "one ID not found: exit 4"
expect_in_out "Deleted tenant ${T[0]}." "the others are deleted (${T[0]})"
expect_in_out "Deleted tenant ${T[1]}." "the others are deleted (${T[1]})"
expect_in_err "tenant $NOBODY:" "the failed ID is named on stderr"
expect_in_err "deleted 2 of 3; 1 failed" "the summary says how many failed"
check "the journal says which failed" [ "$(grep -c "\"id\":\"$NOBODY\".*\"outcome\":\"failed\"" "$JOURNAL")" = 1 ]

# ------------------------------------------------------------------ clients
run clients list "${T[2]}" -o json
mapfile -t C < <(json_field "$TMP/out" '"\n".join(c["clientId"] for c in j)')
: >"$EVENTS"
run clients delete "${T[2]}" "${C[0]}" "${C[1]}" --yes
expect_rc 0 "clients delete TENANT C1 C2"
check "two client DELETEs" [ "$(count_events TENANT_CLIENT_DELETE_SUCCESS)" = 2 ]
run clients list "${T[2]}" -o json
check "one client left, the third" [ "$(json_field "$TMP/out" '",".join(c["clientId"] for c in j)')" = "${C[2]}" ]

# ------------------------------------------------------------------ system tenants
sys_init
sys_sandbox --system-tenants 5
write_system_config "$TMP/sys.conf"
run tenants list -o json
mapfile -t U < <(json_field "$TMP/out" '"\n".join(t["uuid"] for t in j[:3])')
run tenants delete "${U[@]}" --yes
expect_rc 0 "system: tenants delete U1 U2 U3"
check "system: three DELETEs" [ "$(count_events SYSTEM_TENANT_DELETE_SUCCESS)" = 3 ]

# ------------------------------------------------------------------ 200 under faults
start_sandbox --tenants 260 --clients 0 --seed 11 --fail-rate 0.2 --drop-rate 0.1 \
    --retry-after 0 --fault-methods DELETE
write_config
ids 200 30 >"$TMP/200.txt"
check "200 IDs to delete" [ "$(wc -l <"$TMP/200.txt" | tr -d ' ')" = 200 ]
: >"$EVENTS"
run tenants delete --from "$TMP/200.txt" --yes
cp "$TMP/out" "$TMP/200.out"
cp "$TMP/err" "$TMP/200.err" # the checks below run other commands
check "the sandbox did inject faults into the DELETEs ($(grep -c '^TENANT_DELETE_[A-Z]* .*fault=' "$EVENTS"))" \
    [ "$(grep -c '^TENANT_DELETE_[A-Z]* .*fault=' "$EVENTS")" -ge 10 ]
done_n=$(grep -c '^Deleted tenant ' "$TMP/200.out")
failed_n=$(grep -c ': tenant [0-9a-f-]*: ' "$TMP/200.err")
unknown_n=$(grep -c ': tenant [0-9a-f-]*: unknown whether it was deleted' "$TMP/200.err")
check "every ID reported once: $done_n deleted + $failed_n failed or unknown ($unknown_n) = 200" \
    [ $((done_n + failed_n)) = 200 ]
if [ "$failed_n" = 0 ]; then expect_rc 0 "all 200 deleted"; else expect_rc 6 "some failed or unknown: exit 6"; fi
check "only listed tenants got a DELETE" py 'import re,sys
want = set(open(sys.argv[1]).read().split())
for l in open(sys.argv[2]):
    m = re.match(r"TENANT_DELETE_START .*path=/v1/tenants/(\S+)", l)
    if m: assert m.group(1) in want, m.group(1)' "$TMP/200.txt" "$EVENTS"
check "each deleted at most once at the sandbox (a retry of a done delete is a 404)" py 'import collections,re,sys
c = collections.Counter(re.search(r"path=/v1/tenants/(\S+)", l).group(1)
                        for l in open(sys.argv[1]) if l.startswith("TENANT_DELETE_SUCCESS "))
assert max(c.values()) == 1, c.most_common(3)' "$EVENTS"
run tenants list --all -o json
# a tenant whose answer was lost and whose later tries were refused may be gone: "unknown";
# one reported failed is still there
check "the 60 not listed are all still there; every one of the 200 still there was reported failed or unknown; every one reported failed is still there" py 'import json,sys
left = {t["id"] for t in json.load(open(sys.argv[1]))}
listed = set(open(sys.argv[2]).read().split())
lines = [l for l in open(sys.argv[3]) if ": tenant " in l]
unknown = set(l.split(": tenant ")[1].split(":")[0] for l in lines if "unknown whether" in l)
failed = set(l.split(": tenant ")[1].split(":")[0] for l in lines if "unknown whether" not in l)
assert len(left - listed) == 60, len(left - listed)
assert left & listed <= failed | unknown, (len(left & listed), len(failed), len(unknown))
assert failed <= left, failed - left' "$TMP/out" "$TMP/200.txt" "$TMP/200.err"

# ------------------------------------------------------------------ lost answers, then refusals
# Every DELETE is refused (503, nothing done) or carried out with its answer lost (the
# connection closed): none is answered "done". One whose later tries were all refused after a
# lost answer may be gone: it is "unknown", not "failed"; one refused every time is "failed".
start_sandbox --tenants 10 --clients 0 --seed 5 --fail-rate 0.8 --drop-rate 1 --retry-after 0 \
    --fault-methods DELETE
write_config
ids 8 0 >"$TMP/8.txt"
: >"$EVENTS"
: >"$JOURNAL"
run tenants delete --from "$TMP/8.txt" --yes --in-flight 8
expect_rc 6 "no delete answered: exit 6"
cp "$TMP/err" "$TMP/8.err"
check "the sandbox deleted some and refused some (deleted: $(grep -c '^TENANT_DELETE_SUCCESS ' "$EVENTS"))" \
    [ "$(grep -c '^TENANT_DELETE_SUCCESS ' "$EVENTS")" -ge 1 ]
check "unknown exactly for those the sandbox deleted, failed for the others" py 'import re,sys
ids = open(sys.argv[1]).read().split()
gone = set(re.search(r"path=/v1/tenants/(\S+)", l).group(1)
           for l in open(sys.argv[2]) if l.startswith("TENANT_DELETE_SUCCESS "))
lines = [l for l in open(sys.argv[3]) if ": tenant " in l]
unknown = set(l.split(": tenant ")[1].split(":")[0] for l in lines if "unknown whether" in l)
failed = set(l.split(": tenant ")[1].split(":")[0] for l in lines if "unknown whether" not in l)
assert unknown == gone, (sorted(unknown), sorted(gone))
assert failed == set(ids) - gone, (sorted(failed), sorted(set(ids) - gone))' "$TMP/8.txt" "$EVENTS" "$TMP/8.err"
n_gone=$(grep -c '^TENANT_DELETE_SUCCESS ' "$EVENTS")
expect_in_err "deleted 0 of 8; $((8 - n_gone)) failed, $n_gone unknown" "the summary counts the unknown apart"
check "the journal says unknown for each one deleted, failed for the others" py 'import json,re,sys
gone = set(re.search(r"path=/v1/tenants/(\S+)", l).group(1)
           for l in open(sys.argv[2]) if l.startswith("TENANT_DELETE_SUCCESS "))
j = [json.loads(l) for l in open(sys.argv[1])]
assert len(j) == 8, len(j)
for e in j:
    want = "unknown: answer lost" if e["id"] in gone else "failed"
    assert e["outcome"] == want, (e["id"], e["outcome"], want)' "$JOURNAL" "$EVENTS"
