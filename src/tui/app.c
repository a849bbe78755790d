/* app.c: the console's state and the services panes and layers use: the session, messages,
 * the panes of a backend, switching profiles, quitting, and the start and end. Keys are
 * input.c's; painting is screen.c's. */
#include "config.h"

#include "tui/tui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/history.h"
#include "core/intl.h"
#include "core/log.h"
#include "core/text.h"
#include "demo.h"
#include "tui/display.h"
#include "tui/terminal.h"
#include "tui/edit.h"
#include "tui/export.h"
#include "tui/jump.h"
#include "tui/marked.h"
#include "tui/watch.h"
#include "tui/pane.h"
#include "tui/script.h"
#include "tui/sysedit.h"
#include "tui/tui_state.h"

struct api_session *tui_session(struct tui *t)
{
    return t->c.session;
}

const struct keymap *tui_keymap(const struct tui *t)
{
    return t->km;
}

bool tui_arrow(const struct tui *t)
{
    if (t->cursor)
        return t->cursor == CURSOR_ARROW;
    const char *v = t->c.profile && t->c.profile->cursor ? t->c.profile->cursor
                                                         : t->c.profiles.cursor;
    return v && !strcmp(v, "arrow"); /* (checked when the file was read) */
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

/* Keep text (taken) for :messages, with the time of day. */
static void remember(struct tui *t, char *text)
{
    if (t->nsaid == TUI_MESSAGES) {
        free(t->said[0]);
        memmove(t->said, t->said + 1, (TUI_MESSAGES - 1) * sizeof(*t->said));
        t->nsaid--;
    }
    char when[16] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm))
        strftime(when, sizeof(when), "%H:%M:%S", &tm);
    t->said[t->nsaid++] = xasprintf("%s  %s", when, text);
    free(text);
}

/* profile_group_strings's callback for tui_columns_setting: the value of one kind. */
struct columns_find {
    const char *kind;
    char *value;
};
static bool columns_of_kind(void *ud, const char *name, const char *value, struct tn_error *err)
{
    struct columns_find *cf = ud;
    (void)err;
    if (!strcmp(name, cf->kind) && !cf->value)
        cf->value = xstrdup(value);
    return true;
}

char *tui_columns_setting(struct tui *t, const char *kind)
{
    const struct profile *p = t->c.profile;
    char *v = p ? profile_group_value(p->columns, kind) : NULL;
    if (v)
        return v; /* the profile's own, before the file's */
    struct columns_find cf = {kind, NULL};
    struct tn_error err = {0};
    if (!profile_group_strings(&t->c.profiles, NULL, "columns", columns_of_kind, &cf, &err))
        tui_error(t, &err); /* not a group of strings: said once, the pane's own columns */
    err_clear(&err);
    return cf.value;
}

struct history *tui_history(struct tui *t, int use)
{
    static const char *const names[] = {"filter", "search", "command"}; /* enum prompt_use */
    if (use < 0 || (size_t)use >= ARRAY_SIZE(names))
        return NULL;
    if (!t->hist[use])
        t->hist[use] = history_open(names[use]);
    return t->hist[use];
}

size_t tui_messages(const struct tui *t, const char *const **out)
{
    *out = (const char *const *)t->said;
    return t->nsaid;
}

void tui_error(struct tui *t, const struct tn_error *err)
{
    remember(t, err_format_line(err));
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
    remember(t, xstrdup(sb_str(&t->msg)));
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
    follow_reset(&t->follow);
    export_drop(t); /* its rows go with the panes */
    watch_free(t);
    t->jumps = 0; /* their reads end with the session, unanswered */
    free(t->jump_kind);
    free(t->jump_what);
    t->jump_kind = t->jump_what = NULL;
    jump_drop(t);
}

/* The panes of the kinds the session's backend declares, in its order (environments, tenants
 * and clients of MATTR; the tenants of the system API), each listed by the pane that fits. */
static void panes_open(struct tui *t)
{
    const struct api_backend *b = api_backend(t->c.session);
    for (size_t i = 0; i < b->nkinds && t->npanes < ARRAY_SIZE(t->panes); i++) {
        const struct pane_ops *ops = pane_ops_for(b->kinds[i]);
        struct pane *p = ops ? pane_new(ops, t, b->kinds[i]) : NULL;
        if (p)
            t->panes[t->npanes++] = p;
    }
    t->focus = t->npanes > 1 ? 1 : 0; /* tenants first: what operators come for */
    tui_open_base(t);
}

struct pane *tui_focused(const struct tui *t)
{
    return t->npanes ? t->panes[t->focus] : NULL;
}

const char *tui_environment(const struct tui *t)
{
    return follow_environment(&t->follow);
}

/* ------------------------------------------------------------------ profiles */

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
    if (edit_busy(t) || sysedit_busy(t) || marked_busy(t)) { /* its answer would be lost */
        tui_message(t, _("A change is waiting for its answer: switch when it has come"));
        return;
    }
    if (!p) {
        struct tn_error e = {0};
        err_set(&e, ST_USAGE, _("no profile called \"%s\""), name);
        char key[32];
        /* TRANSLATORS: %s is the key that lists the profiles. */
        err_hint(&e, _("Press %s to list the profiles."), keymap_hint(t->km, ACT_PROFILES, key));
        tui_error(t, &e);
        err_clear(&e);
        return;
    }
    /* the new session first: a profile whose secret cannot be had (its variable unset, its
     * command failing) or whose settings are refused leaves the one in use as it was */
    struct api_session *old = t->c.session;
    const struct profile *old_profile = t->c.profile;
    t->c.session = NULL;
    t->c.profile = p;
    err_clear(&t->c.err);
    /* a secret command or prompt may need the terminal: give it the terminal */
    struct profile_secret sec = profile_secret_of(p);
    bool asks = sec.command || (!sec.inline_value && !sec.env);
    if (asks)
        terminal_suspend();
    bool ok = connect_open(&t->c);
    if (asks)
        terminal_resume();
    if (!ok && old) {
        t->c.session = old;
        t->c.profile = old_profile;
        err_prefix(&t->c.err, _("cannot switch to profile %s"), name);
        char *had = t->c.err.hint ? xasprintf("%s ", t->c.err.hint) : xstrdup("");
        /* TRANSLATORS: the 1st %s is the hint given already followed by a space, or empty; the
         * 2nd the name of the profile still in use. */
        err_hint(&t->c.err, _("%sStill on profile %s."), had, old_profile->name);
        free(had);
        tui_error(t, &t->c.err);
        err_clear(&t->c.err);
        return;
    }
    struct api_session *fresh = t->c.session;
    t->c.session = old; /* what the panes and dialogs close their calls on */
    char *kept = sysedit_close(t); /* an edit not saved: its file stays */
    layers_close_level(&t->layers, -1, t); /* every dialog and overlay, the panes' layer */
    panes_free(t);
    api_close(old);
    t->c.session = fresh;
    connected(t, ok);
    if (!ok) { /* no session before either: the setup screen */
        tui_open_base(t);
        tui_error(t, &t->c.err);
        free(kept);
        return;
    }
    panes_open(t);
    if (kept)
        /* TRANSLATORS: the new profile's name, then the path of the file that holds the unsaved
         * edit. */
        tui_message(t, _("Switched to profile %s; your unsaved edit is kept in %s"), p->name,
                    kept);
    else
        tui_message(t, _("Switched to profile %s"), p->name);
    free(kept);
}

/* ------------------------------------------------------------------ commands */

void tui_ask_quit(struct tui *t)
{
    if ((edit_busy(t) || sysedit_busy(t) || marked_busy(t)) && !t->quit_warned) {
        t->quit_warned = true;
        tui_message(t, _("A change is waiting for its answer: quit again to quit anyway"));
        return;
    }
    t->quit = true;
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
    tui_open_base(t);
    if (!t->c.engine) /* no session: the loop still waits on it */
        t->c.engine = http_engine_new();
    /* the keys group applies with --demo too (a file that cannot be read then keeps none) */
    if (t->c.profiles_loaded || connect_load_profiles(&t->c)) {
        struct tn_error e = {0};
        if (!keymap_load(t->km, &t->c.profiles, &e))
            tui_error(t, &e);
        err_clear(&e);
        if (!tui_plugins_load(&t->plugins, &t->c.profiles, t->km, &e))
            tui_error(t, &e);
        err_clear(&e);
    }
    err_clear(&t->c.err);
    t->dirty = true;
    int rc = display_run(t, script);

    char *kept = sysedit_close(t);
    if (kept) /* the screen is the shell's again: say where the operator's edit is */
        /* TRANSLATORS: the program's name, then the path of the file that holds the unsaved
         * edit. */
        fprintf(stderr, _("%s: your unsaved edit is kept in %s\n"), util_progname(), kept);
    free(kept);
    layers_free(&t->layers, t);
    panes_free(t);
    connect_close(&t->c);
    err_clear(&t->err);
    err_clear(&t->setup_err);
    sb_free(&t->msg);
    sb_free(&t->progress);
    tui_plugins_free(&t->plugins);
    for (size_t i = 0; i < t->nsaid; i++)
        free(t->said[i]);
    t->nsaid = 0;
    for (size_t i = 0; i < ARRAY_SIZE(t->hist); i++)
        history_free(t->hist[i]);
    keymap_free(t->km);
    script_free(script);
    log_close();
    free(t);
    return rc;
}
