/* colchooser.c: :columns, choosing the focused pane's columns (see colchooser.h). */
#include "config.h"

#include "tui/colchooser.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "tui/tui_state.h"

#define CHOICES_MAX 32

struct colchooser {
    struct layer base;
    struct pane *pane;
    char *path[CHOICES_MAX];
    bool on[CHOICES_MAX];
    size_t n, sel;
};

/* The paths marked, in order, comma-separated (a new string). */
static char *chosen(const struct colchooser *c)
{
    struct strbuf sb = SB_INIT;
    for (size_t i = 0; i < c->n; i++)
        if (c->on[i])
            sb_addf(&sb, "%s%s", sb.len ? "," : "", c->path[i]);
    return sb_steal(&sb);
}

/* Swap choices i and j. */
static void swap(struct colchooser *c, size_t i, size_t j)
{
    char *p = c->path[i];
    bool on = c->on[i];
    c->path[i] = c->path[j];
    c->on[i] = c->on[j];
    c->path[j] = p;
    c->on[j] = on;
}

/* Apply the choice to the pane and say how to keep it. */
static void apply(struct tui *t, struct colchooser *c)
{
    char *list = chosen(c);
    if (!*list) {
        tui_message(t, _("At least one column must be shown: nothing changed"));
        free(list);
        return;
    }
    pane_set_columns(c->pane, list);
    tui_message(t, _("Columns: %s (to keep them: columns = { %s = \"%s\"; }; in the profiles file)"),
                list, pane_kind(c->pane)->name, list);
    free(list);
}

static layer_result cc_key(struct layer *l, struct tui *t, enum action act, int key)
{
    struct colchooser *c = (struct colchooser *)l;
    if (key == ' ') {
        c->on[c->sel] = !c->on[c->sel];
    } else if (key == '-' && c->sel > 0) {
        swap(c, c->sel, c->sel - 1);
        c->sel--;
    } else if (key == '+' && c->sel + 1 < c->n) {
        swap(c, c->sel, c->sel + 1);
        c->sel++;
    } else if (act == ACT_MOVE_DOWN && c->sel + 1 < c->n) {
        c->sel++;
    } else if (act == ACT_MOVE_UP && c->sel > 0) {
        c->sel--;
    } else if (act == ACT_ENTER) {
        apply(t, c);
        return LAYER_HANDLED | LAYER_CLOSE | LAYER_REDRAW;
    } else if (act == ACT_BACK || act == ACT_QUIT) {
        return LAYER_HANDLED | LAYER_CLOSE | LAYER_REDRAW;
    }
    return LAYER_HANDLED | LAYER_REDRAW;
}

static void cc_draw(struct layer *l, struct tui *t, struct rect r)
{
    struct colchooser *c = (struct colchooser *)l;
    (void)t;
    int w = draw_dialog_width(r, 60);
    struct rect in = draw_dialog(r, w, (int)c->n + 2, _("Columns"));
    draw_text(in.y, in.x, in.w, _("Space show/hide  - + move  Enter apply  Esc cancel"), TH_DIM,
              false);
    int rows = in.h - 2, top = (int)c->sel >= rows ? (int)c->sel - rows + 1 : 0;
    for (int i = 0; i < rows && (size_t)(top + i) < c->n; i++) {
        size_t k = (size_t)(top + i);
        enum theme_role role = k == c->sel ? TH_SELECTED : TH_NORMAL;
        struct strbuf sb = SB_INIT;
        sb_addf(&sb, "[%c] %s", c->on[k] ? 'x' : ' ', c->path[k]);
        draw_fill(in.y + 2 + i, in.x, in.w, role);
        draw_text(in.y + 2 + i, in.x, in.w, sb_str(&sb), role, false);
        sb_free(&sb);
    }
}

static void cc_free(struct layer *l, struct tui *t)
{
    struct colchooser *c = (struct colchooser *)l;
    for (size_t i = 0; i < c->n; i++)
        free(c->path[i]);
    free(c);
    t->dirty = true;
}

static const struct layer_hint cc_hints[] = {{ACT_ENTER, N_("apply")}, {ACT_BACK, N_("cancel")}};

static const struct layer_ops colchooser_ops = {
    .name = "columns",
    .level = LEVEL_DIALOG,
    .modal = true,
    .hints = cc_hints,
    .nhints = ARRAY_SIZE(cc_hints),
    .key = cc_key,
    .draw = cc_draw,
    .free = cc_free,
};

void colchooser_open(struct tui *t)
{
    struct pane *p = tui_focused(t);
    if (!p) {
        tui_message(t, _("No pane to choose columns for"));
        return;
    }
    struct colchooser *c = xcalloc(1, sizeof(*c));
    c->base.ops = &colchooser_ops;
    c->pane = p;
    struct strbuf all = SB_INIT, shown = SB_INIT;
    pane_column_choices(p, &all);
    pane_columns(p, &shown);
    size_t nshown = 0;
    for (const char *s = sb_str(&shown); *s; nshown++)
        s += strcspn(s, ",") + (s[strcspn(s, ",")] == ',');
    for (const char *s = sb_str(&all); *s && c->n < CHOICES_MAX;) {
        size_t len = strcspn(s, ",");
        c->on[c->n] = c->n < nshown;
        c->path[c->n++] = xstrndup(s, len);
        s += len + (s[len] == ',');
    }
    sb_free(&all);
    sb_free(&shown);
    layers_push(&t->layers, &c->base);
    t->dirty = true;
}
