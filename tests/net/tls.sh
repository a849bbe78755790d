#!/bin/bash
# tls.sh: tenantry against tenantry-sandbox serving HTTPS (--tls-cert/--tls-key) with
# certificates from a throwaway certificate authority made here with openssl:
# - a profile with ca_file works (MATTR and system APIs, list, get, create, delete);
# - without ca_file the error says the certificate is not trusted and names ca_file;
# - a certificate for another host name (reached as 127.0.0.1 and as localhost), an expired
#   certificate and a self-signed one each get their own message and hint (and not the others');
# - a self-signed certificate named by ca_file is trusted; a ca_file that cannot be read says so;
# - a refused certificate sends nothing: the sandbox saw no token request;
# - plain http beyond loopback is still refused before anything is sent;
# - the sandbox refuses --tls-cert without --tls-key and a file that is not PEM.
. "$(dirname "$0")/lib.sh"

make_ca
make_cert good "IP:127.0.0.1,DNS:localhost"
make_cert other "DNS:other.example"
make_cert expired "IP:127.0.0.1,DNS:localhost" -1
make_self_signed self "IP:127.0.0.1,DNS:localhost"
CA="ca_file = \"$CERTS/ca.pem\";"

# ------------------------------------------------------------------ the sandbox's options
run_cmd "$TENANTRY_SANDBOX_BIN" --port 0 --tls-cert "$CERTS/good.pem"
expect_rc 2 "--tls-cert without --tls-key"
expect_in_err "--tls-cert and --tls-key go together" "the sandbox says both are needed"
run_cmd "$TENANTRY_SANDBOX_BIN" --port 0 --tls-cert "$CERTS/good.ext" --tls-key "$CERTS/good.key"
expect_rc 2 "a --tls-cert that is not PEM"
expect_in_err "is not a PEM file" "the sandbox says the file is not PEM"
run_cmd "$TENANTRY_SANDBOX_BIN" --port 0 --tls-cert "$CERTS/none.pem" --tls-key "$CERTS/good.key"
expect_rc 2 "a missing --tls-cert"
expect_in_err "cannot read $CERTS/none.pem" "the sandbox names the file it cannot read"

# ------------------------------------------------------------------ trusted through ca_file
start_sandbox --tls-cert "$CERTS/good.pem" --tls-key "$CERTS/good.key" --tenants 3
check "the sandbox says https" [ "${URL#https://127.0.0.1:}" = "$PORT" ]
PROFILE_EXTRA=$CA write_config
run tenants list -o json
expect_rc 0 "tenants list over TLS with ca_file"
check "three tenants listed over TLS" [ "$(json_field "$TMP/out" 'len(j)')" = 3 ]
set_env_id
run tenants create --subdomain tls-made --environment "$ENV_ID" -o json
expect_rc 0 "tenants create over TLS"
TID=$(json_field "$TMP/out" 'j["id"]')
run tenants get "$TID" -o json
expect_rc 0 "tenants get over TLS"
run tenants delete "$TID" --yes
expect_rc 0 "tenants delete over TLS"
check "the sandbox saw the create and the delete" \
    [ "$(count_events TENANT_CREATE_SUCCESS)" = 1 ] && [ "$(count_events TENANT_DELETE_SUCCESS)" = 1 ]

export SYS_PW=system
write_system_config "$TMP/sys.conf" "$URL" "$CA"
run tenants list -o json
expect_rc 0 "a system profile over TLS with ca_file"

# ------------------------------------------------------------------ not trusted
write_config "$TMP/noca.conf"
before=$(event_lines)
run tenants list
expect_rc 6 "no ca_file: the certificate is refused"
expect_in_err "certificate is not trusted" "no ca_file: the error says the certificate is not trusted"
expect_in_err "set ca_file in the profile" "no ca_file: the hint names ca_file"
expect_not_in_err "self-signed" "no ca_file: not called self-signed"
check "no ca_file: nothing reached the sandbox's token endpoint" \
    [ "$(count_events_after "$before" AUTH_TOKEN_CREATE_START)" = 0 ]

# ca_file of another authority: the hint says that ca_file is not the issuer.
make_self_signed otherca "DNS:ca.example"
PROFILE_EXTRA="ca_file = \"$CERTS/otherca.pem\";" write_config "$TMP/otherca.conf"
run tenants list
expect_rc 6 "ca_file of another authority"
expect_in_err "certificate is not trusted" "another authority: not trusted"
expect_in_err "ca_file ($CERTS/otherca.pem) does not hold the authority" \
    "another authority: the hint says ca_file does not hold the issuer"

# A ca_file that is not there.
PROFILE_EXTRA="ca_file = \"$CERTS/missing.pem\";" write_config "$TMP/missing.conf"
run tenants list
expect_rc 6 "a ca_file that is not there"
expect_in_err "cannot use the certificate authorities in ca_file $CERTS/missing.pem" \
    "a missing ca_file is named"
stop_sandbox

# ------------------------------------------------------------------ another host name
start_sandbox --tls-cert "$CERTS/other.pem" --tls-key "$CERTS/other.key"
for host in 127.0.0.1 localhost; do
    PROFILE_EXTRA=$CA write_config "$TMP/other-$host.conf" "https://$host:$PORT"
    run tenants list
    expect_rc 6 "a certificate for other.example, reached as $host"
    expect_in_err "certificate is not for the host name $host" \
        "reached as $host: the error says the certificate is for another host name"
    expect_in_err "Use the host name the certificate was issued for" "reached as $host: the hint"
    expect_not_in_err "not trusted" "reached as $host: not called untrusted"
done
stop_sandbox

# ------------------------------------------------------------------ expired
start_sandbox --tls-cert "$CERTS/expired.pem" --tls-key "$CERTS/expired.key"
PROFILE_EXTRA=$CA write_config "$TMP/expired.conf"
run tenants list
expect_rc 6 "an expired certificate"
expect_in_err "certificate has expired" "expired: the error says so"
expect_in_err "must renew it" "expired: the hint says it must be renewed"
expect_not_in_err "not trusted" "expired: not called untrusted"
stop_sandbox

# ------------------------------------------------------------------ self-signed
start_sandbox --tls-cert "$CERTS/self.pem" --tls-key "$CERTS/self.key"
PROFILE_EXTRA=$CA write_config "$TMP/self.conf"
run tenants list
expect_rc 6 "a self-signed certificate"
expect_in_err "certificate is self-signed" "self-signed: the error says so"
expect_in_err "set ca_file in the profile to the certificate" "self-signed: the hint"
expect_not_in_err "expired" "self-signed: not called expired"
# trusted when ca_file names that very certificate
PROFILE_EXTRA="ca_file = \"$CERTS/self.pem\";" write_config "$TMP/self-trusted.conf"
run tenants list
expect_rc 0 "a self-signed certificate named by ca_file is trusted"
stop_sandbox

# ------------------------------------------------------------------ plain http
# Refused before anything is sent. Should that break, the proxy variable sends the attempt to
# a dead loopback port, never beyond this machine.
write_config "$TMP/far.conf" "http://192.0.2.1:8642"
run_cmd env http_proxy=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 \
    "$TENANTRY_BIN" -c "$TMP/far.conf" tenants list
expect_rc 2 "plain http to another host is refused"
expect_in_err "uses plain http to a host that is not this machine" "the refusal says why"
expect_in_err "Use https" "the refusal says what to do"
