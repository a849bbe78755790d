#!/bin/bash
# slow.sh: against a slow sandbox (every answer 600 ms late, pages of 100 of 250): :q while a
# create awaits its answer asks again; a created tenant that a page also brings is listed once; a
# create refused after Esc hid its form brings the form back as typed, with the refusal.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"

# Found in review, against a slow sandbox (every answer 600 ms late, pages of 100 of 250):
# - :q while a create awaits its answer asks again (as q does): the answer, and its secret,
#   would be lost; the answer then lands and its secret shows.
# - A created tenant that a page also brings (G loading on meanwhile) is listed once.
# - A create refused after Esc hid its form brings the form back as typed, with the refusal.
start_sandbox --tenants 250 --clients 1 --seed 3 --latency-ms 600
PAGE_SIZE=100 write_config "$TMP/slow.conf"
run_script slow-quit -c "$TMP/slow.conf" <<'EOF'
wait
keys c
type Zeta One
keys Tab
type zeta-one
keys Enter Esc
keys :
type q
keys Enter
dump asked
wait
dump landed
keys Enter Enter
EOF
status_has asked "A change is waiting for its answer" ":q while a create is in flight: asked again"
expect_screen_has landed "Client secret" ":q refused: the answer landed and its secret shows"
expect_count TENANT_CREATE_SUCCESS 1 ":q while in flight: the create went through once"

run_script slow-twice -c "$TMP/slow.conf" <<'EOF'
wait
keys c
type Zeta Two
keys Tab
type zeta-two
keys Enter Esc G
wait
keys Enter Enter
wait
keys /
type zeta-two
keys Enter
dump filtered
EOF
expect_screen_has filtered "1 matching of" "created while G loaded the page holding it: listed once"

run_script slow-refused -c "$TMP/slow.conf" <<'EOF'
wait
keys c
type Zeta Again
keys Tab
type zeta-one
keys Enter Esc
dump hidden
wait
dump back
EOF
expect_screen_lacks hidden "New tenant" "Esc in flight: the form is hidden"
expect_screen_has back "New tenant" "refused after Esc: the form is back"
expect_screen_has back "Zeta Again" "refused after Esc: the name typed is kept"
expect_below back "zeta-one" "is already used in this environment" \
    "refused after Esc: the server's words under Subdomain"
status_has back "The change was refused: the form is back as you left it" \
    "refused after Esc: the status line says why the form came back"
