/* command.c: the ':' command line: completions and running a command. */
#include "config.h"

#include "tui/command.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/phrase.h"
#include "tui/colchooser.h"
#include "tui/columns.h"
#include "tui/export.h"
#include "tui/jump.h"
#include "tui/marked.h"
#include "tui/watch.h"
#include "tui/overlay.h"
#include "tui/pane.h"
#include "tui/prompt.h"
#include "tui/prompt_layer.h"
#include "tui/tui_state.h"

/* Focus the pane listing kind. */
static void focus_kind(struct tui *t, const char *kind)
{
    for (size_t i = 0; i < t->npanes; i++)
        if (!strcmp(pane_ops(t->panes[i])->kind, kind)) {
            t->focus = i;
            t->dirty = true;
            return;
        }
    tui_message(t, "%s", phrase_named(kind, PH_NO_PANE, _("This API has no such list")));
}

/* :filter TERMS: the server filters the focused pane's list by TERMS (none: no filter), and
 * the pane lists again from the first page. Nothing is sent when a term is wrong. */
static void server_filter(struct tui *t, const char *terms)
{
    struct pane *p = tui_focused(t);
    if (!p)
        return;
    const struct pane_ops *ops = pane_ops(p);
    if (!ops->server_filter) {
        char key[32];
        tui_message(t,
                    phrase(pane_kind(p), PH_FILTER_HERE,
                           /* TRANSLATORS: %s is the filter key (/ by default). */
                           _("This API cannot filter these on the server: press %s to filter "
                             "the rows loaded")),
                    keymap_hint(t->km, ACT_FILTER, key));
        return;
    }
    struct filter_terms f = {0};
    struct tn_error err = {0};
    if (!ops->server_filter(pane_kind(p), terms ? terms : "", &f, &err)) {
        err_prefix(&err, ":filter");
        tui_error(t, &err); /* the list stays as it was */
        err_clear(&err);
        return;
    }
    bool any = f.n > 0;
    pane_set_server_filter(p, &f);
    if (any)
        tui_message(t,
                    phrase(pane_kind(p), PH_ONLY_WHERE, _("The server lists only those where %s")),
                    pane_server_filter(p));
    else
        tui_message(t, "%s",
                    phrase(pane_kind(p), PH_NO_FILTER, _("No server filter: listing all")));
}

/* :environments; :tenants and :clients, with X (or as :tenant X, :client X): go to that row */
static void run_environments(struct tui *t, const char *arg)
{
    (void)arg;
    focus_kind(t, "environments");
}

static void run_tenants(struct tui *t, const char *arg)
{
    if (arg && *arg)
        jump_run(t, "tenants", arg);
    else
        focus_kind(t, "tenants");
}

static void run_clients(struct tui *t, const char *arg)
{
    if (arg && *arg)
        jump_run(t, "clients", arg);
    else
        focus_kind(t, "clients");
}

static void run_export(struct tui *t, const char *arg)
{
    export_start(t, arg);
}

static void run_watch(struct tui *t, const char *arg)
{
    watch_command(t, arg);
}

static void run_journal(struct tui *t, const char *arg)
{
    (void)arg;
    overlay_journal(t);
}

/* :columns: the chooser; :columns a,b,c sets the focused pane's columns at once (any field
 * path; unknown ones are named). */
static void run_columns(struct tui *t, const char *arg)
{
    struct pane *p = tui_focused(t);
    if (!arg || !*arg) {
        colchooser_open(t);
        return;
    }
    if (!p)
        return;
    struct columns probe = {0}; /* which paths the kind has */
    char *bad = NULL;
    size_t n = columns_add_list(&probe, pane_kind(p), arg, &bad);
    columns_clear(&probe);
    if (bad || !n) {
        struct strbuf names = SB_INIT;
        pane_column_choices(p, &names);
        struct tn_error e = {0};
        err_set(&e, ST_USAGE,
                phrase(pane_kind(p), PH_NO_COLUMN,
                       /* TRANSLATORS: the option or command (--columns or :columns, kept as
                        * is), then the column asked for. */
                       _("%s: no column %s")),
                ":columns", bad ? bad : arg);
        err_hint(&e, _("Columns: %s (:columns alone chooses from a list)."), sb_str(&names));
        tui_error(t, &e);
        err_clear(&e);
        sb_free(&names);
        free(bad);
        return;
    }
    pane_set_columns(p, arg);
    tui_message(t, _("Columns: %s (to keep them: columns = { %s = \"%s\"; }; in the profiles "
                     "file)"),
                arg, pane_kind(p)->name, arg);
}

/* :cursor bar|arrow: how the panes show the selected row (alone: the other way). */
static void run_cursor(struct tui *t, const char *arg)
{
    static const char *const names[] = {NULL, "bar", "arrow"}; /* by CURSOR_BAR, _ARROW */
    int c = !arg || !*arg        ? (tui_arrow(t) ? CURSOR_BAR : CURSOR_ARROW)
            : !strcmp(arg, "bar")   ? CURSOR_BAR
            : !strcmp(arg, "arrow") ? CURSOR_ARROW
                                    : 0;
    if (!c) {
        struct tn_error e = {0};
        /* TRANSLATORS: keep ":cursor", "bar" and "arrow" as they are (a command and its
         * words). */
        err_set(&e, ST_USAGE, _(":cursor takes bar or arrow"));
        tui_error(t, &e);
        err_clear(&e);
        return;
    }
    t->cursor = c;
    t->dirty = true;
    /* TRANSLATORS: %s is "bar" or "arrow", twice (kept as is, as cursor = "arrow"; is a
     * setting of the profiles file). */
    tui_message(t, _("Cursor: %s (to keep it: cursor = \"%s\"; in the profiles file)"),
                names[c], names[c]);
}

static void run_messages(struct tui *t, const char *arg)
{
    (void)arg;
    overlay_messages(t);
}

static void run_help(struct tui *t, const char *arg)
{
    (void)arg;
    overlay_help(t);
}

/* :profile NAME switches; :profile alone lists them. */
static void run_profile(struct tui *t, const char *arg)
{
    if (arg && *arg)
        tui_switch_profile(t, arg);
    else
        overlay_profiles(t, NULL);
}

static void run_quit(struct tui *t, const char *arg)
{
    (void)arg;
    tui_ask_quit(t);
}

/* Every ':' command: what help shows, its name (and another it answers to), and what runs.
 * A new command is one line here and its function. */
static const struct command {
    struct help_command doc;
    const char *name, *alias;
    void (*run)(struct tui *t, const char *arg); /* arg: after the name, trimmed, or NULL */
} table[] = {
    {{":environments", N_("Go to the environments pane")}, "environments", "envs",
     run_environments},
    /* TRANSLATORS: keep ":tenants" as it is; X is an ID, a subdomain label or a name. */
    {{N_(":tenants [X]"), N_("Go to the tenants pane; to the tenant X (its ID, subdomain label "
                             "or name; also :tenant X)")},
     "tenants", "tenant", run_tenants},
    /* TRANSLATORS: keep ":clients" as it is; X is a client's ID or name. */
    {{N_(":clients [X]"), N_("Go to the clients pane; to the client X of the selected tenant "
                             "(also :client X)")},
     "clients", "client", run_clients},
    /* TRANSLATORS: keep ":filter" as it is; TERMS are e.g. created>2024-01-01 id=7. */
    {{N_(":filter TERMS"), N_("Let the server filter the list (system API): created>DATE, "
                              "updated<DATE, id=N, uuid=U")},
     "filter", NULL, server_filter},
    /* TRANSLATORS: keep ":profile" as it is; NAME stands for a profile's name. */
    {{N_(":profile NAME"), N_("Switch to the profile called NAME")}, "profile", NULL,
     run_profile},
    /* TRANSLATORS: keep ":mark all|none" as it is: the command and its two words. */
    {{N_(":mark all|none"), N_("Mark every row the filter shows, or clear the marks")}, "mark",
     NULL, marked_command},
    /* TRANSLATORS: keep ":export" and the extensions as they are; FILE is a file name. */
    {{N_(":export FILE"), N_("Write the rows shown to FILE (.csv, .jsonl or .json)")},
     "export", NULL, run_export},
    /* TRANSLATORS: keep ":watch" and "off" as they are; SECONDS is a number. */
    {{N_(":watch [SECONDS|off]"), N_("Re-read the list every SECONDS while idle (+ new, - gone)")},
     "watch", NULL, run_watch},
    {{":journal", N_("Show the journal of changes made, newest first")}, "journal", NULL,
     run_journal},
    /* TRANSLATORS: keep ":columns" as it is; LIST is e.g. name,subdomain,id. */
    {{N_(":columns [LIST]"), N_("Choose the pane's columns (a list, or LIST: field paths)")},
     "columns", "cols", run_columns},
    /* TRANSLATORS: keep ":cursor", "bar" and "arrow" as they are: the command and its
     * words (alone, it switches to the other). */
    {{N_(":cursor [bar|arrow]"), N_("Show the selected row as a bar or an arrow (fewer bytes)")},
     "cursor", NULL, run_cursor},
    {{":messages", N_("Show the last messages and errors whole (the status line may cut them)")},
     "messages", "mes", run_messages},
    {{":help", N_("Show this help")}, "help", NULL, run_help},
    {{":q", N_("Quit")}, "quit", "q", run_quit},
};

size_t command_docs(struct help_command *out, size_t max)
{
    size_t n = 0;
    for (; n < ARRAY_SIZE(table) && n < max; n++)
        out[n] = table[n].doc;
    return n;
}

void command_run(struct tui *t, const char *line)
{
    while (*line == ' ' || *line == ':')
        line++;
    char *cmd = xstrdup(line);
    char *arg = strchr(cmd, ' ');
    if (arg) {
        *arg++ = '\0';
        while (*arg == ' ')
            arg++;
        size_t n = strlen(arg);
        while (n && arg[n - 1] == ' ')
            arg[--n] = '\0';
    }
    const struct command *c = NULL;
    for (size_t i = 0; *cmd && !c && i < ARRAY_SIZE(table); i++)
        if (!strcmp(cmd, table[i].name) || (table[i].alias && !strcmp(cmd, table[i].alias)))
            c = &table[i];
    if (c) {
        c->run(t, arg);
    } else if (*cmd) {
        struct tn_error e = {0};
        err_set(&e, ST_USAGE, _("unknown command \":%s\""), cmd);
        err_hint(&e, _("Try :tenants, :clients, :environments, :columns, :filter TERMS, "
                       ":profile NAME, :messages or :q (Tab completes)."));
        tui_error(t, &e);
        err_clear(&e);
    }
    free(cmd);
}

/* The commands' fixed words, which Tab completes too. */
static const char *const with_words[] = {"cursor bar", "cursor arrow", "mark all", "mark none",
                                         "watch off"};

void command_open(struct tui *t)
{
    bool loaded = connect_load_profiles(&t->c);
    err_clear(&t->c.err);
    size_t n = ARRAY_SIZE(table);
    char **cands = xcalloc(n + ARRAY_SIZE(with_words) + 1 + (loaded ? t->c.profiles.n : 0),
                           sizeof(*cands));
    for (size_t i = 0; i < ARRAY_SIZE(table); i++)
        cands[i] = xstrdup(table[i].name);
    for (size_t i = 0; i < ARRAY_SIZE(with_words); i++)
        cands[n++] = xstrdup(with_words[i]);
    if (t->c.demo)
        cands[n++] = xasprintf("profile %s", t->c.demo_profile.name);
    for (size_t i = 0; loaded && i < t->c.profiles.n; i++)
        cands[n++] = xasprintf("profile %s", t->c.profiles.v[i].name);
    struct prompt *line = prompt_layer_open(t, PROMPT_COMMAND, ":", NULL);
    prompt_set_completions(line, (const char *const *)cands, n);
    for (size_t i = 0; i < n; i++)
        free(cands[i]);
    free(cands);
}
