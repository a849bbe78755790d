/* output.h: rows printed as a table, JSON, JSON lines or CSV, streamed page by page. */
#ifndef TENANTRY_OUTPUT_H
#define TENANTRY_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/model.h"

/* OUTPUT_WIDE: a table that never cuts a value, whatever the terminal's width. */
enum output_format { OUTPUT_TABLE, OUTPUT_JSON, OUTPUT_JSONL, OUTPUT_CSV, OUTPUT_WIDE };

struct output;

/* True for a table (table or wide). */
bool output_is_table(enum output_format format);
/* Parse "table", "wide", "json", "jsonl" or "csv"; false on anything else. */
bool output_parse_format(const char *name, enum output_format *out);
/* Start printing rows of kind def to f. width is the terminal width a table must fit (0 for no
 * limit). A table takes its column widths from the first batch of rows it is given. */
struct output *output_new(FILE *f, enum output_format format, const struct api_kind_def *def,
                          int width);
/* csv: leave cells a spreadsheet would take for a formula as they are (--csv-raw) instead
 * of putting a ' before them. */
void output_set_csv_raw(struct output *out, bool raw);
/* Show the columns of list (comma-separated field paths of the kind, or FIELD.KEY for a key
 * of a field holding a JSON object: "name,data.plan") in that order instead of the default
 * ones, in a table and in csv. False with *bad (a new string) naming the paths the kind does
 * not have. Before the first row. */
bool output_set_columns(struct output *out, const char *list, char **bad);
/* The field paths a column may name, comma-separated (a new string), for messages. */
char *output_column_names(const struct api_kind_def *def);
/* Print no header line (table and csv). */
void output_set_headers(struct output *out, bool headers);
/* Print a batch of rows (a page); may be called any number of times. */
void output_rows(struct output *out, struct row *const *rows, size_t n);
/* Print one object on its own (get, create): a table shows every field as "Header: value"
 * lines, json prints the bare object, jsonl one line, csv a header and one row. */
void output_object(struct output *out, const struct row *row);
/* Finish (a table with no rows prints nothing, json closes its array) and free out. */
void output_end(struct output *out);
/* Free out printing nothing more (not even an empty json array or a csv header). */
void output_discard(struct output *out);
/* The width of f when it is a terminal (its size, else $COLUMNS), else 0: what is not a
 * terminal gets every value whole. */
int output_terminal_width(FILE *f);

#endif
