/* copymenu.c: Y, what to copy from the selected row (see copymenu.h). */
#include "config.h"

#include "tui/copymenu.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/json.h"
#include "core/text.h"
#include "tui/terminal.h"
#include "tui/tui_state.h"

/* What the menu offers, with the sentences that say what became of it (N_() texts). */
enum item { IT_ID, IT_NAME, IT_SUBDOMAIN, IT_JSON, ITEMS };
static const struct {
    const char *label, *copied, *unsafe;
} words[ITEMS] = {
    [IT_ID] = {N_("ID"), N_("Copied the ID to the clipboard"),
               N_("This ID holds control characters or invalid UTF-8: not copied")},
    [IT_NAME] = {N_("name"), N_("Copied the name to the clipboard"),
                 N_("This name holds control characters or invalid UTF-8: not copied")},
    [IT_SUBDOMAIN] = {N_("subdomain"), N_("Copied the subdomain to the clipboard"),
                      N_("This subdomain holds control characters or invalid UTF-8: not copied")},
    [IT_JSON] = {N_("JSON"), N_("Copied the JSON to the clipboard"),
                 N_("This JSON holds control characters or invalid UTF-8: not copied")},
};

struct copymenu {
    struct layer base;
    enum item item[ITEMS];
    char *value[ITEMS];
    size_t n, sel;
};

/* The row's values as a JSON object, nested by the field paths (environment.name goes in
 * "environment"); a new string. */
static char *row_json(const struct list *l, size_t i)
{
    const struct api_kind_def *k = list_kind(l);
    cJSON *root = json_new_object();
    for (size_t f = 0; f < k->nfields; f++) {
        const char *v = list_value(l, i, f);
        if (!*v || (k->fields[f].flags & FIELD_SECRET))
            continue;
        cJSON *at = root;
        const char *path = k->fields[f].path, *dot;
        while ((dot = strchr(path, '.'))) { /* the objects on the way */
            char *key = xstrndup(path, (size_t)(dot - path));
            cJSON *next = cJSON_GetObjectItemCaseSensitive(at, key);
            if (!cJSON_IsObject(next)) {
                next = json_new_object();
                json_add(at, key, next);
            }
            free(key);
            at = next;
            path = dot + 1;
        }
        cJSON *parsed = *v == '{' ? json_parse(v, strlen(v)) : NULL; /* a document (data) */
        json_add(at, path, parsed ? parsed : json_new_string(v));
    }
    char *s = json_print(root);
    cJSON_Delete(root);
    return s;
}

/* Add an item when its value is not empty. */
static void add(struct copymenu *m, enum item item, const char *value)
{
    if (value && *value && m->n < ITEMS) {
        m->item[m->n] = item;
        m->value[m->n++] = xstrdup(value);
    }
}

/* Copy item i and say so. */
static void copy(struct tui *t, const struct copymenu *m, size_t i)
{
    const char *v = m->value[i];
    if (!text_plain(v)) /* pasted into a shell, a control character would act */
        tui_message(t, "%s", _(words[m->item[i]].unsafe));
    else if (terminal_clipboard(v))
        tui_message(t, "%s", _(words[m->item[i]].copied));
    else
        tui_message(t, _("This terminal cannot take the clipboard: copy by hand: %s"), v);
}

static layer_result cm_key(struct layer *l, struct tui *t, enum action act, int key)
{
    struct copymenu *m = (struct copymenu *)l;
    if (key >= '1' && key < '1' + (int)m->n) {
        copy(t, m, (size_t)(key - '1'));
        return LAYER_HANDLED | LAYER_CLOSE | LAYER_REDRAW;
    }
    switch (act) {
    case ACT_MOVE_DOWN:
        m->sel = (m->sel + 1) % m->n;
        break;
    case ACT_MOVE_UP:
        m->sel = (m->sel + m->n - 1) % m->n;
        break;
    case ACT_ENTER:
        copy(t, m, m->sel);
        return LAYER_HANDLED | LAYER_CLOSE | LAYER_REDRAW;
    case ACT_BACK:
    case ACT_QUIT:
    case ACT_COPY_MENU:
        return LAYER_HANDLED | LAYER_CLOSE | LAYER_REDRAW;
    default:
        break;
    }
    return LAYER_HANDLED | LAYER_REDRAW;
}

static void cm_draw(struct layer *l, struct tui *t, struct rect r)
{
    struct copymenu *m = (struct copymenu *)l;
    (void)t;
    int w = draw_dialog_width(r, 72);
    struct rect in = draw_dialog(r, w, (int)m->n, _("Copy to the clipboard"));
    for (size_t i = 0; i < m->n && (int)i < in.h; i++) {
        enum theme_role role = i == m->sel ? TH_SELECTED : TH_NORMAL;
        struct strbuf sb = SB_INIT;
        sb_addf(&sb, "%zu  %-10s ", i + 1, _(words[m->item[i]].label));
        draw_fill(in.y + (int)i, in.x, in.w, role);
        int used = draw_text(in.y + (int)i, in.x, in.w, sb_str(&sb), role, false);
        draw_text(in.y + (int)i, in.x + used, in.w - used, m->value[i], role, false);
        sb_free(&sb);
    }
}

static void cm_free(struct layer *l, struct tui *t)
{
    struct copymenu *m = (struct copymenu *)l;
    for (size_t i = 0; i < m->n; i++)
        free(m->value[i]);
    free(m);
    t->dirty = true;
}

/* TRANSLATORS: what a key does, in the bottom line's hints ("Enter copy  Esc close"); keep it
 * short. */
static const struct layer_hint cm_hints[] = {{ACT_ENTER, N_("copy")}, {ACT_BACK, N_("close")}};

static const struct layer_ops copymenu_ops = {
    .name = "copy",
    .level = LEVEL_DIALOG,
    .modal = true,
    .hints = cm_hints,
    .nhints = ARRAY_SIZE(cm_hints),
    .key = cm_key,
    .draw = cm_draw,
    .free = cm_free,
};

void copymenu_open(struct tui *t)
{
    struct pane *p = tui_focused(t);
    size_t i = p ? pane_selected(p) : SIZE_MAX;
    if (i == SIZE_MAX) {
        tui_message(t, _("Nothing selected to copy"));
        return;
    }
    const struct list *l = pane_list(p);
    const struct api_kind_def *k = pane_kind(p);
    struct copymenu *m = xcalloc(1, sizeof(*m));
    m->base.ops = &copymenu_ops;
    add(m, IT_ID, list_id(l, i));
    int f = model_field_index(k, "name");
    add(m, IT_NAME, f >= 0 ? list_value(l, i, (size_t)f) : NULL);
    f = model_field_index(k, "subdomain");
    add(m, IT_SUBDOMAIN, f >= 0 ? list_value(l, i, (size_t)f) : NULL);
    const char *raw = list_raw(l, i);
    char *json = raw ? NULL : row_json(l, i);
    add(m, IT_JSON, raw ? raw : json);
    free(json);
    layers_push(&t->layers, &m->base);
    t->dirty = true;
}
