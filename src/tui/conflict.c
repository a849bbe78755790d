/* conflict.c: the server's current version of a tenant beside the operator's edit. */
#include "config.h"

#include "tui/conflict.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/json.h"
#include "core/merge.h"
#include "core/util.h"
#include "tui/keys.h"

#define TAG_GAP 1
#define FIELD_MIN 7
#define WIDE_TAGS 70 /* narrower, the "changed" column is left out */

/* One field: its name and its values (compact JSON, NULL when absent) on the server and in
 * the edit. */
struct cf_entry {
    char *field;
    char *server, *mine;
    bool differs;
    enum merge_who who;
};

struct conflict {
    char *uuid, *path;
    char *server_version, *base_version;
    bool server_hidden; /* the server's answer had no data (it may keep data write-only) */
    struct cf_entry *e;
    size_t n, ndiff;
    bool server_only;   /* a field only the server changed: re-applying undoes that */
    size_t top;         /* the first body line shown */
    size_t height;      /* body lines at the last draw (0 before) */
    size_t lines;       /* body lines at the last draw */
};

static void add_entry(struct conflict *c, const char *field, char *server, char *mine,
                      bool differs, enum merge_who who)
{
    c->e = xreallocarray(c->e, c->n + 1, sizeof(*c->e));
    c->e[c->n++] = (struct cf_entry){xstrdup(field), server, mine, differs, who};
    c->ndiff += differs;
    c->server_only |= differs && who == MERGE_SERVER;
}

/* A field of the row as text ("" when absent), copied. */
static char *row_text(const struct row *row, const char *path)
{
    const char *v = row ? model_row_get(row, path) : NULL;
    return xstrdup(v ? v : "");
}

/* The data object of a row's raw JSON (a new tree, or NULL when absent). */
static cJSON *row_data(const struct row *row)
{
    cJSON *raw = row && row->raw ? json_parse(row->raw, strlen(row->raw)) : NULL;
    cJSON *data = raw ? cJSON_DetachItemFromObjectCaseSensitive(raw, row->def->doc_field) : NULL;
    cJSON_Delete(raw);
    if (data && !cJSON_IsObject(data)) {
        cJSON_Delete(data);
        data = NULL;
    }
    return data;
}

struct conflict *conflict_new(const struct row *base, const struct row *server, const char *mine,
                              const char *path)
{
    struct conflict *c = xcalloc(1, sizeof(*c));
    c->uuid = xstrdup(model_row_id(server ? server : base));
    c->path = xstrdup(path ? path : "");
    c->server_version = row_text(server, "version");
    c->base_version = row_text(base, "version");

    bool moved = strcmp(c->server_version, c->base_version) != 0;
    add_entry(c, "version", xstrdup(c->server_version), xstrdup(c->base_version), moved,
              moved ? MERGE_SERVER : MERGE_NOBODY);
    char *s_upd = row_text(server, "updatedAt"), *b_upd = row_text(base, "updatedAt");
    bool upd = strcmp(s_upd, b_upd) != 0;
    add_entry(c, "updatedAt", s_upd, b_upd, upd, upd ? MERGE_SERVER : MERGE_NOBODY);
    /* only the version and the data count: updatedAt follows the version */
    c->ndiff = moved;
    c->server_only = false;

    cJSON *s = row_data(server), *b = row_data(base);
    cJSON *m = mine ? json_parse(mine, strlen(mine)) : NULL;
    c->server_hidden = !s;
    struct merge_diff d;
    merge_diff(b, m, s, &d);
    for (size_t i = 0; i < d.n; i++) {
        struct merge_key *k = &d.keys[i];
        char *field = xasprintf("data.%s", k->key);
        add_entry(c, field, k->server, k->yours, k->differs, k->who);
        k->server = k->yours = NULL; /* the entry's now */
        free(field);
    }
    merge_diff_free(&d);
    if (!cJSON_GetArraySize(s) && !cJSON_GetArraySize(m))
        add_entry(c, "data", s ? json_print(s) : NULL, m ? json_print(m) : NULL, false,
                  MERGE_NOBODY);
    cJSON_Delete(s);
    cJSON_Delete(b);
    cJSON_Delete(m);
    return c;
}

void conflict_free(struct conflict *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->e[i].field);
        free(c->e[i].server);
        free(c->e[i].mine);
    }
    free(c->e);
    free(c->uuid);
    free(c->path);
    free(c->server_version);
    free(c->base_version);
    free(c);
}

size_t conflict_differences(const struct conflict *c)
{
    return c->ndiff;
}

bool conflict_scroll(struct conflict *c, enum action act)
{
    size_t page = c->height ? c->height : 1, max = c->lines > page ? c->lines - page : 0;
    size_t before = c->top;
    switch (act) {
    case ACT_MOVE_DOWN:
        c->top++;
        break;
    case ACT_MOVE_UP:
        c->top -= c->top > 0;
        break;
    case ACT_PAGE_DOWN:
        c->top += page;
        break;
    case ACT_PAGE_UP:
        c->top = c->top > page ? c->top - page : 0;
        break;
    case ACT_FIRST:
        c->top = 0;
        break;
    case ACT_LAST:
        c->top = max;
        break;
    default:
        return false;
    }
    if (c->top > max)
        c->top = max;
    return c->top != before;
}

/* ------------------------------------------------------------------ drawing */

/* The body: lines of text (wrapped), the table's header, its entries, blank lines. */
enum cf_block { B_TEXT, B_BLANK, B_HEADER, B_ENTRY };
struct block {
    enum cf_block kind;
    const char *text; /* B_TEXT */
    enum theme_role role;
    size_t entry;     /* B_ENTRY */
    int lines;
};

/* The columns at a width. */
struct cols {
    int mark, field, server, mine, tag; /* x offsets */
    int fw, sw, mw, tw;                 /* widths */
};

static const char *who_text(enum merge_who who)
{
    switch (who) {
    case MERGE_YOURS:
        /* TRANSLATORS: in the CHANGED column: who changed the field since it was read; keep it
         * short (it sits in a narrow column). */
        return _("you");
    case MERGE_SERVER:
        /* TRANSLATORS: in the CHANGED column: who changed the field since it was read; keep it
         * short. */
        return _("server");
    case MERGE_BOTH:
        /* TRANSLATORS: in the CHANGED column: who changed the field since it was read; keep it
         * short. */
        return _("both");
    default:
        return "";
    }
}

/* A value as shown: the JSON, or why there is none. */
static const char *shown(const struct conflict *c, const char *v, bool server)
{
    if (server && c->server_hidden && v == NULL)
        /* TRANSLATORS: stands for a value in the server's column of the conflict view; keep it
         * short. */
        return _("(not shown by the server)");
    return v ? v : _("(absent)");
}

static void layout(const struct conflict *c, int w, struct cols *k)
{
    /* TRANSLATORS: a column heading of the conflict view; keep it short. */
    int fw = draw_width(_("FIELD"));
    for (size_t i = 0; i < c->n; i++) {
        int n = draw_width(c->e[i].field);
        fw = n > fw ? n : fw;
    }
    int cap = w / 4 > FIELD_MIN ? w / 4 : FIELD_MIN;
    k->fw = fw < cap ? fw : cap;
    k->tw = 0;
    if (w >= WIDE_TAGS) {
        /* TRANSLATORS: CHANGED is a column heading of the conflict view; you, server and both
         * are what that column shows: keep them short. */
        const char *tags[] = {_("CHANGED"), _("you"), _("server"), _("both")};
        for (size_t i = 0; i < ARRAY_SIZE(tags); i++) {
            int n = draw_width(tags[i]);
            k->tw = n > k->tw ? n : k->tw;
        }
    }
    int rest = w - 2 - k->fw - 1 - (k->tw ? k->tw + TAG_GAP : 0) - 1;
    if (rest < 2)
        rest = 2;
    k->sw = rest / 2;
    k->mw = rest - k->sw;
    k->mark = 0;
    k->field = 2;
    k->server = k->field + k->fw + 1;
    k->mine = k->server + k->sw + 1;
    k->tag = k->mine + k->mw + TAG_GAP;
}

/* The lines an entry takes at the columns k. */
static int entry_lines(const struct conflict *c, const struct cf_entry *e, const struct cols *k)
{
    int a = draw_wrapped_lines(k->sw, shown(c, e->server, true));
    int b = draw_wrapped_lines(k->mw, shown(c, e->mine, false));
    int n = a > b ? a : b;
    return n > 0 ? n : 1;
}

/* Draw line j of an entry at row y. */
static void draw_entry(const struct conflict *c, const struct cf_entry *e, const struct cols *k,
                       int y, int x, int j)
{
    enum theme_role mark = e->differs ? TH_TITLE : TH_NORMAL;
    if (j == 0) {
        draw_text(y, x + k->mark, 1, e->differs ? "*" : " ", mark, false);
        draw_text(y, x + k->field, k->fw, e->field, mark, false);
        if (k->tw)
            draw_text(y, x + k->tag, k->tw, who_text(e->who), mark, false);
    }
    draw_wrapped_line(y, x + k->server, k->sw, shown(c, e->server, true), j, TH_NORMAL);
    draw_wrapped_line(y, x + k->mine, k->mw, shown(c, e->mine, false), j, TH_NORMAL);
}

static void draw_header_row(const struct conflict *c, const struct cols *k, int y, int x)
{
    draw_text(y, x + k->field, k->fw, _("FIELD"), TH_COLUMNS, true);
    /* TRANSLATORS: a column heading (capitals) over the server's values: %s is the server's
     * version; the column may be narrow: keep it short. */
    char *s = xasprintf(_("SERVER NOW, version %s"), c->server_version);
    /* TRANSLATORS: a column heading (capitals) over your values: %s is the version your edit was
     * based on; the column may be narrow: keep it short. */
    char *m = xasprintf(_("YOURS, from version %s"), c->base_version);
    draw_text(y, x + k->server, k->sw, s, TH_COLUMNS, true);
    draw_text(y, x + k->mine, k->mw, m, TH_COLUMNS, true);
    if (k->tw)
        draw_text(y, x + k->tag, k->tw, _("CHANGED"), TH_COLUMNS, true);
    free(s);
    free(m);
}

void conflict_draw(struct conflict *c, struct rect r, const struct keymap *km)
{
    draw_clear_rect(r, TH_NORMAL);
    if (r.h < 3 || r.w < 10)
        return;
    /* TRANSLATORS: the conflict view's title: %s is the tenant's UUID. */
    char *title = xasprintf(_("Conflict: tenant %s"), c->uuid);
    draw_fill(r.y, r.x, r.w, TH_TITLE_FOCUS);
    draw_text(r.y, r.x + 1, r.w - 1, title, TH_TITLE_FOCUS, true);
    free(title);

    int x = r.x + 1, w = r.w - 2;
    /* TRANSLATORS: the tenant's UUID, the version the edit was based on, then the server's
     * version. */
    char *intro = xasprintf(_("Tenant %s was changed on the server after you read it: your edit "
                              "was not saved. You edited version %s; the server now has version "
                              "%s."),
                            c->uuid, c->base_version, c->server_version);
    char kr[32], ke[32], kd[32];
    keymap_hint(km, ACT_CONFLICT_REAPPLY, kr);
    keymap_hint(km, ACT_CONFLICT_EDIT, ke);
    keymap_hint(km, ACT_CONFLICT_DISCARD, kd);
    char *warn = c->server_only
                     /* TRANSLATORS: the two %s are keys (the conflict view's re-apply and
                      * edit-again keys). */
                     ? xasprintf(_("%s saves your data as it is: it undoes the changes marked "
                                   "\"server\". To keep them, press %s and merge them by hand."),
                                 kr, ke)
                     : NULL;
    struct block b[12];
    size_t nb = 0;
    b[nb++] = (struct block){B_TEXT, intro, TH_NORMAL, 0, 0};
    /* the path on a line of its own: whole, easy to copy */
    b[nb++] = (struct block){B_TEXT, _("Until you choose, your edit is kept in this file:"),
                             TH_NORMAL, 0, 0};
    b[nb++] = (struct block){B_TEXT, c->path, TH_TITLE, 0, 0};
    if (c->server_hidden)
        b[nb++] = (struct block){B_TEXT, _("The server does not show the tenant's data: only "
                                           "the versions can be compared."), TH_DIM, 0, 0};
    b[nb++] = (struct block){B_BLANK, NULL, TH_NORMAL, 0, 1};
    b[nb++] = (struct block){B_HEADER, NULL, TH_NORMAL, 0, 1};
    size_t entries_at = nb++;
    b[entries_at] = (struct block){B_ENTRY, NULL, TH_NORMAL, 0, 0};
    b[nb++] = (struct block){B_BLANK, NULL, TH_NORMAL, 0, 1};
    b[nb++] = (struct block){B_TEXT, _("* marks a field that differs; CHANGED says who changed "
                                       "it since you read it."), TH_DIM, 0, 0};
    if (warn)
        b[nb++] = (struct block){B_TEXT, warn, TH_TITLE, 0, 0};

    struct cols k;
    layout(c, w, &k);
    size_t total = 0;
    for (size_t i = 0; i < nb; i++) {
        if (b[i].kind == B_TEXT)
            b[i].lines = draw_wrapped_lines(w, b[i].text);
        else if (b[i].kind == B_ENTRY) {
            b[i].lines = 0;
            for (size_t e = 0; e < c->n; e++)
                b[i].lines += entry_lines(c, &c->e[e], &k);
        }
        total += (size_t)b[i].lines;
    }
    int rows = r.h - 2;
    c->height = (size_t)rows;
    c->lines = total;
    size_t max = total > c->height ? total - c->height : 0;
    if (c->top > max)
        c->top = max;

    /* the body lines top .. top + rows */
    size_t line = 0;
    int y0 = r.y + 1;
    for (size_t i = 0; i < nb; i++) {
        if (b[i].kind != B_ENTRY) {
            for (int j = 0; j < b[i].lines; j++, line++) {
                if (line < c->top || line >= c->top + (size_t)rows)
                    continue;
                int y = y0 + (int)(line - c->top);
                if (b[i].kind == B_TEXT)
                    draw_wrapped_line(y, x, w, b[i].text, j, b[i].role);
                else if (b[i].kind == B_HEADER)
                    draw_header_row(c, &k, y, x);
            }
            continue;
        }
        for (size_t e = 0; e < c->n; e++) {
            int n = entry_lines(c, &c->e[e], &k);
            for (int j = 0; j < n; j++, line++)
                if (line >= c->top && line < c->top + (size_t)rows)
                    draw_entry(c, &c->e[e], &k, y0 + (int)(line - c->top), x, j);
        }
    }

    /* the choice, always in view */
    /* TRANSLATORS: key, version, key, key: "r re-apply yours on version 3   e edit again ..." */
    char *keys = xasprintf(_("%s re-apply yours on version %s   %s edit again   %s discard yours"),
                           kr, c->server_version, ke, kd);
    if (draw_width(keys) > r.w - 2) { /* narrow: the keys, each whole */
        free(keys);
        /* TRANSLATORS: three keys, each before what it does */
        keys = xasprintf(_("%s re-apply  %s edit again  %s discard"), kr, ke, kd);
    }
    int y = r.y + r.h - 1;
    draw_fill(y, r.x, r.w, TH_STATUS);
    draw_text(y, r.x + 1, r.w - 1, keys, TH_STATUS, true);
    if (total > c->height) {
        char *pos = xasprintf(_("line %zu of %zu"), c->top + 1, total);
        int pw = draw_width(pos);
        if (pw + draw_width(keys) + 4 < r.w)
            draw_text_right(y, r.x, r.w - 1, pos, TH_STATUS);
        free(pos);
    }
    free(keys);
    free(intro);
    free(warn);
}
