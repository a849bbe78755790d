#!/bin/bash
# parallel.sh: --all over the system API fetches several pages at a time once the first page
# told the total (hydra:totalItems): parallel_pages (default 4) in flight, never more, the rows
# still written in order, each page asked for once; parallel_pages = 1 fetches one at a time;
# a page whose answer is cut is fetched again; a page refused part-way stops the list with exit
# 6 and the cursor of that page, after exactly the rows of the pages before it.
#
# Overlap is read from two sides: tenantry's --log (each request's "> GET" when sent and its
# "-> STATUS" when answered: how many were in flight at once) and the sandbox's events (with
# --latency-ms each request waits that long before its _START is logged, so two list _STARTs
# closer than the latency were in flight together; one at a time they are at least that far
# apart).
. "$(dirname "$0")/../lib.sh"
sys_init
LAT=400
sys_sandbox --system-tenants 2000 --latency-ms $LAT
write_system_config "$TMP/par"

# in_flight LOG: the most list requests in flight at once, from tenantry's --log.
in_flight() {
    py 'import re,sys
n=most=0
for l in open(sys.argv[1]):
    if re.search(r"> GET /system/tenants\?", l): n+=1; most=max(most,n)
    elif re.search(r"GET \S*/system/tenants\?\S* -> ", l): n-=1
print(most)' "$1"
}
# close_starts: how many list _STARTs of the events came within LAT ms of the one before.
close_starts() {
    py 'import re,sys,datetime
t=[datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f")
   for m in (re.match(r"SYSTEM_TENANT_RETRIEVE_LIST_START time=(\S+)Z", l) for l in open(sys.argv[1])) if m]
print(sum(1 for a,b in zip(t,t[1:]) if (b-a).total_seconds()*1000 < int(sys.argv[2])))' "$EVENTS" "$LAT"
}
# ids_are FILE FIRST LAST: the jsonl rows of FILE are the tenants FIRST..LAST, in order.
ids_are() {
    py 'import json,sys
ids=[json.loads(l)["id"] for l in open(sys.argv[1])]
assert ids==list(range(int(sys.argv[2]), int(sys.argv[3])+1)), (len(ids), ids[:3], ids[-3:])' "$@"
}

# ------------------------------------------------------------------ 4 at a time (the default)
n0=$(event_lines)
run --log "$TMP/par.log" tenants list --all --limit 200 -o jsonl
expect_rc 0 "--all over 2000 tenants in pages of 200, latency $LAT ms"
check "the 2000 rows come in order, each once" ids_are "$TMP/out" 1 2000
check "10 list requests: each page asked for once" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 10 ]
most=$(in_flight "$TMP/par.log")
check "4 pages were in flight at once (parallel_pages' default), never more (saw $most)" [ "$most" = 4 ]
close=$(close_starts)
check "the sandbox saw list requests overlap ($close _STARTs within $LAT ms of the one before)" \
    [ "$close" -ge 3 ]

# ------------------------------------------------------------------ parallel_pages set
write_system_config "$TMP/par2" "$URL" 'parallel_pages = 2;'
run --log "$TMP/par2.log" tenants list --all --limit 200 -o jsonl
expect_rc 0 "--all with parallel_pages = 2"
check "parallel_pages = 2: the rows in order" ids_are "$TMP/out" 1 2000
most=$(in_flight "$TMP/par2.log")
check "parallel_pages = 2: 2 pages in flight at most (saw $most)" [ "$most" = 2 ]

write_system_config "$TMP/par1" "$URL" 'parallel_pages = 1;'
n0=$(event_lines)
run --log "$TMP/par1.log" tenants list --all --limit 200 -o jsonl
expect_rc 0 "--all with parallel_pages = 1"
check "parallel_pages = 1: the rows in order" ids_are "$TMP/out" 1 2000
most=$(in_flight "$TMP/par1.log")
check "parallel_pages = 1: one page at a time (saw $most)" [ "$most" = 1 ]
check "parallel_pages = 1: 10 list requests" \
    [ "$(events_after "$n0" | grep -c '^SYSTEM_TENANT_RETRIEVE_LIST_START ')" = 10 ]
py 'import re,sys,datetime
t=[datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f")
   for m in (re.match(r"SYSTEM_TENANT_RETRIEVE_LIST_START time=(\S+)Z", l) for l in open(sys.argv[1]).readlines()[int(sys.argv[3]):]) if m]
sys.exit(any((b-a).total_seconds()*1000 < int(sys.argv[2]) for a,b in zip(t,t[1:])))' \
    "$EVENTS" "$LAT" "$n0" && ok "parallel_pages = 1: the sandbox saw no overlap" ||
    fail "parallel_pages = 1: two list requests overlapped"

write_system_config "$TMP/par0" "$URL" 'parallel_pages = 17;'
run tenants list --all
expect_rc 2 "parallel_pages = 17 is refused"
expect_in_err 'field "parallel_pages" must be between 1 and 16' "the message names the field and its bounds"
write_config "$TMP/mattr"
sed -i 's/^    client_id = .*/&\n    parallel_pages = 8;/' "$TMP/mattr"
run tenants list
expect_rc 2 "parallel_pages in a MATTR profile is refused"
expect_in_err 'field "parallel_pages" is for api "system"' "the message says it is for the system API"
stop_sandbox

# ------------------------------------------------------------------ faults
# Answers cut halfway (--drop-rate): each is fetched again; nothing lost, nothing twice.
sys_sandbox --system-tenants 2000 --latency-ms 50 --drop-rate 0.25 --seed 3
write_system_config "$TMP/drop"
run --log "$TMP/drop.log" tenants list --all --limit 200 -o jsonl
expect_rc 0 "--all with a quarter of the answers cut halfway"
check "the answers cut were fetched again (the sandbox dropped some)" \
    [ "$(grep -c '^SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS .*fault=drop' "$EVENTS")" -ge 1 ]
check "the 2000 rows all came, in order, each once" ids_are "$TMP/out" 1 2000
most=$(in_flight "$TMP/drop.log")
check "pages were fetched 4 at a time meanwhile (saw $most)" [ "$most" = 4 ]
stop_sandbox

# A page refused (400, not retried) part-way: exit 6 after the pages before it, and the
# cursor of the page that failed. Seed 2 lets the first request through and fails a later one.
sys_sandbox --system-tenants 2000 --latency-ms 50 --fail-rate 0.2 --fail-status 400 --seed 2
write_system_config "$TMP/fail"
run --log "$TMP/fail.log" tenants list --all --limit 200 -o jsonl
expect_rc 6 "--all with a page refused part-way"
resume=$(sed -n 's/.*To go on from where the list stopped: --cursor \([0-9]*\) --all.*/\1/p' "$TMP/err")
check "the message gives the cursor of the page that failed ('$resume')" [ -n "$resume" ] && [ "$resume" -ge 2 ]
check "stdout holds exactly the rows of pages 1 to $((resume - 1)), in order" \
    ids_are "$TMP/out" 1 $(((resume - 1) * 200))
check "page $resume was the one refused" \
    grep -q "GET \S*/system/tenants?page=$resume&limit=200 -> 400" "$TMP/fail.log"
check "the list asked for no page more than once" \
    [ "$(grep -c '> GET /system/tenants?' "$TMP/fail.log")" = \
        "$(grep '> GET /system/tenants?' "$TMP/fail.log" | sort -u | wc -l | tr -d ' ')" ]
stop_sandbox
