#!/bin/bash
# refused.sh: a 400 (the label already used in that environment): the form stays with what was
# typed, the server's words under Subdomain; the environment chosen in the environments pane is
# preselected; the same form then goes through. Left/Right/Space/letters choose the environment;
# Down/Up/Tab/BTab move between the fields.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
edit_main

# ------------------------------------------------------------------ 3. a 400 with details
# The same label twice in one environment: the sandbox answers 400, param subdomain. Then an
# existing tenant's label in its own environment, chosen in the environments pane (the form
# preselects it), and the same form again with a free label.
tenants_json
T0_LABEL=$(tenant 'j[0]["subdomain"].split(".")[0]')
T0_ENV=$(tenant 'j[0]["environment"]["name"]')
T0_ENV_ID=$(tenant 'j[0]["environment"]["id"]')
T0_ENV_ROW=$(json_field "$TMP/envs.json" "[e['name'] for e in j].index('$T0_ENV') + 1")
: >"$EVENTS"
run_script duplicate -c "$CONFIG" <<EOF
wait
keys c
type Dup One
keys Tab
type dup-label
keys Enter
wait
keys Enter Enter
keys c
type Dup Two
keys Tab
type dup-label
keys Enter
wait
dump refused
keys Esc
keys Backspace
wait
keys $(rep j "$T0_ENV_ROW") Enter
wait
keys c
dump env-form
type Taken
keys Tab
type $T0_LABEL
keys Enter
wait
dump taken
keys C-u
type $T0_LABEL-2
keys Enter
wait
dump created
keys Enter Enter
EOF
expect_count TENANT_CREATE_START 4 "two duplicates and two good creates: 4 creates sent"
expect_count TENANT_CREATE_SUCCESS 2 "two succeeded"
fails400=$(grep -c '^TENANT_CREATE_FAIL .* status=400' "$EVENTS")
check "two were refused with 400 (got $fails400)" [ "$fails400" = 2 ]
expect_screen_has refused "New tenant" "400: the form stays open"
expect_screen_has refused "Name        Dup Two" "400: the typed name is kept"
expect_screen_has refused "Subdomain   dup-label" "400: the typed label is kept"
expect_below refused "Subdomain   dup-label" "is already used in this environment" \
    "400: the server's message is under Subdomain"
expect_screen_has refused "HTTP 400" "400: the refusal (HTTP 400) is in the form"
expect_line_has env-form 2 "$SEP $T0_ENV $SEP Tenants" \
    "Enter on $T0_ENV in the environments pane narrows the tenants"
expect_screen_has env-form "Environment $CHOICE $T0_ENV" \
    "the form preselects the environment chosen ($T0_ENV)"
expect_below taken "Subdomain   $T0_LABEL" "is already used in this environment" \
    "an existing tenant's label ($T0_LABEL in $T0_ENV): the server's message under Subdomain"
expect_screen_has created 'Client secret' "the same form with another label goes through"
run tenants list -o json
got=$(json_field "$TMP/out" "[t['environment']['id'] for t in j if t['subdomain'].startswith('$T0_LABEL-2.')]")
check "the sandbox has $T0_LABEL-2 in $T0_ENV (got $got)" [ "$got" = "['$T0_ENV_ID']" ]

# Left/Right/Space change the environment; a letter jumps to the next one starting with it.
run_script env-choice -c "$CONFIG" <<EOF
wait
keys c Down
dump down
keys Up
dump up
keys BTab
dump btab
keys Tab Tab Tab
dump first
keys Right
dump right
keys Left
dump left
keys Space Space
dump space2
keys $(json_field "$TMP/envs.json" 'j[1]["name"][0]')
dump letter
keys Esc
EOF
ENV1_NAME=$(json_field "$TMP/envs.json" 'j[1]["name"]')
expect_screen_has down "> Subdomain" "Down: the next field"
expect_screen_has up "> Name" "Up: the field before"
expect_screen_has btab "> Environment" "BTab on the first field: the last one"
expect_screen_has first "Environment $CHOICE $ENV0_NAME " "environment field: the first environment"
expect_screen_has right "Environment $CHOICE $ENV1_NAME " "Right: the next environment ($ENV1_NAME)"
expect_screen_has left "Environment $CHOICE $ENV0_NAME " "Left: back to $ENV0_NAME"
expect_screen_has space2 "Environment $CHOICE $ENV2_NAME " "Space Space: two on ($ENV2_NAME)"
expect_screen_has letter "Environment $CHOICE $ENV1_NAME " "its first letter: $ENV1_NAME"
