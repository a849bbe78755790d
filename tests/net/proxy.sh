#!/bin/bash
# proxy.sh: tenantry through a real proxy: tinyproxy, started here on a free loopback port with
# its own configuration (Basic proxy authentication, CONNECT allowed to the sandbox's port only,
# its log in the test's folder; killed at the end), in front of tenantry-sandbox serving HTTPS.
# - HTTPS_PROXY and https_proxy: the requests go through CONNECT (tinyproxy's log names them);
# - NO_PROXY=127.0.0.1 is honoured (no CONNECT);
# - a profile's proxy setting works, and wins over the variables;
# - the proxy's user name and password never reach the log or an error message: not when it
#   works, not when the proxy refuses them (its own message, not retried), not when the proxy
#   is down, not when the variable is malformed;
# - a proxy setting is checked (without echoing it), and one holding a password makes the
#   profiles file private (chmod 600), as an inline secret does;
# - a console session goes through the proxy too.
. "$(dirname "$0")/lib.sh"

make_ca
make_cert good "IP:127.0.0.1,DNS:localhost"
start_sandbox --tls-cert "$CERTS/good.pem" --tls-key "$CERTS/good.key" --tenants 7
PUSER=proxy-user-$$
PPASS=proxy-password-$$-x
start_tinyproxy "$PUSER" "$PPASS"
PROXY=http://$PUSER:$PPASS@127.0.0.1:$PROXY_PORT
DEAD_PORT=$(free_port)
CA="ca_file = \"$CERTS/ca.pem\";"
PROFILE_EXTRA=$CA write_config "$TMP/config"
LOG=$TMP/debug.log
unset HTTPS_PROXY https_proxy HTTP_PROXY http_proxy ALL_PROXY all_proxy NO_PROXY no_proxy

# connects: how many CONNECTs to the sandbox tinyproxy has logged so far.
connects() { grep -c "CONNECT 127\.0\.0\.1:$PORT " "$PROXY_LOG"; }
# no_credentials WHAT FILE...: neither the proxy's password nor its user name is in the files.
no_credentials() {
    local what=$1
    shift
    if grep -qF -e "$PPASS" "$@"; then fail "$what: the proxy password is in $*"; fi
    if grep -qF -e "$PUSER" "$@"; then fail "$what: the proxy user name is in $*"; fi
    ok "$what: no proxy credentials in $*"
}
# tenantry_env VAR=VALUE... -- ARGS...: run tenantry -c $CONFIG ARGS with those variables.
tenantry_env() {
    local vars=()
    while [ "$1" != -- ]; do vars+=("$1"); shift; done
    shift
    run_cmd env "${vars[@]}" "$TENANTRY_BIN" -c "$CONFIG" "$@"
}

# ------------------------------------------------------------------ HTTPS_PROXY / https_proxy
for var in HTTPS_PROXY https_proxy; do
    : >"$LOG"
    c0=$(connects)
    tenantry_env "$var=$PROXY" -- --log "$LOG" tenants list --all --limit 3 -o json
    expect_rc 0 "tenants list --all with $var"
    check "$var: the 7 tenants listed" [ "$(json_field "$TMP/out" 'len(j)')" = 7 ]
    check "$var: tinyproxy saw a CONNECT to the sandbox" [ "$(connects)" -gt "$c0" ]
    grep -q 'CONNECT tunnel established, response 200' "$LOG" || fail "$var: no tunnel in the log"
    ok "$var: the log shows the CONNECT tunnel"
    grep -q "$var == 'http://\[redacted\]@127.0.0.1:$PROXY_PORT'" "$LOG" ||
        fail "$var: the log does not show the variable with its credentials redacted: $(grep -i 'proxy env' "$LOG" | head -1)"
    ok "$var: the log names the proxy with its credentials redacted"
    grep -qi 'Proxy-Authorization: \[redacted\]' "$LOG" || fail "$var: no redacted Proxy-Authorization"
    ok "$var: Proxy-Authorization is redacted"
    no_credentials "$var" "$LOG" "$TMP/err"
done

# ------------------------------------------------------------------ NO_PROXY
c0=$(connects)
tenantry_env "HTTPS_PROXY=$PROXY" NO_PROXY=127.0.0.1 -- tenants list
expect_rc 0 "tenants list with HTTPS_PROXY and NO_PROXY=127.0.0.1"
check "NO_PROXY: tinyproxy saw no CONNECT" [ "$(connects)" = "$c0" ]
c0=$(connects)
tenantry_env "https_proxy=$PROXY" no_proxy=localhost,127.0.0.1 -- tenants list
expect_rc 0 "tenants list with https_proxy and no_proxy=localhost,127.0.0.1"
check "no_proxy: tinyproxy saw no CONNECT" [ "$(connects)" = "$c0" ]

# ------------------------------------------------------------------ what goes wrong
# The wrong password: the proxy refuses; said so, not retried, nothing secret shown.
WRONG=wrong-proxy-password-$$
: >"$LOG"
c0=$(connects)
tenantry_env "HTTPS_PROXY=http://$PUSER:$WRONG@127.0.0.1:$PROXY_PORT" -- --log "$LOG" tenants list
expect_rc 6 "a proxy password the proxy refuses"
expect_in_err "the proxy did not connect to the server" "a refused password: the error says the proxy refused"
expect_in_err "wants a user name and password, or refused them" "a refused password: the hint"
expect_in_err "http://127.0.0.1:$PROXY_PORT" "a refused password: the proxy is named (without credentials)"
expect_in_err "(HTTPS_PROXY)" "a refused password: the variable is named"
check "a refused password is not tried again" [ "$(connects)" = $((c0 + 1)) ]
if grep -qF -e "$WRONG" "$LOG" "$TMP/err"; then fail "the wrong password is shown"; fi
ok "the wrong password is in neither the log nor the message"
no_credentials "a refused password" "$LOG" "$TMP/err"

# No password: the proxy asks for one.
tenantry_env "HTTPS_PROXY=http://127.0.0.1:$PROXY_PORT" -- tenants list
expect_rc 6 "no proxy password"
expect_in_err "wants a user name and password" "no proxy password: the hint"

# The proxy is down.
: >"$LOG"
tenantry_env "HTTPS_PROXY=http://$PUSER:$PPASS@127.0.0.1:$DEAD_PORT" -- --log "$LOG" tenants list
expect_rc 6 "a proxy that is down"
expect_in_err "check that the proxy http://127.0.0.1:$DEAD_PORT (HTTPS_PROXY)" \
    "a proxy that is down: the hint names the proxy and the variable"
no_credentials "a proxy that is down" "$LOG" "$TMP/err"

# A malformed variable: curl quotes it in its message; the credentials are hidden.
: >"$LOG"
tenantry_env "HTTPS_PROXY=ftp://$PUSER:$PPASS@127.0.0.1:$PROXY_PORT" -- --log "$LOG" tenants list
expect_rc 6 "a proxy variable with an unsupported scheme"
expect_in_err "ftp://[redacted]@127.0.0.1" "a malformed variable: curl's message, credentials redacted"
no_credentials "a malformed variable" "$LOG" "$TMP/err"

# ------------------------------------------------------------------ the profile's proxy
PROFILE_EXTRA="$CA proxy = \"$PROXY\";" write_config "$TMP/proxied.conf"
: >"$LOG"
c0=$(connects)
# the profile's setting wins over a variable naming a dead proxy
tenantry_env "HTTPS_PROXY=http://127.0.0.1:$DEAD_PORT" -- --log "$LOG" tenants list -o json
expect_rc 0 "tenants list with the profile's proxy"
check "the profile's proxy: tinyproxy saw a CONNECT" [ "$(connects)" -gt "$c0" ]
no_credentials "the profile's proxy" "$LOG" "$TMP/err" "$TMP/out"
grep -q "with user '\[redacted\]'" "$LOG" || fail "curl's 'with user' line is not redacted"
ok "the profile's proxy: curl's 'Proxy auth using Basic with user' line is redacted"

# with a password, the file must be private
chmod 644 "$TMP/proxied.conf"
tenantry_env -- tenants list
expect_rc 2 "a profile's proxy password in a file others can read"
expect_in_err "chmod 600" "a readable file with a proxy password: the chmod hint"
no_credentials "a readable file with a proxy password" "$TMP/err"
chmod 600 "$TMP/proxied.conf"

# a proxy setting that is no proxy URL: refused, without echoing it
for bad in "ftp://$PUSER:$PPASS@127.0.0.1:1" "http://$PUSER:$PPASS@127.0.0.1:1/path" "http://"; do
    PROFILE_EXTRA="$CA proxy = \"$bad\";" write_config "$TMP/bad.conf"
    tenantry_env -- tenants list
    expect_rc 2 "proxy = \"${bad//$PPASS/PASSWORD}\" is refused"
    expect_in_err 'profile "local": field "proxy" is not a proxy URL' "a bad proxy: the message"
    expect_in_err "SCHEME://[USER:PASSWORD@]HOST:PORT" "a bad proxy: the hint"
    no_credentials "a bad proxy" "$TMP/err"
done
# socks5h is a proxy scheme curl speaks: accepted (the profile then lists fine offline)
PROFILE_EXTRA="$CA proxy = \"socks5h://127.0.0.1:1080\";" write_config "$TMP/socks.conf"
tenantry_env -- profile list
expect_rc 0 "proxy = \"socks5h://...\" is accepted"

# ------------------------------------------------------------------ a console session
CONFIG=$TMP/config
: >"$LOG"
c0=$(connects)
HTTPS_PROXY=$PROXY run_script console -c "$CONFIG" --log "$LOG" <<'EOF'
wait
dump tenants
keys Enter
wait
dump clients
EOF
grep -Eq 'Tenants \(7\+?\)' "$S_DIR/tenants" || { _show tenants; fail "the console does not show the 7 tenants"; }
ok "the console lists the tenants through the proxy"
grep -q 'Clients (' "$S_DIR/clients" || { _show clients; fail "the console shows no clients"; }
ok "the console lists the clients through the proxy"
check "the console's requests went through CONNECT" [ "$(connects)" -gt "$c0" ]
no_credentials "the console session" "$LOG" "$S_DIR/tenants" "$S_DIR/clients"
