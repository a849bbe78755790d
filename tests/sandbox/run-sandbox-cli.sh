#!/bin/bash
# run-sandbox-cli.sh: the command line of tenantry-sandbox (options, exit statuses, the first
# line, signals, a taken port). Every check runs and each failure is printed (ok, fail and
# check are tests/cli/lib.sh's, going on after a failure); exit 1 when one failed. Run by make
# check with TENANTRY_SANDBOX_BIN set.
. "$(dirname "$0")/../cli/lib.sh"
TENANTRY_TEST_KEEP_GOING=1 # read by fail (lib.sh): report every failure
set -m    # background servers get their own process group and do not ignore SIGINT

BIN=$TENANTRY_SANDBOX_BIN

# run_once ARGS...: run the sandbox to completion (at most WAIT_S s); sets rc, out and err.
run_once() {
    timeout -s KILL "$WAIT_S" "$BIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    rc=$?
    out=$(cat "$TMP/out")
    err=$(cat "$TMP/err")
}

# start NAME ARGS...: start a server in the background, wait for its first line; sets pid,
# line and port (port empty when no listening line came).
start() {
    local name=$1
    shift
    : >"$TMP/$name.out"    # exists before the server opens it, for the wait below
    "$BIN" "$@" >>"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null &
    pid=$!
    SANDBOX_PIDS="$SANDBOX_PIDS $pid" # stopped by lib.sh's cleanup if still running at exit
    SB_ERR_OF[$pid]=$TMP/$name.err
    line=""
    port=""
    local i=0
    while [ $i -lt $((WAIT_S * 20)) ]; do
        [ "$(wc -l <"$TMP/$name.out")" -ge 1 ] && break   # the first line is complete
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
        i=$((i + 1))
    done
    line=$(head -n 1 "$TMP/$name.out")
    case $line in
    "listening on http://127.0.0.1:"*) port=${line#listening on http://127.0.0.1:} ;;
    esac
}

# stop_with SIGNAL PID: send the signal and wait (at most WAIT_S s); sets rc (255: no end).
stop_with() {
    kill "-$1" "$2" 2>/dev/null
    local i=0
    while kill -0 "$2" 2>/dev/null && [ $i -lt $((WAIT_S * 20)) ]; do
        sleep 0.05
        i=$((i + 1))
    done
    SANDBOX_PIDS=$(echo " $SANDBOX_PIDS " | sed "s/ $2 / /")
    if kill -0 "$2" 2>/dev/null; then
        kill -KILL "$2" 2>/dev/null
        wait "$2" 2>/dev/null
        rc=255
    else
        wait "$2"
        rc=$?
    fi
}

is_port() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }

# ------------------------------------------------------------------ help and version
for flag in --help -h; do
    run_once "$flag"
    check "$flag exits 0 (got $rc)" [ "$rc" -eq 0 ]
    for opt in --port --bind --verbose --client-id --client-secret --audience --token-ttl \
        --plain-401 --environments --tenants --clients --seed --hostile-names --events \
        --latency-ms --fail-rate --fail-status --retry-after --drop-rate --malformed-rate \
        --system-user --system-password --system-tenants --page-params --post-status \
        --conflict-status --write-only-data --plain-json --ignore-filters --page-cap \
        --repeat-cursor-rate --help --version; do
        check "$flag lists $opt" grep -q -e "$opt" "$TMP/out"
    done
done

for flag in --version -V; do
    run_once "$flag"
    check "$flag exits 0 (got $rc)" [ "$rc" -eq 0 ]
    check "$flag prints a version (got '$out')" grep -Eq '[0-9]+\.[0-9]+\.[0-9]+' "$TMP/out"
done

# ------------------------------------------------------------------ bad options
bad_options=(
    "--bogus"
    "--limit"
    "--tenants abc"
    "--tenants -1"
    "--tenants 10000001"
    "--tenants 1.5"
    "--tenants"
    "--environments 0"
    "--environments 1001"
    "--clients 1001"
    "--token-ttl 0"
    "--token-ttl 31536001"
    "--fail-rate 2"
    "--fail-rate -0.1"
    "--fail-rate abc"
    "--drop-rate 1.5"
    "--malformed-rate x"
    "--page-cap 0"
    "--page-cap 1001"
    "--repeat-cursor-rate 1.5"
    "--fail-status 200"
    "--fail-status 600"
    "--latency-ms -1"
    "--latency-ms 600001"
    "--port 70000"
    "--port -1"
    "--port abc"
    "--bind not-an-address"
    "--system-tenants -1"
    "--system-tenants 10000001"
    "--system-tenants x"
    "--page-params _page"
    "--page-params _page,_page"
    "--page-params ,_limit"
    "--page-params _page,"
    "--page-params id,_limit"
    "--page-params p[],l"
    "--page-params a,b,c"
    "--post-status 202"
    "--post-status x"
    "--conflict-status 404"
    "--system-user a:b"
    "stray-argument"
)
for opts in "${bad_options[@]}"; do
    # shellcheck disable=SC2086  # the words of opts are separate arguments
    run_once --port 0 --tenants 0 $opts
    check "'$opts' exits 2 (got $rc)" [ "$rc" -eq 2 ]
    check "'$opts' explains on stderr" grep -Eiq -e 'usage|--help' "$TMP/err"
    check "'$opts' does not listen" [ -z "$(grep listening "$TMP/out")" ]
done

# ------------------------------------------------------------------ first line and signals
start plain --port 0 --tenants 3
check "first line is the listening line (got '$line')" is_port "$port"
stop_with TERM "$pid"
check "SIGTERM exits 0 (got $rc)" [ "$rc" -eq 0 ]

start short -p 0 --tenants 3
check "-p 0 listens (got '$line')" is_port "$port"
stop_with INT "$pid"
check "SIGINT exits 0 (got $rc)" [ "$rc" -eq 0 ]

start bound --port 0 --bind 127.0.0.1 --tenants 3
check "--bind 127.0.0.1 listens (got '$line')" is_port "$port"
stop_with TERM "$pid"
check "SIGTERM after --bind exits 0 (got $rc)" [ "$rc" -eq 0 ]

# ------------------------------------------------------------------ a taken port
start first --port 0 --tenants 3
first_pid=$pid
if is_port "$port"; then
    run_once --port "$port" --tenants 3
    check "a taken port exits 1 (got $rc)" [ "$rc" -eq 1 ]
    check "a taken port explains on stderr" [ -s "$TMP/err" ]
    check "a taken port does not claim to listen" [ -z "$(grep listening "$TMP/out")" ]
else
    fail "the first server did not listen (got '$line')"
fi
stop_with TERM "$first_pid"
check "the first server still exits 0 (got $rc)" [ "$rc" -eq 0 ]

# ------------------------------------------------------------------ an events file it cannot open
run_once --port 0 --tenants 3 --events "$TMP/no/such/dir/events.log"
check "an unwritable events file exits 1 (got $rc)" [ "$rc" -eq 1 ]
check "an unwritable events file explains on stderr" [ -s "$TMP/err" ]

# ------------------------------------------------------------------ --verbose
start verbose --port 0 --tenants 3 --verbose
if is_port "$port" && exec 3<>"/dev/tcp/127.0.0.1/$port"; then
    printf 'GET /v1/environments HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    reply=$(timeout "$WAIT_S" cat <&3)
    exec 3>&-
    # A path with an escape sequence in it must not reach the operator's terminal raw.
    if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
        printf 'GET /v1/tenants/%%1b%%5b31mred/clients HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
        timeout "$WAIT_S" cat <&3 >/dev/null
        exec 3>&-
    fi
    check "a raw request is answered 401 (got '${reply%%$'\r'*}')" \
        grep -q '^HTTP/1\.[01] 401' <<<"$reply"
else
    fail "the verbose server did not listen (got '$line')"
fi
stop_with TERM "$pid"
check "the verbose server exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "--verbose logs the request on stderr" \
    grep -Eq 'GET.*/v1/environments.*401' "$TMP/verbose.err"
check "--verbose logs the escaped path" grep -q '/v1/tenants/%1b%5b31mred/clients' "$TMP/verbose.err"
check "--verbose writes no raw ESC byte" [ -z "$(tr -cd '\033' <"$TMP/verbose.err")" ]

