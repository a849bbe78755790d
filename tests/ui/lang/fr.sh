#!/bin/bash
# lang/fr.sh: tenantry in French (LANGUAGE=fr, po/fr.po): --help, the
# console's help, status line, the create-tenant form, the delete dialog, the secret panel and
# errors (command line, console, setup screen) read in French, and at 80x24 no line is cut;
# whole sentences of a kind and counts that agree with their number (one marked tenant, :tenant
# of a name not there, "1 correspondant").
. "$(dirname "$0")/common.sh"
lang_use fr fr_FR
UI_COLS=80
UI_LINES=24

# fits80 FILE WHAT: no line of FILE is wider than 80 cells.
fits80() {
    py '
import sys, unicodedata
def cells(l):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in l)
bad = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if cells(l) > 80]
for l in bad:
    print("  wider than 80: " + l)
sys.exit(1 if bad else 0)
' "$1" || { fail "$2: a line is wider than 80 columns"; return; }
    ok "$2"
}

# uncut DUMP WHAT: no text on the screen ends cut with "…". uncut_box DUMP WHAT: the same for the
# text inside the dialog box ("| ... |") only: the table behind it shrinks IDs with a middle "…"
# by design.
uncut() { _uncut all "$@"; }
uncut_box() { _uncut box "$@"; }
_uncut() {
    dump_text "$2" >"$TMP/uncut.in" || return
    py '
import re, sys
bad = []
for l in open(sys.argv[2], encoding="utf-8").read().split("\n"):
    m = re.search(r"\|(.*)\|", l)
    if sys.argv[1] == "box":
        l = m.group(1) if m else ""
    if "\u2026" in l:
        bad.append(l)
for l in bad:
    print("  cut: " + l)
sys.exit(1 if bad else 0)
' "$1" "$TMP/uncut.in" || { _show "$2"; fail "$3: a line is cut"; return; }
    ok "$3"
}

# ------------------------------------------------------------------ the command line
run_cmd "$TENANTRY_BIN" --help
expect_rc 0 "tenantry --help in French"
expect_in_out "Options globales (avant la commande, ou après son verbe) :" "--help: the global options in French"
expect_in_out "lister les locataires" "--help: the commands in French"
expect_in_out "Code de sortie : 0 ok" "--help: the exit statuses in French"
expect_not_in_out "list the tenants" "--help: no English summary left"
expect_not_in_out "Global options" "--help: no English heading left"
printf '%s\n' "$out" >"$TMP/help.txt"
fits80 "$TMP/help.txt" "tenantry --help in French: every line fits in 80 columns"

run_cmd "$TENANTRY_BIN" tenants create --help
expect_rc 0 "tenants create --help in French"
expect_in_out "--subdomain LABEL" "the options and placeholders stay as they are"
expect_in_out "(obligatoire)" "tenants create --help: required options in French"
printf '%s\n' "$out" >"$TMP/help-create.txt"
fits80 "$TMP/help-create.txt" "tenants create --help in French fits in 80 columns"

run_cmd "$TENANTRY_BIN" clients delete --help
expect_rc 0 "clients delete --help in French"
expect_in_out "ne pas demander (nécessaire sans terminal)" "clients delete --help: --yes in French"
printf '%s\n' "$out" >"$TMP/help-delete.txt"
fits80 "$TMP/help-delete.txt" "clients delete --help in French fits in 80 columns"

run_cmd "$TENANTRY_BIN" -o yaml tenants list
expect_rc 2 "an unknown output format is a usage error"
expect_in_err "format de sortie 'yaml' inconnu : utilisez table, wide, json, jsonl ou csv" \
    "an unknown output format: the error in French, wide among the formats"
expect_in_err "Essayez « " "and the hint to --help in French"

start_sandbox --seed 7
write_config "$TMP/bad-config" "$URL" wrong-secret
BAD_CONFIG=$CONFIG
write_config
run tenants list --limit 0
expect_rc 2 "--limit 0 is a usage error"
expect_in_err "--limit doit être un nombre entier de 1 à 1000, pas '0'" "a wrong --limit: the error in French"
run_cmd "$TENANTRY_BIN" -c "$BAD_CONFIG" tenants list
expect_rc 3 "a refused secret is an authentication error"
expect_in_err "le point de terminaison de jeton a refusé les identifiants du client" "a refused secret: the error in French"
expect_in_err "identifiants du client : " "... the server's reason after a colon with its space before"

# ------------------------------------------------------------------ the console at 80x24
run_script fr -c "$CONFIG" <<'SCRIPT'
wait
dump main
keys ?
dump help1
keys PgDn
dump help2
keys PgDn
dump help3
keys PgDn
dump help4
keys PgDn
dump help5
keys Esc
keys c
dump form
type Acme
keys Tab
type ACME
dump form-error
keys Esc
keys d
dump delete
keys Esc
keys Tab
wait
keys c
type ci-fr
keys Tab Space Enter
wait
dump secret
keys Enter Enter
dump closed
keys :
type nope
keys Enter
dump error
SCRIPT
expect_line_has main 1 "  profil local  api mattr" "top line: the profile and the API, in French"
expect_line_has main 1 "jeton : " "top line: the token's time left, in French"
expect_line_has main 4 "NOM" "column headings in French (NOM)"
expect_line_has main 4 "SOUS-DOMAINE" "column headings in French (SOUS-DOMAINE)"
status_has main "chargés" "status line: the count of rows loaded, in French"
status_has main "ligne 1" "status line: the selected row, in French, whole at the end"
for s in help1 help2 help3 help4 help5; do
    uncut "$s" "help ($s) at 80x24: no line cut"
done
expect_screen_has help1 "Déplacement" "help: the group titles in French"
expect_screen_has help1 "Descendre la sélection" "help: what j does, in French"
expect_screen_has help1 "j, Down" "help: the key names stay as they are"
expect_screen_lacks help1 "Move the selection" "help: no English left"
cat "$(_dump help1)" "$(_dump help2)" "$(_dump help3)" "$(_dump help4)" "$(_dump help5)" >"$S_DIR/help-all"
expect_screen_has help-all "Commandes" "help: the commands, in French"
expect_screen_has help-all "Aller au panneau des environnements" "help: what :environments does, in French"
expect_screen_has form "Nouveau locataire" "c: the create-tenant form's title in French"
expect_screen_has form "Sous-domaine" "the form's labels in French"
expect_screen_has form "Enter créer   Tab champ suivant   Esc annuler" "the form's keys in French"
uncut_box form "the create-tenant form at 80x24: no line cut"
expect_screen_has form-error "majuscule 'A' interdite : utilisez 'a'" "the form's live check in French"
uncut_box form-error "the form with its error at 80x24: no line cut"
expect_screen_has delete "Supprimer le locataire" "d: the delete dialog's title in French"
expect_screen_has delete "Tapez l'étiquette du sous-domaine" "the delete dialog asks in French"
uncut_box delete "the delete dialog at 80x24: no line cut"
expect_screen_has secret "Enregistrez le secret maintenant : il n'est affiché que cette fois." \
    "the secret panel warns in French"
expect_screen_has secret "copier   Up/Down choisir   Enter (deux fois)" \
    "the secret panel's keys in French"
uncut_box secret "the secret panel at 80x24: no line cut"
status_has closed "Le secret a été fermé et effacé de la mémoire" \
    "closing the secret panel says so in French"
status_has error 'commande ":nope" inconnue' "an unknown command: the error in French"

# whole sentences of a kind, and counts that agree with their number: one marked tenant, a
# tenant not found, one row matching a filter
run tenants list -o json
ONE=$(json_field "$TMP/out" 'next(r["name"] for r in j if r["name"] and sum(r["name"].lower() in json.dumps(o, ensure_ascii=False).lower() for o in j) == 1)')
run_script fr-kinds -c "$CONFIG" <<SCRIPT
wait
keys Space d
dump marked
keys Esc
keys :
type tenant nope
keys Enter
wait
dump jump
keys /
type $ONE
keys Enter
dump one
SCRIPT
expect_screen_has marked "Supprimer 1 locataire marqué" "a marked tenant: the dialog's title in French"
expect_screen_lacks marked "locataire marqués" "... in the singular"
expect_screen_has marked "Ceci supprime 1 locataire : " "... and its note"
status_has jump 'Aucun locataire "nope" ' ":tenant of no such name: a whole French sentence"
status_has one "1 correspondant sur " "a filter matching one row: the count in the singular"

# an error in a pane: the token endpoint refuses the profile's secret (read whole in the pane;
# the status line shows its start)
run_script fr-refused -c "$BAD_CONFIG" --no-token-cache <<'SCRIPT'
wait
dump refused
SCRIPT
expect_screen_has refused "Chargement impossible :" "a failed load: the pane says so in French"
expect_screen_has refused "refusé les identifiants" "the server's refusal explained in French"
expect_screen_has refused "Appuyez sur r pour réessayer." "the retry key, in French"
screen_line refused 1 >"$TMP/refused.top"
dump_text refused | sed -n '5,10p' >>"$TMP/refused.top"
check "the refused load's error in the pane at 80x24: no line cut" \
    bash -c '! grep -q "…" "$1"' _ "$TMP/refused.top"

# the setup screen: no profiles file yet
run_script fr-setup -c "$TMP/none/config" <<'SCRIPT'
wait
dump setup
SCRIPT
expect_screen_has setup "tenantry ne peut pas encore se connecter." "setup screen: in French"
expect_screen_has setup "Pour ajouter un profil ici, appuyez sur P, puis sur a." \
    "setup screen: what to do, in French (the keys as they are)"
uncut setup "the setup screen at 80x24: no line cut"

# a system profile: the counts against the server's total, the delete dialog, a server filter
start_sandbox --seed 7 --system-tenants 250
write_system_config "$TMP/sys-config"
export SYS_PW=system
run_script fr-system -c "$TMP/sys-config" <<'SCRIPT'
wait
dump sys
keys d
dump sys-delete
keys Esc
keys :
type filter created>demain
keys Enter
dump sys-filter
SCRIPT
expect_line_has sys 3 "Locataires (" "system profile: the pane's title in French"
status_has sys " chargés, à suivre  ligne 1" \
    "system profile: the counts and the row number fit whole on the status line"
expect_screen_has sys-delete "Tapez les 8 premiers caractères de son UUID" \
    "system profile: the delete dialog asks in French"
uncut_box sys-delete "system profile: the delete dialog at 80x24: no line cut"
status_has sys-filter "'demain' n'est pas une date" "a wrong :filter term: the error in French"
