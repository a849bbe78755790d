#!/bin/bash
# tmux.sh: the console in a real terminal: tmux on a private socket, windows of a fixed size,
# every step waiting for text on the screen with a timeout (wait_for polls capture-pane every
# 0.1 s; no bare sleeps as synchronisation).
# - --demo at 160x50: whole tenant names and subdomain labels, the environments and clients
#   panes still showing their names.
# - --demo: the first tenant row appears, Enter lists its clients, the window grows to 140
#   columns (three panes), shrinks below 60x15 (notice) and back; q quits with status 0, the
#   terminal is restored (stty: icanon and echo; the alternate screen is gone: the shell's
#   lines are back) and the demo sandbox is stopped (its port no longer answers).
# - SIGTERM to tenantry restores the terminal and stops the demo sandbox too; so does the
#   terminal going away (the pane killed: SIGHUP), without spinning.
# - The loop never blocks: against a sandbox answering after 3 s, while the first page is
#   loading, ? opens the help within 1 s, Esc closes it, Tab / BTab move the focus (breadcrumb)
#   within 1 s each, all before the sandbox has answered the list; the rows come later.
# - y with tmux's set-clipboard on: tmux's paste buffer then holds the tenant's ID (OSC 52);
#   y in the details, the tenant's JSON.
# - NO_COLOR=1: no colour at all on the real screen; the selection shows in reverse video.
# - Ctrl-\ (SIGQUIT) restores the terminal like SIGTERM (alternate screen off, cursor shown);
#   TERM=dumb is refused at once with a message naming the commands (exit 2).
# - A profile the CLI adds while the console runs survives the console's own profile add.
# Skipped (77) without tmux.
. "$(dirname "$0")/lib.sh"
need_utf8

if ! command -v tmux >/dev/null 2>&1; then
    echo "SKIP: tmux is not installed (./bootstrap installs it)"
    trap - EXIT
    exit 77
fi

SOCK=tenantry-test-$$
# The socket in our scratch folder (removed when the test passes), unless that path is too long
# for a socket (108 bytes); then tmux's default folder, and the trap removes it.
if [ ${#TMP} -lt 70 ]; then export TMUX_TMPDIR=$TMP; fi
SOCK_PATH=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK
KEY_BUDGET_S=${TENANTRY_TEST_KEY_BUDGET_S:-1} # how fast a key must show on screen
# tmux on our own socket, no config; UTF-8 (the server and its panes take this environment).
T() { LC_ALL=$UTF8_LOCALE tmux -u -L "$SOCK" -f /dev/null "$@"; }
# On exit: the tmux server goes (and with it what runs in it), then lib.sh's cleanup.
trap 'st=$?; T kill-server >/dev/null 2>&1; rm -f "$SOCK_PATH"; (exit $st); cleanup' EXIT
# Make sure of a UTF-8 locale in the panes, and tmux's own TERM there (screen).
export LC_ALL=$UTF8_LOCALE

PANE="" # the session (tmux target) the helpers look at

# capture: the pane's screen as text (on stdout).
capture() { T capture-pane -p -t "$PANE"; }

# start_session NAME COLS LINES COMMAND: a detached session NAME running COMMAND (sh -c) in a
# COLSxLINES window; PANE becomes NAME.
start_session() {
    T new-session -d -s "$1" -x "$2" -y "$3" "$4" || fail "tmux new-session $1"
    PANE=$1
}

# wait_for TEXT WHAT [TIMEOUT_S]: poll the screen every 0.1 s until it shows TEXT (a fixed
# string); fail after TIMEOUT_S (default WAIT_S) or at once when the screen shows that something
# went wrong (an error pane, the too-small notice unasked, the program gone). Sets WAITED_MS.
BAD_SCREEN='Could not load|the console needs a terminal|cannot use the terminal type|AddressSanitizer|runtime error'
wait_for() {
    local text=$1 what=$2 limit=${3:-$WAIT_S} start now screen
    start=$(date +%s%N)
    while :; do
        screen=$(capture 2>/dev/null)
        if grep -qF -e "$text" <<<"$screen"; then
            now=$(date +%s%N)
            WAITED_MS=$(((now - start) / 1000000))
            ok "$what (${WAITED_MS} ms)"
            return 0
        fi
        if grep -qE -e "$BAD_SCREEN" <<<"$screen"; then
            printf '%s\n' "$screen" | sed 's/^/  |/'
            fail "$what: the screen shows an error while waiting for '$text'"
            return 1
        fi
        now=$(date +%s%N)
        if [ $(((now - start) / 1000000)) -ge $((limit * 1000)) ]; then
            printf '%s\n' "$screen" | sed 's/^/  |/'
            fail "$what: '$text' not on the screen within $limit s"
            return 1
        fi
        sleep 0.1
    done
}

# keys KEY...: tmux send-keys to the pane (tmux key names: Enter, Escape, Tab, BTab, q ...).
keys() { T send-keys -t "$PANE" "$@"; }

# port_answers PORT: something accepts a TCP connection on 127.0.0.1:PORT.
port_answers() {
    py 'import socket,sys
s = socket.socket()
s.settimeout(2)
try:
    s.connect(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$1"
}

# wait_port_closed PORT WHAT: the port stops answering within WAIT_S s.
wait_port_closed() {
    local i=0
    while port_answers "$1"; do
        i=$((i + 1))
        [ $i -ge $((WAIT_S * 10)) ] && { fail "$2: port $1 still answers after $WAIT_S s"; return; }
        sleep 0.1
    done
    ok "$2"
}

# demo_port: the demo sandbox's port, from the URL in the header line.
demo_port() {
    capture | sed -n '1s#.*http://127\.0\.0\.1:\([0-9][0-9]*\).*#\1#p'
}

# expect_tty_sane FILE WHAT: the stty -a output in FILE has icanon and echo on (not -icanon,
# -echo): the terminal was given back in its normal mode.
expect_tty_sane() {
    if ! [ -s "$1" ]; then fail "$2: no stty output in $1"; return; fi
    if grep -qE '(^| )icanon( |$)' "$1" && grep -qE '(^| )echo( |$)' "$1"; then
        ok "$2"
    else
        sed 's/^/  |/' "$1"
        fail "$2: stty -a shows the terminal not restored"
    fi
}

TENANT1="Southern Works Motors" # the demo's first tenant (seed 1)
TENANT1_ID=7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a

# A session that lives as long as the test: tmux's server exits with its last session, and a
# new-session racing that exit fails ("server exited unexpectedly").
T new-session -d -s keep -x 80 -y 24 "exec sleep 3600" || fail "tmux new-session keep"

# ------------------------------------------------------------------ --demo at 160x50: columns
# A real terminal of a jump host's size: the tenants pane shows every name and subdomain label
# whole (the ID shrinks first), and the environments and clients panes their names.
start_session wide160 160 50 "\"$TENANTRY_BIN\" --demo; exec sleep 3600"
wait_for "$TENANT1" "160x50: the first tenant row is painted"
wait_for "Clients (5+)" "160x50: the clients of the first tenant are listed"
for row in "│ Southern Works Motors    southern-works-motors    us01" \
    "│ Harbor Works Government  harbor-works-government  us01" \
    "│ Keystone Valley Security keystone-valley-security us01"; do
    wait_for "$row" "160x50: a whole name and its whole label: ${row#│ }"
done
wait_for "│ audit-export-test " "160x50: the clients pane names the clients"
wait_for " All environments │" "160x50: the environments pane names the environments"
keys q
T kill-session -t wide160

# ------------------------------------------------------------------ --demo: walk, resize, quit
start_session demo 100 30 "\"$TENANTRY_BIN\" --demo; echo \"tenantry exited \$?\"; \
stty -a >\"$TMP/stty-quit\"; echo done; exec sleep 3600"
wait_for "$TENANT1" "demo: the first tenant row is painted"
wait_for "demo › all › Tenants" "demo: the breadcrumb (narrow, 100 columns)"
PORT1=$(demo_port)
case $PORT1 in '' | *[!0-9]*) fail "demo: no sandbox URL in the header: $(capture | head -n 1)" ;; esac
check "demo: the demo sandbox answers on port $PORT1" port_answers "$PORT1"

keys Enter
wait_for "demo › all › $TENANT1 › Clients" "demo: Enter walks to the tenant's clients"
wait_for "Clients (5+)" "demo: its 5 clients are listed"

T resize-window -t "$PANE" -x 140 -y 30
wait_for "Environments (4+)" "resized to 140x30: the environments pane appears (wide layout)"
line3=$(capture | sed -n 3p)
case $line3 in
*"Environments (4+)"*│*"Tenants (100+)"*│*"Clients (5+)"*) ok "140 columns: three panes side by side, drawn with │" ;;
*) fail "140 columns: line 3 is '$line3'" ;;
esac
T resize-window -t "$PANE" -x 50 -y 10
wait_for "Terminal too small: 50x10, need 60x15" "resized to 50x10: the too-small notice"
T resize-window -t "$PANE" -x 100 -y 30
wait_for "demo › all › $TENANT1 › Clients" "resized back to 100x30: the narrow layout, clients"

keys q
wait_for "tenantry exited 0" "q: tenantry exits with status 0"
wait_for "done" "q: the shell goes on after it"
screen=$(capture)
if grep -qF -e "Clients (5+)" <<<"$screen"; then
    fail "q: the console's screen is still there (alternate screen not left)"
else
    ok "q: the alternate screen is gone (the shell's lines are back)"
fi
expect_tty_sane "$TMP/stty-quit" "q: the terminal is back in canonical mode with echo"
wait_port_closed "$PORT1" "q: the demo sandbox is stopped (port $PORT1 closed)"
T kill-session -t demo

# ------------------------------------------------------------------ SIGTERM
# The inner sh writes its PID and becomes tenantry (exec): that PID gets SIGTERM.
start_session term 100 30 "sh -c 'echo \$\$ >\"$TMP/pid\"; exec \"$TENANTRY_BIN\" --demo'; \
echo \"tenantry exited \$?\"; stty -a >\"$TMP/stty-term\"; echo done; exec sleep 3600"
wait_for "$TENANT1" "SIGTERM run: the first tenant row is painted"
PORT2=$(demo_port)
TPID=$(cat "$TMP/pid")
kill -TERM "$TPID" || fail "kill -TERM $TPID"
wait_for "tenantry exited 143" "SIGTERM: tenantry exits (128 + 15)"
wait_for "done" "SIGTERM: the shell goes on"
expect_tty_sane "$TMP/stty-term" "SIGTERM: the terminal is restored"
if capture | grep -qF "Tenants ("; then
    fail "SIGTERM: the console's screen is still there"
else
    ok "SIGTERM: the alternate screen is gone"
fi
wait_port_closed "$PORT2" "SIGTERM: the demo sandbox is stopped (port $PORT2 closed)"
T kill-session -t term

# ------------------------------------------------------------------ the terminal goes away
# Killing the pane hangs up tenantry's terminal: it must end (not spin on a dead stdin) and
# take the demo sandbox with it.
start_session hangup 100 30 "sh -c 'echo \$\$ >\"$TMP/pid\"; exec \"$TENANTRY_BIN\" --demo'"
wait_for "$TENANT1" "hang-up run: the first tenant row is painted"
PORT3=$(demo_port)
HPID=$(cat "$TMP/pid")
T kill-session -t hangup
i=0
while kill -0 "$HPID" 2>/dev/null && [ $i -lt $((WAIT_S * 10)) ]; do
    sleep 0.1
    i=$((i + 1))
done
if kill -0 "$HPID" 2>/dev/null; then
    kill -KILL "$HPID"
    fail "hang-up: tenantry ($HPID) still runs $WAIT_S s after its terminal went away"
else
    ok "hang-up: tenantry ended when its terminal went away"
fi
wait_port_closed "$PORT3" "hang-up: the demo sandbox is stopped (port $PORT3 closed)"

# ------------------------------------------------------------------ the loop never blocks
# The sandbox answers everything (the token too) after 3 s: the first page needs 6 s. Each key
# must show within KEY_BUDGET_S, and the sandbox must not have answered the tenants list yet
# (it writes TENANT_RETRIEVE_LIST_SUCCESS as it answers).
start_sandbox --latency-ms 3000 --tenants 30 --seed 1
write_config "$TMP/slow.conf"
start_session slow 100 30 "\"$TENANTRY_BIN\" -c \"$CONFIG\"; echo \"tenantry exited \$?\"; exec sleep 3600"
wait_for "Loading" "slow sandbox: the tenants pane says Loading"
not_answered() {
    if [ "$(count_events TENANT_RETRIEVE_LIST_SUCCESS)" = 0 ]; then
        ok "$1: the tenants list is still unanswered"
    else
        fail "$1: the sandbox had already answered the list (too slow a machine? raise --latency-ms)"
    fi
}
within_budget() {
    if [ "$WAITED_MS" -le $((KEY_BUDGET_S * 1000)) ]; then
        ok "$1 within $KEY_BUDGET_S s (${WAITED_MS} ms)"
    else
        fail "$1 took ${WAITED_MS} ms (more than $KEY_BUDGET_S s)"
    fi
}
keys '?'
wait_for "Move the selection down" "while loading: ? opens the help"
within_budget "the help"
not_answered "help open"
keys Escape
wait_for "Loading" "while loading: Esc closes the help (the pane still loading)"
within_budget "closing the help"
keys Tab
wait_for "› Clients" "while loading: Tab moves the focus to the clients (breadcrumb)"
within_budget "Tab"
keys BTab BTab
wait_for "local › Environments" "while loading: BTab BTab focus the environments"
within_budget "BTab BTab"
not_answered "after the keys"
keys Tab
wait_for "Tenants (30" "later: the tenants arrive after all" $((WAIT_S + 10))
keys q
wait_for "tenantry exited 0" "slow sandbox: q quits"
T kill-session -t slow

# ------------------------------------------------------------------ y: OSC 52 into tmux
# With set-clipboard on, tmux takes an OSC 52 write from the program into its paste buffer.
T set-option -g set-clipboard on 2>/dev/null
start_session copy 100 30 "\"$TENANTRY_BIN\" --demo; exec sleep 3600"
T set-option -g set-clipboard on
wait_for "$TENANT1" "copy run: the first tenant row is painted"
T delete-buffer >/dev/null 2>&1
keys y
wait_for "Copied the tenant's ID" "y: the status line says the ID was copied"
buffer=$(T show-buffer 2>/dev/null)
if [ -z "$buffer" ]; then
    ok "# SKIP y into tmux's buffer: this tmux ($(tmux -V)) did not store the OSC 52 write"
elif [ "$buffer" = "$TENANT1_ID" ]; then
    ok "y: tmux's paste buffer holds the tenant ID $TENANT1_ID"
else
    fail "y: tmux's paste buffer holds '$buffer', not '$TENANT1_ID'"
fi
# i y: the details' y copies the tenant's JSON (as shown, no secret), not the ID
T delete-buffer >/dev/null 2>&1
keys i
wait_for '"subdomain"' "i: the details show the JSON"
keys y
wait_for "Copied the tenant's JSON" "i y: the status line says the JSON was copied"
buffer=$(T show-buffer 2>/dev/null)
if [ -z "$buffer" ]; then
    ok "# SKIP i y into tmux's buffer: this tmux did not store the OSC 52 write"
elif py 'import json,sys; j=json.loads(sys.argv[1]); sys.exit(0 if j["id"] == sys.argv[2] and j["name"] == sys.argv[3] else 1)' "$buffer" "$TENANT1_ID" "$TENANT1"; then
    ok "i y: tmux's paste buffer holds the tenant's JSON (its id and name)"
else
    fail "i y: tmux's paste buffer holds '${buffer:0:200}', not the tenant's JSON"
fi
keys q
T kill-session -t copy

# ------------------------------------------------------------------ NO_COLOR on a real screen
# capture-pane -e gives the attributes: no colour (SGR 30-37, 40-47, 90-97, 100-107, 38, 48)
# anywhere, and the selected row (the first tenant) in reverse video (SGR 7).
start_session nocolor 100 30 "NO_COLOR=1 \"$TENANTRY_BIN\" --demo; exec sleep 3600"
wait_for "$TENANT1" "NO_COLOR run: the first tenant row is painted"
T capture-pane -e -p -t "$PANE" >"$TMP/nocolor.ansi"
if py '
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
bad = set()
for params in re.findall(r"\x1b\[([0-9;]*)m", text):
    ps = [int(p) for p in params.split(";") if p]
    for p in ps:
        if 30 <= p <= 37 or 40 <= p <= 47 or 90 <= p <= 97 or 100 <= p <= 107 or p in (38, 48):
            bad.add(p)
if bad:
    print("colour SGR codes:", sorted(bad))
    sys.exit(1)
' "$TMP/nocolor.ansi"; then
    ok "NO_COLOR=1: no colour attribute on the screen"
else
    cat -v "$TMP/nocolor.ansi" | head -n 8 | sed 's/^/  |/'
    fail "NO_COLOR=1: colours on the screen"
fi
if py '
import re, sys
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if sys.argv[2] in line:
        head = line.split(sys.argv[2])[0]
        sgr = re.findall(r"\x1b\[([0-9;]*)m", head)
        on = set()
        for params in sgr:
            ps = [int(p) for p in params.split(";") if p] or [0]
            for p in ps:
                if p == 0:
                    on.clear()
                else:
                    on.add(p)
        sys.exit(0 if 7 in on else 1)
sys.exit(1)
' "$TMP/nocolor.ansi" "$TENANT1"; then
    ok "NO_COLOR=1: the selected row is in reverse video"
else
    cat -v "$TMP/nocolor.ansi" | head -n 8 | sed 's/^/  |/'
    fail "NO_COLOR=1: the selected row is not in reverse video"
fi
keys q
T kill-session -t nocolor

# ------------------------------------------------------------------ no profile on a real terminal
# With no profiles file the console shows how to add one and waits for keys (it once crashed
# here: the loop waited on an engine that was never made, which a headless script never
# reaches), and q leaves with 0.
mkdir -p "$TMP/empty-home"
start_session noprofile 100 30 "HOME=\"$TMP/empty-home\" XDG_CONFIG_HOME=\"$TMP/empty-home/.config\" \
\"$TENANTRY_BIN\"; echo \"tenantry exited \$?\"; exec sleep 3600"
wait_for "tenantry cannot connect yet" "no profile: the setup screen is shown"
wait_for "tenantry --demo" "no profile: the setup screen offers --demo"
sleep 1 # a second of the loop running on no session (the crash came at the first wait)
keys q
wait_for "tenantry exited 0" "no profile: q quits with status 0"
T kill-session -t noprofile

# ------------------------------------------------------------------ a new tenant's secret, copied
# --demo, c on the tenants, a name and a label, Enter: the secret panel. y (set-clipboard on)
# puts the secret into tmux's paste buffer (OSC 52); Enter closes the panel and the secret is
# then nowhere on the screen.
T set-option -g set-clipboard on
start_session secret 100 30 "\"$TENANTRY_BIN\" --demo; exec sleep 3600"
wait_for "$TENANT1" "secret run: the first tenant row is painted"
keys c
wait_for "New tenant" "c: the New tenant form opens"
keys -l "Tmux Test"
keys Tab
keys -l "tmux-test"
wait_for "tmux-test" "the label is typed into the form"
keys Enter
wait_for "Client secret" "Enter: the secret panel opens"
wait_for 'Created tenant "Tmux Test"' "the status line says the tenant was created"
NEW_SECRET=$(capture | sed -n 's/.* Secret  *\([A-Za-z0-9_.~-]\{16,\}\).*/\1/p' | head -n 1)
check "the panel shows a secret ('$NEW_SECRET')" [ ${#NEW_SECRET} -ge 16 ]
T delete-buffer >/dev/null 2>&1
keys y
wait_for "Copied the secret to the clipboard" "y: the panel says the secret was copied"
buffer=$(T show-buffer 2>/dev/null)
if [ -z "$buffer" ]; then
    ok "# SKIP y into tmux's buffer: this tmux ($(tmux -V)) did not store the OSC 52 write"
elif [ "$buffer" = "$NEW_SECRET" ]; then
    ok "y: tmux's paste buffer holds the secret"
else
    fail "y: tmux's paste buffer holds '$buffer', not the secret '$NEW_SECRET'"
fi
keys Enter
wait_for "press Enter once more to close it" "one Enter: the panel asks for a second"
keys Enter
wait_for "The secret was closed and wiped from memory" "the second Enter closes the panel"
wait_for "Tmux Test" "the new tenant is listed"
if capture | grep -qF -e "$NEW_SECRET"; then
    capture | sed 's/^/  |/'
    fail "after Enter the secret is still on the screen"
else
    ok "after Enter the secret is not on the screen (capture-pane)"
fi
if T capture-pane -p -S - -E - -t "$PANE" | grep -qF -e "$NEW_SECRET"; then
    fail "after Enter the secret is in the pane's history"
else
    ok "after Enter the secret is not in the pane's history either"
fi
keys q
T kill-session -t secret

# ------------------------------------------------------------------ SIGQUIT (Ctrl-\)
# Like SIGTERM: the terminal is given back (no alternate screen, the cursor visible, canonical
# mode with echo), the exit status is 128 + 3 and the demo sandbox is stopped.
start_session quit 100 30 "\"$TENANTRY_BIN\" --demo; echo \"tenantry exited \$?\"; \
stty -a >\"$TMP/stty-sigquit\"; echo done; exec sleep 3600"
wait_for "$TENANT1" "SIGQUIT run: the first tenant row is painted"
PORT4=$(demo_port)
keys 'C-\'
wait_for "tenantry exited 131" "Ctrl-\\ (SIGQUIT): tenantry exits (128 + 3)"
wait_for "done" "SIGQUIT: the shell goes on"
expect_tty_sane "$TMP/stty-sigquit" "SIGQUIT: the terminal is back in canonical mode with echo"
modes=$(T display-message -p -t "$PANE" '#{alternate_on} #{cursor_flag}')
check "SIGQUIT: the alternate screen is off and the cursor visible (alternate_on cursor_flag: $modes)" \
    [ "$modes" = "0 1" ]
wait_port_closed "$PORT4" "SIGQUIT: the demo sandbox is stopped (port $PORT4 closed)"
T kill-session -t quit

# ------------------------------------------------------------------ TERM=dumb
# A terminal that cannot move the cursor: the console refuses at once and names the commands.
start_session dumb 100 30 "TERM=dumb \"$TENANTRY_BIN\" --demo; echo \"tenantry exited \$?\"; \
exec sleep 3600"
wait_for "tenantry exited 2" "TERM=dumb: the console refuses (exit 2)"
wait_for "(TERM=dumb) cannot move the cursor" "TERM=dumb: the message says why"
wait_for "tenants list" "TERM=dumb: the message names the commands"
T kill-session -t dumb

# ------------------------------------------------------------------ profiles: console and CLI
# A profile added by the CLI while the console runs survives the console's next save: the
# console applies its change to the file as it is now, not to its copy from start-up.
mkdir -p "$TMP/both"
write_config_text "$TMP/both/config" 'profiles = ( { name = "first"; url = "http://127.0.0.1:9";
auth_url = "http://127.0.0.1:9/oauth/token"; audience = "a"; client_id = "c";
client_secret_env = "NOT_SET"; } );'
start_session both 100 30 "\"$TENANTRY_BIN\" --demo -c \"$TMP/both/config\"; exec sleep 3600"
wait_for "$TENANT1" "console and CLI: the console runs"
run_cmd "$TENANTRY_BIN" -c "$TMP/both/config" profile add fromcli --url http://127.0.0.1:9 \
    --auth-url http://127.0.0.1:9/oauth/token --audience a --client-id c --secret-env NOT_SET
expect_rc 0 "console and CLI: the CLI adds a profile while the console runs"
keys P
wait_for "first" "console and CLI: P lists the profiles"
keys a
wait_for "New profile" "console and CLI: a opens the New profile form"
keys -l fromconsole
keys Tab Tab
keys -l http://127.0.0.1:9
keys Tab
keys -l http://127.0.0.1:9/oauth/token
keys Tab
keys -l aud
keys Tab
keys -l cid
keys Tab Tab
keys -l typed-secret
keys Enter
wait_for "Added profile fromconsole" "console and CLI: the console adds its profile"
names=$(grep -o 'name = "[a-z]*"' "$TMP/both/config" | tr '\n' ' ')
check "console and CLI: the file holds first, fromcli and fromconsole ($names)" \
    [ "$names" = 'name = "first" name = "fromcli" name = "fromconsole" ' ]
wait_for "fromcli" "console and CLI: the console's list now shows the CLI's profile"
check "console and CLI: the file is 0600 (it holds the typed secret)" \
    [ "$(file_mode "$TMP/both/config")" = 600 ]
keys q
T kill-session -t both
