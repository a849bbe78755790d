# lib.sh: shared helpers of the tests of real links (tests/net/*.sh): TLS, HTTP/2, proxies.
#
# Source it from a bash test script:   . "$(dirname "$0")/lib.sh"
#
# It sources tests/ui/lib.sh (and so tests/cli/lib.sh: start_sandbox, write_config, run,
# run_script, ok/fail, cleanup) and adds: a throwaway certificate authority and certificates
# made with openssl in the test's own folder (make_ca, make_cert, make_self_signed), a free
# loopback port (free_port), and nginx (start_nginx) and tinyproxy (start_tinyproxy) started
# by the test on loopback with their configuration, logs and pid files in the test's folder,
# never writing elsewhere, and always killed when the test ends (the EXIT trap below).
# need_tool skips the test (exit 77) only when a program is truly absent; ./bootstrap installs
# them all, so CI runs these tests.

. "$(dirname "$0")/../ui/lib.sh"

NET_PIDS="" # nginx and tinyproxy started here, killed on exit

# nginx and tinyproxy live in sbin folders that a user's PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

# net_stop_all: kill (TERM, then KILL after WAIT_S s) every nginx or tinyproxy started here.
net_stop_all() {
    local pid i
    for pid in $NET_PIDS; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in $NET_PIDS; do
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt $((WAIT_S * 20)) ]; do
            sleep 0.05
            i=$((i + 1))
        done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    NET_PIDS=""
}
# On exit: the servers go first, then tests/cli/lib.sh's cleanup (with the script's status).
trap 'st=$?; net_stop_all; (exit $st); cleanup' EXIT

# need_tool PROGRAM PACKAGE: skip the test (77) when PROGRAM is not installed.
need_tool() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "SKIP: $1 is not installed (Debian package $2; ./bootstrap installs it)"
        trap - EXIT
        rm -rf "$TMP"
        exit 77
    fi
}

need_tool openssl openssl
CERTS=$TMP/tls
mkdir -p "$CERTS" || fail "mkdir $CERTS"

# _openssl WHAT ARGS...: run openssl, failing the test with its output when it fails.
_openssl() {
    local what=$1
    shift
    openssl "$@" >"$CERTS/openssl.out" 2>&1 ||
        fail "openssl could not $what: $(head -c 2000 "$CERTS/openssl.out")"
}

# make_ca: a throwaway certificate authority, $CERTS/ca.pem (and ca.key).
make_ca() {
    _openssl "make the CA" req -x509 -newkey rsa:2048 -nodes -days 2 \
        -subj "/CN=tenantry test CA $$" -keyout "$CERTS/ca.key" -out "$CERTS/ca.pem"
}

# make_cert NAME SAN [DAYS]: $CERTS/NAME.pem and NAME.key, signed by the CA, for the
# subjectAltName SAN (e.g. "IP:127.0.0.1,DNS:localhost"), valid DAYS days from now (default
# 2; a negative number makes a certificate that has already expired).
make_cert() {
    local name=$1 san=$2 days=${3:-2}
    printf 'subjectAltName=%s\n' "$san" >"$CERTS/$name.ext"
    _openssl "make the key of $name" req -newkey rsa:2048 -nodes -subj "/CN=$name" \
        -keyout "$CERTS/$name.key" -out "$CERTS/$name.csr"
    _openssl "sign $name" x509 -req -in "$CERTS/$name.csr" -CA "$CERTS/ca.pem" \
        -CAkey "$CERTS/ca.key" -CAcreateserial -days "$days" -extfile "$CERTS/$name.ext" \
        -out "$CERTS/$name.pem"
}

# make_self_signed NAME SAN: $CERTS/NAME.pem and NAME.key, signed by itself.
make_self_signed() {
    local name=$1 san=$2
    _openssl "make $name" req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$name" \
        -addext "subjectAltName=$san" -keyout "$CERTS/$name.key" -out "$CERTS/$name.pem"
}

# free_port: print a TCP port free on 127.0.0.1 just now.
free_port() {
    py 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# _wait_port PID PORT WHAT LOG: poll until PORT on 127.0.0.1 accepts a connection; fail when
# PID exits first or after WAIT_S s (showing LOG).
_wait_port() {
    local pid=$1 port=$2 what=$3 log=$4 i=0
    while [ $i -lt $((WAIT_S * 20)) ]; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
        i=$((i + 1))
    done
    fail "$what did not listen on 127.0.0.1:$port: $(head -c 3000 "$log")"
}

# start_nginx UPSTREAM_URL CERT: nginx in the foreground on a free loopback port, TLS with
# $CERTS/CERT.pem and HTTP/2, a reverse proxy to UPSTREAM_URL (the sandbox) keeping its
# connections alive. Its files are in $TMP/nginx; access.log has one line per request:
# "PROTOCOL METHOD URI STATUS conn=N reqs=M". Sets NGINX_PID, NGINX_PORT, NGINX_URL,
# NGINX_LOG (the access log).
start_nginx() {
    local upstream=$1 cert=$2 dir=$TMP/nginx user=""
    need_tool nginx nginx
    mkdir -p "$dir/temp" || fail "mkdir $dir"
    NGINX_PORT=$(free_port)
    NGINX_LOG=$dir/access.log
    # As root, the workers would switch to a user that may not reach this folder: keep root.
    [ "$(id -u)" = 0 ] && user="user root;"
    cat >"$dir/nginx.conf" <<EOF
$user
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log info;
events { worker_connections 64; }
http {
    log_format plain '\$server_protocol \$request_method \$request_uri \$status conn=\$connection reqs=\$connection_requests';
    access_log $NGINX_LOG plain;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    upstream sandbox {
        server ${upstream#http://};
        keepalive 4;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT ssl http2;
        server_name localhost;
        ssl_certificate $CERTS/$cert.pem;
        ssl_certificate_key $CERTS/$cert.key;
        location / {
            proxy_pass http://sandbox;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_buffering off;
            proxy_read_timeout 120s;
        }
    }
}
EOF
    nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' \
        >"$dir/stdout" 2>"$dir/stderr" </dev/null &
    NGINX_PID=$!
    NET_PIDS="$NET_PIDS $NGINX_PID"
    _wait_port "$NGINX_PID" "$NGINX_PORT" nginx "$dir/stderr"
    NGINX_URL=https://127.0.0.1:$NGINX_PORT
}

# start_tinyproxy [USER PASSWORD]: tinyproxy in the foreground on a free loopback port,
# allowing CONNECT to the sandbox's port only ($PORT), with Basic proxy authentication when
# USER and PASSWORD are given. Its files are in $TMP/tinyproxy. Sets PROXY_PID, PROXY_PORT,
# PROXY_LOG (its log, which names every CONNECT).
start_tinyproxy() {
    local dir=$TMP/tinyproxy
    need_tool tinyproxy tinyproxy
    mkdir -p "$dir" || fail "mkdir $dir"
    PROXY_PORT=$(free_port)
    PROXY_LOG=$dir/tinyproxy.log
    {
        echo "Port $PROXY_PORT"
        echo "Listen 127.0.0.1"
        echo "Timeout 120"
        echo "MaxClients 20"
        echo "PidFile \"$dir/tinyproxy.pid\""
        echo "LogFile \"$PROXY_LOG\""
        echo "LogLevel Info"
        echo "Allow 127.0.0.1"
        echo "ConnectPort $PORT"
        [ $# -ge 2 ] && echo "BasicAuth $1 $2"
        # As root, tinyproxy switches to User/Group: stay root (this folder may be private).
        [ "$(id -u)" = 0 ] && printf 'User root\nGroup root\n'
    } >"$dir/tinyproxy.conf"
    : >"$PROXY_LOG"
    tinyproxy -d -c "$dir/tinyproxy.conf" >"$dir/stdout" 2>"$dir/stderr" </dev/null &
    PROXY_PID=$!
    NET_PIDS="$NET_PIDS $PROXY_PID"
    _wait_port "$PROXY_PID" "$PROXY_PORT" tinyproxy "$dir/stderr"
}

# stop_net PID: stop one nginx or tinyproxy started here (TERM, then KILL).
stop_net() {
    local keep="" pid
    for pid in $NET_PIDS; do [ "$pid" = "$1" ] || keep="$keep $pid"; done
    NET_PIDS=$1
    net_stop_all
    NET_PIDS=$keep
}
