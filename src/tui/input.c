/* input.c: where keys go. tui_key hands a key to the layer stack (tui/layer); this file holds
 * the layers at the bottom: the panes (moving, drilling in, filtering, changing) and the setup
 * screen shown when no session could be opened. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/intl.h"
#include "core/phrase.h"
#include "core/run.h"
#include "core/text.h"
#include "tui/command.h"
#include "tui/copymenu.h"
#include "tui/terminal.h"
#include "tui/edit.h"
#include "tui/export.h"
#include "tui/jump.h"
#include "tui/marked.h"
#include "tui/watch.h"
#include "tui/overlay.h"
#include "tui/prompt_layer.h"
#include "tui/screen.h"
#include "tui/sysedit.h"
#include "tui/tui_state.h"

void tui_key(struct tui *t, int key)
{
    layer_result r = layers_key(&t->layers, t, keymap_lookup(t->km, key), key);
    if (r & LAYER_RELOAD) {
        struct pane *p = tui_focused(t);
        for (size_t i = 0; i < t->npanes; i++) /* also retry what failed elsewhere */
            if (t->panes[i] == p || !list_started(pane_list(t->panes[i])))
                pane_refresh(t->panes[i]);
    }
    if (r & LAYER_QUIT)
        t->quit = true;
    if (r & (LAYER_REDRAW | LAYER_RELOAD))
        t->dirty = true;
}

void tui_tick(struct tui *t)
{
    layers_tick(&t->layers, t);
    if (!tui_busy(t))
        t->busy_since = 0;
    else if (!t->busy_since)
        t->busy_since = util_now_ms();
    if (t->busy_shown != tui_spinning(t))
        t->dirty = true;
}

bool tui_spinning(const struct tui *t)
{
    return t->busy_since && util_now_ms() - t->busy_since >= TUI_SPIN_DELAY_MS;
}

bool tui_busy(const struct tui *t)
{
    return layers_busy(&t->layers, t) || export_running(t);
}

bool tui_work(struct tui *t)
{
    return export_step(t);
}

/* What help leaves out in a read-only console. */
static bool base_hides(const struct layer *l, const struct tui *t, enum action act)
{
    (void)l;
    return tui_readonly(t) &&
           (action_group(act) == ACT_GROUP_CHANGE || action_group(act) == ACT_GROUP_CONFLICT);
}

static void base_free(struct layer *l, struct tui *t)
{
    (void)t;
    free(l);
}

/* TRANSLATORS: what a key does, in the bottom line's hints ("? help  : command  / filter  q
 * quit"); keep it short. */
static const struct layer_hint base_hints[] = {{ACT_HELP, N_("help")},
                                               {ACT_COMMAND, N_("command")},
                                               {ACT_FILTER, N_("filter")},
                                               {ACT_QUIT, N_("quit")}};

/* ------------------------------------------------------------------ the setup screen */

static layer_result setup_key(struct layer *l, struct tui *t, enum action act, int key)
{
    (void)l;
    (void)key;
    if (act == ACT_QUIT || act == ACT_BACK)
        return LAYER_QUIT | LAYER_REDRAW;
    if (act == ACT_COMMAND)
        command_open(t);
    else if (act == ACT_HELP)
        overlay_help(t);
    else if (act == ACT_PROFILES)
        overlay_profiles(t, NULL);
    return LAYER_HANDLED | LAYER_REDRAW;
}

static void setup_draw(struct layer *l, struct tui *t, struct rect r)
{
    (void)l;
    screen_draw_setup(t, r);
}

static const struct layer_ops setup_ops = {
    .name = "setup",
    .level = LEVEL_BASE,
    .modal = true,
    .covers = true,
    .hints = base_hints,
    .nhints = ARRAY_SIZE(base_hints),
    .key = setup_key,
    .draw = setup_draw,
    .hides = base_hides,
    .free = base_free,
};

/* ------------------------------------------------------------------ the panes */

/* Copy the selected ID with OSC 52, or show it to copy by hand. */
static void copy_id(struct tui *t)
{
    struct pane *p = tui_focused(t);
    const char *id = p ? pane_selected_id(p) : NULL;
    if (!id)
        tui_message(t, _("Nothing selected to copy"));
    else if (!text_plain(id)) /* pasted into a shell, a control character would act */
        tui_message(t, _("This ID holds control characters or invalid UTF-8: not copied"));
    else if (terminal_clipboard(id))
        tui_message(t, phrase(pane_kind(p), PH_COPIED_ID, _("Copied the ID %s to the clipboard")),
                    id);
    else
        tui_message(t, _("This terminal cannot take the clipboard: copy by hand: %s"), id);
}

/* Enter: drill into the selection, or show details on the last pane. */
static void enter(struct tui *t)
{
    struct pane *p = tui_focused(t);
    if (!p)
        return;
    if (t->focus + 1 < t->npanes) {
        if (pane_ops(p)->all == NULL && pane_selected(p) == SIZE_MAX) {
            tui_message(t, _("Nothing selected"));
            return;
        }
        t->focus++;
        follow_now(&t->follow); /* list the clients now */
        return;
    }
    overlay_details(t);
}

/* c, e, d: a dialog, or the system API's $EDITOR for a document kind. */
static void change(struct tui *t, enum action act)
{
    struct pane *p = tui_focused(t);
    bool doc = p && pane_kind(p)->doc_field; /* a system tenant's data is edited in $EDITOR */
    if (act == ACT_CREATE)
        doc ? sysedit_create(t) : edit_create(t);
    else if (act == ACT_EDIT)
        doc ? sysedit_edit(t) : edit_change(t);
    else if (act == ACT_ROTATE)
        edit_rotate(t);
    else if (!marked_delete(t)) /* the marked rows, if any; else the selection */
        edit_delete(t);
}

/* Run the plugin key is for on the focused pane's selected row, if any: the terminal is the
 * command's meanwhile. False when no plugin takes key there. */
static bool run_plugin(struct tui *t, int key)
{
    struct pane *p = tui_focused(t);
    const struct plugin *pl = p ? tui_plugins_find(&t->plugins, key, pane_kind(p)->name) : NULL;
    if (!pl)
        return false;
    size_t i = pane_selected(p);
    if (i == SIZE_MAX) {
        tui_message(t, _("Select a row for the plugin \"%s\""), pl->description);
        return true;
    }
    struct pane *parent = pane_kind(p)->parent ? tui_pane(t, pane_kind(p)->parent) : NULL;
    const struct profile *prof = t->c.profile;
    char *extra[5] = {
        xasprintf("TENANTRY_PROFILE=%s", prof ? prof->name : ""),
        xasprintf("TENANTRY_API=%s", prof && prof->api ? prof->api : "mattr"),
        xasprintf("TENANTRY_URL=%s", prof && prof->url ? prof->url : ""),
        xasprintf("TENANTRY_PARENT=%s", parent && pane_selected_id(parent) ? pane_selected_id(parent)
                                                                          : ""),
        NULL};
    char **env = tui_plugins_env(pane_kind(p), pane_list(p), i, (const char *const *)extra);
    struct tn_error err = {0};
    terminal_suspend();
    int st = run_foreground(pl->command, NULL, env, &err);
    terminal_resume();
    if (st < 0)
        tui_error(t, &err);
    else if (st)
        /* TRANSLATORS: the plugin's description (from the settings), then the exit status. */
        tui_message(t, _("The plugin \"%s\" exited with status %d"), pl->description, st);
    else
        tui_message(t, _("Ran the plugin \"%s\""), pl->description);
    err_clear(&err);
    for (size_t k = 0; env[k]; k++)
        free(env[k]);
    free(env);
    for (size_t k = 0; extra[k]; k++)
        free(extra[k]);
    return true;
}

static layer_result panes_key(struct layer *l, struct tui *t, enum action act, int key)
{
    (void)l;
    (void)key;
    struct pane *p = tui_focused(t);
    if (act != ACT_QUIT && act != ACT_COMMAND) /* q q, or :q twice */
        t->quit_warned = false;
    if (act != ACT_NONE && (t->err.code != ST_OK || t->msg.len)) {
        err_clear(&t->err); /* a message stays until the next key */
        sb_reset(&t->msg);
        t->dirty = true;
    }
    switch (act) {
    case ACT_QUIT:
        tui_ask_quit(t);
        break;
    case ACT_HELP:
        overlay_help(t);
        break;
    case ACT_COMMAND:
        command_open(t);
        break;
    case ACT_PROFILES:
        overlay_profiles(t, NULL);
        break;
    case ACT_CREATE:
    case ACT_EDIT:
    case ACT_DELETE:
    case ACT_ROTATE:
        change(t, act);
        break;
    case ACT_MARK:
    case ACT_MARK_ALL:
        marked_key(t, act);
        break;
    case ACT_REDRAW:
        terminal_redraw();
        break;
    case ACT_NEXT_PANE:
    case ACT_PREV_PANE:
        if (t->npanes)
            t->focus = (t->focus + (act == ACT_NEXT_PANE ? 1 : t->npanes - 1)) % t->npanes;
        follow_now(&t->follow);
        break;
    case ACT_ZOOM:
        t->zoom = !t->zoom;
        if (t->zoom)
            /* TRANSLATORS: %s is the focused pane's title (e.g. "Tenants"). */
            tui_message(t, _("%s: zoomed to the full width"), p ? _(pane_ops(p)->title) : "");
        else
            tui_message(t, _("Panes side by side again"));
        break;
    case ACT_ENTER:
        enter(t);
        break;
    case ACT_DETAILS:
        overlay_details(t);
        break;
    case ACT_BACK:
        if (export_stop(t) || jump_stop(t))
            break;
        if (sysedit_cancel(t))
            tui_message(t, _("Stopped reading the tenant: nothing was sent"));
        else if (p && pane_stop(p))
            tui_message(t, _("Stopped loading"));
        else if (t->focus > 0)
            t->focus--;
        break;
    case ACT_FILTER:
        if (p)
            prompt_layer_open(t, PROMPT_FILTER, "/", pane_filter(p));
        break;
    case ACT_COPY:
        copy_id(t);
        break;
    case ACT_COPY_MENU:
        copymenu_open(t);
        break;
    case ACT_REFRESH:
        return LAYER_HANDLED | LAYER_RELOAD;
    case ACT_NONE:
        return run_plugin(t, key) ? LAYER_HANDLED | LAYER_REDRAW : LAYER_NOT_MINE;
    default:
        return p && pane_handle(p, act) == TR_REDRAW ? LAYER_HANDLED | LAYER_REDRAW
                                                      : LAYER_HANDLED;
    }
    return LAYER_HANDLED | LAYER_REDRAW;
}

static void panes_draw(struct layer *l, struct tui *t, struct rect r)
{
    (void)l;
    screen_draw_panes(t, r);
}

/* The panes follow the selection, and each starts the loads that are due. */
static void panes_tick(struct layer *l, struct tui *t)
{
    (void)l;
    struct pane *envs = tui_pane(t, "environments"), *tenants = tui_pane(t, "tenants"),
                *clients = tui_pane(t, "clients");
    int64_t now = util_now_ms();
    if (follow_update(&t->follow, envs ? pane_selected_id(envs) : NULL,
                      tenants ? pane_selected_id(tenants) : NULL, tui_focused(t) == envs, now) &&
        tenants)
        pane_rekeep(tenants);
    for (size_t i = 0; i < t->npanes; i++) {
        struct pane *p = t->panes[i];
        if (p == clients && !screen_pane_visible(t, p))
            continue; /* clients are listed when they can be seen */
        if (p == clients && !follow_clients_due(&t->follow, t->focus == i, now))
            continue; /* not for every tenant the selection passes over */
        pane_tick(p);
    }
    jump_tick(t);
    watch_tick(t);
}

static bool panes_busy(const struct layer *l, const struct tui *t)
{
    (void)l;
    for (size_t i = 0; i < t->npanes; i++)
        if (pane_busy(t->panes[i]))
            return true;
    if (t->jumps || t->jump_what || t->seek_what) /* a row read for :tenant ID, or a jump
                                                    * waiting for its list or loading on */
        return true;
    /* a clients list about to start counts as busy */
    struct pane *clients = tui_pane(t, "clients");
    return follow_pending(&t->follow, clients && screen_pane_visible(t, clients), util_now_ms());
}

static const struct layer_ops panes_ops = {
    .name = "panes",
    .level = LEVEL_BASE,
    .modal = true,
    .covers = true,
    .hints = base_hints,
    .nhints = ARRAY_SIZE(base_hints),
    .key = panes_key,
    .draw = panes_draw,
    .busy = panes_busy,
    .tick = panes_tick,
    .hides = base_hides,
    .free = base_free,
};

void tui_open_base(struct tui *t)
{
    layers_close_level(&t->layers, LEVEL_BASE, t);
    struct layer *l = xcalloc(1, sizeof(*l));
    l->ops = t->c.session ? &panes_ops : &setup_ops;
    layers_push(&t->layers, l);
    t->dirty = true;
}
