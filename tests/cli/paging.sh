#!/bin/bash
# paging.sh: tenants list against servers whose paging misbehaves. A list always ends: a next
# link leading back, or a server ignoring the page parameter's name (with the page_params fix
# named), stops it with an error (exit 6) instead of an endless walk; a server capping pages
# below the limit loses no row (a short page is not the end); --all asks for pages of 1000
# unless --limit or page_size say otherwise; a GET answered 500 or with a body cut short is
# read again; an --all that still fails part way names the --cursor to go on from (exit 6).
. "$(dirname "$0")/lib.sh"

# all_unique FILE N: FILE is JSON lines of N objects with N distinct "id"s.
all_unique() {
    py '
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
if len(ids) != n or len(set(ids)) != n:
    sys.exit("%d rows, %d distinct ids, expected %d" % (len(ids), len(set(ids)), n))
' "$1" "$2"
}

# write_system_config: a system profile for the sandbox (default page_params).
write_system_config() {
    cat >"$TMP/sysconfig" <<EOF
profiles = ( { name = "sys"; api = "system"; url = "$URL"; user = "system"; password = "system"; } );
EOF
    chmod 600 "$TMP/sysconfig"
    CONFIG=$TMP/sysconfig
}

# ------------------------------------------------------------------ capped pages
# The server serves 50 of the 100 asked for: --all follows the short pages' cursors to the
# empty page that ends the list (before: 50 rows of 250, exit 0).
start_sandbox --tenants 250 --page-cap 50
write_config
run tenants list --all --limit 100 -o jsonl
expect_rc 0 "tenants list --all against a server capping pages at 50"
all_unique "$TMP/out" 250 || fail "tenants list --all under --page-cap 50: not 250 unique tenants"
ok "250 rows, 250 unique IDs from pages capped at 50"
check "6 pages: 5 of 50 and the empty end (got $(count_events TENANT_RETRIEVE_LIST_SUCCESS))" \
    [ "$(count_events TENANT_RETRIEVE_LIST_SUCCESS)" = 6 ]
# One page: short, so more may follow; the hint says so and gives the cursor.
run tenants list --limit 100 -o jsonl
expect_rc 0 "tenants list, one page capped at 50"
expect_in_err "More may be available: --cursor " "a short page names the cursor: more may follow"
stop_sandbox

# ------------------------------------------------------------------ --all asks for 1000
start_sandbox --tenants 2500
write_config
run tenants list --all -o jsonl
expect_rc 0 "tenants list --all"
all_unique "$TMP/out" 2500 || fail "tenants list --all: not 2500 unique tenants"
check "--all asked for pages of 1000: 1000, 1000, 500 and the empty end (got $(count_events TENANT_RETRIEVE_LIST_SUCCESS) pages)" \
    [ "$(count_events TENANT_RETRIEVE_LIST_SUCCESS)" = 4 ]
: >"$EVENTS"
run tenants list --all --limit 500 -o jsonl
check "--limit 500 holds for --all: 5 pages and the end (got $(count_events TENANT_RETRIEVE_LIST_SUCCESS))" \
    [ "$(count_events TENANT_RETRIEVE_LIST_SUCCESS)" = 6 ]
: >"$EVENTS"
PAGE_SIZE=700 write_config
run tenants list --all -o jsonl
check "page_size = 700 holds for --all: 4 pages and the end (got $(count_events TENANT_RETRIEVE_LIST_SUCCESS))" \
    [ "$(count_events TENANT_RETRIEVE_LIST_SUCCESS)" = 5 ]
stop_sandbox

# ------------------------------------------------------------------ links leading back
start_sandbox --tenants 30 --repeat-cursor-rate 1
write_config
run tenants list --all --limit 10 -o jsonl
expect_rc 6 "tenants list --all when every next link leads back"
expect_in_err "starts with the rows of the first page" "the error names the cause"
check "the list stopped at page 2 (got $(count_events TENANT_RETRIEVE_LIST_START) requests)" \
    [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 2 ]
all_unique "$TMP/out" 10 || fail "the first page's 10 rows, once each"
ok "the first page was printed once"
expect_not_in_err "To go on from where" "no cursor to go on from: it would loop again"
stop_sandbox

# ------------------------------------------------------------------ the ignored page name
# A plain JSON server naming its page parameters _page,_limit, with a profile using the
# default names: it sends its first page whatever page is asked for. Before: an endless list.
start_sandbox --system-tenants 250 --page-params _page,_limit --plain-json
write_system_config
run tenants list --all -o jsonl
expect_rc 6 "tenants list --all when the server ignores the page parameter"
expect_in_err "page 2 starts with the rows of the first page" "the error names the cause"
expect_in_err 'page_params = "_page,_limit";' "the error names the page_params fix"
check "2 pages asked for, then it stopped (got $(count_events SYSTEM_TENANT_RETRIEVE_LIST_START))" \
    [ "$(count_events SYSTEM_TENANT_RETRIEVE_LIST_START)" = 2 ]
stop_sandbox

# ------------------------------------------------------------------ 500s and cut bodies
# Reads answered 500 or with a JSON body cut short (a matching Content-Length) are read again:
# every row comes once.
start_sandbox --fail-rate 0.3 --fail-status 500 --tenants 700 --seed 4
write_config
run tenants list --all --limit 100 -o jsonl
expect_rc 0 "tenants list --all under 30 % 500s"
all_unique "$TMP/out" 700 || fail "under 500s: not 700 unique tenants"
ok "700 rows, 700 unique IDs under 500s"
check "the server did answer 500" [ "$(grep -c 'status=500' "$EVENTS")" -ge 1 ]
stop_sandbox

start_sandbox --malformed-rate 0.3 --tenants 700 --seed 4
write_config
run tenants list --all --limit 100 -o jsonl
expect_rc 0 "tenants list --all under 30 % bodies cut short"
all_unique "$TMP/out" 700 || fail "under cut bodies: not 700 unique tenants"
ok "700 rows, 700 unique IDs under bodies cut short"
check "some bodies were cut short" [ "$(grep -c 'fault=malformed' "$EVENTS")" -ge 1 ]
stop_sandbox

# ------------------------------------------------------------------ failing part way
# 90 % of the answers cut short: a page fails after its 5 attempts (seed 2: after some pages
# came). stderr names the cursor of the page that failed; exit 6; the rows printed and the rows
# of the same command with that cursor against a sound server are every tenant, once.
start_sandbox --malformed-rate 0.9 --tenants 1000 --seed 2
write_config
run tenants list --all --limit 100 -o jsonl
expect_rc 6 "tenants list --all failing part way"
cp "$TMP/out" "$TMP/first.jsonl"
n_first=$(grep -c . "$TMP/first.jsonl")
check "(setup) some pages came before the failure ($n_first rows)" \
    [ "$n_first" -gt 0 -a "$n_first" -lt 1000 ]
resume=$(sed -n 's/.*To go on from where the list stopped: --cursor \([^ ]*\) --all$/\1/p' "$TMP/err")
check "stderr names the --cursor to go on from" [ -n "$resume" ]
stop_sandbox
start_sandbox --tenants 1000 --seed 2
write_config
run tenants list --all --limit 100 -o jsonl --cursor "$resume"
expect_rc 0 "tenants list --all --cursor (the cursor named)"
cat "$TMP/first.jsonl" "$TMP/out" >"$TMP/both.jsonl"
all_unique "$TMP/both.jsonl" 1000 || fail "before and after the cursor: not the 1000 tenants once each"
ok "the rows before the failure and after the cursor are the 1000 tenants, once each"
stop_sandbox


# ------------------------------------------------------------------ a filter not applied
# A server ignoring the filters (as API Platform ignores one it does not know) sends every
# tenant: the rows that contradict the filter are left out, with a warning (before: all 30
# printed as if filtered, no word of it).
start_sandbox --system-tenants 30 --ignore-filters
write_system_config
run tenants list --all --id 3 --id 5 -o jsonl
expect_rc 0 "tenants list --id 3 --id 5 against a server ignoring filters"
check "only tenants 3 and 5 printed" [ "$(py 'import json,sys
print(",".join(str(json.loads(l)["id"]) for l in open(sys.argv[1])))' "$TMP/out")" = "3,5" ]
expect_in_err "warning: the server did not apply the filter" "a warning says the filter was not applied"
check "the warning is said once" [ "$(grep -c 'did not apply' "$TMP/err")" = 1 ]
stop_sandbox
start_sandbox --system-tenants 30
write_system_config
run tenants list --all --id 3 --id 5 -o jsonl
expect_rc 0 "tenants list --id 3 --id 5 against a server applying them"
expect_not_in_err "did not apply" "no warning when the server applies the filter"
stop_sandbox
