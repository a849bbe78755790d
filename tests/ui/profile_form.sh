#!/bin/bash
# profile_form.sh: the console's New profile form (P, then a) offers every API the core knows,
# each with its own settings, and every source of the secret: typed here (saved in the file,
# masked), an environment variable, or a command. It used to offer only mattr, with only an
# inline secret. Headless, no server needed: the file written is what is checked.
# - mattr (the first API): API URL, Token URL, Audience, Client ID; no User or Paging.
# - Right on API: system, with User and Paging, without Token URL, Audience, Client ID.
# - Source: Right chooses "environment variable" (a Variable field instead of the Secret),
#   then "command" (a Command field); the profile saved holds password_env or
#   client_secret_command, and no inline secret.
# - A field the chosen API does not use is not checked: the system profile saves with the
#   mattr fields empty; an empty Variable is refused.
. "$(dirname "$0")/lib.sh"
need_utf8

CONF=$TMP/pf/config
mkdir -p "$TMP/pf"
UI_COLS=100 UI_LINES=40 run_script profile-form -c "$CONF" <<'EOF'
keys P a
dump mattr
type sys
keys Tab Right
dump system
keys Tab
type http://127.0.0.1:1
keys Tab
type ops
keys Tab Tab Right
dump env
keys Enter
dump empty-variable
type SYS_PASSWORD
keys Enter
dump saved
keys a
type cmd
keys Tab Tab
type https://tenant.example
keys Tab
type https://auth.example/oauth/token
keys Tab
type https://manage.example
keys Tab
type ID1
keys Tab Right Right
dump command
keys Tab
type printf %s s3cret
keys Enter
dump saved-command
EOF
expect_screen_has mattr "◂ mattr ▸" "the form starts on the first API, mattr"
for label in "API URL" "Token URL" "Audience" "Client ID" "Source" "◂ typed here ▸" "Secret"; do
    expect_screen_has mattr "$label" "mattr: the form has $label"
done
expect_screen_lacks mattr "User" "mattr: no User field"
expect_screen_lacks mattr "Paging" "mattr: no Paging field"
expect_screen_has system "◂ system ▸" "Right: the API is system"
expect_screen_has system "User" "system: a User field"
expect_screen_has system "Paging" "system: a Paging field"
for label in "Token URL" "Audience" "Client ID"; do
    expect_screen_lacks system "$label" "system: no $label field"
done
expect_screen_has env "◂ environment variable ▸" "Right on Source: an environment variable"
expect_screen_has env "Variable" "the environment variable's name is asked for"
expect_screen_lacks env "Secret  " "no secret is typed then"
expect_screen_has empty-variable "this cannot be empty" "an empty variable name is refused"
status_has saved "Added profile sys" "the system profile is saved (its mattr fields empty)"
check "the file says api = \"system\"" grep -q 'api = "system";' "$CONF"
check "the file holds user = \"ops\"" grep -q 'user = "ops";' "$CONF"
check "the file holds password_env = \"SYS_PASSWORD\"" grep -q 'password_env = "SYS_PASSWORD";' "$CONF"
check "no inline password in the file" sh -c "! grep -q 'password = ' '$CONF'"
sys_block=$(sed -n '/name = "sys";/,/}/p' "$CONF")
check "no mattr setting on the system profile" sh -c "! printf '%s' '$sys_block' | grep -q 'auth_url\\|client_id'"
check "the system profile's block was found" sh -c "printf '%s' '$sys_block' | grep -q 'user = '"
expect_screen_has command "◂ command ▸" "Right twice: a command"
expect_screen_has command "Command" "the command is asked for"
status_has saved-command "Added profile cmd" "the mattr profile with a command is saved"
check "the file holds client_secret_command" \
    grep -q 'client_secret_command = "printf %s s3cret";' "$CONF"
check "no inline client secret in the file" sh -c "! grep -q 'client_secret = ' '$CONF'"
check "the file is mode 600 (got $(file_mode "$CONF"))" [ "$(file_mode "$CONF")" = 600 ]
