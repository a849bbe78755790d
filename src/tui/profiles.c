/* profiles.c: the profiles overlay: name, API and URL of each, Enter switches. */
#include "config.h"

#include "tui/profiles.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "tui/edit.h"
#include "tui/tui_state.h"

struct entry {
    char *name, *api, *url;
    bool current, is_default;
};

struct profiles_view {
    struct view base;
    struct entry *v;
    size_t n, sel;
    char *choice;
    char *why; /* why the file could not be read, or NULL */
    struct tui *t;
};

static void add(struct profiles_view *pv, const struct profile *p, const struct tui *t,
                const char *default_name)
{
    pv->v = xreallocarray(pv->v, pv->n + 1, sizeof(*pv->v));
    struct entry *e = &pv->v[pv->n++];
    e->name = xstrdup(p->name);
    e->api = xstrdup(profile_api_name(p));
    e->url = xstrdup(p->url ? p->url : "");
    e->current = t->c.profile && !strcmp(t->c.profile->name, p->name);
    e->is_default = default_name && !strcmp(default_name, p->name);
    if (e->current)
        pv->sel = pv->n - 1;
}

static void pv_draw(struct view *v, struct rect r)
{
    struct profiles_view *pv = (struct profiles_view *)v;
    draw_clear_rect(r, TH_NORMAL);
    /* the first key of each action, or "-" when it has none */
    char b[3][32];
    const char *add = keymap_first(pv->t->km, ACT_PROFILE_ADD, b[0]);
    const char *rm = keymap_first(pv->t->km, ACT_PROFILE_REMOVE, b[1]);
    const char *def = keymap_first(pv->t->km, ACT_PROFILE_DEFAULT, b[2]);
    struct strbuf title = SB_INIT;
    /* TRANSLATORS: the title of the profiles window; the three %s are keys (adds, removes, makes
     * the default). Keep Enter and Esc untranslated (key names) and keep it short: it must fit
     * in the window's top line. */
    sb_addf(&title, _(" Profiles  (Enter switches, %s adds, %s removes, %s makes the default, "
                      "Esc closes)"),
            add ? add : "-", rm ? rm : "-", def ? def : "-");
    draw_text(r.y, r.x, r.w, sb_str(&title), TH_TITLE_FOCUS, true);
    sb_free(&title);
    int y = r.y + 1;
    if (pv->why)
        draw_text(y++, r.x + 1, r.w - 1, pv->why, TH_ERROR, false);
    if (!pv->n && !pv->why) {
        struct strbuf msg = SB_INIT;
        /* TRANSLATORS: %s is the key that adds a profile; keep the command in `...` as it is. */
        sb_addf(&msg, _("No profiles yet: press %s to add one (or run `tenantry profile add`)"),
                add ? add : "-");
        draw_text(y, r.x + 1, r.w - 1, sb_str(&msg), TH_DIM, false);
        sb_free(&msg);
        return;
    }
    int namew = 8;
    for (size_t i = 0; i < pv->n; i++)
        if (draw_width(pv->v[i].name) > namew)
            namew = draw_width(pv->v[i].name);
    if (namew > r.w / 3)
        namew = r.w / 3;
    size_t rows = (size_t)(r.h - (y - r.y));
    size_t top = pv->sel >= rows ? pv->sel - rows + 1 : 0;
    for (size_t i = top; i < pv->n && y < r.y + r.h; i++, y++) {
        const struct entry *e = &pv->v[i];
        enum theme_role role = i == pv->sel ? TH_SELECTED : TH_NORMAL;
        draw_fill(y, r.x, r.w, role);
        draw_text(y, r.x + 1, 2, e->current ? ">" : e->is_default ? "*" : "", role, false);
        draw_text(y, r.x + 3, namew, e->name, role, false);
        draw_text(y, r.x + 4 + namew, 8, e->api, role, false);
        draw_text(y, r.x + 13 + namew, r.w - 13 - namew, e->url, role, false);
    }
}

static enum tui_result pv_handle(struct view *v, enum action act, int key)
{
    struct profiles_view *pv = (struct profiles_view *)v;
    enum action own = keymap_lookup_profiles(pv->t->km, key); /* its keys first (a, D, *) */
    if (own != ACT_NONE)
        act = own;
    switch (act) {
    case ACT_MOVE_DOWN:
        if (pv->sel + 1 < pv->n)
            pv->sel++;
        return TR_REDRAW;
    case ACT_MOVE_UP:
        if (pv->sel)
            pv->sel--;
        return TR_REDRAW;
    case ACT_FIRST:
        pv->sel = 0;
        return TR_REDRAW;
    case ACT_LAST:
        pv->sel = pv->n ? pv->n - 1 : 0;
        return TR_REDRAW;
    case ACT_ENTER:
        if (!pv->n)
            return TR_NONE;
        free(pv->choice);
        pv->choice = xstrdup(pv->v[pv->sel].name);
        return TR_SELECT;
    case ACT_PROFILE_ADD:
        edit_profile_add(pv->t);
        return TR_REDRAW;
    case ACT_PROFILE_REMOVE:
    case ACT_PROFILE_DEFAULT: {
        if (!pv->n)
            return TR_NONE;
        char *name = xstrdup(pv->v[pv->sel].name); /* the list is read again */
        if (act == ACT_PROFILE_REMOVE)
            edit_profile_remove(pv->t, name);
        else
            edit_profile_default(pv->t, name);
        free(name);
        return TR_REDRAW;
    }
    case ACT_BACK:
    case ACT_QUIT:
    case ACT_PROFILES:
        return TR_CLOSE;
    default:
        return TR_NONE;
    }
}

/* Forget the entries. */
static void pv_clear(struct profiles_view *pv)
{
    for (size_t i = 0; i < pv->n; i++) {
        free(pv->v[i].name);
        free(pv->v[i].api);
        free(pv->v[i].url);
    }
    free(pv->v);
    pv->v = NULL;
    pv->n = pv->sel = 0;
    free(pv->why);
    pv->why = NULL;
}

/* Read the entries from t's profiles (loading the file if needed). */
static void pv_fill(struct profiles_view *pv, struct tui *t)
{
    if (t->c.demo)
        add(pv, &t->c.demo_profile, t, NULL);
    if (connect_load_profiles(&t->c)) {
        for (size_t i = 0; i < t->c.profiles.n; i++)
            add(pv, &t->c.profiles.v[i], t, t->c.profiles.default_name);
    } else {
        pv->why = err_format_line(&t->c.err);
        err_clear(&t->c.err);
    }
}

static void pv_free(struct view *v)
{
    struct profiles_view *pv = (struct profiles_view *)v;
    pv_clear(pv);
    free(pv->choice);
    free(pv);
}

static const struct view_ops profiles_ops = {
    .draw = pv_draw,
    .handle = pv_handle,
    .free = pv_free,
};

struct view *profiles_new(struct tui *t)
{
    struct profiles_view *pv = xcalloc(1, sizeof(*pv));
    pv->base.ops = &profiles_ops;
    pv->t = t;
    pv_fill(pv, t);
    return &pv->base;
}

void profiles_reload(struct view *v, struct tui *t)
{
    struct profiles_view *pv = (struct profiles_view *)v;
    pv_clear(pv);
    pv_fill(pv, t);
}

void profiles_select(struct view *v, const char *name)
{
    struct profiles_view *pv = (struct profiles_view *)v;
    for (size_t i = 0; name && i < pv->n; i++)
        if (!strcmp(pv->v[i].name, name))
            pv->sel = i;
}

char *profiles_take_choice(struct view *v)
{
    struct profiles_view *pv = (struct profiles_view *)v;
    char *c = pv->choice;
    pv->choice = NULL;
    return c;
}
