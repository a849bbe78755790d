# common.sh: helpers of the console's and the command line's tests in another language
# (tests/ui/lang/LL.sh, one file a language).
#
# Source it from a scenario:   . "$(dirname "$0")/common.sh"
#
# lang_use LL compiles po/LL.po of the source tree into a catalogue folder of the test's own and
# makes every tenantry the test runs from then on speak LL (TENANTRY_LOCALEDIR, LANGUAGE, a
# UTF-8 locale). The checks compare a screen in LL with the same screen in English: words of LL
# are there, and no line is cut that the English did not cut (cut_lines).

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

need_utf8

# lang_use LL [LL_CC]: tenantry speaks LL (skips the test, 77, in a build without translations
# or without msgfmt). With LL_CC (de_DE), the locale LL_CC.UTF-8 is made in the test's folder
# (localedef, LOCPATH) so that numbers are grouped as there (LANG_LOCALE=1); where it cannot be
# made, C.UTF-8 with LANGUAGE=LL (LANG_LOCALE=0: messages in LL, numbers as in C).
lang_use() {
    local ll=$1 cc=${2:-} po=${TENANTRY_SRCDIR:?}/po/$1.po
    if [ "${TENANTRY_NLS:-yes}" != yes ]; then
        echo "SKIP: built without translations (--disable-nls)"
        trap - EXIT
        exit 77
    fi
    command -v msgfmt >/dev/null 2>&1 || { echo "SKIP: no msgfmt"; trap - EXIT; exit 77; }
    [ -f "$po" ] || fail "no catalogue $po"
    mkdir -p "$TMP/locale/$ll/LC_MESSAGES" || fail "mkdir $TMP/locale"
    msgfmt -c -o "$TMP/locale/$ll/LC_MESSAGES/tenantry.mo" "$po" 2>"$TMP/msgfmt" ||
        fail "msgfmt -c $po: $(cat "$TMP/msgfmt")"
    export TENANTRY_LOCALEDIR=$TMP/locale LANGUAGE=$ll
    LANG_LOCALE=0
    UI_LC=$UTF8_LOCALE
    if [ -n "$cc" ] && command -v localedef >/dev/null 2>&1 && mkdir -p "$TMP/loc" &&
        localedef -i "$cc" -f UTF-8 "$TMP/loc/$cc.UTF-8" >/dev/null 2>&1; then
        export LOCPATH=$TMP/loc
        UI_LC=$cc.UTF-8
        LANG_LOCALE=1
    fi
    export LC_ALL=$UI_LC
}

# lang_english: tenantry speaks English again (for the screens to compare with).
lang_english() {
    unset LANGUAGE TENANTRY_LOCALEDIR LOCPATH
    UI_LC=$UTF8_LOCALE
    export LC_ALL=$UI_LC
}

# cut_lines FILE: the lines of FILE (a screen dump or a command's output) where a text was cut
# at its end (a word, then the ellipsis draw_text puts at a cut, then a blank or the line's
# end). An ID cut in the middle (7a46dfb1…85b53b33) is not one.
cut_lines() {
    grep -E '[^ ]…( |$)' "$1"
}

# expect_no_more_cuts EN LL WHAT: the screen LL (a dump of the same script in the language)
# has no cut line beyond those the English screen EN has.
expect_no_more_cuts() {
    local en ll
    en=$(cut_lines "$(_dump "$1")" | wc -l)
    ll=$(cut_lines "$(_dump "$2")" | wc -l)
    if [ "$ll" -le "$en" ]; then
        ok "$3: no line cut beyond English's ($ll cut, English $en)"
    else
        fail "$3: $ll cut lines, English has $en:
$(cut_lines "$(_dump "$2")")
$(_show "$2")"
    fi
}

# expect_words FILE WHAT WORD...: each WORD (a fixed string) is on the screen or in the file.
expect_words() {
    local f=$1 what=$2 w
    shift 2
    f=$(_dump "$f")
    for w in "$@"; do
        grep -qF -- "$w" "$f" || { fail "$what: '$w' is not there
$(_show "$f")"; return; }
    done
    ok "$what: $*"
}
