#!/bin/bash
# reading.sh: reading one thing fully, headless.
# - :messages shows the last messages and errors whole, newest at the end, even one the status
#   line had to cut (80 columns); Esc closes it.
# - Details scroll sideways (Right/l, Left/h) to read a long value to its end; the status line
#   of the view says the column.
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
