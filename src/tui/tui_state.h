/* tui_state.h: the console's state, shared by tui.c (handlers), screen.c (painting) and the
 * views that need it (profiles.c). Nothing else includes it. */
#ifndef TENANTRY_TUI_STATE_H
#define TENANTRY_TUI_STATE_H

#include "connect.h"
#include "tui/keys.h"
#include "tui/pane.h"
#include "tui/prompt.h"
#include "tui/script.h"
#include "tui/textview.h"
#include "tui/tui.h"

enum tui_prompt { PROMPT_OFF, PROMPT_FILTER, PROMPT_SEARCH, PROMPT_COMMAND };

struct tui {
    struct connection c; /* options, profiles, the profile in use, the engine, the session */
    struct keymap *km;
    struct pane *panes[4];
    size_t npanes, focus;
    char *env_id, *tenant_id; /* the selections the other panes follow */
    char *env_applied;        /* the environment the tenants pane is narrowed to */
    bool env_pending;         /* env_id changed; the tenants pane follows when it rests */
    int64_t tenant_moved_ms, env_moved_ms;
    struct view *overlay;       /* detail, help or profiles; NULL when none */
    struct textview *detail;    /* the overlay when it is a detail view */
    struct view *profiles;      /* the overlay when it is the profiles list */
    struct edit *edit;          /* a create/edit/delete dialog or the secret panel (edit.c) */
    struct sysedit *sysedit;    /* a system tenant edited in $EDITOR, or its conflict (sysedit.c) */
    struct api_call *detail_call;
    struct prompt *prompt;      /* the bottom line editor, or NULL */
    enum tui_prompt prompt_mode;
    char *prompt_saved;         /* the filter before editing, restored by Esc */
    char *search;               /* the last search text */
    struct strbuf msg;          /* the status message */
    struct tn_error err;        /* the last error, shown until the next key */
    struct tn_error setup_err;  /* why no session could be opened (setup screen) */
    bool dirty, quit, busy_shown;
    bool quit_warned;           /* q while a change was in flight: the next q quits */
    unsigned spin;
};

/* The focused pane, or NULL. */
struct pane *tui_focused(const struct tui *t);
/* True when read-only (--readonly or the profile). */
bool tui_readonly(const struct tui *t);
/* Show the profiles list (again, after a change), with the profile select (or the one in
 * use, when NULL) selected. */
void tui_open_profiles(struct tui *t, const char *select);
/* Open the help view. */
void tui_open_help(struct tui *t);
/* Switch to the profile called name: a new session and new panes. */
void tui_switch_profile(struct tui *t, const char *name);
/* q or :q: quit, unless a change awaits its answer (a new secret would be lost): then only
 * when asked twice in a row. */
void tui_ask_quit(struct tui *t);

#endif
