/* output.h: rows printed as a table, JSON, JSON lines or CSV, streamed page by page. */
#ifndef TENANTRY_OUTPUT_H
#define TENANTRY_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/model.h"

enum output_format { OUTPUT_TABLE, OUTPUT_JSON, OUTPUT_JSONL, OUTPUT_CSV };

struct output;

/* Parse "table", "json", "jsonl" or "csv"; false on anything else. */
bool output_parse_format(const char *name, enum output_format *out);
/* Start printing rows of kind def to f. width is the terminal width a table must fit (0 for no
 * limit). A table takes its column widths from the first batch of rows it is given. */
struct output *output_new(FILE *f, enum output_format format, const struct api_kind_def *def,
                          int width);
/* csv: leave cells a spreadsheet would take for a formula as they are (--csv-raw) instead
 * of putting a ' before them. */
void output_set_csv_raw(struct output *out, bool raw);
/* Print a batch of rows (a page); may be called any number of times. */
void output_rows(struct output *out, struct row *const *rows, size_t n);
/* Print one object on its own (get, create): a table shows every field as "Header: value"
 * lines, json prints the bare object, jsonl one line, csv a header and one row. */
void output_object(struct output *out, const struct row *row);
/* Finish (a table with no rows prints nothing, json closes its array) and free out. */
void output_end(struct output *out);
/* The terminal width of f if it is a terminal, else $COLUMNS if set, else 0. */
int output_terminal_width(FILE *f);

#endif
