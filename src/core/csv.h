/* csv.h: CSV cells (RFC 4180) as tenantry writes them, shared by the CLI's -o csv and the
 * console's :export. */
#ifndef TENANTRY_CSV_H
#define TENANTRY_CSV_H

#include <stdbool.h>

#include "core/util.h"

/* Append one CSV field to sb: s in UTF-8 whatever the locale (tabs and line breaks kept,
 * every other control character "?", invalid UTF-8 U+FFFD), a ' before a leading =, +, - or
 * @ (a spreadsheet formula) unless raw, quoted when it holds a comma, a quote, a tab, CR, LF
 * or a leading or trailing space, quotes doubled. */
void csv_add_field(struct strbuf *sb, const char *s, bool raw);

#endif
