#!/bin/bash
# profiles.sh: profiles from the console: from the setup screen (P, a, the form, the secret masked)
# a 0600 file the CLI then uses; Enter switches to it; a taken name is refused; read-only and
# production saved. D removes only after the name is typed; * makes one the default (0600 kept).
# A refused profiles file (0644 with a secret) says why, whole, with no '?' before its hint.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
edit_main
tenants_json
TENANT_NAME=$(tenant 'j[0]["name"]')

# ================================================================== 8. a profile from the setup screen
NEWCONF=$TMP/fresh/config
# The console is given the file by a short relative path (the scripts run in $TMP/NAME): the
# status line names the file as given, and "Added profile mine to $TMP/fresh/config" is cut
# at 100 columns when $TMP is long (make distcheck's tests/tmp under
# tenantry-VERSION/_build/sub, a 7-digit PID: a failure that comes and goes with the PID).
NEWCONF_REL=../fresh/config
mkdir -p "$TMP/fresh"
: >"$EVENTS"
run_script profile-add -c "$NEWCONF_REL" <<EOF
dump setup
keys P
dump list
keys a
dump form
type mine
keys Tab Tab
type $URL
keys Tab
type $URL/oauth/token
keys Tab
type $AUDIENCE
keys Tab
type $CLIENT_ID
keys Tab Tab
type $SECRET
dump typed
keys Enter
dump saved
keys Enter
wait
dump switched
EOF
expect_screen_has setup "tenantry cannot connect yet." "no profiles file: the setup screen"
expect_screen_has list "No profiles yet" "P: the (empty) profiles list"
expect_screen_has form "New profile" "a: the New profile form"
for label in "Name" "API" "API URL" "Token URL" "Audience" "Client ID" "Secret" "[ ] read-only" "[ ] production"; do
    expect_screen_has form "$label" "the New profile form has $label"
done
expect_screen_has typed "Secret    ********************" "the secret shows as one * a character"
expect_screen_lacks typed "$SECRET" "the typed secret is not on the screen"
status_has saved "Added profile mine to $NEWCONF_REL" "Enter: the profile is added to the file"
expect_screen_has saved "mine     mattr    http://127.0.0.1:PORT" "the profiles list shows it"
check "the new file is mode 600 (got $(file_mode "$NEWCONF"))" [ "$(file_mode "$NEWCONF")" = 600 ]
check "no temporary file is left beside it ($(ls -A "$TMP/fresh" | tr '\n' ' '))" \
    [ "$(ls -A "$TMP/fresh")" = config ]
expect_screen_lacks saved "$SECRET" "saved: the secret is not on the screen"
run_cmd "$TENANTRY_BIN" -c "$NEWCONF" -p mine tenants list
expect_rc 0 "the CLI uses the new profile: tenants list"
expect_in_out "SUBDOMAIN" "the CLI lists the tenants with it"
expect_in_out "$TENANT_NAME" "the CLI lists the sandbox's tenants ($TENANT_NAME)"
check "the first profile added becomes the default" grep -q '^default_profile = "mine";' "$NEWCONF"
run_cmd "$TENANTRY_BIN" -c "$NEWCONF" tenants list
expect_rc 0 "the CLI uses it without -p"
expect_line_has switched 2 "mine $SEP all $SEP Tenants" "Enter on it in the list switches to it"
expect_screen_has switched "$TENANT_NAME" "the console lists the tenants with it"

# An existing file: a name already in it is refused; the options read-only and production
# are saved; the file stays 0600.
run_script profile-add-again -c "$NEWCONF" <<EOF
keys P a
type mine
dump taken
keys Esc
dump cancelled
keys a
type careful
keys Tab Tab
type $URL
keys Tab
type $URL/oauth/token
keys Tab
type $AUDIENCE
keys Tab
type $CLIENT_ID
keys Tab Tab
type $SECRET
keys Tab Space Down Space
dump options
keys Enter
dump saved
EOF
expect_below taken "> Name" "a profile has this name already" \
    "a name already in the file is refused, live"
status_has cancelled "Cancelled: nothing was changed" "Esc closes the New profile form"
expect_screen_has options "[x] read-only" "Space checks read-only"
expect_screen_has options "[x] production" "Down Space checks production"
status_has saved "Added profile careful" "the second profile is added"
got=$(py '
import re, sys
text = open(sys.argv[1]).read()
block = text[text.index("name = \"careful\""):]
block = block[:block.index("}")]
print(" ".join(k for k in ("readonly = true;", "production = true;") if k in block))
' "$NEWCONF")
check "the file has readonly = true; and production = true; in profile careful (got '$got')" \
    [ "$got" = "readonly = true; production = true;" ]
check "the file is still mode 600 (got $(file_mode "$NEWCONF"))" [ "$(file_mode "$NEWCONF")" = 600 ]
run_cmd "$TENANTRY_BIN" -c "$NEWCONF" -p careful tenants create --subdomain nope --environment "$ENV0_ID"
check "the CLI takes the profile as read-only (tenants create refused: exit $rc)" [ "$rc" != 0 ]
expect_count TENANT_CREATE_START 0 "the read-only profile sent no create"

# ================================================================== 10. remove, default
three_profiles() {
    py '
import sys
url, aud, cid, sec = sys.argv[2:6]
out = []
for name in ("one", "two", "three"):
    out.append("""  {
    name = "%s";
    url = "%s";
    auth_url = "%s/oauth/token";
    audience = "%s";
    client_id = "%s";
    client_secret = "%s";
  }""" % (name, url, url, aud, cid, sec))
open(sys.argv[1], "w").write("default_profile = \"one\";\nprofiles = (\n" + ",\n".join(out) + "\n);\n")
' "$1" "$URL" "$AUDIENCE" "$CLIENT_ID" "$SECRET"
    chmod 600 "$1"
}
three_profiles "$TMP/three.conf"
cp "$TMP/three.conf" "$TMP/three.orig"
run_script profile-remove-wrong -c "$TMP/three.conf" <<'EOF'
wait
keys P j D
dump dialog
type three
keys Enter
dump wrong
keys C-u
type TWO
keys Enter
keys Esc
dump cancelled
EOF
expect_screen_has dialog "Remove profile" "D: the Remove profile dialog"
expect_screen_has dialog 'This removes profile "two"' "it names the selected profile"
expect_below wrong "> Confirm" 'that is not "two"' "another name: refused"
status_has cancelled "Cancelled: nothing was changed" "Esc closes the Remove profile dialog"
check "a wrong name removes nothing (the file is unchanged)" \
    cmp -s "$TMP/three.conf" "$TMP/three.orig"

run_script profile-remove -c "$TMP/three.conf" <<'EOF'
wait
keys P j D
type two
keys Enter
dump removed
keys j *
dump default
EOF
status_has removed "Removed profile two" "its name typed: removed"
expect_screen_lacks removed " two      mattr" "the list no longer shows it"
check "the file no longer has profile two" sh -c "! grep -q 'name = \"two\"' '$TMP/three.conf'"
check "the file still has one and three" \
    sh -c "grep -q 'name = \"one\"' '$TMP/three.conf' && grep -q 'name = \"three\"' '$TMP/three.conf'"
status_has default "three is now the default profile" "*: three is the default"
check "the file says default_profile = \"three\"" \
    grep -q '^default_profile = "three";' "$TMP/three.conf"
check "the file is still mode 600 (got $(file_mode "$TMP/three.conf"))" \
    [ "$(file_mode "$TMP/three.conf")" = 600 ]
check "the old file is kept as three.conf~, mode 600 too (got $(file_mode "$TMP/three.conf~"))" \
    [ "$(file_mode "$TMP/three.conf~")" = 600 ]
run_cmd "$TENANTRY_BIN" -c "$TMP/three.conf" profile list
expect_rc 0 "the CLI reads the changed file"
run_cmd "$TENANTRY_BIN" -c "$TMP/three.conf" tenants list
expect_rc 0 "the CLI uses the new default (three)"


# The same in the profiles list (P) when the file is refused (mode 0644 with a secret in it):
# "... (mode 0644)?Run: chmod 600 ...".
cp "$MAIN_CONFIG" "$TMP/open.conf"
chmod 644 "$TMP/open.conf"
# (a short relative path, the scripts run in $TMP/NAME, and a wide screen: the line is whole)
UI_COLS=160 run_script open-file -c ../open.conf <<'EOF'
keys P
dump list
EOF
expect_screen_has list "chmod 600 ../open.conf" \
    "a 0644 file: the profiles list says why it is refused, whole"
expect_screen_lacks list "(mode 0644)?Run" \
    "a 0644 file: the profiles list shows no '?' where the hint starts"
