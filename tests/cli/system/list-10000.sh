#!/bin/bash
# list-10000.sh: --all over 10,000 tenants in pages of 1000: each once, exactly 10 requests.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_sandbox --system-tenants 10000
write_system_config "$TMP/big"
run tenants list --all --limit 1000 -o jsonl
expect_rc 0 "10,000 tenants: tenants list --all --limit 1000 -o jsonl"
check "10,000 tenants: 10000 lines" [ "$(wc -l <"$TMP/out" | tr -d ' ')" = 10000 ]
check "10,000 tenants: 10000 different uuids" [ "$(uuids "$TMP/out" | sort -u | wc -l | tr -d ' ')" = 10000 ]
check "10,000 tenants: exactly 10 list requests (hydra:next: no extra empty page)" \
    [ "$(count_events SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 10 ]
check "10,000 tenants: no list request failed" [ "$(count_events SYSTEM_TENANT_RETRIEVE_LIST_FAIL)" = 0 ]
stop_sandbox
