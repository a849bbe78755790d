/* screen.c: painting the console from its state (through draw only). */
#include "config.h"

#include "tui/screen.h"

#include <curses.h> /* LINES and COLS only; every cell goes through draw */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/http.h"
#include "core/intl.h"
#include "tui/draw.h"
#include "tui/marked.h"
#include "tui/tui_state.h"

/* The screen size, as curses knows it. */
static int screen_cols(void)
{
    return COLS;
}

static int screen_lines(void)
{
    return LINES;
}

static bool wide(void)
{
    return screen_cols() >= SCREEN_WIDE_COLS;
}

bool screen_one_pane(const struct tui *t)
{
    return !wide() || t->zoom;
}

bool screen_pane_visible(const struct tui *t, const struct pane *p)
{
    if (!t->npanes)
        return false;
    if (!screen_one_pane(t))
        return true;
    return t->panes[t->focus] == p;
}

/* "59m", "2h05m", "expired", for the token's remaining life. */
static void token_text(const struct tui *t, struct strbuf *sb)
{
    if (t->c.session && api_backend(t->c.session)->auth == API_AUTH_BASIC) {
        /* TRANSLATORS: in the top line instead of the token's time left: a system profile sends
         * a user and password (Basic auth). Keep it short. */
        sb_adds(sb, _("basic auth")); /* no token: a user and password on every request */
        return;
    }
    int64_t exp = t->c.session ? api_token_expiry(t->c.session) : 0;
    if (!exp) {
        sb_adds(sb, _("token: none yet"));
        return;
    }
    int64_t left = (exp - util_wallclock_ms()) / 1000;
    if (left <= 0)
        sb_adds(sb, _("token: expired"));
    else if (left < 3600)
        /* TRANSLATORS: the minutes left on the access token (e.g. "token: 59m"); it sits in the
         * top line: keep it short. */
        sb_addf(sb, _("token: %lldm"), (long long)(left / 60));
    else
        /* TRANSLATORS: the time left on the access token in hours and minutes (e.g. "token:
         * 1h05m"); it sits in the status line: keep it short. */
        sb_addf(sb, _("token: %lldh%02lldm"), (long long)(left / 3600),
                (long long)(left % 3600 / 60));
}

static void draw_header(const struct tui *t)
{
    int w = screen_cols();
    struct strbuf sb = SB_INIT;
    const struct profile *p = t->c.profile;
    draw_fill(0, 0, w, TH_HEADER);
    sb_adds(&sb, " tenantry");
    if (p && t->c.session) {
        /* TRANSLATORS: labels in the top line: "profile NAME  api mattr  URL"; keep them short. */
        sb_addf(&sb, "  %s %s  %s %s  %s  ", _("profile"), p->name, _("api"),
                profile_api_name(p), p->url);
        token_text(t, &sb);
    }
    int badges = 0;
    if (tui_readonly(t))
        /* TRANSLATORS: a badge in the top line, at its right end; keep it short. */
        badges += draw_width(_("READ-ONLY")) + 3;
    if (p && p->production)
        /* TRANSLATORS: a badge in the top line, at its right end; keep it short. */
        badges += draw_width(_("PRODUCTION")) + 3;
    draw_text(0, 0, w - badges, sb_str(&sb), TH_HEADER, false);
    int x = w - badges;
    if (tui_readonly(t)) {
        sb_reset(&sb);
        sb_addf(&sb, " %s ", _("READ-ONLY"));
        x += 1 + draw_text(0, x + 1, w - x - 1, sb_str(&sb), TH_BADGE_RO, false);
    }
    if (p && p->production) {
        sb_reset(&sb);
        sb_addf(&sb, " %s ", _("PRODUCTION"));
        draw_text(0, x + 1, w - x, sb_str(&sb), TH_BADGE_PROD, false);
    }
    sb_free(&sb);
}

/* demo > au01 > acme > clients */
static void draw_breadcrumb(const struct tui *t)
{
    struct strbuf sb = SB_INIT;
    const char *sep = draw_utf8() ? " \xe2\x80\xba " : " > ";
    sb_addf(&sb, " %s", t->c.profile ? t->c.profile->name : "");
    for (size_t i = 0; i < t->npanes && i <= t->focus; i++) {
        struct pane *p = t->panes[i];
        sb_adds(&sb, sep);
        if (i == t->focus) {
            sb_adds(&sb, _(pane_ops(p)->title));
            break;
        }
        const char *name = pane_selected_name(p);
        /* TRANSLATORS: in the path line ("demo > all > clients"): stands for every environment. */
        sb_adds(&sb, name ? name : pane_ops(p)->all ? _("all") : "?");
    }
    draw_text(1, 0, screen_cols(), sb_str(&sb), TH_DIM, true);
    sb_free(&sb);
}

/* The widths of the panes side by side in w cells (borders apart): the focused pane takes
 * what it needs, the others their first column (as ranger's columns do), and the width left
 * over goes to the last pane. So the focused pane's width depends on the
 * panes beside it only through their first columns (which only grow while the layout stays):
 * moving in it (the clients following the tenant) shifts nothing on screen but what changed. */
static void pane_widths(struct tui *t, int w, int h, int *out)
{
    int need = 0, used = 0, f = (int)t->focus, n = (int)t->npanes;
    if (t->narrow_focus != t->focus || t->narrow_w != w || t->narrow_h != h) {
        memset(t->narrow, 0, sizeof(t->narrow)); /* another layout: measured afresh */
        t->narrow_focus = t->focus;
        t->narrow_w = w;
        t->narrow_h = h;
    }
    for (int i = 0; i < n; i++) {
        if (i == f)
            continue;
        out[i] = pane_want(t->panes[i], h, true);
        if (out[i] > w / 4) /* a long first value takes no more than a quarter */
            out[i] = w / 4;
        if (out[i] < 8)
            out[i] = 8;
        /* never narrower than it was in this layout: a pane that empties while it loads
         * (the clients following the tenant) moves no column of the others */
        if (out[i] < t->narrow[i])
            out[i] = t->narrow[i];
        t->narrow[i] = out[i];
        used += out[i];
    }
    need = pane_want(t->panes[f], h, false);
    out[f] = need < w - used ? need : w - used;
    used += out[f];
    out[n - 1] += w - used; /* the rest to the last pane (the focused one when it is last) */
}

void screen_draw_panes(struct tui *t, struct rect area)
{
    screen_layout_panes(t, area);
    screen_draw_status(t); /* again: it names what the panes could not show whole */
}

void screen_layout_panes(struct tui *t, struct rect area)
{
    if (!wide() || t->zoom) {
        pane_draw(t->panes[t->focus], area, true);
        return;
    }
    int w[4];
    pane_widths(t, area.w - (int)t->npanes + 1, area.h, w);
    int x = area.x;
    for (size_t i = 0; i < t->npanes; i++) {
        struct rect r = {area.y, x, area.h, w[i]};
        pane_draw(t->panes[i], r, i == t->focus);
        if (i + 1 < t->npanes)
            draw_vline(area.y, x + w[i], area.h, TH_BORDER);
        x += w[i] + 1;
    }
}

static const char *spinner(struct tui *t)
{
    static const char *const ascii[] = {"|", "/", "-", "\\"};
    static const char *const utf8[] = {"\xe2\xa0\x8b", "\xe2\xa0\x99", "\xe2\xa0\xb9",
                                       "\xe2\xa0\xb8", "\xe2\xa0\xbc", "\xe2\xa0\xb4",
                                       "\xe2\xa0\xa6", "\xe2\xa0\xa7"};
    return draw_utf8() ? utf8[t->spin % 8] : ascii[t->spin % 4];
}

/* The error as one line: "message (HTTP 503 code)  hint". */
static void error_text(const struct tn_error *err, struct strbuf *sb)
{
    char *text = err_format_line(err);
    sb_adds(sb, text);
    free(text);
}

/* "? help  : command  / filter  q quit": the hints of the layer on top, with the keys in use
 * (the first of each). */
static void key_hints(const struct tui *t, struct strbuf *sb)
{
    const struct layer *l = layers_hinting(&t->layers, t);
    for (size_t i = 0; l && i < l->ops->nhints; i++) {
        char buf[32];
        const char *key = keymap_first(t->km, l->ops->hints[i].act, buf);
        if (key)
            sb_addf(sb, "%s %s  ", key, _(l->ops->hints[i].what));
    }
}

void screen_draw_status(struct tui *t)
{
    int y = screen_lines() - 1, w = screen_cols();
    /* with the arrow, plain text: a change in it costs no colours sent and reset */
    bool arrow = tui_arrow(t);
    enum theme_role look = arrow ? TH_NORMAL : TH_STATUS;
    draw_fill(y, 0, w, look);
    t->busy_shown = tui_spinning(t); /* a quick answer turns no spinner */
    struct strbuf right = SB_INIT, left = SB_INIT;
    struct pane *p = tui_focused(t);
    const struct layer *cover = layers_cover(&t->layers, t);
    if (p && cover && cover->ops->level == LEVEL_BASE) { /* the panes are what is seen */
        pane_status(p, &right);
        size_t pos = pane_position(p);
        if (pos && !arrow) { /* (the arrow shows the place: a scroll then writes one row) */
            char a[32];
            sb_adds(&right, "  ");
            /* TRANSLATORS: the status line's "row N": %s is the selected row's number ("1,200");
             * keep it short. */
            sb_addf(&right, _("row %s"), pane_count_text(pos, a));
        }
        sb_addc(&right, ' ');
    }
    sb_addf(&left, " %s ", t->busy_shown ? spinner(t) : " ");
    int x = draw_text(y, 0, w, sb_str(&left), look, false);
    int rw = draw_width(sb_str(&right)); /* the counter is never cut: the hints give way */
    if (rw > w - x)
        rw = w - x;
    struct strbuf m = SB_INIT;
    enum theme_role role = look;
    int64_t in_ms;
    long status;
    const char *why;
    bool retrying = tui_engine(t) && http_retry_next(tui_engine(t), &in_ms, &status, &why);
    bool progress = marked_busy(t) && !t->msg.len && t->err.code == ST_OK;
    if (progress) /* a bulk delete: its progress first (retries go on under it) */
        marked_status(t, &m);
    else if (retrying) {
        /* not a silent stall: requests wait to be sent again */
        int s = (int)((in_ms + 999) / 1000);
        if (status)
            /* TRANSLATORS: the seconds before the next try, then the HTTP status that failed; it
             * sits in the status line: keep it short. */
            sb_addf(&m, _("retrying in %d s: %ld"), s, status);
        else
            /* TRANSLATORS: the seconds before the next try, then why the last try failed; it
             * sits in the status line: keep it short. */
            sb_addf(&m, _("retrying in %d s: %s"), s, _(why));
    } else if (t->err.code != ST_OK) {
        error_text(&t->err, &m);
        role = TH_ERROR;
    } else if (t->progress.len) { /* an export, a load that looks for a row... */
        sb_adds(&m, sb_str(&t->progress));
    } else if (t->msg.len) {
        sb_adds(&m, sb_str(&t->msg));
    } else {
        if (p && cover && cover->ops->level == LEVEL_BASE)
            marked_status(t, &m); /* why the selected row was not deleted, if it was not */
        if (p && cover && cover->ops->level == LEVEL_BASE && pane_id_cut(p) &&
            pane_selected_id(p)) /* the ID column is cut or left out: here it is whole */
            sb_addf(&m, "%s %s  ", _(pane_kind(p)->fields[pane_kind(p)->id_field].header),
                    pane_selected_id(p));
        key_hints(t, &m);
    }
    /* a message or an error goes first: the counts give way when it needs the room */
    if ((retrying || t->err.code != ST_OK || t->progress.len || t->msg.len) && draw_width(sb_str(&m)) > w - x - rw)
        rw = 0;
    draw_text(y, x, w - x - rw, sb_str(&m), role, false);
    sb_free(&m);
    if (rw)
        draw_text_right(y, w - rw, rw, sb_str(&right), look);
    sb_free(&left);
    sb_free(&right);
}

void screen_draw_setup(const struct tui *t, struct rect r)
{
    int y = r.y + 1, x = r.x + 2, w = r.w - 4;
    struct strbuf sb = SB_INIT;
    if (t->setup_err.code != ST_OK)
        error_text(&t->setup_err, &sb);
    draw_text(y++, x, w, _("tenantry cannot connect yet."), TH_TITLE, false);
    y++;
    if (sb.len)
        draw_wrapped(x, &y, w, r.y + r.h - 1, sb_str(&sb), TH_ERROR);
    y++;
    char lb[32], ab[32];
    const char *list = keymap_first(t->km, ACT_PROFILES, lb);
    const char *add = keymap_first(t->km, ACT_PROFILE_ADD, ab);
    if (list && add) {
        sb_reset(&sb);
        /* TRANSLATORS: the two %s are keys: the one that opens the profiles window, then the one
         * that adds a profile in it. */
        sb_addf(&sb, _("To add a profile here, press %s, then %s."), list, add);
        draw_text(y++, x, w, sb_str(&sb), TH_NORMAL, false);
    }
    struct strbuf quit = SB_INIT;
    keymap_describe(t->km, ACT_QUIT, &quit);
    sb_reset(&sb);
    /* TRANSLATORS: %s is the quit key or keys (e.g. "q, C-c"). */
    sb_addf(&sb, _("Or quit (%s) and run for example:"), sb_str(&quit));
    sb_free(&quit);
    draw_text(y++, x, w, sb_str(&sb), TH_NORMAL, false);
    /* a Management API profile: the API and its token endpoint, per deployment (au01 here) */
    static const char *const example[] = {
        "tenantry profile add prod --url https://manage.au01.mattr.global \\",
        "  --auth-url https://auth.manage.au01.mattr.global/oauth/token \\",
        "  --audience https://manage.au01.mattr.global \\",
        "  --client-id ID --secret-env VAR",
    };
    for (size_t i = 0; i < ARRAY_SIZE(example); i++)
        draw_text(y++, x + 2, w - 2, example[i], TH_NORMAL, false);
    draw_text(y++, x, w, _("To look around first with a local sandbox: tenantry --demo"),
              TH_NORMAL, false);
    if (t->c.profiles.path && y < r.y + r.h) { /* never over the status line */
        sb_reset(&sb);
        sb_addf(&sb, _("Profiles file: %s"), t->c.profiles.path);
        draw_wrapped(x, &y, w, r.y + r.h - 1, sb_str(&sb), TH_DIM); /* a long path whole */
    }
    sb_free(&sb);
}

void tui_draw(struct tui *t)
{
    int lines = screen_lines(), cols = screen_cols();
    t->dirty = false;
    draw_erase();
    if (lines < SCREEN_MIN_LINES || cols < SCREEN_MIN_COLS) {
        char buf[160];
        /* TRANSLATORS: the terminal's width and height, then the smallest width and height
         * needed (60x15). */
        snprintf(buf, sizeof(buf), _("Terminal too small: %dx%d, need %dx%d"), cols, lines,
                 SCREEN_MIN_COLS, SCREEN_MIN_LINES);
        draw_text(lines / 2, 0, cols, buf, TH_ERROR, false);
        draw_cursor_hide();
        return;
    }
    draw_cursor_hide();
    t->spin++;
    draw_header(t);
    if (t->c.session || layers_at(&t->layers, LEVEL_OVERLAY))
        draw_breadcrumb(t);
    else
        draw_fill(1, 0, cols, TH_NORMAL);
    screen_draw_status(t);
    struct rect area = {2, 0, lines - 3, cols};
    layers_draw(&t->layers, t, area); /* bottom-up; a prompt or dialog places the cursor */
}
