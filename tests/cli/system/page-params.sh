#!/bin/bash
# page-params.sh: a server naming its paging parameters _page,_limit: with page_params set
# all 10,000 are listed (100 a page) and --cursor works; unset, the list fails naming
# page_params instead of repeating page 1.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_sandbox --system-tenants 10000 --page-params _page,_limit
write_system_config "$TMP/renamed" "$URL" 'page_params = "_page,_limit";'
run tenants list --all --limit 1000 -o jsonl
expect_rc 0 "_page,_limit: tenants list --all --limit 1000 -o jsonl"
check "_page,_limit: 10000 lines" [ "$(wc -l <"$TMP/out" | tr -d ' ')" = 10000 ]
uuids "$TMP/out" >"$TMP/renamed-all.txt"
check "_page,_limit: 10000 different uuids" [ "$(sort -u "$TMP/renamed-all.txt" | wc -l | tr -d ' ')" = 10000 ]
check "_page,_limit: 100 list requests (the server caps a page at 100)" \
    [ "$(count_events SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 100 ]
run tenants list --limit 500 -o jsonl --cursor 2
expect_rc 0 "_page,_limit: --cursor 2 --limit 500"
check "_page,_limit: page 2 is tenants 101 to 200 (100 a page)" \
    [ "$(uuids "$TMP/out")" = "$(sed -n 101,200p "$TMP/renamed-all.txt")" ]
expect_in_err "Next page: --cursor 3" "_page,_limit: page 2 hints --cursor 3"

# A profile without page_params against this server: the list fails clearly (naming
# page_params) instead of repeating page 1 forever (the output is cut short in case it does).
write_system_config "$TMP/renamed-unset" "$URL"
n0=$(event_lines)
# shellcheck disable=SC2016  # expanded by that bash
_run_with /dev/null bash -c '"$1" -c "$2" tenants list --all --limit 100 -o jsonl | head -n 3000
exit "${PIPESTATUS[0]}"' bash "$TENANTRY_BIN" "$CONFIG"
check "page_params unset, server uses _page: list --all fails (exit $rc)" [ "$rc" -ge 1 -a "$rc" -le 6 ]
expect_in_err "page_params" "page_params unset: the message suggests page_params"
check "page_params unset: no tenant printed twice" [ -z "$(uuids "$TMP/out" | sort | uniq -d | head -n 1)" ]
check "page_params unset: it stopped after a few requests" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_LIST_START)" -le 3 ]
run tenants list --limit 5 --cursor 2
check "page_params unset: --cursor 2 fails instead of showing page 1 (exit $rc)" [ "$rc" -ge 1 -a "$rc" -le 6 ]
expect_in_err "page_params" "page_params unset: --cursor 2 suggests page_params"
stop_sandbox
