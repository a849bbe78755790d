#!/bin/bash
# session.sh: the console's session when things go wrong, headless.
# - `:profile NAME` for a profile whose secret cannot be had (its variable unset, its command
#   failing) keeps the current session: the panes, the header and the rows stay, and the
#   status line says why and that the console is still on the profile it was on; a profile
#   that works afterwards still switches.
# - While requests wait to be retried (503 and 429 with Retry-After, a dropped connection),
#   the status line says "retrying in N s: 503" (or what failed), not a silent stall.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 20
write_config
py '
import sys
path = sys.argv[1]
text = open(path).read()
i = text.rindex("\n);")
extra = "".join(""",
  {
    name = "%s";
    url = "%s";
    auth_url = "%s/oauth/token";
    audience = "https://manage.sandbox.tenantry.test";
    client_id = "tenantry-demo";
    %s
  }""" % (n, sys.argv[2], sys.argv[2], s) for n, s in [
    ("novar", "client_secret_env = \"TENANTRY_TEST_NO_SUCH_VARIABLE\";"),
    ("failing", "client_secret_command = \"exit 3\";"),
    ("other", "client_secret = \"tenantry-demo-secret\";")])
open(path, "w").write(text[:i] + extra + text[i:])
' "$CONFIG" "$URL" || fail "writing the profiles file"
unset TENANTRY_TEST_NO_SUCH_VARIABLE

# ------------------------------------------------------------------ :profile keeps the session
UI_COLS=220 UI_LINES=20 run_script switch -c "$CONFIG" -p local <<'EOF'
wait
dump before
keys :
type profile novar
keys Enter
wait
dump novar
keys :
type profile failing
keys Enter
wait
dump failing
keys j
dump still-browsing
keys :
type profile other
keys Enter
wait
dump other
EOF
expect_line_has before 1 "profile local" "the console starts on profile local"
expect_screen_has before "Tenants (20" "... with its tenants"
status_has novar "cannot switch to profile novar" "a profile whose variable is unset: the status line says so"
status_has novar "TENANTRY_TEST_NO_SUCH_VARIABLE" "... naming the variable"
status_has novar "Still on profile local" "... and that the console is still on local"
expect_line_has novar 1 "profile local" "... the header still shows profile local"
expect_screen_has novar "Tenants (20" "... and the tenants are still there"
expect_screen_lacks novar "cannot connect yet" "... not the no-profile screen"
status_has failing "cannot switch to profile failing" "a profile whose secret command fails: the status line says so"
status_has failing "Still on profile local" "... and that the console is still on local"
expect_screen_has failing "Tenants (20" "... with its tenants"
expect_screen_lacks still-browsing "cannot connect yet" "the kept session still browses (j)"
expect_line_has still-browsing -1 "row 2" "... the selection moved to row 2"
expect_line_has other 1 "profile other" "a profile that works still switches"
status_has other "Switched to profile other" "... and says so"

# ------------------------------------------------------------------ retrying, said
# retry_screen NAME STATUS-TEXT FLAGS...: a sandbox failing every /v1/ request with FLAGS; the
# console's status line, while requests wait for their retry, says "retrying in N s: WHAT".
retry_screen() {
    local name=$1 what=$2
    shift 2
    stop_sandbox
    start_sandbox --tenants 20 "$@"
    write_config
    UI_COLS=140 UI_LINES=20 run_script "retry-$name" -c "$CONFIG" <<'EOF'
waitfor retrying in
dump retrying
EOF
    local line
    line=$(screen_line retrying -1)
    [[ $line =~ retrying\ in\ [0-9]+\ s:\ $what ]] ||
        { _show retrying; fail "$name: the status line is '$line', not 'retrying in N s: $what'"; }
    ok "$name: the status line says '${BASH_REMATCH[0]}'"
}
retry_screen 503 503 --fail-rate 1 --fail-status 503 --retry-after 2
retry_screen 429 429 --fail-rate 1 --fail-status 429 --retry-after 2
retry_screen dropped "connection dropped" --drop-rate 1
# The retry itself: the first two lists are refused, then the server answers; the console
# retries them and shows the rows (the dumps above end while the first retry may still wait).
stop_sandbox
start_sandbox --tenants 20 --fail-first 2 --fail-status 503 --retry-after 1
write_config
UI_COLS=140 UI_LINES=20 run_script retried -c "$CONFIG" <<'EOF'
waitfor au01
wait
dump retried
EOF
expect_screen_has retried "au01" "after two refused lists, the retried environments are shown"
check "the sandbox saw the retries (more than one request for environments)" \
    [ "$(grep -c 'path=/v1/environments' "$EVENTS")" -gt 1 ]
