#!/bin/bash
# burst.sh: keys typed in a burst are all read before the filter runs again, in a real terminal
# (tmux on a private socket, the console's --log saying each filter pass): `/green` sent in one
# write over 3,000 loaded tenants filters once, with the five letters (before: once a letter);
# the screen shows the prompt and, after Enter, the rows matching; a key typed alone later
# filters once more. Skipped (77) without tmux.
. "$(dirname "$0")/lib.sh"
need_utf8

if ! command -v tmux >/dev/null 2>&1; then
    echo "SKIP: tmux is not installed (./bootstrap installs it)"
    trap - EXIT
    exit 77
fi
SOCK=tenantry-burst-$$
if [ ${#TMP} -lt 70 ]; then export TMUX_TMPDIR=$TMP; fi
SOCK_PATH=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK
T() { LC_ALL=$UTF8_LOCALE tmux -u -L "$SOCK" -f /dev/null "$@"; }
trap 'st=$?; T kill-server >/dev/null 2>&1; rm -f "$SOCK_PATH"; (exit $st); cleanup' EXIT
export LC_ALL=$UTF8_LOCALE

# wait_screen TEXT WHAT: poll the screen every 0.1 s until it shows TEXT; fail after WAIT_S.
wait_screen() {
    local i
    for ((i = 0; i < WAIT_S * 10; i++)); do
        T capture-pane -p -t burst 2>/dev/null | grep -qF -e "$1" && { ok "$2"; return 0; }
        sleep 0.1
    done
    T capture-pane -p -t burst | sed 's/^/  |/'
    fail "$2: '$1' not on the screen within $WAIT_S s"
    return 1
}
# wait_log N WHAT: poll the log until it holds N filter passes; fail after WAIT_S.
passes() { grep -c 'tenants pane: filter of' "$TMP/console.log" 2>/dev/null; }
wait_log() {
    local i
    for ((i = 0; i < WAIT_S * 10; i++)); do
        [ "$(passes)" -ge "$1" ] && { ok "$2"; return 0; }
        sleep 0.1
    done
    fail "$2: $(passes) filter passes in the log, not $1"
    return 1
}

start_sandbox --tenants 3000 --clients 0
PAGE_SIZE=1000 write_config
T new-session -d -s burst -x 100 -y 30 \
    "\"$TENANTRY_BIN\" -c \"$CONFIG\" --log \"$TMP/console.log\"" || fail "tmux new-session"
wait_screen "more available" "the first page is on the screen"
T send-keys -t burst G
wait_screen "3,000 loaded" "G loads the 3,000 tenants"
check "no filter pass yet" [ "$(passes)" = 0 ]

T send-keys -t burst -l "/green"
wait_screen "/green" "the prompt shows /green"
wait_log 1 "a filter pass ran"
# the filter runs at the next pass of the loop: had it run a letter at a time, 5 were logged
T send-keys -t burst Enter
wait_screen "matching of 3,000 loaded" "Enter: the rows matching green"
check "/green typed in one burst filtered once (the log has $(passes) passes)" [ "$(passes)" = 1 ]
check "that pass had the five letters" \
    grep -q 'tenants pane: filter of 5 characters' "$TMP/console.log"

T send-keys -t burst /
wait_screen "/green" "/ opens the prompt with the filter"
T send-keys -t burst BSpace
wait_log 2 "a key alone filters once more"
T send-keys -t burst Escape
wait_log 3 "Esc puts the filter back"
check "3 passes in all" [ "$(passes)" = 3 ]
T send-keys -t burst Escape q
stop_sandbox
