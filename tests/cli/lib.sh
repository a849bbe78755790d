# lib.sh: shared helpers of the end-to-end tests of the tenantry command line.
#
# Source it from a bash test script:   . "$(dirname "$0")/lib.sh"
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
TEST_NAME=$(basename "$0" .sh)
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
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config

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
