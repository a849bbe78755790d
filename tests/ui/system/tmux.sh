#!/bin/bash
# tmux.sh: in tmux (a real terminal; skipped without tmux): the editor gets the terminal, the console
# comes back whole after it, a key typed while the editor ran does not reach the console, and the
# terminal is restored at the end.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
sys_main

# ------------------------------------------------------------------ 10. in a real terminal
if ! command -v tmux >/dev/null 2>&1 || [ -z "$UTF8_LOCALE" ]; then
    ok "# SKIP the tmux run: no tmux or no UTF-8 locale"
    exit 0
fi
SOCK=tenantry-sys-$$
if [ ${#TMP} -lt 70 ]; then export TMUX_TMPDIR=$TMP; fi
T() { LC_ALL=$UTF8_LOCALE tmux -u -L "$SOCK" -f /dev/null "$@"; }
trap 'st=$?; T kill-server >/dev/null 2>&1; (exit $st); cleanup' EXIT
# tmux_wait TEXT WHAT: poll the pane every 0.1 s until it shows TEXT (at most WAIT_S s).
tmux_wait() {
    local i=0
    while ! T capture-pane -p -t sys | grep -qF -e "$1"; do
        i=$((i + 1))
        if [ $i -ge $((WAIT_S * 10)) ]; then
            T capture-pane -p -t sys | sed 's/^/  |/'
            fail "$2: '$1' not on the screen within $WAIT_S s"
            return 1
        fi
        sleep 0.1
    done
    ok "$2"
}
rm -f "$ED_DIR/calls" "$ED_DIR/go"
: >"$EVENTS"
T new-session -d -s sys -x 100 -y 30 "LC_ALL=$UTF8_LOCALE ED_MODE=tty \"$TENANTRY_BIN\" -c \"$CONFIG\"; \
echo \"tenantry exited \$?\"; stty -a >\"$TMP/stty\"; echo done; exec sleep 3600" ||
    fail "tmux new-session"
tmux_wait "loaded, more available" "tmux: the pane is listed"
T send-keys -t sys e
tmux_wait "EDITING IN THE EDITOR" "tmux: e gives the terminal to the editor"
if T capture-pane -p -t sys | grep -qF "loaded"; then
    fail "tmux: the console's screen is still there while the editor runs"
else
    ok "tmux: the console's screen is gone while the editor runs"
fi
T send-keys -t sys q Enter # typed while the editor runs: must not quit the console afterwards
touch "$ED_DIR/go"
tmux_wait "Saved tenant $T0" "tmux: the console is back and saved the edit"
tmux_wait "sys › Tenants" "tmux: the whole screen is drawn again"
T send-keys -t sys '?'
tmux_wait "Move the selection down" "tmux: the q typed meanwhile did not reach the console (? works)"
T send-keys -t sys Escape
T send-keys -t sys q
tmux_wait "tenantry exited 0" "tmux: q quits with status 0"
tmux_wait "done" "tmux: the shell goes on"
if grep -qE '(^| )icanon( |$)' "$TMP/stty" && grep -qE '(^| )echo( |$)' "$TMP/stty"; then
    ok "tmux: the terminal is restored (icanon, echo)"
else
    fail "tmux: the terminal is not restored"
fi
expect_count SYSTEM_TENANT_UPDATE_SUCCESS 1 "tmux: one PUT"
