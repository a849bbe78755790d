# lib.sh: shared helpers of the end-to-end tests of the tenantry command line.
#
# Source it from a bash test script:   . "$(dirname "$0")/lib.sh" (from a subfolder such as
# tests/cli/system/: . "$(dirname "$0")/../lib.sh")
#
# Every script starts its own tenantry-sandbox(s) on a free port (start_sandbox), writes a
# profiles file pointing at it (write_config), runs the real tenantry (run, run_cmd, run_input)
# and checks stdout, stderr, the exit status and the sandbox's events file. The first failed
# check prints "FAIL: what" (with the command and its output) and exits 1. On exit every
# sandbox still running gets SIGTERM and must exit 0 (a sanitizer build reports leaks with a
# non-zero status, ASAN exitcode=86). TENANTRY_TEST_KEEP_GOING=1 goes on after a failure (to see
# them all at once) and still exits 1.
#
# Set by make check: TENANTRY_BIN, TENANTRY_SANDBOX_BIN, TENANTRY_TEST_TMPDIR.

set -u

TENANTRY_BIN=${TENANTRY_BIN:?TENANTRY_BIN is not set (run with make check)}
TENANTRY_SANDBOX_BIN=${TENANTRY_SANDBOX_BIN:?TENANTRY_SANDBOX_BIN is not set (run with make check)}

# The kernel keyring: tenantry keeps tokens in the user keyring between commands, and that
# keyring outlives the test and is shared with the sessions of whoever runs it. So a test runs
# under tests/cli/nokeyring (keyctl and add_key refused, as some containers refuse them: tokens
# stay in memory, one per command), unless it sets TEST_KEYRING=private before sourcing this
# file: then it runs in a user namespace of its own (a fresh user keyring that dies with it);
# where user namespaces are refused, KEYRING_SHARED=1 says the test has the real user keyring
# and must use key names of its own and drop them. The script is started again under either.
if [ -z "${TENANTRY_TEST_KEYRING_SET:-}" ]; then
    export TENANTRY_TEST_KEYRING_SET=1
    if [ "${TEST_KEYRING:-}" = private ]; then
        if unshare -U --map-current-user true 2>/dev/null; then
            exec unshare -U --map-current-user "$BASH" "$0" "$@"
        fi
        KEYRING_SHARED=1
    elif [ -x "${TENANTRY_NOKEYRING_BIN:-}" ] && "$TENANTRY_NOKEYRING_BIN" true 2>/dev/null; then
        exec "$TENANTRY_NOKEYRING_BIN" "$BASH" "$0" "$@"
    else
        echo "note: the kernel keyring cannot be refused here; tokens may be cached in it"
    fi
fi
KEYRING_SHARED=${KEYRING_SHARED:-0}

TEST_NAME=$(basename "$0" .sh)
case $(basename "$(dirname "$0")") in # a scenario of a folder is named FOLDER-NAME
cli | ui | sandbox | net) ;;
*) TEST_NAME=$(basename "$(dirname "$0")")-$TEST_NAME ;;
esac
TMP=${TENANTRY_TEST_TMPDIR:-/tmp}/cli-$TEST_NAME.$$
rm -rf "$TMP"
mkdir -p "$TMP/home" || exit 1
TMP=$(cd "$TMP" && pwd) # absolute: tests cd around
WAIT_S=${TENANTRY_TEST_WAIT_S:-60}    # sanitizer builds start, run and stop slowly
RUN_TIMEOUT_S=${TENANTRY_TEST_RUN_TIMEOUT_S:-120}

# The demo credentials the sandbox accepts by default.
AUDIENCE=https://manage.sandbox.tenantry.test
CLIENT_ID=tenantry-demo
SECRET=tenantry-demo-secret

# python3 for the JSON and CSV checks; the interpreter itself, not a version manager's shim
# (which costs a tenth of a second a call).
PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
[ -x "$PYTHON" ] || { echo "FAIL: python3 is needed for the checks"; exit 1; }

# A predictable environment: English messages, no terminal width, and a HOME of our own so
# that a forgotten -c can never read or write the operator's real profiles file.
export LC_ALL=C
unset LANGUAGE COLUMNS TENANTRY_SANDBOX
# No proxy from the caller's environment: the tests talk to loopback only (tests/net/proxy.sh
# sets its own).
unset HTTPS_PROXY https_proxy HTTP_PROXY http_proxy ALL_PROXY all_proxy NO_PROXY no_proxy
# The journal of changes (core/journal.h) too: each test has its own.
unset TENANTRY_JOURNAL
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config XDG_STATE_HOME=$TMP/home/.local/state

# Commands run without a controlling terminal (setsid) and with stdin from /dev/null unless
# told otherwise, so that "no terminal to ask" is what they see even under an interactive make.
if command -v setsid >/dev/null 2>&1; then
    NOTTY="setsid -w"
else
    NOTTY=""
fi
if command -v timeout >/dev/null 2>&1; then
    TIMEOUT="timeout -s KILL $RUN_TIMEOUT_S"
else
    TIMEOUT=""
fi

n_ok=0
SANDBOX_PIDS=""
SB_N=0
declare -A SB_ERR_OF
out="" err="" rc=0 last_cmd=""

# ------------------------------------------------------------------ reporting

# ok WHAT: count a passed check and say so.
ok() {
    n_ok=$((n_ok + 1))
    echo "ok $n_ok - $*"
}

# fail WHAT: say what failed, show the last command and its output, and exit 1 (with
# TENANTRY_TEST_KEEP_GOING=1, for a developer's overview: go on, and exit 1 at the end).
n_failed=0
fail() {
    echo "FAIL: $*"
    n_failed=$((n_failed + 1))
    if [ -n "$last_cmd" ]; then
        echo "  last command: $last_cmd"
        echo "  exit status: $rc"
        echo "  --- stdout (first 40 lines)"
        head -n 40 "$TMP/out" 2>/dev/null | sed 's/^/  | /' | cat -v
        echo "  --- stderr (first 40 lines)"
        head -n 40 "$TMP/err" 2>/dev/null | sed 's/^/  | /' | cat -v
    fi
    [ "${TENANTRY_TEST_KEEP_GOING:-0}" = 1 ] && return 1
    exit 1
}

# check WHAT COMMAND...: ok when COMMAND succeeds, else fail.
check() {
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

# ------------------------------------------------------------------ running tenantry

# _run_with INPUT COMMAND...: run COMMAND with stdin from the file INPUT, no terminal; sets
# rc, out and err (also kept in $TMP/out and $TMP/err).
_run_with() {
    local input=$1
    shift
    last_cmd="$*"
    # shellcheck disable=SC2086  # NOTTY and TIMEOUT are words or nothing
    $NOTTY $TIMEOUT "$@" <"$input" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    # shellcheck disable=SC2034  # for the test scripts
    out=$(cat "$TMP/out")
    # shellcheck disable=SC2034
    err=$(cat "$TMP/err")
}

# run ARGS...: tenantry -c $CONFIG ARGS.
run() { _run_with /dev/null "$TENANTRY_BIN" -c "$CONFIG" "$@"; }

# run_tty COMMAND...: run COMMAND with its stdin and stdout on a pseudo-terminal (script(1))
# of no set size (a program falls back to COLUMNS), the file $TTY_INPUT (default /dev/null)
# typed in; what the terminal showed (stdout, prompts written to /dev/tty, the echo) is kept
# in $TMP/out with the CRs dropped, stderr in $TMP/err; rc is its exit status.
run_tty() {
    last_cmd="(on a pty) $*"
    script -qec "$(printf '%q ' "$@") 2>$(printf '%q' "$TMP/err")" /dev/null \
        <"${TTY_INPUT:-/dev/null}" >"$TMP/tty.raw" 2>/dev/null
    rc=$?
    tr -d '\r' <"$TMP/tty.raw" >"$TMP/out"
}

# run_cmd COMMAND...: any command (e.g. env VAR=x "$TENANTRY_BIN" ...), same capture.
run_cmd() { _run_with /dev/null "$@"; }

# run_input TEXT ARGS...: tenantry -c $CONFIG ARGS with TEXT and a newline on stdin.
run_input() {
    printf '%s\n' "$1" >"$TMP/stdin.txt"
    shift
    _run_with "$TMP/stdin.txt" "$TENANTRY_BIN" -c "$CONFIG" "$@"
}

# expect_rc N WHAT: the last command exited N.
expect_rc() {
    [ "$rc" = "$1" ] || { fail "$2: expected exit status $1, got $rc"; return; }
    ok "$2 (exit $1)"
}

# expect_in_out TEXT WHAT / expect_in_err TEXT WHAT: the last command printed TEXT (fixed
# string) on stdout / stderr.
expect_in_out() {
    grep -qF -e "$1" "$TMP/out" || { fail "$2: '$1' not on stdout"; return; }
    ok "$2"
}
expect_in_err() {
    grep -qF -e "$1" "$TMP/err" || { fail "$2: '$1' not on stderr"; return; }
    ok "$2"
}
# expect_not_in_out TEXT WHAT / expect_not_in_err TEXT WHAT: ... did not print TEXT.
expect_not_in_out() {
    if grep -qF -e "$1" "$TMP/out"; then fail "$2: '$1' is on stdout"; return; fi
    ok "$2"
}
expect_not_in_err() {
    if grep -qF -e "$1" "$TMP/err"; then fail "$2: '$1' is on stderr"; return; fi
    ok "$2"
}
# expect_empty_out WHAT / expect_empty_err WHAT
expect_empty_out() {
    [ ! -s "$TMP/out" ] || { fail "$1: stdout is not empty"; return; }
    ok "$1"
}
expect_empty_err() {
    [ ! -s "$TMP/err" ] || { fail "$1: stderr is not empty"; return; }
    ok "$1"
}

# py CODE [ARGS...]: run a python3 snippet (sys.argv[1:] are ARGS); its status is returned and
# its output shown.
py() {
    local code=$1
    shift
    "$PYTHON" -c "$code" "$@"
}

# ------------------------------------------------------------------ the sandbox

# start_sandbox [FLAGS...]: start tenantry-sandbox --port 0 --events FILE FLAGS in the
# background and wait (polling, at most WAIT_S s) for its "listening on" line. Sets
# SANDBOX_PID, PORT, URL (https://... with --tls-cert), EVENTS (the events file) and
# SANDBOX_ERR (its stderr).
start_sandbox() {
    SB_N=$((SB_N + 1))
    local base=$TMP/sandbox$SB_N line="" i=0
    EVENTS=$base.events
    SANDBOX_ERR=$base.err
    : >"$EVENTS"
    : >"$base.out"
    "$TENANTRY_SANDBOX_BIN" --port 0 --events "$EVENTS" "$@" >"$base.out" 2>"$SANDBOX_ERR" \
        </dev/null &
    SANDBOX_PID=$!
    SANDBOX_PIDS="$SANDBOX_PIDS $SANDBOX_PID"
    SB_ERR_OF[$SANDBOX_PID]=$SANDBOX_ERR
    while [ $i -lt $((WAIT_S * 20)) ]; do
        [ "$(wc -l <"$base.out")" -ge 1 ] && break # the first line is complete
        kill -0 "$SANDBOX_PID" 2>/dev/null || break
        sleep 0.05
        i=$((i + 1))
    done
    line=$(head -n 1 "$base.out")
    case $line in
    "listening on http://127.0.0.1:"*) PORT=${line#listening on http://127.0.0.1:} ;;
    "listening on https://127.0.0.1:"*) PORT=${line#listening on https://127.0.0.1:} ;;
    *) fail "tenantry-sandbox $* did not say 'listening on' (first line '$line'; stderr: $(head -c 2000 "$SANDBOX_ERR"))" ;;
    esac
    case $PORT in '' | *[!0-9]*) fail "tenantry-sandbox printed no port: '$line'" ;; esac
    URL=${line#listening on }
}

# _stop_one PID: SIGTERM, wait at most WAIT_S s (then SIGKILL); return 0 when it exited 0,
# else print why on stdout and return 1.
_stop_one() {
    local pid=$1 i=0 status
    kill -TERM "$pid" 2>/dev/null
    while kill -0 "$pid" 2>/dev/null && [ $i -lt $((WAIT_S * 20)) ]; do
        sleep 0.05
        i=$((i + 1))
    done
    SANDBOX_PIDS=$(echo " $SANDBOX_PIDS " | sed "s/ $pid / /")
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        echo "FAIL: tenantry-sandbox $pid did not stop within $WAIT_S s of SIGTERM"
        return 1
    fi
    wait "$pid"
    status=$?
    if [ "$status" != 0 ]; then
        echo "  --- sandbox stderr"
        head -c 20000 "${SB_ERR_OF[$pid]}" | sed 's/^/  | /'
        echo "FAIL: tenantry-sandbox $pid exited $status after SIGTERM (sanitizer report above?)"
        return 1
    fi
    ok "sandbox $pid exited 0 after SIGTERM"
}

# stop_sandbox [PID]: stop the sandbox (default: SANDBOX_PID) with SIGTERM; fail unless it
# exited 0.
stop_sandbox() {
    _stop_one "${1:-$SANDBOX_PID}" || exit 1
}

# cleanup: the EXIT trap. Stops every sandbox still running (each must exit 0 when the
# script has passed so far), removes the scratch folder when everything passed.
cleanup() {
    local status=$? pid
    trap - EXIT
    [ "$n_failed" = 0 ] || status=1
    for pid in $SANDBOX_PIDS; do
        if [ "$status" = 0 ]; then
            _stop_one "$pid" || status=1
        else
            kill -KILL "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null
        fi
    done
    if [ "$status" = 0 ]; then
        rm -rf "$TMP"
        echo "PASS: $TEST_NAME ($n_ok checks)"
    else
        echo "(scratch files kept in $TMP)"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'echo "FAIL: interrupted"; exit 1' INT TERM HUP

# count_events NAME [FILE]: how many lines of the events file (default EVENTS) are event NAME.
count_events() {
    grep -c "^$1 " "${2:-$EVENTS}"
}

# event_lines [FILE]: how many events the file holds (to compare before/after a command).
event_lines() {
    wc -l <"${1:-$EVENTS}" | tr -d ' '
}

# ------------------------------------------------------------------ profiles files

# write_config [FILE [URL [SECRET]]]: a profiles file with one default profile "local" for URL
# (default $URL) and the demo credentials (or SECRET), with `page_size = $PAGE_SIZE;` when
# PAGE_SIZE is set, more settings of the profile from $PROFILE_EXTRA (e.g.
# 'ca_file = "...";') and the text $EXTRA (e.g. a keys group) after the profiles; mode 600;
# CONFIG becomes FILE (default $TMP/config).
write_config() {
    local file=${1:-$TMP/config} url=${2:-$URL} secret=${3:-$SECRET} page=""
    [ -n "${PAGE_SIZE:-}" ] && page="page_size = $PAGE_SIZE;"
    cat >"$file" <<EOF
default_profile = "local";
profiles = (
  {
    name = "local";
    url = "$url";
    auth_url = "$url/oauth/token";
    audience = "$AUDIENCE";
    client_id = "$CLIENT_ID";
    client_secret = "$secret";
    $page
    ${PROFILE_EXTRA:-}
  }
);
${EXTRA:-}
EOF
    chmod 600 "$file"
    CONFIG=$file
}

# write_config_text FILE TEXT: FILE holds TEXT, mode 600; CONFIG becomes FILE.
write_config_text() {
    printf '%s\n' "$2" >"$1"
    chmod 600 "$1"
    CONFIG=$1
}

# file_mode FILE: the permission bits in octal, e.g. 600.
file_mode() {
    [ -e "$1" ] || { echo missing; return; }
    stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1" 2>/dev/null
}

# set_env_id: ENV_ID becomes the ID of the sandbox's first environment (via tenantry itself;
# not in a $(...), so that a failure here ends the script).
set_env_id() {
    run environments list -o json
    [ "$rc" = 0 ] || fail "environments list -o json (to find an environment)"
    ENV_ID=$(py 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$TMP/out")
    case $ENV_ID in
    ????????-????-????-????-????????????) ;;
    *) fail "environments list -o json gives no environment ID: '$ENV_ID'" ;;
    esac
}

# json_field FILE EXPR: evaluate EXPR (python, the parsed JSON is j) over the JSON in FILE.
json_field() {
    py 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# rotation_fixture: a sandbox of 2 tenants with 3 clients each and its profile (the rotate
# tests); T is the first tenant's ID, $TMP/before.json its clients as listed, C0, NAME0 and
# ROLES0 (sorted, comma-separated) the first client's ID, name and roles.
rotation_fixture() {
    start_sandbox --tenants 2 --clients 3 --seed 8
    write_config
    run tenants list -o json
    T=$(json_field "$TMP/out" 'j[0]["id"]')
    run clients list "$T" -o json
    cp "$TMP/out" "$TMP/before.json"
    C0=$(json_field "$TMP/before.json" 'j[0]["clientId"]')
    NAME0=$(json_field "$TMP/before.json" 'j[0]["name"]')
    ROLES0=$(json_field "$TMP/before.json" '",".join(sorted(j[0]["roles"]))')
    [ -n "$T" ] && [ -n "$C0" ] || fail "rotation_fixture: no tenant or client listed"
}

# expect_rotated NEW SECRET: after a rotation of C0 (rotation_fixture) into the client NEW
# whose secret is SECRET: T's clients (listed again) hold NEW with C0's name and roles and no
# C0; the journal's create "rotates" C0 and its delete is "rotated_by" NEW; SECRET is not in it.
expect_rotated() {
    local new=$1 secret=$2 journal=$XDG_STATE_HOME/tenantry/journal.jsonl
    run clients list "$T" -o json
    check "the new one has the old one's name and roles; the old one is gone" py 'import json,sys
j = json.load(open(sys.argv[1]))
new = [c for c in j if c["clientId"] == sys.argv[2]]
assert new and new[0]["name"] == sys.argv[3] and ",".join(sorted(new[0]["roles"])) == sys.argv[4], new
assert not [c for c in j if c["clientId"] == sys.argv[5]]' "$TMP/out" "$new" "$NAME0" "$ROLES0" "$C0"
    check "the journal: the create rotates $C0, the delete is rotated_by $new" py 'import json,sys
lines = [json.loads(l) for l in open(sys.argv[1])]
c = [l for l in lines if l["operation"] == "create" and l.get("rotates") == sys.argv[2]]
d = [l for l in lines if l["operation"] == "delete" and l.get("rotated_by") == sys.argv[3]]
assert len(c) == 1 and c[0]["id"] == sys.argv[3] and len(d) == 1 and d[0]["id"] == sys.argv[2], lines' \
        "$journal" "$C0" "$new"
    if [ -z "$secret" ]; then
        fail "expect_rotated: no secret to look for in the journal"
    elif grep -qF -e "$secret" "$journal"; then
        fail "the new secret is in the journal"
    else
        ok "the new secret is not in the journal"
    fi
}

# write_system_config [FILE [URL [FIELDS]]]: a profiles file with one default profile "sys"
# of api "system" (/system/tenants, Basic auth) for URL (default $URL), user ${SYS_USER:-system}
# and the password read from the environment variable SYS_PW, plus FIELDS (more settings of
# the profile, e.g. 'page_params = "_page,_limit";'); mode 600; CONFIG becomes FILE.
write_system_config() {
    local file=${1:-$TMP/config} url=${2:-$URL} fields=${3:-}
    cat >"$file" <<EOT
default_profile = "sys";
profiles = (
  {
    name = "sys";
    api = "system";
    url = "$url";
    user = "${SYS_USER:-system}";
    password_env = "SYS_PW";
    $fields
  }
);
EOT
    chmod 600 "$file"
    CONFIG=$file
}

# events_after N [FILE]: the events after the first N lines of the events file (default
# EVENTS), i.e. what happened since event_lines said N.
events_after() {
    tail -n +$(($1 + 1)) "${2:-$EVENTS}"
}

# count_events_after N NAME [FILE]: how many of the events after the first N are event NAME.
count_events_after() {
    events_after "$1" "${3:-$EVENTS}" | grep -c "^$2 "
}

# no_new_events N WHAT [FILE]: the events file (default EVENTS) still has N lines (nothing
# reached the sandbox).
no_new_events() {
    local now
    now=$(event_lines "${3:-$EVENTS}")
    [ "$now" = "$1" ] || { fail "$2: $((now - $1)) new events: $(events_after "$1" "${3:-$EVENTS}" | cut -d' ' -f1 | tr '\n' ' ')"; return; }
    ok "$2"
}

# ------------------------------------------------------------------ the system API (tests/cli/system/)

# sys_init: what every scenario of tests/cli/system/ shares: the sandbox's user and password
# (SYS_PW exported for password_env), a wrong password, NOBODY (a UUID no sandbox has), no
# editor from the caller's environment, the scripted editors (sys_editors) and the data files
# $TMP/acme.json, platinum.json, array.json, invalid.json and empty.json.
sys_init() {
    SYS_USER=operator
    SYS_PASSWORD='Sys-Pw-7Hq2-never-shown'
    WRONG_PASSWORD='Wrong-Pw-9Zk4-never-shown'
    export SYS_PW=$SYS_PASSWORD
    unset VISUAL EDITOR TMPDIR
    NOBODY=00000000-0000-4000-8000-000000000000
    sys_editors
    printf '%s\n' '{"name": "Acme \u00fcml", "plan": "gold", "limits": {"users": 5}, "tags": ["a", "b"]}' \
        >"$TMP/acme.json"
    printf '{"plan": "platinum"}\n' >"$TMP/platinum.json"
    printf '[1, 2]\n' >"$TMP/array.json"
    printf '{"name": "unfinished"\n' >"$TMP/invalid.json"
    printf '' >"$TMP/empty.json"
}

# sys_main: the main sandbox of 30 tenants (sys_sandbox) and a profile for it: SYS (the
# profiles file, also CONFIG), MAIN_URL, MAIN_EVENTS, $TMP/full.json (every tenant, from
# tenants list --all -o json), FIRST and E (the first and the second tenant's uuid).
sys_main() {
    sys_sandbox --system-tenants 30
    MAIN_URL=$URL
    MAIN_EVENTS=$EVENTS
    write_system_config "$TMP/sys"
    SYS=$CONFIG
    run tenants list --all -o json
    [ "$rc" = 0 ] || fail "tenants list --all -o json (the main sandbox's tenants)"
    cp "$TMP/out" "$TMP/full.json"
    FIRST=$(json_field "$TMP/full.json" 'j[0]["uuid"]')
    E=$(json_field "$TMP/full.json" 'j[1]["uuid"]')
}

# sys_new_tenant: C becomes the uuid of a tenant created (version 1) from $TMP/acme.json.
sys_new_tenant() {
    run tenants create --data "$TMP/acme.json" -o json
    [ "$rc" = 0 ] || fail "tenants create --data acme.json (a tenant to change)"
    C=$(json_field "$TMP/out" 'j["uuid"]')
}

# sys_sandbox FLAGS...: start_sandbox accepting SYS_USER and SYS_PASSWORD (not the defaults,
# so that a profile falling back to them would fail).
sys_sandbox() {
    start_sandbox --system-user "$SYS_USER" --system-password "$SYS_PASSWORD" "$@"
}

# uuids FILE: the uuid of each tenant of a JSON array or JSON-lines file, one a line.
uuids() {
    py 'import json,sys
t=open(sys.argv[1]).read().strip()
rows=[] if not t else json.loads(t) if t.startswith("[") else [json.loads(l) for l in t.splitlines()]
for r in rows: print(r["uuid"])' "$1"
}

# expected FILTER...: the uuids of $TMP/full.json that the list filters FILTER keep (--id N,
# --uuid U, --created-before D, ...; the dates' bounds inclusive), as python sees it.
expected() {
    py 'import json,sys,datetime as dt
def when(s):
    s=s.replace("Z","+00:00")
    return dt.datetime.fromisoformat(s+"T00:00:00+00:00" if len(s)==10 else s)
rows=json.load(open(sys.argv[1])); a=sys.argv[2:]
ids=[int(v) for k,v in zip(a[::2],a[1::2]) if k=="--id"]
uu=[v for k,v in zip(a[::2],a[1::2]) if k=="--uuid"]
b={k:when(v) for k,v in zip(a[::2],a[1::2]) if k not in ("--id","--uuid")}
def keep(r):
    c,u=when(r["createdAt"]),when(r["updatedAt"])
    return ((not ids or r["id"] in ids) and (not uu or r["uuid"] in uu)
        and ("--created-before" not in b or c<=b["--created-before"])
        and ("--created-after" not in b or c>=b["--created-after"])
        and ("--updated-before" not in b or u<=b["--updated-before"])
        and ("--updated-after" not in b or u>=b["--updated-after"]))
for r in rows:
    if keep(r): print(r["uuid"])' "$TMP/full.json" "$@"
}

# filter_check WHAT FILTER...: tenants list --all -o json FILTER lists exactly the tenants
# python keeps, and the filter keeps some of the 30 but not all (else it proves nothing).
filter_check() {
    local what=$1 want got n
    shift
    run tenants list --all -o json "$@"
    [ "$rc" = 0 ] || { fail "$what: exit status $rc"; return; }
    want=$(expected "$@" | sort)
    got=$(uuids "$TMP/out" | sort)
    n=$(printf '%s' "$want" | grep -c .)
    if [ "$n" -lt 1 ] || [ "$n" -ge 30 ]; then
        fail "$what: python keeps $n of the 30 tenants: not a useful filter"
        return
    fi
    [ "$got" = "$want" ] || {
        fail "$what: listed [$(printf '%s' "$got" | tr '\n' ' ')], python keeps [$(printf '%s' "$want" | tr '\n' ' ')]"
        return
    }
    ok "$what: the $n tenants python keeps"
}

# version_of UUID: VERSION becomes the tenant's version (tenants get -o json).
version_of() {
    run tenants get "$1" -o json
    [ "$rc" = 0 ] || fail "tenants get $1 -o json (to read its version)"
    VERSION=$(json_field "$TMP/out" 'j["version"]')
}

# sys_editors: EDITS (the folder tenants edit's files go to, made), $TMP/ed.py (the scripted
# editor below) and $TMP/bump.json.
sys_editors() {
    EDITS=$TMP/edits
    mkdir -p "$EDITS"
    cat >"$TMP/ed.py" <<'EOF'
# ed.py MODE FILE: an editor for tenants edit. add: data.edited = by-the-test-vVERSION (new at
# each version); none: no change; fail: add, then exit 1; invalid: leave invalid JSON;
# version: add, and set version to 999; bump: someone else updates the tenant (tenantry
# tenants update, with the version read), then add.
import json, os, subprocess, sys
mode, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    j = json.load(f)
if mode == "none":
    sys.exit(0)
if mode == "invalid":
    with open(path, "w") as f:
        f.write('{"data": {"unfinished": ')
    sys.exit(0)
if mode == "bump":
    subprocess.run([os.environ["ED_TENANTRY"], "-c", os.environ["ED_CONFIG"], "tenants", "update",
                    j["uuid"], "--data", os.environ["ED_BUMP"], "--version", str(j["version"])],
                   check=True, stdout=subprocess.DEVNULL)
j["data"]["edited"] = "by-the-test-v%d" % j["version"]  # a new value at each version
if mode == "version":
    j["version"] = 999
with open(path, "w") as f:
    json.dump(j, f, indent=2)
sys.exit(1 if mode == "fail" else 0)
EOF
    printf '{"bumped": true}\n' >"$TMP/bump.json"
}

# edit_with MODE UUID [ARGS...]: tenants edit UUID with ed.py MODE as $EDITOR and the files in
# $EDITS (emptied first).
edit_with() {
    local mode=$1
    shift
    rm -rf "$EDITS"
    mkdir -p "$EDITS"
    run_cmd env -u VISUAL TMPDIR="$EDITS" EDITOR="'$PYTHON' '$TMP/ed.py' $mode" \
        ED_TENANTRY="$TENANTRY_BIN" ED_CONFIG="$CONFIG" ED_BUMP="$TMP/bump.json" \
        "$TENANTRY_BIN" -c "$CONFIG" tenants edit "$@"
}

# kept_file WHAT: KEPT becomes the file named by the last line of stderr ("... kept in PATH"),
# which must be in $EDITS, mode 600.
kept_file() {
    KEPT=$(tail -n 1 "$TMP/err" | sed -n 's/.*kept in //p')
    [ -n "$KEPT" ] || { fail "$1: the last line of stderr names no kept file"; return; }
    case $KEPT in "$EDITS"/*) ;; *) fail "$1: the kept file $KEPT is not in TMPDIR"; return ;; esac
    [ -f "$KEPT" ] || { fail "$1: the kept file $KEPT does not exist"; return; }
    [ "$(file_mode "$KEPT")" = 600 ] || { fail "$1: the kept file is mode $(file_mode "$KEPT")"; return; }
    ok "$1: the file is kept (mode 600) and its path is the message's last line"
}
edits_left() { find "$EDITS" -type f | wc -l | tr -d ' '; }
# ------------------------------------------------------------------ terminal safety

# A UTF-8 locale to run a command in besides C (empty when none is installed).
UTF8_LOCALE=$(locale -a 2>/dev/null | grep -i -m1 -E '^c\.utf-?8$')
[ -n "$UTF8_LOCALE" ] || UTF8_LOCALE=$(locale -a 2>/dev/null | grep -i -m1 -E 'utf-?8$')

# clean FILE ENCODING [KEEP]: FILE decodes strictly as ENCODING (ascii or utf-8) and holds no
# ESC, BEL, C1 control (U+0080..U+009F), bidi override or other control but the newline and
# the characters of KEEP (e.g. a tab and a CR for csv); in ascii, no byte 0x9b either.
clean() {
    py '
import sys
data = open(sys.argv[1], "rb").read()
keep = "\n" + (sys.argv[3] if len(sys.argv) > 3 else "")
for b in (0x1b, 0x07):
    if b in data:
        sys.exit("byte 0x%02x at offset %d" % (b, data.index(b)))
if sys.argv[2] == "ascii" and 0x9b in data:
    sys.exit("byte 0x9b at offset %d" % data.index(0x9b))
text = data.decode(sys.argv[2])  # strict: invalid sequences fail
for i, ch in enumerate(text):
    cp = ord(ch)
    if (cp < 0x20 and ch not in keep) or 0x7f <= cp <= 0x9f or 0x202a <= cp <= 0x202e or 0x2066 <= cp <= 0x2069:
        sys.exit("control U+%04X at character %d: %r" % (cp, i, text[max(0, i - 20):i + 20]))
' "$@"
}
