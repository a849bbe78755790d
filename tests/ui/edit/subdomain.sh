#!/bin/bash
# subdomain.sh: the subdomain checked live in the New tenant form ("Acme", "-x", "x-", "a b",
# "acme!", "café", "", 64 characters): the message under the field, Enter sends nothing; 63 pass.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
edit_main

# ------------------------------------------------------------------ 2. the subdomain, live
: >"$EVENTS"
LONG63=$(printf 'a%.0s' {1..63})
run_script invalid -c "$CONFIG" <<EOF
wait
keys c
type Bad
keys Tab
type Acme
dump upper
keys Enter
dump upper-enter
keys C-u
type -x
dump dash-first
keys Enter
keys C-u
type x-
dump dash-last
keys C-u
type a b
dump space
keys Enter
keys C-u
type acme!
dump bang
keys C-u
type café
dump accent
keys C-u
dump empty
keys Enter
dump empty-enter
keys C-u
type $LONG63
dump long63
type a
dump long64
keys Enter
dump long64-enter
keys Esc
dump cancelled
EOF
expect_below upper "Subdomain" "upper-case 'A' is not allowed: use 'a'" \
    "'Acme': the error says upper-case A, use a"
expect_screen_has upper-enter "New tenant" "'Acme', Enter: the form stays"
expect_below upper-enter "Subdomain" "upper-case 'A' is not allowed" \
    "'Acme', Enter: the error stays under Subdomain"
expect_below dash-first "Subdomain" "cannot start or end with '-'" "'-x': cannot start with '-'"
expect_below dash-last "Subdomain" "cannot start or end with '-'" "'x-': cannot end with '-'"
expect_below space "Subdomain" "spaces are not allowed" "'a b': spaces are not allowed"
expect_below bang "Subdomain" "'!' is not allowed" "'acme!': '!' is not allowed"
expect_below accent "Subdomain" "only a-z, 0-9 and '-' are allowed" "'café': no accents"
expect_below empty-enter "Subdomain" "enter the subdomain label" "empty, Enter: asks for a label"
line=$(below long63 "Subdomain")
case $line in
*"Environment"*) ok "63 characters: no error under Subdomain" ;;
*) _show long63; fail "63 characters: the line under Subdomain is '$line'" ;;
esac
expect_below long64 "Subdomain" "at most 63 characters (this has 64)" "64 characters: at most 63"
status_has cancelled "Cancelled: nothing was sent" "Esc: cancelled, nothing sent"
expect_count TENANT_CREATE_START 0 "invalid subdomains: no create reached the sandbox"
expect_no_changes "invalid subdomains: no change at all reached the sandbox"
