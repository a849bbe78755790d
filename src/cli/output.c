/* output.c: rows printed as a table, JSON, JSON lines or CSV, streamed page by page. */
#include "config.h"

#include "cli/output.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/intl.h"
#include "core/text.h"
#include "core/util.h"

#define MIN_COLUMN 6 /* a column shrunk to fit the terminal keeps at least this many cells */
#define GAP 2        /* spaces between table columns */

/* A column: a field, or a key of the JSON object a field holds. */
struct ocol {
    size_t field;
    char *key;    /* NULL: the field's value */
    char *path;   /* as named (a csv header) */
    char *header; /* a table's heading, translated */
};

struct output {
    FILE *f;
    enum output_format format;
    const struct api_kind_def *def;
    size_t width;       /* terminal width to fit, 0 for none */
    bool utf8;          /* the locale's character set is UTF-8 */
    bool csv_raw;       /* csv: no ' before a cell that a spreadsheet would take for a formula */
    struct ocol *cols;  /* table (and csv when chosen): the columns */
    size_t ncols;
    bool chosen;        /* the columns were chosen (--columns): csv prints those too */
    bool no_headers;    /* --no-headers */
    bool discard;       /* output_discard: end without printing anything */
    struct strbuf cell; /* a column's value when it must be made (a key of an object) */
    size_t *widths;     /* table: cells of each column, fixed by the first non-empty batch */
    bool have_widths;
    bool started;       /* json "[" or the csv header printed */
    size_t count;       /* rows printed */
    bool object;        /* output_object printed something */
    struct strbuf line; /* the line being built, reused */
};

bool output_is_table(enum output_format format)
{
    return format == OUTPUT_TABLE || format == OUTPUT_WIDE;
}

bool output_parse_format(const char *name, enum output_format *out)
{
    static const struct {
        const char *name;
        enum output_format format;
    } names[] = {{"table", OUTPUT_TABLE}, {"wide", OUTPUT_WIDE}, {"json", OUTPUT_JSON},
                 {"jsonl", OUTPUT_JSONL}, {"csv", OUTPUT_CSV}};
    for (size_t i = 0; name && i < ARRAY_SIZE(names); i++) {
        if (!strcmp(name, names[i].name)) {
            *out = names[i].format;
            return true;
        }
    }
    return false;
}

/* Append s neutralised to sb in at most limit cells, a cut text ending in an ellipsis (one
 * cell); return the cells appended. */
static size_t put_text(const struct output *out, struct strbuf *sb, const char *s, size_t limit)
{
    struct text_glyph g;
    bool cut = limit != SIZE_MAX && text_cells(out->utf8, s) > limit;
    size_t room = cut ? (limit ? limit - 1 : 0) : SIZE_MAX, cells = 0;
    if (cut && !limit)
        return 0;
    for (; *s; s += g.used) {
        text_next(out->utf8, s, &g);
        if (g.cells > room - cells) /* a wide character is never split */
            break;
        sb_add(sb, g.bytes, g.len);
        cells += g.cells;
    }
    if (cut) {
        sb_adds(sb, out->utf8 ? "\xe2\x80\xa6" : "~");
        cells++;
    }
    return cells;
}

/* Append n spaces to sb. */
static void put_spaces(struct strbuf *sb, size_t n)
{
    while (n--)
        sb_addc(sb, ' ');
}

/* Drop trailing spaces from sb, end it with a newline and write it to f. */
static void flush_line(struct output *out)
{
    struct strbuf *sb = &out->line;
    while (sb->len && sb->buf[sb->len - 1] == ' ')
        sb->len--;
    sb_addc(sb, '\n');
    fwrite(sb->buf, 1, sb->len, out->f);
    sb_reset(sb);
}

/* Append raw JSON text to sb made harmless (text_add_json), or null. */
static void put_json(struct strbuf *sb, const char *raw)
{
    if (raw)
        text_add_json(sb, raw, strlen(raw));
    else
        sb_adds(sb, "null");
}

/* Write what the line buffer holds to f. */
static void flush_buffer(struct output *out)
{
    if (out->line.len) /* an empty buffer may have no storage yet */
        fwrite(out->line.buf, 1, out->line.len, out->f);
    sb_reset(&out->line);
}

/* A row's value of field i, "" when missing. */
static const char *value_of(const struct row *row, size_t i)
{
    return row->values && row->values[i] ? row->values[i] : "";
}

/* A row's value of column j. */
static const char *col_value(struct output *out, const struct row *row, size_t j)
{
    const struct ocol *c = &out->cols[j];
    if (!c->key)
        return value_of(row, c->field);
    sb_reset(&out->cell);
    model_json_key(value_of(row, c->field), c->key, &out->cell);
    return sb_str(&out->cell);
}

/* Shrink the widest columns first until the table fits width, keeping each at least minw. */
static void fit_widths(size_t *w, const size_t *minw, size_t n, size_t width)
{
    size_t total = GAP * (n - 1);
    for (size_t i = 0; i < n; i++)
        total += w[i];
    while (total > width) {
        size_t big = SIZE_MAX, second = 0;
        for (size_t i = 0; i < n; i++)
            if (w[i] > minw[i] && (big == SIZE_MAX || w[i] > w[big]))
                big = i;
        if (big == SIZE_MAX)
            break; /* everything is at its minimum: let the terminal wrap */
        for (size_t i = 0; i < n; i++)
            if (i != big && w[i] > second)
                second = w[i];
        size_t floor = second > minw[big] ? second : minw[big];
        size_t step = w[big] > floor ? w[big] - floor : 1;
        if (step > total - width)
            step = total - width;
        w[big] -= step;
        total -= step;
    }
}

/* Fix the column widths from the first batch of rows. */
static void table_widths(struct output *out, struct row *const *rows, size_t n)
{
    size_t *minw = xcalloc(out->ncols, sizeof(*minw));
    for (size_t j = 0; j < out->ncols; j++) {
        size_t head = out->no_headers ? 0 : text_cells(out->utf8, out->cols[j].header);
        size_t w = head;
        for (size_t r = 0; r < n; r++) {
            size_t c = text_cells(out->utf8, col_value(out, rows[r], j));
            if (c > w)
                w = c;
        }
        out->widths[j] = w;
        minw[j] = head > MIN_COLUMN ? head : MIN_COLUMN;
        bool id = !out->cols[j].key && out->cols[j].field == out->def->id_field;
        if (minw[j] > w || id)
            minw[j] = w; /* an ID is what operators copy: never cut it */
    }
    if (out->width) {
        fit_widths(out->widths, minw, out->ncols, out->width);
        /* still too wide: cut headers too (never an ID), down to a few cells */
        for (size_t j = 0; j < out->ncols; j++)
            if ((out->cols[j].key || out->cols[j].field != out->def->id_field) &&
                minw[j] > MIN_COLUMN)
                minw[j] = MIN_COLUMN;
        fit_widths(out->widths, minw, out->ncols, out->width);
    }
    free(minw);
    out->have_widths = true;
}

/* Print one table line of cells (one text per column), padded to the column widths; the last
 * column takes what room is left on the terminal. Without a width (a file or a pipe) nothing
 * is cut: a longer value in a later page shifts its line rather than losing text. */
static void table_line(struct output *out, const char *const *texts)
{
    size_t offset = 0;
    for (size_t j = 0; j < out->ncols; j++) {
        size_t limit = out->width ? out->widths[j] : SIZE_MAX;
        if (j)
            put_spaces(&out->line, GAP);
        if (j + 1 == out->ncols) {
            if (!out->width)
                limit = SIZE_MAX;
            else if (out->width > offset && out->width - offset > limit)
                limit = out->width - offset;
        }
        size_t used = put_text(out, &out->line, texts[j], limit);
        if (j + 1 < out->ncols && used < out->widths[j])
            put_spaces(&out->line, out->widths[j] - used);
        offset += out->widths[j] + GAP;
    }
    flush_line(out);
}

/* Print a batch of rows as table lines, with the header before the first batch. */
static void table_rows(struct output *out, struct row *const *rows, size_t n)
{
    if (!n)
        return;
    const char **texts = xcalloc(out->ncols, sizeof(*texts));
    if (!out->have_widths) {
        table_widths(out, rows, n);
        for (size_t j = 0; j < out->ncols; j++)
            texts[j] = out->cols[j].header;
        if (!out->no_headers)
            table_line(out, texts);
    }
    char **made = xcalloc(out->ncols, sizeof(*made));
    for (size_t r = 0; r < n; r++) {
        for (size_t j = 0; j < out->ncols; j++) {
            texts[j] = col_value(out, rows[r], j);
            if (out->cols[j].key) /* made in out->cell: keep a copy for the line */
                texts[j] = made[j] = xstrdup(texts[j]);
        }
        table_line(out, texts);
        for (size_t j = 0; j < out->ncols; j++) {
            free(made[j]);
            made[j] = NULL;
        }
    }
    free(made);
    free(texts);
}

/* Append one CSV field (core/csv), a formula cell kept as it is under --csv-raw. */
static void csv_field(const struct output *out, struct strbuf *sb, const char *s)
{
    csv_add_field(sb, s, out->csv_raw);
}

/* Print the CSV header: the paths of every non-secret field, then "clientSecret" if asked. */
static void csv_header(struct output *out, bool secret)
{
    bool first = true;
    if (out->no_headers)
        return;
    for (size_t j = 0; out->chosen && j < out->ncols; j++) {
        if (j)
            sb_addc(&out->line, ',');
        csv_field(out, &out->line, out->cols[j].path);
        first = false;
    }
    for (size_t i = 0; !out->chosen && i < out->def->nfields; i++) {
        if (out->def->fields[i].flags & FIELD_SECRET)
            continue;
        if (!first)
            sb_addc(&out->line, ',');
        csv_field(out, &out->line, out->def->fields[i].path);
        first = false;
    }
    if (secret)
        sb_adds(&out->line, first ? "clientSecret" : ",clientSecret");
    sb_addc(&out->line, '\n');
    if (out->line.len) /* an empty buffer may have no storage yet */
        fwrite(out->line.buf, 1, out->line.len, out->f);
    sb_reset(&out->line);
}

/* Print one CSV record of row's non-secret values, then its secret if asked. */
static void csv_row(struct output *out, const struct row *row, bool secret)
{
    bool first = true;
    for (size_t j = 0; out->chosen && j < out->ncols; j++) {
        if (j)
            sb_addc(&out->line, ',');
        const char *v = col_value(out, row, j);
        char *copy = out->cols[j].key ? xstrdup(v) : NULL; /* csv_field may reuse nothing */
        csv_field(out, &out->line, copy ? copy : v);
        free(copy);
        first = false;
    }
    for (size_t i = 0; !out->chosen && i < out->def->nfields; i++) {
        if (out->def->fields[i].flags & FIELD_SECRET)
            continue;
        if (!first)
            sb_addc(&out->line, ',');
        csv_field(out, &out->line, value_of(row, i));
        first = false;
    }
    if (secret) {
        if (!first)
            sb_addc(&out->line, ',');
        csv_field(out, &out->line, row->secret);
    }
    sb_addc(&out->line, '\n');
    fwrite(out->line.buf, 1, out->line.len, out->f);
    if (secret)
        sb_wipe(&out->line);
    else
        sb_reset(&out->line);
}

/* Add a column of field i (key: inside its JSON object) named path. */
static void add_col(struct output *out, size_t i, const char *key, const char *path)
{
    out->cols[out->ncols++] = (struct ocol){i, key ? xstrdup(key) : NULL, xstrdup(path),
                                            xstrdup(_(out->def->fields[i].header))};
}

struct output *output_new(FILE *f, enum output_format format, const struct api_kind_def *def,
                          int width)
{
    struct output *out = xcalloc(1, sizeof(*out));
    out->f = f;
    out->format = format == OUTPUT_WIDE ? OUTPUT_TABLE : format;
    out->def = def;
    out->width = width > 0 && format != OUTPUT_WIDE ? (size_t)width : 0;
    out->utf8 = text_locale_utf8();
    out->cols = xcalloc(def->nfields ? def->nfields : 1, sizeof(*out->cols));
    for (size_t i = 0; i < def->nfields; i++)
        if (def->fields[i].flags & FIELD_TABLE && !(def->fields[i].flags & FIELD_SECRET))
            add_col(out, i, NULL, def->fields[i].path);
    if (!out->ncols) /* no default columns: show every non-secret field */
        for (size_t i = 0; i < def->nfields; i++)
            if (!(def->fields[i].flags & FIELD_SECRET))
                add_col(out, i, NULL, def->fields[i].path);
    out->widths = xcalloc(def->nfields + 1, sizeof(*out->widths));
    return out;
}

/* Free the columns. */
static void clear_cols(struct output *out)
{
    for (size_t j = 0; j < out->ncols; j++) {
        free(out->cols[j].key);
        free(out->cols[j].path);
        free(out->cols[j].header);
    }
    out->ncols = 0;
}

bool output_set_columns(struct output *out, const char *list, char **bad)
{
    const struct api_kind_def *def = out->def;
    struct strbuf unknown = SB_INIT;
    size_t n = 0, cap = 4;
    struct ocol *want = xcalloc(cap, sizeof(*want));
    for (const char *s = list; *s;) {
        size_t len = strcspn(s, ",");
        char *path = xstrndup(s, len);
        s += len + (s[len] == ',');
        int f = *path ? model_field_index(def, path) : -1;
        const char *key = NULL;
        if (f < 0 && strchr(path, '.')) { /* FIELD.KEY */
            char *head = xstrndup(path, strcspn(path, "."));
            f = model_field_index(def, head);
            key = path + strlen(head) + 1;
            free(head);
        }
        if (f < 0 || (def->fields[f].flags & FIELD_SECRET) || (key && !*key)) {
            sb_addf(&unknown, "%s'%s'", unknown.len ? ", " : "", path);
            free(path);
            continue;
        }
        if (n == cap)
            want = xreallocarray(want, cap *= 2, sizeof(*want));
        want[n++] = (struct ocol){(size_t)f, key ? xstrdup(key) : NULL, path, NULL};
    }
    bool ok = n && !unknown.len;
    if (ok) {
        clear_cols(out);
        free(out->cols);
        free(out->widths);
        out->cols = want;
        out->ncols = n;
        out->widths = xcalloc(n, sizeof(*out->widths));
        for (size_t j = 0; j < n; j++) { /* headings: the field's, or the key in capitals */
            struct strbuf h = SB_INIT;
            if (!out->cols[j].key)
                sb_adds(&h, _(def->fields[out->cols[j].field].header));
            for (const char *k = out->cols[j].key; k && *k; k++)
                sb_addc(&h, *k == '.' ? ' ' : (char)toupper((unsigned char)*k));
            out->cols[j].header = sb_steal(&h);
        }
        out->chosen = true;
    } else {
        for (size_t j = 0; j < n; j++) {
            free(want[j].key);
            free(want[j].path);
        }
        free(want);
        if (!unknown.len)
            sb_adds(&unknown, "''");
    }
    if (bad)
        *bad = ok ? NULL : sb_steal(&unknown);
    sb_free(&unknown);
    return ok;
}

char *output_column_names(const struct api_kind_def *def)
{
    struct strbuf sb = SB_INIT;
    for (size_t i = 0; i < def->nfields; i++)
        if (!(def->fields[i].flags & FIELD_SECRET))
            sb_addf(&sb, "%s%s", sb.len ? ", " : "", def->fields[i].path);
    return sb_steal(&sb);
}

void output_discard(struct output *out)
{
    out->discard = true;
    output_end(out);
}

void output_set_headers(struct output *out, bool headers)
{
    out->no_headers = !headers;
}

void output_set_csv_raw(struct output *out, bool raw)
{
    out->csv_raw = raw;
}

void output_rows(struct output *out, struct row *const *rows, size_t n)
{
    switch (out->format) {
    case OUTPUT_TABLE:
    case OUTPUT_WIDE: /* (a table by now: output_new) */
        if (out->ncols)
            table_rows(out, rows, n);
        break;
    case OUTPUT_JSON: /* a page at a time into the line buffer, one write */
        if (!out->started)
            sb_addc(&out->line, '[');
        out->started = true;
        for (size_t r = 0; r < n; r++) {
            if (out->count + r)
                sb_adds(&out->line, ",\n");
            put_json(&out->line, rows[r]->raw);
        }
        flush_buffer(out);
        break;
    case OUTPUT_JSONL:
        for (size_t r = 0; r < n; r++) {
            put_json(&out->line, rows[r]->raw);
            sb_addc(&out->line, '\n');
        }
        flush_buffer(out);
        break;
    case OUTPUT_CSV:
        if (!out->started)
            csv_header(out, false);
        out->started = true;
        for (size_t r = 0; r < n; r++)
            csv_row(out, rows[r], false);
        break;
    }
    out->count += n;
}

/* Print row as "Header: value" lines, headers padded to the widest, then its secret. */
static void table_object(struct output *out, const struct row *row)
{
    const struct api_kind_def *def = out->def;
    size_t widest = 0;
    if (out->chosen) { /* --columns: those, in their order */
        for (size_t j = 0; j < out->ncols; j++) {
            size_t w = text_cells(out->utf8, out->cols[j].header);
            widest = w > widest ? w : widest;
        }
        for (size_t j = 0; j < out->ncols; j++) {
            if (!out->no_headers) {
                size_t w = put_text(out, &out->line, out->cols[j].header, SIZE_MAX);
                sb_addc(&out->line, ':');
                put_spaces(&out->line, widest - w + 1);
            }
            put_text(out, &out->line, col_value(out, row, j), SIZE_MAX);
            flush_line(out);
        }
        widest = 0;
    }
    for (size_t i = 0; i < def->nfields; i++) {
        size_t w = text_cells(out->utf8, _(def->fields[i].header));
        if (!(def->fields[i].flags & FIELD_SECRET) && w > widest)
            widest = w;
    }
    for (size_t i = 0; !out->chosen && i < def->nfields; i++) {
        if (def->fields[i].flags & FIELD_SECRET)
            continue;
        size_t w = put_text(out, &out->line, _(def->fields[i].header), SIZE_MAX);
        sb_addc(&out->line, ':');
        put_spaces(&out->line, widest - w + 1);
        put_text(out, &out->line, value_of(row, i), SIZE_MAX);
        flush_line(out);
    }
    if (row->secret) {
        struct strbuf clean = SB_INIT;
        put_text(out, &clean, row->secret, SIZE_MAX);
        /* TRANSLATORS: %s is the new client secret, printed once after a create or a rotate. */
        fprintf(out->f, _("Client secret: %s"), sb_str(&clean));
        fputc('\n', out->f);
        sb_wipe(&clean);
        fputs(_("Store this secret now: it is not shown again."), out->f);
        fputc('\n', out->f);
    }
}

void output_object(struct output *out, const struct row *row)
{
    switch (out->format) {
    case OUTPUT_TABLE:
    case OUTPUT_WIDE:
        table_object(out, row);
        break;
    case OUTPUT_JSON:
    case OUTPUT_JSONL:
        put_json(&out->line, row->raw);
        sb_addc(&out->line, '\n');
        fwrite(out->line.buf, 1, out->line.len, out->f);
        sb_wipe(&out->line); /* a create's object holds its new secret */
        break;
    case OUTPUT_CSV:
        csv_header(out, row->secret != NULL);
        csv_row(out, row, row->secret != NULL);
        break;
    }
    out->object = true;
}

void output_end(struct output *out)
{
    if (!out)
        return;
    if (out->discard) {
        out->format = OUTPUT_TABLE; /* prints nothing at the end */
        out->count = 0;
    }
    if (out->format == OUTPUT_JSON && out->started)
        fputs("]\n", out->f);
    else if (out->format == OUTPUT_JSON && !out->object)
        fputs("[]\n", out->f);
    else if (out->format == OUTPUT_CSV && !out->started && !out->object)
        csv_header(out, false);
    sb_free(&out->line);
    sb_free(&out->cell);
    clear_cols(out);
    free(out->cols);
    free(out->widths);
    free(out);
}

int output_terminal_width(FILE *f)
{
    int fd = fileno(f);
    if (fd < 0 || !isatty(fd))
        return 0; /* a file or a pipe: nothing is cut */
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *env = getenv("COLUMNS");
    long long cols;
    if (env && str_to_llong(env, 1, 100000, &cols))
        return (int)cols;
    return 0;
}
