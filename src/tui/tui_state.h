/* tui_state.h: the console's state, shared by app.c (state and services), input.c (keys and
 * the base layers), screen.c (painting) and the layers that need it. Nothing else includes
 * it. */
#ifndef TENANTRY_TUI_STATE_H
#define TENANTRY_TUI_STATE_H

#include "connect.h"
#include "tui/follow.h"
#include "tui/keys.h"
#include "tui/layer.h"
#include "tui/pane.h"
#include "tui/plugins.h"
#include "tui/tui.h"

#define TUI_MESSAGES 100 /* messages :messages keeps */
enum { CURSOR_BAR = 1, CURSOR_ARROW }; /* tui.cursor, as :cursor set it */

struct export_job;
struct watch;

struct tui {
    struct connection c; /* options, profiles, the profile in use, the engine, the session */
    struct keymap *km;
    struct tui_plugins plugins; /* the profiles file's plugins, their keys checked */
    unsigned jumps;             /* rows being read for :tenant ID (tui/jump.c) */
    char *jump_kind, *jump_what; /* a jump waiting for its pane's list to load, or NULL */
    int64_t jump_since;          /* since when (util_now_ms) */
    char *seek_kind, *seek_what; /* a jump loading on to find a label or name, or NULL */
    size_t seek_from;            /* the rows it has looked at */
    unsigned seek_gen;           /* the list's generation when it began */
    struct export_job *export;  /* an :export being written (tui/export.c), or NULL */
    struct watch *watch;        /* :watch (tui/watch.c), or NULL */
    struct strbuf progress;     /* what runs in the background says how far it is, or "" */
    struct pane *panes[4];
    size_t npanes, focus;
    struct follow follow;       /* how the tenants and clients panes follow the selection */
    struct layer_stack layers;  /* the panes or the setup screen, then overlays and dialogs */
    struct strbuf msg;          /* the status message */
    char *said[TUI_MESSAGES];   /* the last messages and errors, oldest first (:messages) */
    struct history *hist[3];    /* the prompts' histories, by enum prompt_use, once opened */
    size_t nsaid;
    struct tn_error err;        /* the last error, shown until the next key */
    struct tn_error setup_err;  /* why no session could be opened (setup screen) */
    bool dirty, quit, busy_shown;
    bool zoom;                  /* z: the focused pane fills the width */
    int cursor;                 /* :cursor: 0 (the settings say), CURSOR_BAR, CURSOR_ARROW */
    int narrow[4];              /* the widths of the panes not focused, kept while the layout
                                 * (focus, size) stays: they only grow */
    size_t narrow_focus;
    int narrow_w, narrow_h;
    bool quit_warned;           /* q while a change was in flight: the next q quits */
    unsigned spin;
    int64_t busy_since;         /* when the console became busy (0: it is not) */
};

/* A wait shorter than this shows no spinner (a quick answer draws nothing for it). */
#define TUI_SPIN_DELAY_MS 300

/* True when the spinner shows: busy for TUI_SPIN_DELAY_MS or more. */
bool tui_spinning(const struct tui *t);

/* The focused pane, or NULL. */
struct pane *tui_focused(const struct tui *t);
/* True when read-only (--readonly or the profile). */
bool tui_readonly(const struct tui *t);
/* Open the panes of the session's backend (or the setup screen when there is no session) at
 * the bottom of the layer stack. */
void tui_open_base(struct tui *t);
/* The history of the prompt for use (an enum prompt_use), opened when first asked for. */
struct history *tui_history(struct tui *t, int use);
/* Switch to the profile called name: a new session and new panes. */
void tui_switch_profile(struct tui *t, const char *name);
/* q or :q: quit, unless a change awaits its answer (a new secret would be lost): then only
 * when asked twice in a row. */
void tui_ask_quit(struct tui *t);

#endif
