/* json_scan.h: a validating scanner over JSON text that finds where values are without building
 * a tree or allocating: for copying objects as the server wrote them (a list's rows). Strict
 * RFC 8259; text with a \u0000 escape, or nested deeper than JSON_SCAN_MAX_DEPTH, counts as
 * not valid (json_parse is then the way, and says what it makes of it). */
#ifndef TENANTRY_JSON_SCAN_H
#define TENANTRY_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

#define JSON_SCAN_MAX_DEPTH 256

/* A value's text inside a larger JSON text. */
struct json_span {
    const char *p;
    size_t len;
};

/* Check that text (len bytes) is one valid JSON object (white space around it allowed) and set
 * found[i] to the value of its first member called names[i] ({NULL, 0} when there is none; a
 * member name written with an escape matches nothing). False when it is not. */
bool json_scan_object(const char *text, size_t len, const char *const *names, size_t n,
                      struct json_span *found);
/* The next element of array (a span json_scan_object found, starting with '['), from *pos (0
 * at first): true with *elem set and *pos advanced, false after the last. */
bool json_scan_next(struct json_span array, size_t *pos, struct json_span *elem);
/* Append value (a span json_scan_object found) to sb without the white space between tokens;
 * false, with sb as it was, when it holds at any depth an object member called one of names,
 * or one whose name has an escape (it might spell one of them). */
bool json_scan_copy(struct strbuf *sb, struct json_span value, const char *const *names,
                    size_t n);

#endif
