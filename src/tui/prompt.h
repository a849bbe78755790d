/* prompt.h: a one-line editor for the filter, the search and the ':' command line, with
 * completion on Tab from a list of candidates. */
#ifndef TENANTRY_PROMPT_H
#define TENANTRY_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/theme.h"

struct prompt;

/* What a key did to the prompt. */
enum prompt_result {
    PROMPT_EDITING, /* nothing changed (cursor moved, unknown key) */
    PROMPT_CHANGED, /* the text changed */
    PROMPT_DONE,    /* Enter */
    PROMPT_CANCEL,  /* Esc or C-c, or Backspace on an empty line */
};

/* A new prompt showing label (":", "/") before the text, starting with initial (NULL: ""). */
struct prompt *prompt_new(const char *label, const char *initial);
void prompt_free(struct prompt *p);
/* Make p hold a secret: drawn as one '*' per character, kept in one buffer that never
 * moves (at most 1024 bytes), wiped when freed; no completions. */
void prompt_set_secret(struct prompt *p);
/* Candidates for Tab completion (copied; NULL, 0 for none). Tab completes the text to the
 * longest common prefix of the candidates it begins; pressed again, it cycles through them. */
void prompt_set_completions(struct prompt *p, const char *const *cands, size_t n);
struct history;
/* Let Up/Down (C-p/C-n) walk h (core/history; not for a secret prompt); Down past the newest
 * line gives back what was typed. NULL: none. */
void prompt_set_history(struct prompt *p, const struct history *h);
/* Handle one key (a code point, or a KEYS_FN code as in tui/keys.h): printable characters
 * insert at the cursor; Left/Right, Home/End, C-a/C-e, Backspace/Del, C-u (erase to start),
 * C-w (erase a word), Tab, Up/Down (the history), Enter, Esc. */
enum prompt_result prompt_key(struct prompt *p, int key);
/* The text typed (UTF-8). */
const char *prompt_text(const struct prompt *p);
/* Draw label and text at (y, x) in w cells (through draw), scrolled so the cursor shows,
 * and put the cursor there. */
void prompt_draw(const struct prompt *p, int y, int x, int w);
/* Draw label and text without the cursor (a form field that is not focused), in role. */
void prompt_draw_idle(const struct prompt *p, int y, int x, int w, enum theme_role role);

#endif
