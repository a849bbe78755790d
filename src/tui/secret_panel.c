/* secret_panel.c: the panel showing a new client's secret once (see secret_panel.h). */
#include "config.h"

#include "tui/secret_panel.h"

#include <curses.h> /* KEY_* codes only */
#include <stdlib.h>

#include "core/intl.h"
#include "core/text.h"
#include "core/util.h"
#include "tui/terminal.h"
#include "tui/keys.h"

struct secret_panel {
    char *what, *id, *secret;
    size_t sel;   /* 0: the client ID, 1: the secret */
    bool closing; /* Enter or Esc once: the next one closes */
    char *msg;    /* what the last key did, or NULL */
};

struct secret_panel *secret_panel_new(const char *what, const char *id, const char *secret)
{
    struct secret_panel *sp = xcalloc(1, sizeof(*sp));
    sp->what = xstrdup(what);
    sp->id = xstrdup(id);
    sp->secret = xstrdup(secret);
    sp->sel = 1;
    return sp;
}

void secret_panel_free(struct secret_panel *sp)
{
    if (!sp)
        return;
    util_free_secret(sp->secret);
    free(sp->what);
    free(sp->id);
    free(sp->msg);
    free(sp);
    draw_forget(); /* the text on its way to the screen held it */
}

static void say(struct secret_panel *sp, const char *msg)
{
    free(sp->msg);
    sp->msg = msg ? xstrdup(msg) : NULL;
}

bool secret_panel_key(struct secret_panel *sp, enum action act, int key)
{
    if (key == '\n' || key == '\r' || key == KEYS_FN + KEY_ENTER || key == KEYS_ESC) {
        if (sp->closing)
            return true;
        sp->closing = true; /* an Enter typed ahead of the panel must not close it unseen */
        /* TRANSLATORS: keep Enter (a key name) as it is. */
        say(sp, _("It is not shown again: press Enter once more to close it, once you have "
                  "saved it"));
        return false;
    }
    sp->closing = false;
    say(sp, NULL);
    if (key == KEYS_FN + KEY_UP || key == KEYS_FN + KEY_DOWN || key == '\t' ||
        key == KEYS_FN + KEY_BTAB || act == ACT_MOVE_UP || act == ACT_MOVE_DOWN ||
        act == ACT_NEXT_PANE || act == ACT_PREV_PANE) {
        sp->sel ^= 1;
    } else if (act == ACT_COPY) {
        const char *value = sp->sel ? sp->secret : sp->id;
        if (!text_plain(value))
            say(sp, _("It holds control characters: not copied"));
        else if (terminal_clipboard(value))
            say(sp, sp->sel ? _("Copied the secret to the clipboard")
                            : _("Copied the client ID to the clipboard"));
        else
            say(sp, _("This terminal cannot take the clipboard: copy it by hand"));
    }
    return false;
}

void secret_panel_draw(const struct secret_panel *sp, struct rect area, const struct keymap *km)
{
    int bw = draw_dialog_width(area, 100);
    int w = bw - 4;
    const char *warn = _("Save the secret now: it is shown only this once.");
    char copy[32];
    /* TRANSLATORS: %s is the copy key (y by default) */
    char *hint = xasprintf(_("%s copy   Up/Down choose   Enter (twice) I have saved it"),
                           keymap_hint(km, ACT_COPY, copy));
    const char *labels[2] = {_("Client ID"), _("Secret")};
    const char *values[2] = {sp->id, sp->secret};
    int lw = draw_width(labels[0]) > draw_width(labels[1]) ? draw_width(labels[0])
                                                           : draw_width(labels[1]);
    int vw = w - 4 - lw;
    int lines = draw_wrapped_lines(w, sp->what) + draw_wrapped_lines(w, warn) + 1 +
                draw_wrapped_lines(vw, values[0]) + draw_wrapped_lines(vw, values[1]) + 1 +
                draw_wrapped_lines(w, hint) + (sp->msg ? draw_wrapped_lines(w, sp->msg) : 0);
    struct rect in = draw_dialog(area, bw, lines, _("Client secret"));
    int y = in.y, x = in.x, last = in.y + in.h - 1;
    draw_wrapped(x, &y, w, last, sp->what, TH_NORMAL);
    draw_wrapped(x, &y, w, last, warn, TH_ERROR);
    y++;
    for (size_t i = 0; i < 2 && y <= last; i++) {
        enum theme_role role = i == sp->sel ? TH_SELECTED : TH_NORMAL;
        int n = draw_wrapped_lines(vw, values[i]);
        for (int k = 0; k < (n ? n : 1) && y + k <= last; k++)
            draw_fill(y + k, x, w, role);
        draw_text(y, x, 2, i == sp->sel ? ">" : "", role, false);
        draw_text(y, x + 2, lw, labels[i], role, false);
        draw_wrapped(x + 4 + lw, &y, vw, last, values[i], role);
        if (!n)
            y++;
    }
    y++;
    draw_wrapped(x, &y, w, last, hint, TH_DIM);
    if (sp->msg)
        draw_wrapped(x, &y, w, last, sp->msg, TH_STATUS);
    draw_cursor_hide();
    free(hint);
}
