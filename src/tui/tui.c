/* tui.c: the console's state and what keys, commands and finished requests do to it.
 * Handlers change state and mark it dirty; screen.c paints. */
#include "config.h"

#include "tui/tui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/log.h"
#include "core/text.h"
#include "demo.h"
#include "tui/command.h"
#include "tui/detail.h"
#include "tui/display.h"
#include "tui/edit.h"
#include "tui/help.h"
#include "tui/pane.h"
#include "tui/profiles.h"
#include "tui/prompt.h"
#include "tui/screen.h"
#include "tui/sysedit.h"
#include "tui/tui_state.h"

#define SETTLE_MS 250 /* a selection rests this long before the panes that follow it do */

struct api_session *tui_session(struct tui *t)
{
    return t->c.session;
}

int tui_page_size(const struct tui *t)
{
    return t->c.profile && t->c.profile->page_size > 0 ? t->c.profile->page_size
                                                       : PROFILE_DEFAULT_PAGE_SIZE;
}

struct pane *tui_pane(const struct tui *t, const char *kind)
{
    for (size_t i = 0; i < t->npanes; i++)
        if (!strcmp(pane_ops(t->panes[i])->kind, kind))
            return t->panes[i];
    return NULL;
}

void tui_error(struct tui *t, const struct tn_error *err)
{
    err_copy(&t->err, err);
    sb_reset(&t->msg);
    t->dirty = true;
}

void tui_message(struct tui *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_reset(&t->msg);
    sb_vaddf(&t->msg, fmt, ap);
    va_end(ap);
    err_clear(&t->err);
    t->dirty = true;
}

void tui_dirty(struct tui *t)
{
    t->dirty = true;
}

bool tui_needs_draw(const struct tui *t)
{
    return t->dirty;
}

struct http_engine *tui_engine(struct tui *t)
{
    return t->c.engine;
}

bool tui_quitting(const struct tui *t)
{
    return t->quit;
}

void tui_quit(struct tui *t)
{
    t->quit = true;
}

bool tui_readonly(const struct tui *t)
{
    return t->c.opt.readonly || (t->c.profile && t->c.profile->readonly);
}

/* ------------------------------------------------------------------ panes */

static void panes_free(struct tui *t)
{
    for (size_t i = 0; i < t->npanes; i++)
        pane_free(t->panes[i]);
    t->npanes = 0;
    t->focus = 0;
    free(t->env_id);
    free(t->tenant_id);
    free(t->env_applied);
    t->env_id = t->tenant_id = t->env_applied = NULL;
    t->env_pending = false;
}

/* The panes of the session's backend: environments, tenants and clients (MATTR), or the
 * tenants of the system API. */
static void panes_open(struct tui *t)
{
    static const struct pane_ops *const mattr[] = {&env_pane_ops, &tenant_pane_ops,
                                                   &client_pane_ops};
    static const struct pane_ops *const system[] = {&systenant_pane_ops};
    const struct api_backend *b = api_backend(t->c.session);
    bool sys = !strcmp(b->name, "system");
    const struct pane_ops *const *all = sys ? system : mattr;
    size_t n = sys ? ARRAY_SIZE(system) : ARRAY_SIZE(mattr);
    for (size_t i = 0; i < n; i++) {
        struct pane *p = pane_new(all[i], t, api_kind_find(b, all[i]->kind));
        if (p)
            t->panes[t->npanes++] = p;
    }
    t->focus = t->npanes > 1 ? 1 : 0; /* tenants first: what operators come for */
    t->dirty = true;
}

struct pane *tui_focused(const struct tui *t)
{
    return t->npanes ? t->panes[t->focus] : NULL;
}

/* Replace *slot with a copy of id when they differ; true when it changed. */
static bool track(char **slot, const char *id)
{
    if ((!*slot && !id) || (*slot && id && !strcmp(*slot, id)))
        return false;
    free(*slot);
    *slot = id ? xstrdup(id) : NULL;
    return true;
}

void tui_tick(struct tui *t)
{
    if (!t->c.session)
        return;
    sysedit_tick(t); /* the editor, when an edit is ready for it */
    struct pane *envs = tui_pane(t, "environments"), *tenants = tui_pane(t, "tenants"),
                *clients = tui_pane(t, "clients");
    int64_t now = util_now_ms();
    /* narrowing a million tenants takes a moment: only once the selection rests, or the
     * operator leaves the environments pane */
    if (envs && track(&t->env_id, pane_selected_id(envs))) {
        t->env_moved_ms = now;
        t->env_pending = true;
    }
    if (t->env_pending && (now - t->env_moved_ms >= SETTLE_MS || tui_focused(t) != envs)) {
        t->env_pending = false;
        track(&t->env_applied, t->env_id);
        if (tenants)
            pane_rekeep(tenants);
    }
    if (tenants && track(&t->tenant_id, pane_selected_id(tenants)))
        t->tenant_moved_ms = now;
    for (size_t i = 0; i < t->npanes; i++) {
        struct pane *p = t->panes[i];
        if (p == clients && !screen_pane_visible(t, p))
            continue; /* clients are listed when they can be seen */
        if (p == clients && now - t->tenant_moved_ms < SETTLE_MS && t->focus != i)
            continue; /* not for every tenant the selection passes over */
        pane_tick(p);
    }
    if (t->busy_shown != tui_busy(t))
        t->dirty = true;
}

const char *tui_environment(const struct tui *t)
{
    return t->env_applied;
}

bool tui_busy(const struct tui *t)
{
    if (t->detail_call || t->env_pending || edit_busy(t) || sysedit_busy(t))
        return true;
    for (size_t i = 0; i < t->npanes; i++)
        if (pane_busy(t->panes[i]))
            return true;
    /* a clients list about to start counts as busy */
    struct pane *clients = tui_pane(t, "clients");
    return clients && t->tenant_id && util_now_ms() - t->tenant_moved_ms < SETTLE_MS &&
           screen_pane_visible(t, clients);
}

/* ------------------------------------------------------------------ overlays */

/* What help leaves out in a read-only console. */
static bool mutating(enum action r)
{
    return r == ACT_CREATE || r == ACT_EDIT || r == ACT_DELETE;
}

/* The help view, without the changing keys when read-only. */
static struct view *help_view(const struct tui *t)
{
    return textview_view(help_new(t->km, tui_readonly(t) ? mutating : NULL));
}

static void overlay_open(struct tui *t, struct view *v);

void tui_open_help(struct tui *t)
{
    overlay_open(t, help_view(t));
}

static void overlay_close(struct tui *t)
{
    if (t->detail_call)
        api_cancel(t->c.session, t->detail_call);
    t->detail_call = NULL;
    if (t->overlay)
        t->overlay->ops->free(t->overlay);
    t->overlay = NULL;
    t->detail = NULL;
    t->profiles = NULL;
    t->dirty = true;
}

static void overlay_open(struct tui *t, struct view *v)
{
    overlay_close(t);
    t->overlay = v;
    t->dirty = true;
}

/* The object of a detail view came. */
static void on_detail(void *ud, struct row *row, const struct tn_error *err)
{
    struct tui *t = ud;
    t->detail_call = NULL;
    if (t->detail) {
        if (row) { /* a GET answer shown as it came: without any secret in it */
            char *clean = model_raw_without_secrets(row->def, row->raw, row->secret);
            detail_set_json(t->detail, clean ? clean : row->raw);
            util_free_secret(clean);
        }
        else
            detail_set_error(t->detail, err);
    }
    model_row_free(row);
    t->dirty = true;
}

/* Open the detail view of the focused pane's selection. */
static void show_details(struct tui *t)
{
    struct pane *p = tui_focused(t);
    size_t i = p ? pane_selected(p) : SIZE_MAX;
    if (i == SIZE_MAX) {
        tui_message(t, _("Nothing selected"));
        return;
    }
    const struct api_kind_def *k = pane_kind(p);
    char *title = xasprintf("%s %s", _(k->singular), pane_selected_name(p));
    struct textview *d = detail_view_new(title);
    free(title);
    overlay_open(t, textview_view(d));
    t->detail = d;
    const char *raw = list_raw(pane_list(p), i);
    if (raw) {
        detail_set_json(d, raw);
        return;
    }
    struct api_target target = {.kind = k, .id = list_id(pane_list(p), i)};
    if (k->parent) {
        struct pane *parent = tui_pane(t, k->parent);
        target.parent = parent ? pane_selected_id(parent) : NULL;
    }
    t->detail_call = api_get(t->c.session, &target, on_detail, t);
}

/* ------------------------------------------------------------------ profiles */

void tui_open_profiles(struct tui *t, const char *select)
{
    struct view *v = profiles_new(t);
    overlay_open(t, v);
    t->profiles = v;
    if (select)
        profiles_select(v, select);
}

/* The connection failed or was closed: the profile in use is none (the set may be reloaded
 * from the file, so nothing may point into it). */
static void connected(struct tui *t, bool ok)
{
    t->c.profile = ok ? api_profile(t->c.session) : NULL;
}

void tui_switch_profile(struct tui *t, const char *name)
{
    const struct profile *p = NULL;
    if (t->c.demo && !strcmp(name, t->c.demo_profile.name))
        p = &t->c.demo_profile;
    else if (connect_load_profiles(&t->c))
        p = profile_find(&t->c.profiles, name);
    if (edit_busy(t) || sysedit_busy(t)) { /* its answer would be lost */
        tui_message(t, _("A change is waiting for its answer: switch when it has come"));
        return;
    }
    if (!p) {
        struct tn_error e = {0};
        err_set(&e, ST_USAGE, _("no profile called \"%s\""), name);
        err_hint(&e, _("Press P to list the profiles."));
        tui_error(t, &e);
        err_clear(&e);
        return;
    }
    char *kept = sysedit_close(t); /* an edit not saved: its file stays */
    edit_close(t);
    overlay_close(t);
    panes_free(t);
    api_close(t->c.session);
    t->c.session = NULL;
    t->c.profile = p;
    err_clear(&t->c.err);
    /* a secret command or prompt may need the terminal: give it the terminal */
    struct profile_secret sec = profile_secret_of(p);
    bool asks = sec.command || (!sec.inline_value && !sec.env);
    if (asks)
        display_suspend();
    bool ok = connect_open(&t->c);
    if (asks)
        display_resume();
    connected(t, ok);
    if (!ok) {
        tui_error(t, &t->c.err);
        free(kept);
        return;
    }
    panes_open(t);
    if (kept)
        tui_message(t, _("Switched to profile %s; your unsaved edit is kept in %s"), p->name,
                    kept);
    else
        tui_message(t, _("Switched to profile %s"), p->name);
    free(kept);
}

/* ------------------------------------------------------------------ commands */

void tui_ask_quit(struct tui *t)
{
    if ((edit_busy(t) || sysedit_busy(t)) && !t->quit_warned) {
        t->quit_warned = true;
        tui_message(t, _("A change is waiting for its answer: quit again to quit anyway"));
        return;
    }
    t->quit = true;
}

/* ------------------------------------------------------------------ keys */

static void prompt_close(struct tui *t)
{
    prompt_free(t->prompt);
    t->prompt = NULL;
    free(t->prompt_saved);
    t->prompt_saved = NULL;
    t->prompt_mode = PROMPT_OFF;
    t->dirty = true;
}

/* A key while the prompt is open. */
static void prompt_input(struct tui *t, int key)
{
    enum prompt_result r = prompt_key(t->prompt, key);
    struct pane *p = tui_focused(t);
    t->dirty = true;
    if (t->prompt_mode == PROMPT_FILTER && p) {
        if (r == PROMPT_CHANGED)
            pane_set_filter(p, prompt_text(t->prompt));
        else if (r == PROMPT_CANCEL)
            pane_set_filter(p, t->prompt_saved);
    }
    if (r != PROMPT_DONE && r != PROMPT_CANCEL)
        return;
    char *text = xstrdup(prompt_text(t->prompt));
    enum tui_prompt mode = t->prompt_mode;
    prompt_close(t);
    if (r == PROMPT_DONE && mode == PROMPT_SEARCH && t->overlay && t->overlay->ops->search) {
        free(t->search);
        t->search = xstrdup(text);
        t->overlay->ops->search(t->overlay, text, true);
    } else if (r == PROMPT_DONE && mode == PROMPT_COMMAND) {
        command_run(t, text);
    }
    free(text);
}

/* Copy the selected ID with OSC 52, or show it to copy by hand. */
static void copy_id(struct tui *t)
{
    struct pane *p = tui_focused(t);
    const char *id = p ? pane_selected_id(p) : NULL;
    if (!id)
        tui_message(t, _("Nothing selected to copy"));
    else if (!text_plain(id)) /* pasted into a shell, a control character would act */
        tui_message(t, _("This ID holds control characters or invalid UTF-8: not copied"));
    else if (display_clipboard(id))
        tui_message(t, _("Copied %s ID %s to the clipboard"), _(pane_kind(p)->singular), id);
    else
        tui_message(t, _("This terminal cannot take the clipboard: copy by hand: %s"), id);
}

/* A key while an overlay view is open. */
static void overlay_input(struct tui *t, enum action act, int key)
{
    const char *chosen = t->profiles ? profiles_selected(t->profiles) : NULL;
    if (t->profiles && act == ACT_PROFILE_ADD) {
        edit_profile_add(t);
        return;
    }
    if (chosen && (act == ACT_PROFILE_REMOVE || act == ACT_PROFILE_DEFAULT)) {
        char *copy = xstrdup(chosen); /* the list is built again */
        if (act == ACT_PROFILE_REMOVE)
            edit_profile_remove(t, copy);
        else
            edit_profile_default(t, copy);
        free(copy);
        return;
    }
    enum tui_result r = t->overlay->ops->handle(t->overlay, act, key);
    if (r == TR_NONE && (act == ACT_QUIT || act == ACT_BACK || act == ACT_HELP))
        r = TR_CLOSE;
    switch (r) {
    case TR_CLOSE:
        overlay_close(t);
        break;
    case TR_SEARCH:
        t->prompt = prompt_new("/", NULL);
        t->prompt_mode = PROMPT_SEARCH;
        break;
    case TR_SELECT: {
        char *name = profiles_take_choice(t->overlay);
        if (name)
            tui_switch_profile(t, name);
        free(name);
        break;
    }
    case TR_QUIT:
        t->quit = true;
        break;
    default:
        break;
    }
    t->dirty = true;
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
        t->tenant_moved_ms = 0; /* list the clients now */
        t->dirty = true;
        return;
    }
    show_details(t);
}

void tui_key(struct tui *t, int key)
{
    if (edit_shown(t)) { /* a dialog takes every key, as typed */
        edit_key(t, key);
        return;
    }
    if (t->prompt) { /* before the conflict view: what is typed here is text, not a choice */
        prompt_input(t, key);
        return;
    }
    if (sysedit_shown(t)) { /* the conflict view takes every key: the operator must choose */
        sysedit_key(t, key);
        return;
    }
    enum action act = keymap_lookup(t->km, key);
    if (t->overlay) {
        overlay_input(t, act, key);
        return;
    }
    if (!t->c.session) { /* the setup screen */
        if (act == ACT_QUIT || act == ACT_BACK)
            t->quit = true;
        else if (act == ACT_COMMAND)
            command_open(t);
        else if (act == ACT_HELP)
            tui_open_help(t);
        else if (act == ACT_PROFILES)
            tui_open_profiles(t, NULL);
        t->dirty = true;
        return;
    }
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
        tui_open_help(t);
        break;
    case ACT_COMMAND:
        command_open(t);
        break;
    case ACT_PROFILES:
        tui_open_profiles(t, NULL);
        break;
    case ACT_CREATE: /* a system tenant's data is edited in $EDITOR */
        if (p && pane_kind(p)->doc_field)
            sysedit_create(t);
        else
            edit_create(t);
        break;
    case ACT_EDIT:
        if (p && pane_kind(p)->doc_field)
            sysedit_edit(t);
        else
            edit_change(t);
        break;
    case ACT_DELETE:
        edit_delete(t);
        break;
    case ACT_REDRAW:
        display_redraw();
        break;
    case ACT_NEXT_PANE:
    case ACT_PREV_PANE:
        if (t->npanes)
            t->focus = (t->focus + (act == ACT_NEXT_PANE ? 1 : t->npanes - 1)) % t->npanes;
        t->tenant_moved_ms = 0;
        break;
    case ACT_ENTER:
        enter(t);
        break;
    case ACT_DETAILS:
        show_details(t);
        break;
    case ACT_BACK:
        if (sysedit_cancel(t))
            tui_message(t, _("Stopped reading the tenant: nothing was sent"));
        else if (p && pane_stop(p))
            tui_message(t, _("Stopped loading"));
        else if (t->focus > 0)
            t->focus--;
        break;
    case ACT_FILTER:
        if (!p)
            break;
        t->prompt_saved = xstrdup(pane_filter(p));
        t->prompt = prompt_new("/", pane_filter(p));
        t->prompt_mode = PROMPT_FILTER;
        break;
    case ACT_COPY:
        copy_id(t);
        break;
    case ACT_REFRESH:
        for (size_t i = 0; i < t->npanes; i++) /* also retry what failed elsewhere */
            if (t->panes[i] == p || !list_started(pane_list(t->panes[i])))
                pane_refresh(t->panes[i]);
        break;
    default:
        if (p && pane_handle(p, act) == TR_NONE && act == ACT_NONE)
            return;
        break;
    }
    t->dirty = true;
}

/* ------------------------------------------------------------------ start and end */

bool tui_has_terminal(void)
{
    const char *script = getenv("TENANTRY_SCRIPT");
    return (script && *script) || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO));
}

int tui_main(const struct options *opt)
{
    struct tui *t = xcalloc(1, sizeof(*t));
    t->c.opt = *opt;
    t->km = keymap_new();
    struct script *script = NULL;
    const char *script_path = getenv("TENANTRY_SCRIPT");
    if (script_path && *script_path) {
        struct tn_error e = {0};
        script = script_load(script_path, &e);
        if (!script) {
            char *text = err_format(&e);
            fprintf(stderr, "%s: %s\n", util_progname(), text);
            free(text);
            err_clear(&e);
            keymap_free(t->km);
            free(t);
            return status_exit_code(ST_USAGE);
        }
    }
    /* before curses: a secret command or prompt may need the terminal */
    bool ok = connect_open(&t->c);
    connected(t, ok);
    if (ok)
        panes_open(t);
    else
        err_copy(&t->setup_err, &t->c.err);
    if (!t->c.engine) /* no session: the loop still waits on it */
        t->c.engine = http_engine_new();
    /* the keys group applies with --demo too (a file that cannot be read then keeps none) */
    if (t->c.profiles_loaded || connect_load_profiles(&t->c)) {
        struct tn_error e = {0};
        if (!keymap_load(t->km, &t->c.profiles, &e))
            tui_error(t, &e);
        err_clear(&e);
    }
    err_clear(&t->c.err);
    t->dirty = true;
    int rc = display_run(t, script);

    char *kept = sysedit_close(t);
    if (kept) /* the screen is the shell's again: say where the operator's edit is */
        fprintf(stderr, _("%s: your unsaved edit is kept in %s\n"), util_progname(), kept);
    free(kept);
    edit_close(t);
    overlay_close(t);
    if (t->prompt)
        prompt_close(t);
    panes_free(t);
    connect_close(&t->c);
    err_clear(&t->err);
    err_clear(&t->setup_err);
    sb_free(&t->msg);
    free(t->search);
    keymap_free(t->km);
    script_free(script);
    log_close();
    free(t);
    return rc;
}
