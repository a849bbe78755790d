#!/bin/bash
# reading.sh: reading one thing fully, headless.
# - :messages shows the last messages and errors whole, newest at the end, even one the status
#   line had to cut (80 columns); Esc closes it.
# - Details scroll sideways (Right/l, Left/h) to read a long value to its end; the status line
#   of the view says the column.
# - The filter prompt's history: Up/Down recall what was typed, in this run and the next (kept
#   in $XDG_STATE_HOME/tenantry/filter_history, 0600 in a 0700 folder).
# - Y: a menu to copy the selected row's ID, name, subdomain (the full host) or the row as JSON.
. "$(dirname "$0")/lib.sh"
need_utf8

start_sandbox --tenants 30 --environments 2 --clients 2 --seed 1
write_config

UI_COLS=80 UI_LINES=24 run_script messages -c "$CONFIG" <<'EOF'
wait
keys :
type nosuchcommand-with-a-long-name-that-does-not-fit-the-status-line-of-eighty
keys Enter
dump status
keys s
keys :
type messages
keys Enter
dump messages
keys Esc
dump closed
EOF
LONG="unknown command \":nosuchcommand-with-a-long-name-that-does-not-fit-the-status-line-of-eighty\""
expect_line_has status -1 "unknown command" "the error shows in the status line"
expect_screen_lacks status "$LONG" "at 80 columns the status line cannot hold it whole"
expect_line_has messages 3 "Messages" ":messages opens the messages"
# the text of the view without its time column, its lines joined and white space dropped
joined() { dump_text "$1" | sed -n '4,$p' | sed -E 's/^ [0-9]{2}:[0-9]{2}:[0-9]{2}  //' | tr -d ' \n'; }
case $(joined messages) in
*"$(tr -d ' ' <<<"$LONG")"*) ok ":messages: the error whole (wrapped)" ;;
*) _show messages; fail ":messages: the error is not whole" ;;
esac
expect_screen_has messages "Try :tenants, :clients" ":messages: with its hint"
expect_screen_has messages "Sorted by NAME" ":messages: the later message (s) too"
check ":messages: the newest at the end" \
    [ "$(dump_text messages | grep -n 'Sorted by NAME' | cut -d: -f1)" -gt "$(dump_text messages | grep -n 'unknown command' | cut -d: -f1)" ]
expect_clean_screen messages 80 24 ":messages at 80x24: clean"
expect_line_has closed 3 "Tenants" "Esc closes :messages"

# details: a long value read to its end by scrolling sideways
UI_COLS=60 UI_LINES=20 run_script sideways -c "$CONFIG" <<'EOF'
wait
keys i
wait
dump details
keys Right
dump right
keys Left
dump left
EOF
SUB=$(dump_text sideways/details | grep -o '"subdomain": "[^"]*' | head -1)
expect_screen_has details '"subdomain": ' "details: the subdomain line"
expect_screen_has details "…" "details at 60 columns: a long line is cut"
expect_screen_has right "mattr.global\"," "Right: the line's end comes into view"
expect_line_has right -2 ", column " "Right: the view's own status line says the column"
expect_screen_has left '  "id": ' "Left: back to the start"

# the filter prompt keeps a history (Up/Down), in $XDG_STATE_HOME/tenantry/ (0600, never a
# secret), from one run to the next
export XDG_STATE_HOME=$TMP/state
UI_COLS=100 UI_LINES=20 run_script history1 -c "$CONFIG" <<'EOF'
wait
keys /
type health
keys Enter
keys /
keys Backspace Backspace Backspace Backspace Backspace Backspace
type motors
keys Enter
EOF
HIST=$TMP/state/tenantry/filter_history
check "the filter history is kept in \$XDG_STATE_HOME/tenantry/filter_history" [ -f "$HIST" ]
check "the history file is 0600" [ "$(file_mode "$HIST")" = 600 ]
check "its folder is 0700" [ "$(file_mode "$TMP/state/tenantry")" = 700 ]
check "it holds the two filters, oldest first" [ "$(cat "$HIST")" = "$(printf 'health\nmotors')" ]
UI_COLS=100 UI_LINES=20 run_script history2 -c "$CONFIG" <<'EOF'
wait
keys / Up
dump up1
keys Up
dump up2
keys Down Down
dump typed
keys Up Enter
dump done
EOF
expect_line_has up1 -1 "/motors" "next run, / Up: the last filter"
expect_line_has up1 3 "/motors" "Up applies the filter as it shows it"
expect_line_has up2 -1 "/health" "Up again: the one before"
check "Down past the newest: the empty line typed" [ "$(screen_line typed -1)" = "/" ]
expect_line_has done 3 "/motors" "Up Enter keeps the recalled filter"
unset XDG_STATE_HOME

# Y: a menu of what to copy: the ID, the name, the subdomain (the full host), the row as JSON
# (headless there is no clipboard: the status line shows the value to copy by hand)
run tenants list --limit 1 -o json
TID=$(json_field "$TMP/out" 'j[0]["id"]')
TNAME=$(json_field "$TMP/out" 'j[0]["name"]')
TSUB=$(json_field "$TMP/out" 'j[0]["subdomain"]')
UI_COLS=120 UI_LINES=30 run_script copymenu -c "$CONFIG" <<'EOF'
wait
keys Y
dump menu
keys 3
dump subdomain
keys Y Down Enter
dump name
keys Y 4
dump json
keys Y Esc
dump closed
EOF
expect_screen_has menu "Copy to the clipboard" "Y opens the copy menu"
expect_screen_has menu "1  ID         $TID" "the menu offers the ID"
expect_screen_has menu "2  name       $TNAME" "the menu offers the name"
expect_screen_has menu "3  subdomain  $TSUB" "the menu offers the subdomain, the full host"
expect_screen_has menu "4  JSON       {" "the menu offers the row as JSON"
status_has subdomain "copy by hand: $TSUB" "3: the subdomain (the full host)"
status_has name "copy by hand: $TNAME" "Down Enter: the name"
case $(screen_line json -1) in
*"copy by hand: {\"name\":\"$TNAME\",\"subdomain\":\"${TSUB:0:10}"*) ok "4: the row as JSON" ;;
*) _show json; fail "4: not the row as JSON" ;;
esac
expect_screen_lacks closed "Copy to the clipboard" "Esc closes the menu"

# the status line: a message never runs into the counter (a long one takes the line, cut, and
# :messages has it whole; a short one leaves the counter its place); the new-tenant form fits
# 80x24
UI_COLS=80 UI_LINES=24 run_script statusline -c "$CONFIG" <<'EOF'
wait
keys :
type nosuchcommand-with-a-long-name-that-does-not-fit-the-status-line-of-eighty
keys Enter
dump long
keys s
dump short
keys c
dump form
EOF
case $(screen_line long -1) in
*loaded*) _show long; fail "a long message runs into the counter" ;;
*"unknown command"*"…") ok "a long message takes the status line, cut, no counter run into it" ;;
*) _show long; fail "the long message is not on the status line" ;;
esac
status_has short "Sorted by NAME" "a short message shows"
status_ends short "30 loaded, more may be available  row 24" "beside it, the counter whole (the selection kept: row 24 once sorted)"
expect_clean_screen form 80 24 "the new tenant form at 80x24: clean"
check "the new tenant form at 80x24: no line of the dialog cut" \
    [ "$(dump_text form | awk -F'|' 'NF == 3 { print $2 }' | grep -c '…')" = 0 ]
check "the new tenant form at 80x24: its fields shown" \
    [ "$(dump_text form | grep -cE '\| (>| ) (Name|Subdomain|Environment)')" = 3 ]
