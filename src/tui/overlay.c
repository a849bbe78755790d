/* overlay.c: details, help and the profiles list as layers over the panes. */
#include "config.h"

#include "tui/overlay.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/phrase.h"
#include "core/journal.h"
#include "core/text.h"
#include "tui/command.h"
#include "tui/detail.h"
#include "tui/help.h"
#include "tui/journal_view.h"
#include "tui/profiles.h"
#include "tui/prompt_layer.h"
#include "tui/terminal.h"
#include "tui/tui_state.h"

struct overlay {
    struct layer base;
    struct view *view;
    struct tui *t;
    struct api_call *call;   /* the detail's GET in flight */
    struct textview *detail; /* the view, when a detail view */
    char *json;              /* the object shown, for y (no secret in it), or NULL */
    const struct api_kind_def *kind; /* its kind */
};

/* y in details: the object's JSON to the clipboard (as shown: without any secret). */
static void copy_json(struct overlay *o)
{
    if (!o->json)
        tui_message(o->t, _("Nothing to copy yet: the object is still loading"));
    else if (!text_plain(o->json)) /* pasted into a shell, a control character would act */
        tui_message(o->t, _("This JSON holds control characters or invalid UTF-8: not copied"));
    else if (terminal_clipboard(o->json))
        tui_message(
            o->t,
            phrase_n(o->kind, PH_COPIED_JSON, strlen(o->json),
                     ngettext("Copied the JSON (%zu byte) to the clipboard",
                              "Copied the JSON (%zu bytes) to the clipboard", strlen(o->json))),
            strlen(o->json));
    else
        tui_message(o->t, _("This terminal cannot take the clipboard: the JSON is not copied"));
}

static layer_result ov_key(struct layer *l, struct tui *t, enum action act, int key)
{
    struct overlay *o = (struct overlay *)l;
    if (o->detail && act == ACT_COPY) {
        copy_json(o);
        return LAYER_HANDLED | LAYER_REDRAW;
    }
    enum tui_result r = o->view->ops->handle(o->view, act, key);
    if (r == TR_NONE && (act == ACT_QUIT || act == ACT_BACK || act == ACT_HELP))
        r = TR_CLOSE;
    switch (r) {
    case TR_CLOSE:
        return LAYER_CLOSE | LAYER_REDRAW;
    case TR_SEARCH:
        prompt_layer_open(t, PROMPT_SEARCH, "/", NULL);
        break;
    case TR_SELECT: {
        char *name = profiles_take_choice(o->view);
        if (name)
            tui_switch_profile(t, name); /* closes this overlay */
        free(name);
        break;
    }
    case TR_QUIT:
        return LAYER_QUIT | LAYER_REDRAW;
    default:
        break;
    }
    return LAYER_HANDLED | LAYER_REDRAW;
}

static void ov_draw(struct layer *l, struct tui *t, struct rect r)
{
    struct overlay *o = (struct overlay *)l;
    (void)t;
    o->view->ops->draw(o->view, r);
}

static bool ov_busy(const struct layer *l, const struct tui *t)
{
    (void)t;
    return ((const struct overlay *)l)->call != NULL;
}

static void ov_free(struct layer *l, struct tui *t)
{
    struct overlay *o = (struct overlay *)l;
    if (o->call && t->c.session)
        api_cancel(t->c.session, o->call);
    o->view->ops->free(o->view);
    free(o->json);
    free(o);
    t->dirty = true;
}

/* TRANSLATORS: what a key does, in the bottom line's hints ("Esc close  / search"); keep it
 * short. */
static const struct layer_hint detail_hints[] = {{ACT_BACK, N_("close")},
                                                 {ACT_FILTER, N_("search")},
                                                 {ACT_SEARCH_NEXT, N_("next match")},
                                                 {ACT_COPY, N_("copy JSON")}};
static const struct layer_hint view_hints[] = {{ACT_BACK, N_("close")}};

#define OVERLAY_OPS(hint_list, label)                                                       \
    {                                                                                        \
        .name = label, .level = LEVEL_OVERLAY, .modal = true, .covers = true,               \
        .hints = hint_list, .nhints = ARRAY_SIZE(hint_list), .key = ov_key, .draw = ov_draw, \
        .busy = ov_busy, .free = ov_free,                                                    \
    }
static const struct layer_ops detail_ops = OVERLAY_OPS(detail_hints, "detail");
static const struct layer_ops help_ops = OVERLAY_OPS(view_hints, "help");
static const struct layer_ops profiles_ops = OVERLAY_OPS(view_hints, "profiles");
static const struct layer_ops journal_ops = OVERLAY_OPS(view_hints, "journal");
static const struct layer_hint messages_hints[] = {
    {ACT_BACK, N_("close")}, {ACT_FILTER, N_("search")}, {ACT_SEARCH_NEXT, N_("next match")}};
static const struct layer_ops messages_ops = OVERLAY_OPS(messages_hints, "messages");

/* Put view on the stack as an overlay of kind ops, closing the one shown. */
static struct overlay *open_view(struct tui *t, const struct layer_ops *ops, struct view *v)
{
    layers_close_level(&t->layers, LEVEL_OVERLAY, t);
    struct overlay *o = xcalloc(1, sizeof(*o));
    o->base.ops = ops;
    o->view = v;
    o->t = t;
    layers_push(&t->layers, &o->base);
    t->dirty = true;
    return o;
}

/* help_new's question: does a layer hide act (read-only: the changing actions)? */
static bool hidden(void *ud, enum action act)
{
    struct tui *t = ud;
    return layers_hide(&t->layers, t, act);
}

void overlay_help(struct tui *t)
{
    struct help_command cmds[32], plugins[64];
    size_t n = command_docs(cmds, ARRAY_SIZE(cmds));
    size_t np = tui_plugins_docs(&t->plugins, plugins, ARRAY_SIZE(plugins));
    open_view(t, &help_ops, textview_view(help_new(t->km, hidden, t, cmds, n, plugins, np)));
}

void overlay_messages(struct tui *t)
{
    const char *const *said;
    size_t n = tui_messages(t, &said);
    struct textview *v = textview_new(_("Messages (the last ones, newest at the end)"));
    if (!n)
        textview_add(v, _("No message yet."), TH_DIM);
    int w = draw_cols() - 2; /* the view's text width: each message whole, wrapped */
    for (size_t i = 0; i < n; i++) {
        const char *s = said[i];
        for (bool first = true; *s || first; first = false) {
            size_t len = draw_wrap_len(s, first ? w : w - 10);
            char *piece = xstrndup(s, len);
            char *line = first ? xstrdup(piece) : xasprintf("          %s", piece);
            textview_add(v, line, TH_NORMAL);
            free(line);
            free(piece);
            s += len;
            while (*s == ' ')
                s++;
            if (!len)
                break;
        }
    }
    open_view(t, &messages_ops, textview_view(v));
    textview_show_end(v); /* the newest */
}

/* The object of a detail view came. */
static void on_detail(void *ud, struct row *row, const struct tn_error *err)
{
    struct overlay *o = ud;
    o->call = NULL;
    if (row) { /* a GET answer shown as it came: without any secret in it */
        char *clean = model_raw_without_secrets(row->def, row->raw, row->secret);
        detail_set_json(o->detail, clean ? clean : row->raw);
        if (!clean || *clean) /* "": a secret could not be taken out: nothing to copy */
            o->json = xstrdup(clean ? clean : row->raw);
        util_free_secret(clean);
    } else {
        detail_set_error(o->detail, err);
    }
    model_row_free(row);
    o->t->dirty = true;
}

void overlay_details(struct tui *t)
{
    struct pane *p = tui_focused(t);
    size_t i = p ? pane_selected(p) : SIZE_MAX;
    if (i == SIZE_MAX) {
        tui_message(t, _("Nothing selected"));
        return;
    }
    const struct api_kind_def *k = pane_kind(p);
    /* TRANSLATORS: the details view's title: %s is the name or ID of what is shown. */
    char *title = xasprintf(phrase(k, PH_DETAILS, _("Details of %s")), pane_selected_name(p));
    struct textview *d = detail_view_new(title);
    free(title);
    struct overlay *o = open_view(t, &detail_ops, textview_view(d));
    o->detail = d;
    o->kind = k;
    const char *raw = list_raw(pane_list(p), i);
    if (raw) {
        detail_set_json(d, raw);
        o->json = xstrdup(raw);
        return;
    }
    struct api_target target = {.kind = k, .id = list_id(pane_list(p), i)};
    if (k->parent) {
        struct pane *parent = tui_pane(t, k->parent);
        target.parent = parent ? pane_selected_id(parent) : NULL;
    }
    o->call = api_get(t->c.session, &target, on_detail, o);
}

void overlay_journal(struct tui *t)
{
    char *path = journal_path();
    open_view(t, &journal_ops, textview_view(journal_view_new(path)));
    free(path);
}

void overlay_profiles(struct tui *t, const char *select)
{
    struct layer *l = layers_find(&t->layers, &profiles_ops);
    if (l) /* shown already: read again in place (its key handler may be running) */
        profiles_reload(((struct overlay *)l)->view, t);
    else
        l = &open_view(t, &profiles_ops, profiles_new(t))->base;
    if (select)
        profiles_select(((struct overlay *)l)->view, select);
    t->dirty = true;
}

void overlay_search(struct tui *t, const char *text)
{
    struct layer *l = layers_at(&t->layers, LEVEL_OVERLAY);
    struct view *v = l ? ((struct overlay *)l)->view : NULL;
    if (v && v->ops->search)
        v->ops->search(v, text, true);
}
