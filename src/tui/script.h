/* script.h: scripted keys for headless screen tests (TENANTRY_SCRIPT=FILE). One command per
 * line: `keys NAME...` (key names as in etc/keys.conf), `type TEXT` (each character),
 * `wait` (until no request is in flight), `waitfor TEXT` (until the screen shows TEXT),
 * `dump FILE` (the screen as text), `resize COLS LINES`, `#` comments. The console quits at the end of the script. */
#ifndef TENANTRY_SCRIPT_H
#define TENANTRY_SCRIPT_H

#include <stdbool.h>

#include "core/status.h"

enum script_op { SCRIPT_KEY, SCRIPT_WAIT, SCRIPT_WAITFOR, SCRIPT_DUMP, SCRIPT_RESIZE, SCRIPT_END };

struct script_step {
    enum script_op op;
    int key;          /* SCRIPT_KEY */
    const char *path; /* SCRIPT_DUMP; SCRIPT_WAITFOR: the text */
    int cols, lines;  /* SCRIPT_RESIZE */
};

struct script;

/* Read and check the whole script; NULL with err set (file and line) on a bad one. */
struct script *script_load(const char *path, struct tn_error *err);
/* The next step without taking it. */
const struct script_step *script_peek(const struct script *s);
/* Take the step script_peek returned. */
void script_advance(struct script *s);
void script_free(struct script *s);

#endif
