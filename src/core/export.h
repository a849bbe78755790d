/* export.h: rows of a loaded list written to a file as CSV, JSON lines or a JSON array (the
 * console's :export), a batch at a time, into a temporary file put in place at the end, so a
 * failure loses nothing and an existing file is never overwritten. Never a secret. */
#ifndef TENANTRY_EXPORT_H
#define TENANTRY_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/list.h"
#include "core/status.h"

enum export_format { EXPORT_CSV, EXPORT_JSONL, EXPORT_JSON };

struct export;

/* The format path's extension names (.csv, .jsonl, .json, any case); false for another. */
bool export_format_of(const char *path, enum export_format *out);
/* Start writing rows of l to path in format f: a temporary file beside path (mode 0666 less
 * the umask, as any new file). NULL with err set when path exists (it is never overwritten)
 * or the temporary file cannot be made. */
struct export *export_open(const char *path, enum export_format f, const struct list *l,
                           struct tn_error *err);
/* Write the list rows rows[0..n) (indexes into the list), in that order: CSV the fields of
 * the kind that are not secret (a header first, the paths, as `-o csv` has them); JSON the
 * object as the server sent it when the list kept it, else one made of those fields (nested
 * by their paths, numbers and the document field as JSON). False with err set (the disk is
 * full...). */
bool export_rows(struct export *x, const size_t *rows, size_t n, struct tn_error *err);
/* The rows written so far. */
size_t export_count(const struct export *x);
/* Finish: flush and sync the temporary file and put it at path (never over a file that
 * appeared there meanwhile), then free x. False with err set; the temporary file is then
 * removed and path untouched. */
bool export_finish(struct export *x, struct tn_error *err);
/* Give up: remove the temporary file, free x (NULL is fine). */
void export_abort(struct export *x);

#endif
