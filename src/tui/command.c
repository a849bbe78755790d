/* command.c: the ':' command line: completions and running a command. */
#include "config.h"

#include "tui/command.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "tui/overlay.h"
#include "tui/pane.h"
#include "tui/prompt.h"
#include "tui/prompt_layer.h"
#include "tui/tui_state.h"

static const char *const commands[] = {"environments", "tenants", "clients", "filter", "help",
                                       "quit"};

/* Focus the pane listing kind. */
static void focus_kind(struct tui *t, const char *kind)
{
    for (size_t i = 0; i < t->npanes; i++)
        if (!strcmp(pane_ops(t->panes[i])->kind, kind)) {
            t->focus = i;
            t->dirty = true;
            return;
        }
    tui_message(t, _("This API has no %s"), kind);
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
        tui_message(t, _("This API cannot filter %s on the server: press %s to filter the rows "
                         "loaded"),
                    _(pane_kind(p)->name), keymap_hint(t->km, ACT_FILTER, key));
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
        tui_message(t, _("The server lists only the %s where %s"), _(pane_kind(p)->name),
                    pane_server_filter(p));
    else
        tui_message(t, _("No server filter: listing every one of the %s"), _(pane_kind(p)->name));
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
    if (!*cmd) {
        /* nothing */
    } else if (!strcmp(cmd, "q") || !strcmp(cmd, "quit")) {
        tui_ask_quit(t);
    } else if (!strcmp(cmd, "help")) {
        overlay_help(t);
    } else if (!strcmp(cmd, "environments") || !strcmp(cmd, "envs") ||
               !strcmp(cmd, "tenants") || !strcmp(cmd, "clients")) {
        focus_kind(t, !strcmp(cmd, "envs") ? "environments" : cmd);
    } else if (!strcmp(cmd, "filter")) {
        server_filter(t, arg);
    } else if (!strcmp(cmd, "profile")) {
        if (arg && *arg)
            tui_switch_profile(t, arg);
        else
            overlay_profiles(t, NULL);
    } else {
        struct tn_error e = {0};
        err_set(&e, ST_USAGE, _("unknown command \":%s\""), cmd);
        err_hint(&e, _("Try :tenants, :clients, :environments, :filter TERMS, :profile NAME or "
                       ":q (Tab completes)."));
        tui_error(t, &e);
        err_clear(&e);
    }
    free(cmd);
}

void command_open(struct tui *t)
{
    bool loaded = connect_load_profiles(&t->c);
    err_clear(&t->c.err);
    size_t n = ARRAY_SIZE(commands);
    char **cands = xcalloc(n + 1 + (loaded ? t->c.profiles.n : 0), sizeof(*cands));
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
        cands[i] = xstrdup(commands[i]);
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
