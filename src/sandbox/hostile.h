/* hostile.h: the sandbox's hostile-text faults: error bodies and cursors that would take over a
 * terminal (--hostile-errors), names that hold a \u0000 escape (--nul-names). */
#ifndef TENANTRY_SANDBOX_HOSTILE_H
#define TENANTRY_SANDBOX_HOSTILE_H

#include "sandbox/opts.h"
#include "sandbox/server.h"

/* What --hostile-errors appends to every string of an error body and to cursors: an OSC 52
 * clipboard write, a clear screen, a C1 CSI. */
#define HOSTILE_TEXT " \x1b]52;c;aG9zdGlsZQ==\x07\x1b[2J\xc2\x9b" "31m"

/* Rewrite rep as the faults of o ask, just before it is sent. */
void hostile_answer(const struct sandbox_opts *o, struct reply *rep);
/* cursor as it was issued: without the HOSTILE_TEXT --hostile-errors put after it (a copy
 * valid until the next call in this thread), or cursor itself. */
const char *hostile_cursor(const struct sandbox_opts *o, const char *cursor);

#endif
