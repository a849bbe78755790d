#!/bin/bash
# de.sh: tenantry in German (po/de.po): the console headless at 80x24 and the command line.
# - The console: the status line and its key hints, the help, the create-tenant form, the
#   secret panel, the delete dialog, an error in the status line and the column chooser read
#   in German (German words there; key names such as Enter, Esc, Left/Right and j kept), and
#   no line of these screens (the help's every page too) is cut that the same screen in
#   English shows whole.
# - Whole sentences of a kind: the dialog of one marked tenant (in the singular), :tenant of a
#   name not there.
# - With a de_DE locale: counts grouped as in German ("1.500 geladen").
# - The command line: --help, a missing profiles file, a not-found hint, and a delete's
#   question on a terminal ("Wirklich Mandant ... löschen? [j/N]", answered "ja").
. "$(dirname "$0")/common.sh"

# no_cut_beyond EN DE WHAT: line by line, the German screen DE holds no more cut marks ("…")
# than the English screen EN: a cut after a blank counts too (the status line's "Zeile …"
# when its counts did not fit), which cut_lines leaves out.
no_cut_beyond() {
    if py '
import sys
en = open(sys.argv[1], encoding="utf-8").read().split("\n")
de = open(sys.argv[2], encoding="utf-8").read().split("\n")
bad = False
for i, line in enumerate(de):
    other = en[i] if i < len(en) else ""
    if line.count("\u2026") > other.count("\u2026"):
        print("  line %d cut in German: %r\n           in English: %r" % (i + 1, line, other))
        bad = True
sys.exit(1 if bad else 0)
' "$(_dump "$1")" "$(_dump "$2")"; then
        ok "$3"
    else
        _show "$2"
        fail "$3: German cuts a line that English shows whole"
    fi
}

SCRIPT=$(
    cat <<'EOF'
wait
dump main
keys ?
dump help
keys PgDn
dump help2
keys PgDn
dump help3
keys PgDn
dump help4
keys Esc c
dump form
type Acme Corp
keys Tab
type acme-corp
keys Tab
dump form-choice
keys Enter
wait
dump secret
keys Enter Enter
dump closed
keys d
dump delete
keys Esc :
type nope
keys Enter
dump error
keys Tab
wait
dump clients
keys :
type columns
keys Enter
dump columns
EOF
)
SCREENS="main help help2 help3 help4 form form-choice secret closed delete error clients columns"

# ------------------------------------------------------------------ English, to compare with
lang_english
start_sandbox --tenants 5 --clients 3 --seed 3
write_config
UI_COLS=80 UI_LINES=24 run_script en -c "$CONFIG" <<<"$SCRIPT"
EN=$S_DIR
stop_sandbox

# ------------------------------------------------------------------ the console in German
lang_use de de_DE
start_sandbox --tenants 5 --clients 3 --seed 3 # the same rows as the English run's
write_config
UI_COLS=80 UI_LINES=24 run_script de -c "$CONFIG" <<<"$SCRIPT"

expect_words main "main screen in German" "Mandanten (5+)" "UMGEBUNG" "5 geladen" "Zeile 1"
expect_words clients "status line: German key hints, the keys kept" "? Hilfe  : Befehl  / Filter  q Ende"
expect_words help "help in German, key names kept" "Hilfe" "Bewegen" "j, Down" "Auswahl nach unten" \
    "Esc, Backspace    Zurück; langes Laden abbrechen"
expect_screen_lacks help "Move the selection down" "help: no English description left"
expect_words form "create form in German" "Neuer Mandant" "Name" "Subdomain" "Umgebung" \
    "Enter anlegen   Tab nächstes Feld   Esc abbrechen"
expect_words form-choice "create form: the choice's hint" "Left/Right wählt"
expect_words columns "column chooser in German, keys kept" "Spalten" "Space an/aus  - + schieben  Enter anwenden"
expect_words secret "secret panel in German" "Client-Secret" "Das Secret jetzt speichern" \
    "y kopieren   Up/Down wählen   Enter (zweimal) gespeichert" 'Mandant "Acme Corp" angelegt'
expect_words closed "secret panel closed: German message" "Secret geschlossen"
expect_words delete "delete dialog in German" "Mandant löschen" \
    "Zur Bestätigung das Subdomain-Label (acme-corp) eingeben." "und alles darin. Das ist nicht" \
    "Enter löschen"
status_has error 'unbekannter Befehl ":nope"' "an error in the status line is German"

for f in $SCREENS; do
    expect_clean_screen "$f" 80 24 "$f in German at 80x24: clean, fits"
    no_cut_beyond "$EN/$f" "$f" "$f in German at 80x24: no line cut that English shows whole"
done

# ------------------------------------------------------------------ whole sentences of a kind
UI_COLS=80 UI_LINES=24 run_script de-kinds -c "$CONFIG" <<'EOF'
wait
keys Space d
dump marked
keys Esc
keys :
type tenant nope
keys Enter
wait
dump jump
EOF
expect_words marked "a marked tenant: the dialog in German, in the singular" \
    "1 markierten Mandanten löschen" "Zu löschen: 1 Mandant ("
status_has jump 'Kein Mandant "nope" ' ":tenant of no such name: a whole German sentence"
# ------------------------------------------------------------------ counts grouped as in German
if [ "$LANG_LOCALE" = 1 ]; then
    stop_sandbox
    start_sandbox --tenants 1500 --clients 0 --seed 3
    write_config
    UI_COLS=80 UI_LINES=24 run_script grouped -c "$CONFIG" <<'EOF'
wait
keys G
wait
dump all
EOF
    status_has all "1.500 geladen" "de_DE: the count is grouped with a dot"
    expect_clean_screen all 80 24 "all loaded, in German at 80x24: clean, fits"
else
    ok "# SKIP no de_DE locale can be made here (localedef): grouping not checked"
fi

# ------------------------------------------------------------------ the command line
run_cmd "$TENANTRY_BIN" --help
expect_rc 0 "--help in German"
expect_in_out "Aufruf:" "--help: German usage line"
expect_in_out "Globale Optionen" "--help: German global options"
expect_in_out "  tenants list                   die Mandanten auflisten" "--help: command kept, summary German"
expect_in_out "Exit-Status:" "--help: German exit statuses"
expect_not_in_out "Usage:" "--help: no English usage line"

run_cmd "$TENANTRY_BIN" -c "$TMP/none/config" tenants list
expect_rc 2 "no profiles file, in German"
expect_in_err "kein Profil: $TMP/none/config existiert nicht" "no profiles file: German error"
expect_in_err "eines mit \`tenantry profile add NAME ...\` hinzufügen" "no profiles file: German hint"

run tenants get 00000000-0000-4000-8000-000000000000
expect_rc 4 "a tenant that does not exist, in German"
expect_in_err "Mandant nicht vorhanden: die ID prüfen" "not found: German hint"

# a delete asks in German on a terminal, and "ja" (the catalogue's yes) confirms it
run tenants list -o json --limit 1
T0=$(json_field "$TMP/out" 'j[0]["id"]')
N0=$(json_field "$TMP/out" 'j[0]["name"]')
printf 'ja\n' >"$TMP/ja"
TTY_INPUT=$TMP/ja run_tty "$TENANTRY_BIN" -c "$CONFIG" tenants delete "$T0"
expect_rc 0 "delete confirmed with 'ja'"
expect_in_out "Wirklich Mandant \"$N0\" (" "the question is German"
expect_in_out "$T0) löschen? [j/N]" "... with its verb last, and offers [j/N]"
expect_in_out "Mandant $T0 gelöscht." "the outcome is German"
check "'ja': one delete reached the sandbox" [ "$(count_events TENANT_DELETE_SUCCESS)" = 1 ]
