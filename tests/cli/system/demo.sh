#!/bin/bash
# demo.sh: --demo=system lists its 250 tenants; --demo=bogus is refused, saying what is accepted.
. "$(dirname "$0")/../lib.sh"
sys_init
run_cmd env TENANTRY_SANDBOX="$TENANTRY_SANDBOX_BIN" "$TENANTRY_BIN" --demo=system tenants list \
    --all -o jsonl
expect_rc 0 "--demo=system tenants list --all"
check "--demo=system: 250 tenants, each once" \
    [ "$(uuids "$TMP/out" | sort -u | wc -l | tr -d ' ')" = 250 -a "$(wc -l <"$TMP/out" | tr -d ' ')" = 250 ]
run_cmd env TENANTRY_SANDBOX="$TENANTRY_SANDBOX_BIN" "$TENANTRY_BIN" --demo=bogus tenants list
expect_rc 2 "--demo=bogus"
expect_in_err "bogus" "--demo=bogus names the value"
expect_in_err "system" "--demo=bogus says what is accepted"
expect_empty_out "--demo=bogus prints nothing on stdout"
