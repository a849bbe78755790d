/* prompt_layer.h: the bottom line as a layer: the filter of the focused pane (applied as
 * typed, Esc restores it), the search of an overlay, or the ':' command line. It takes every
 * key until Enter or Esc. */
#ifndef TENANTRY_PROMPT_LAYER_H
#define TENANTRY_PROMPT_LAYER_H

struct tui;
struct prompt;

/* What the line is for. */
enum prompt_use { PROMPT_FILTER, PROMPT_SEARCH, PROMPT_COMMAND };

/* Open the line for use, showing label before initial (NULL: ""); the line editor, for
 * completions. */
struct prompt *prompt_layer_open(struct tui *t, enum prompt_use use, const char *label,
                                 const char *initial);

#endif
