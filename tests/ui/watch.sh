#!/bin/bash
# watch.sh: `:watch 1` re-reads the focused list while idle: a tenant the CLI creates shows
# within a period marked + (the message says 1 new), one the CLI deletes is marked - and stays
# until a reload (1 gone), the selection never moves; `:watch off` stops the re-reads (the
# sandbox's events). On the system API a re-read asks only for updatedAt[after] the latest
# change seen, and a tenant the CLI changes or creates shows. A bad period is refused. On a real
# terminal, re-reads that find nothing write next to nothing.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 30 --seed 7
UI_LINES=40 # every tenant on the screen, the new one too
write_config
set_env_id
run tenants list --all -o json
cp "$TMP/out" "$TMP/all.json"
T5=$(json_field "$TMP/all.json" 'j[5]["id"]')
T2=$(json_field "$TMP/all.json" 'j[2]["id"]')

# bg_script NAME [TENANTRY ARGS...] <<'EOF' ... EOF: run_script's console, in the background
# (BG_PID) with its own stdout and stderr (the CLI runs meanwhile), in $TMP/NAME.
bg_script() {
    local name=$1
    shift
    S_DIR=$TMP/$name
    rm -rf "$S_DIR"
    mkdir -p "$S_DIR" || fail "mkdir $S_DIR"
    cat >"$S_DIR/script"
    # shellcheck disable=SC2086  # NOTTY and UI_TIMEOUT are words or nothing
    (cd "$S_DIR" && COLUMNS=$UI_COLS LINES=$UI_LINES TERM=$UI_TERM LC_ALL=$UI_LC \
        TENANTRY_SCRIPT=$S_DIR/script $NOTTY $UI_TIMEOUT "$TENANTRY_BIN" "$@" \
        </dev/null >"$S_DIR/out" 2>"$S_DIR/err") &
    BG_PID=$!
}
# bg_done NAME: the background console ended well: exit 0, nothing on stdout or stderr.
bg_done() {
    wait "$BG_PID"
    local status=$?
    S_DIR=$TMP/$1
    [ "$status" = 0 ] || { cat "$S_DIR/err"; fail "script $1: tenantry exited $status"; }
    [ ! -s "$S_DIR/out" ] && [ ! -s "$S_DIR/err" ] || fail "script $1: tenantry wrote on stdout or stderr"
    ok "script $1 ran: exit 0, nothing on stdout or stderr"
}

# reads: how many re-reads of the whole list (limit=1000) the sandbox has seen
reads() { grep -c '^TENANT_RETRIEVE_LIST_START .*query=.*limit=1000' "$EVENTS"; }
# wait_until WHAT COMMAND...: poll COMMAND until it succeeds (at most WAIT_S s)
wait_until() {
    local what=$1 i=0
    shift
    until "$@"; do
        i=$((i + 1))
        [ $i -lt $((WAIT_S * 20)) ] || { fail "waited $WAIT_S s for $what"; return 1; }
        sleep 0.05
    done
}

: >"$EVENTS"
bg_script watch -c "$CONFIG" <<'EOF2'
wait
keys j j
keys :
type watch 1
keys Enter
dump started
waitfor Watch: 1 new, 0 gone
dump new
keys y
dump new-y
waitfor Watch: 0 new, 1 gone
dump gone
keys y
dump gone-y
keys :
type watch off
keys Enter
dump off
EOF2
reads_since_start() { [ "$(reads)" -ge 1 ]; }
wait_until "the first re-read" reads_since_start
run tenants create --subdomain watch-new-one --name "Watch New One" --environment "$ENV_ID"
[ "$rc" = 0 ] || fail "tenants create"
wait_until "the new tenant on the screen" test -f "$TMP/watch/new-y"
run tenants delete "$T5" --yes
[ "$rc" = 0 ] || fail "tenants delete"
bg_done watch
status_has started "Watching the list every 1 s" ":watch 1 says it watches"
status_has new "Watch: 1 new, 0 gone, 0 changed" "a tenant the CLI created shows within a period"
check "... marked +, with its name" grep -q '^+Watch New One ' "$S_DIR/new"
status_id() { screen_line "$1" -1 | grep -oE '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' | head -n 1; }
check "... the selection stayed on the third tenant ($T2)" [ "$(status_id new-y)" = "$T2" ]
status_has gone "Watch: 0 new, 1 gone, 0 changed" "a tenant the CLI deleted is found gone"
T5NAME=$(json_field "$TMP/all.json" 'j[5]["name"]')
check "... marked - and still listed ($T5NAME)" grep -q "^-$T5NAME " "$S_DIR/gone"
check "... the selection stayed on the third tenant" [ "$(status_id gone-y)" = "$T2" ]
status_has off "Stopped watching" ":watch off stops"
N=$(reads)
sleep 2.5 # (nothing may happen: the absence of re-reads over more than two periods)
check ":watch off: no re-read after it (still $N)" [ "$(reads)" = "$N" ]

# a real terminal: re-reads that find nothing new write next to nothing (no spinner, nothing
# redrawn); the bytes over three re-reads are counted
check "on a terminal, three re-reads that change nothing write under 64 bytes" py '
import fcntl, os, pty, select, struct, sys, termios, time
tenantry, config, events = sys.argv[1:4]
def reads():
    return sum(1 for l in open(events) if l.startswith("TENANT_RETRIEVE_LIST_START") and "limit=1000" in l)
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="xterm-256color", LC_ALL="C")
    os.execv(tenantry, [tenantry, "-c", config])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
def pump(until, limit=60):
    got, end = b"", time.time() + limit
    while time.time() < end and not until(got):
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                got += os.read(fd, 65536)
            except OSError:
                break
    return got
pump(lambda g: b"loaded" in g)
os.write(fd, b":watch 1\r")
first = reads()
pump(lambda g: reads() >= first + 2)  # the message drawn, two re-reads done
start = reads()
quiet = pump(lambda g: reads() >= start + 3)
os.write(fd, b":q\r")
pump(lambda g: False, 2)
os.waitpid(pid, 0)
print("%d bytes over %d re-reads" % (len(quiet), reads() - start))
sys.exit(0 if len(quiet) < 64 and reads() - start >= 3 else 1)
' "$TENANTRY_BIN" "$CONFIG" "$EVENTS"

run_script bad -c "$CONFIG" <<'EOF2'
wait
keys :
type watch 0
keys Enter
dump zero
keys :
type watch soon
keys Enter
dump word
EOF2
status_has zero ":watch 0: not a number of seconds from 1 to 86400" ":watch 0 is refused"
status_has word ":watch soon: not a number of seconds from 1 to 86400" ":watch WORD is refused"

# the system API: only what changed after the latest change seen
start_sandbox --system-tenants 40 --seed 8
export SYS_PW=system
write_system_config "$TMP/sysconfig" "$URL" 'watch = 1;'
SYSCONFIG=$CONFIG
run tenants list --all -o json
LATEST=$(json_field "$TMP/out" 'max(r["updatedAt"] for r in j)')
sysreads() { grep -c '^SYSTEM_TENANT_RETRIEVE_LIST_START .*updatedAt\[after\]=' "$EVENTS"; }
: >"$EVENTS"
bg_script syswatch -c "$SYSCONFIG" <<'EOF2'
wait
keys :
type watch
keys Enter
dump started
waitfor Watch: 1 new, 0 gone
dump new
EOF2
sysreads_since_start() { [ "$(sysreads)" -ge 1 ]; }
wait_until "the first system re-read" sysreads_since_start
printf '{"name":"watched"}' >"$TMP/data.json"
CONFIG=$SYSCONFIG run tenants create --data "$TMP/data.json"
[ "$rc" = 0 ] || fail "system tenants create"
bg_done syswatch
status_has started "Watching the list every 1 s" ":watch takes the profile's watch = 1"
status_has new "Watch: 1 new, 0 gone, 0 changed" "a system tenant the CLI created shows"
check "every re-read asks for updatedAt[after] (the first: the latest loaded, $LATEST)" \
    grep -q "^SYSTEM_TENANT_RETRIEVE_LIST_START .*updatedAt\[after\]=${LATEST//+/[+]}" "$EVENTS"
check "... and no re-read asks for the whole list" \
    [ "$(grep -c '^SYSTEM_TENANT_RETRIEVE_LIST_START' "$EVENTS")" = "$(($(sysreads) + 1))" ]
