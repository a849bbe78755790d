#!/bin/bash
# setup.sh: the console when it cannot work yet, and the config file's keys group, headless.
# - No profiles file (HOME and XDG_CONFIG_HOME empty): a setup screen says how to add a profile
#   and offers --demo; ? shows help; q and Esc quit with status 0. -p NAME for a profile that
#   does not exist: the same screen with that error.
# - Errors never end the program: a wrong secret (the sandbox refuses it), an unreachable URL
#   (a port nothing listens on) and a 5xx show in the status line, the pane says to press r,
#   and r tries again (the sandbox's events show the second try).
# - `keys = { quit = "x"; };` makes x quit and q do nothing; a key given to another action
#   leaves the action it had; "" leaves an action without a key; bad names are reported.
. "$(dirname "$0")/lib.sh"
need_utf8

# ------------------------------------------------------------------ no profiles file
# Wide enough that nothing on the setup screen is cut or wrapped, whatever the length of $HOME
# (the error line names HOME/.config/tenantry/config): a build folder 120 characters deep
# wrapped it at 200 columns.
UI_COLS=$((160 + ${#HOME})) UI_LINES=16 run_script no-profile <<'EOF'
wait
dump setup
keys ?
dump help
keys Esc
dump setup-again
keys q
dump never
EOF
sed "s#$HOME#HOME#g" "$S_DIR/setup" >"$TMP/setup.txt"
expect_screen "$TMP/setup.txt" "no profiles file: the setup screen says how to add one and offers --demo" <<'EOF'
 tenantry


  tenantry cannot connect yet.

  no profile: HOME/.config/tenantry/config does not exist  add one with `tenantry profile add NAME ...` or try `tenantry --demo`

  To add a profile here, press P, then a.
  Or quit (q) and run for example:
    tenantry profile add prod --url https://manage.au01.mattr.global \
      --auth-url https://auth.manage.au01.mattr.global/oauth/token \
      --audience https://manage.au01.mattr.global \
      --client-id ID --secret-env VAR
  To look around first with a local sandbox: tenantry --demo
  Profiles file: HOME/.config/tenantry/config
   ? help  : command  / filter  q quit
EOF
expect_line_has help 3 "Help" "setup screen: ? opens the help"
expect_screen_has setup-again "tenantry cannot connect yet." "setup screen: Esc closes the help"
check "setup screen: q quits with status 0 (nothing after it ran)" [ ! -e "$S_DIR/never" ]

UI_LINES=16 run_script no-profile-esc <<'EOF'
keys Esc
dump never
EOF
check "setup screen: Esc quits too" [ ! -e "$S_DIR/never" ]

# The setup screen at 100 columns is clean and fits.
UI_LINES=16 run_script no-profile-100 <<'EOF'
dump setup
EOF
expect_clean_screen setup 100 16 "setup screen at 100x16: clean, fits"
expect_screen_has setup "tenantry --demo" "setup screen at 100 columns still offers --demo"
# 80x24: the example, a Management API profile (the API's host, not a tenant's), fits whole;
# so does the help
UI_COLS=80 UI_LINES=24 run_script no-profile-80 <<'EOF'
dump setup
keys ?
dump help
EOF
expect_clean_screen setup 80 24 "setup screen at 80x24: clean, fits"
for line in "tenantry profile add prod --url https://manage.au01.mattr.global \\" \
    "  --auth-url https://auth.manage.au01.mattr.global/oauth/token \\" \
    "  --audience https://manage.au01.mattr.global \\" "  --client-id ID --secret-env VAR"; do
    expect_screen_has setup "    $line" "setup screen at 80x24: the example line '$line' whole"
done
expect_screen_lacks setup "…" "setup screen at 80x24: no line cut"
expect_screen_lacks help "…" "help at 80x24: no line cut"
expect_clean_screen help 80 24 "help at 80x24: clean, fits"

# -p with a profile that is not in the file: the setup screen says which.
start_sandbox --tenants 5 --seed 1
MAIN_URL=$URL MAIN_EVENTS=$EVENTS
write_config
UI_COLS=200 UI_LINES=16 run_script no-such-profile -c "$CONFIG" -p nosuch <<'EOF'
dump setup
EOF
expect_screen_has setup "tenantry cannot connect yet." "-p nosuch: the setup screen"
expect_screen_has setup "nosuch" "-p nosuch: it names the missing profile"

# ------------------------------------------------------------------ errors, and r to retry
# Wrong secret: the token endpoint refuses it. The error (with the server's reason) is in the
# status line, the pane says how to retry, r asks for a token again.
write_config "$TMP/bad-secret.conf" "$URL" wrong-secret
: >"$EVENTS"
UI_COLS=140 UI_LINES=16 run_script bad-secret -c "$CONFIG" <<'EOF'
wait
dump error
keys r
wait
dump retried
EOF
status_has error "the token endpoint refused the client credentials" \
    "wrong secret: the status line says the credentials were refused"
expect_screen_has error "Could not load:" "wrong secret: the pane says it could not load"
expect_screen_has error "Press r to retry." "wrong secret: the pane says press r to retry"
expect_line_has error 1 "token: none yet" "wrong secret: the header shows no token"
tries=$(count_events AUTH_TOKEN_CREATE_START)
check "wrong secret: r asked for a token again (2 token requests, got $tries)" [ "$tries" = 2 ]
status_has retried "the token endpoint refused the client credentials" "after r: the error again"
expect_clean_screen error 140 16 "wrong secret: the screen is clean"

# Unreachable: a port where a sandbox listened and no longer does.
start_sandbox --tenants 1
CLOSED_URL=$URL
stop_sandbox
write_config "$TMP/closed.conf" "$CLOSED_URL"
UI_COLS=140 UI_LINES=16 run_script unreachable -c "$CONFIG" <<'EOF'
wait
dump error
keys r
wait
dump retried
keys j q
dump never
EOF
status_has error "Failed to connect to 127.0.0.1" "unreachable: the status line says nothing answered"
expect_screen_has error "Press r to retry." "unreachable: the pane says press r to retry"
expect_screen_has error "Nothing answered: check that the server is running" \
    "unreachable: the pane says what to check"
expect_screen_has retried "Press r to retry." "unreachable: after r, still the error, still running"
check "unreachable: q still quits" [ ! -e "$S_DIR/never" ]

# A 5xx: every /v1/ answer is a 500. The status line has the HTTP status and the server's code;
# r tries the list again (each time 5 attempts: a read is retried on 500).
start_sandbox --tenants 5 --fail-rate 1 --fail-status 500 --retry-after 0
write_config "$TMP/failing.conf"
UI_COLS=140 UI_LINES=16 run_script failing -c "$CONFIG" <<'EOF'
wait
dump error
keys r
wait
dump retried
EOF
status_has error "(HTTP 500 InternalServerError)" "5xx: the status line has the status and code"
expect_screen_has error "Press r to retry." "5xx: the pane says press r to retry"
tries=$(count_events TENANT_RETRIEVE_LIST_START)
check "5xx: r asked for the tenants again (2 list requests of 5 attempts, got $tries)" \
    [ "$tries" = 10 ]
stop_sandbox

# ------------------------------------------------------------------ the keys group
URL=$MAIN_URL EVENTS=$MAIN_EVENTS
# quit = "x": q does nothing (the screen after it is there), x quits; the help shows x for Quit.
EXTRA='keys = { quit = "x"; };' write_config "$TMP/keys-x.conf"
UI_LINES=60 run_script keys-x -c "$CONFIG" <<'EOF'
wait
keys q
dump after-q
keys ?
dump help
keys Esc x
dump never
EOF
expect_line_has after-q 2 "local › all › Tenants" "quit = \"x\": q does not quit"
expect_screen_has help " x                 Quit" "quit = \"x\": the help says x quits"
expect_screen_lacks help " q                 Quit" "quit = \"x\": the help no longer says q quits"
check "quit = \"x\": x quits (nothing after it ran)" [ ! -e "$S_DIR/never" ]

# refresh = "j": j refreshes and no longer moves (Down still does); quit = "": no key quits.
EXTRA='keys = { refresh = "j"; quit = ""; };' write_config "$TMP/keys-j.conf"
: >"$EVENTS"
run_script keys-j-base -c "$CONFIG" <<'EOF'
wait
EOF
base=$(count_events TENANT_RETRIEVE_LIST_START)
: >"$EVENTS"
run_script keys-j -c "$CONFIG" <<'EOF'
wait
keys j
wait
dump after-j
keys Down
dump after-down
keys q
dump after-q
EOF
status_ends after-j "row 1" "refresh = \"j\": j no longer moves the selection"
status_ends after-down "row 2" "refresh = \"j\": Down still moves it"
check "quit = \"\": q does not quit" [ -e "$S_DIR/after-q" ]
tries=$(count_events TENANT_RETRIEVE_LIST_START)
check "refresh = \"j\": j reloaded the tenants (twice the $base list requests of a run without j, got $tries)" \
    [ "$tries" = $((2 * base)) ]

# A key name or an action that does not exist: said in the status line; the rest still applies.
EXTRA='keys = { quit = "x"; move-down = "nosuchkey"; };' write_config "$TMP/keys-bad.conf"
UI_COLS=200 run_script keys-bad -c "$CONFIG" <<'EOF'
wait
dump error
keys x
dump never
EOF
status_has error 'unknown key "nosuchkey" for "move-down"' "a bad key name is reported"
check "the valid binding in the same group applies (x quits)" [ ! -e "$S_DIR/never" ]
EXTRA='keys = { nosuchaction = "x"; };' write_config "$TMP/keys-bad-action.conf"
UI_COLS=200 run_script keys-bad-action -c "$CONFIG" <<'EOF'
wait
dump error
EOF
status_has error 'unknown action "nosuchaction"' "an unknown action is reported"

# Every hint naming a key follows the keymap: with `sort = "o"`, S (sort-reverse) before any
# sort says "Press o to choose a sort column first" (it said "Press s" whatever the keymap);
# with `profiles = "F2"` a profile not found points to F2; with sort unbound, its name.
EXTRA='keys = { sort = "o"; profiles = "F2"; };' write_config "$TMP/keys-o.conf"
UI_COLS=200 run_script keys-o -c "$CONFIG" <<'EOF'
wait
keys S
dump after-S
keys :
type profile nosuchprofile
keys Enter
dump no-profile
EOF
status_has after-S "Press o to choose a sort column first" "sort = \"o\": the sort hint names o"
status_has no-profile "Press F2 to list the profiles." "profiles = \"F2\": the hint names F2"
EXTRA='keys = { sort = ""; };' write_config "$TMP/keys-nosort.conf"
UI_COLS=200 run_script keys-nosort -c "$CONFIG" <<'EOF'
wait
keys S
dump after-S
EOF
status_has after-S "Press <sort> to choose a sort column first" "sort unbound: the hint names the action"

# The status line's key hint follows the keymap: with `quit = "x"` it says "x quit" (it was
# fixed text saying "q quit").
status_has "$TMP/keys-x/after-q" "x quit" "quit = \"x\": the status line hint says x quit"
