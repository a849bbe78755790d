#!/bin/bash
# plugins.sh: the profiles file's plugins in the console: a plugin's key on a row of a kind it
# names runs its command (the terminal lent to it) with the row in TENANTRY_* variables
# (never a secret), says so in the status line (and a status other than 0); a key of another
# kind's plugin runs that one; a plugin whose key is an action's, or not a key, is left out
# with a message; help lists the plugins.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 3 --clients 2 --seed 3
EXTRA="plugins = (
  { key = \"O\"; description = \"Dump the tenant\"; kinds = \"tenants\";
    command = \"env | grep ^TENANTRY_ | sort >$TMP/tenant.env\"; },
  { key = \"O\"; description = \"Dump the client\"; kinds = \"clients\";
    command = \"env | grep ^TENANTRY_ | sort >$TMP/client.env; exit 3\"; },
  { key = \"j\"; description = \"Taken\"; command = \"touch $TMP/never\"; }
);" write_config
run tenants list -o json
T0=$(json_field "$TMP/out" 'j[0]["id"]')
SUB0=$(json_field "$TMP/out" 'j[0]["subdomain"]')
NAME0=$(json_field "$TMP/out" 'j[0]["name"]')
run clients list "$T0" -o json
C0=$(json_field "$TMP/out" 'j[0]["clientId"]')

UI_STDERR_OK=1 run_script plugins -c "$CONFIG" <<'EOF'
wait
dump start
keys O
dump tenant
keys Enter
wait
keys O
dump client
keys ?
keys G
dump help
EOF
status_has start "plugin \"Taken\": its key j is the key of \"move-down\"" \
    "a plugin on an action's key is left out, and said"
status_has tenant "Ran the plugin \"Dump the tenant\"" "O on a tenant runs the tenants' plugin"
check "TENANTRY_KIND, _ID, _NAME, _SUBDOMAIN and _PROFILE are the row's" \
    grep -qxF "TENANTRY_ID=$T0" "$TMP/tenant.env"
for want in "TENANTRY_KIND=tenants" "TENANTRY_NAME=$NAME0" "TENANTRY_SUBDOMAIN=$SUB0" \
    "TENANTRY_PROFILE=local" "TENANTRY_URL=$URL"; do
    check "the tenant's plugin got $want" grep -qxF -e "$want" "$TMP/tenant.env"
done
if grep -qF -e "$SECRET" "$TMP/tenant.env" "$TMP/client.env"; then fail "a secret reached a plugin"; else ok "no secret reaches a plugin"; fi
status_has client "The plugin \"Dump the client\" exited with status 3" \
    "O on a client runs the clients' plugin; its status is said"
check "the client's plugin got its ID and the tenant as TENANTRY_PARENT" \
    sh -c "grep -qxF 'TENANTRY_ID=$C0' '$TMP/client.env' && grep -qxF 'TENANTRY_PARENT=$T0' '$TMP/client.env'"
check "the plugin on j never ran (j moves)" [ ! -e "$TMP/never" ]
expect_screen_has help "Plugins (the plugins list of the profiles file)" "help has a Plugins section"
expect_screen_has help "Dump the tenant" "help lists a plugin"

# A plugin without a command: the file's line and what is missing, in the status line (as
# wide a screen as the path of the file needs).
EXTRA='plugins = ( { key = "O"; description = "No command"; } );' write_config "$TMP/broken.conf"
UI_COLS=$((120 + ${#TMP})) run_script broken -c "$TMP/broken.conf" <<'EOF'
wait
dump start
EOF
status_has start "plugin 1 needs a key and a command" "a plugin without a command is said, with its line"
