/* test_output.c: cli/output: tables, CSV, JSON and JSON lines, and hostile server data. */
#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include <cmocka.h>

#include "cli/output.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/model.h"
#include "core/util.h"

static const struct api_field test_fields[] = {
    {"name", N_("Name"), FIELD_TABLE},
    {"subdomain", N_("Subdomain"), FIELD_TABLE},
    {"environment.name", N_("Environment"), FIELD_TABLE},
    {"id", N_("ID"), FIELD_TABLE},
    {"roles", N_("Roles"), 0},
    {"client.clientSecret", N_("Client secret"), FIELD_SECRET},
};

static const struct api_kind_def test_def = {
    .name = "tenants",
    .singular = N_("tenant"),
    .fields = test_fields,
    .nfields = ARRAY_SIZE(test_fields),
    .id_field = 3,
    .ops = API_OP_LIST | API_OP_GET | API_OP_CREATE,
};

#define FFFD "\xef\xbf\xbd"

/* The hostile strings a server may send, and how a table and CSV show them (CSV keeps the
 * data: tabs and line breaks quoted, invalid UTF-8 as U+FFFD, only controls as "?"). */
static const struct {
    const char *in, *shown, *csv;
} hostile[] = {
    {"\x1b[31mRed\x1b[0m", "?[31mRed?[0m", "?[31mRed?[0m"},
    {"\x1b]52;c;ZXZpbA==\x07X", "?]52;c;ZXZpbA==?X", "?]52;c;ZXZpbA==?X"},
    {"Bad \xff\xfe UTF-8 \xc3\x28", "Bad ?? UTF-8 ?(", "Bad " FFFD FFFD " UTF-8 " FFFD "("},
    {"a\nb\tc\rd", "a?b?c?d", "\"a\nb\tc\rd\""},
    {"\xe2\x80\xae" "desrever", "?desrever", "?desrever"},
    {"\xe2\x81\xa6iso\xe2\x81\xa9", "?iso?", "?iso?"},
    {"\xc2\x9b" "31m", "?31m", "?31m"},
    {"\x9b" "31m", "?31m", FFFD "31m"},
    {"del\x7f", "del?", "del?"},
    {"\xed\xa0\x80surrogate", "???surrogate", FFFD FFFD FFFD "surrogate"},
    {"\xc0\xafoverlong", "??overlong", FFFD FFFD "overlong"},
    {"\xe0\x80\xaf" "overlong3", "???overlong3", FFFD FFFD FFFD "overlong3"},
    {"\xf4\x90\x80\x80" "big", "????big", FFFD FFFD FFFD FFFD "big"},
    {"line\xe2\x80\xa8sep", "line?sep", "line\xe2\x80\xa8sep"}, /* U+2028: unprintable by
                                                                   * wcwidth, no control */
    {"=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"}, /* a formula */
};

/* Use the UTF-8 locale every test but the ASCII one expects. */
static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* A row of test_def parsed from JSON text. */
static struct row *row_from_text(const char *json, bool keep_secret)
{
    cJSON *obj = json_parse(json, strlen(json));
    assert_non_null(obj);
    struct row *row = model_row_from_json(&test_def, obj, keep_secret);
    cJSON_Delete(obj);
    return row;
}

/* A row with these table values, through JSON text that cJSON prints (control characters as
 * \u escapes, other bytes as they are) and parses back, as from a server. */
static struct row *row_of(const char *name, const char *subdomain, const char *env,
                          const char *id)
{
    cJSON *obj = json_new_object();
    json_add_string(obj, "name", name);
    json_add_string(obj, "subdomain", subdomain);
    cJSON *e = json_new_object();
    json_add_string(e, "name", env);
    json_add(obj, "environment", e);
    json_add_string(obj, "id", id);
    char *text = json_print(obj);
    cJSON_Delete(obj);
    struct row *row = row_from_text(text, false);
    free(text);
    return row;
}

/* Free n rows. */
static void free_rows(struct row **rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        model_row_free(rows[i]);
}

/* Print rows in one batch (n may be 0) and return everything printed. */
static char *render(enum output_format format, int width, struct row **rows, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    struct output *out = output_new(f, format, &test_def, width);
    output_rows(out, rows, n);
    output_end(out);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* Print one object and return everything printed. */
static char *render_object(enum output_format format, const struct row *row)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    struct output *out = output_new(f, format, &test_def, 80);
    output_object(out, row);
    output_end(out);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* The widest line of text in display cells; fails on invalid UTF-8 or unprintables. */
static size_t widest_line(const char *text)
{
    size_t widest = 0;
    while (*text) {
        const char *nl = strchr(text, '\n');
        assert_non_null(nl);
        char *line = xstrndup(text, (size_t)(nl - text));
        wchar_t wbuf[256];
        size_t n = mbstowcs(wbuf, line, ARRAY_SIZE(wbuf));
        assert_true(n != (size_t)-1 && n < ARRAY_SIZE(wbuf));
        int w = wcswidth(wbuf, n);
        assert_true(w >= 0);
        if ((size_t)w > widest)
            widest = (size_t)w;
        free(line);
        text = nl + 1;
    }
    return widest;
}

/* The number of newlines in text. */
static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (; *text; text++)
        n += *text == '\n';
    return n;
}

/* Fail when text holds a byte or sequence that could drive a terminal. */
static void assert_harmless(const char *text)
{
    assert_null(strchr(text, '\x1b'));
    assert_null(strchr(text, '\a'));
    assert_null(strchr(text, '\r'));
    assert_null(strchr(text, '\t'));
    assert_null(strchr(text, '\x7f'));
    assert_null(strchr(text, '\x9b'));
    assert_null(strstr(text, "\xe2\x80\xae"));
    assert_null(strstr(text, "\xe2\x81\xa6"));
    assert_true(mbstowcs(NULL, text, 0) != (size_t)-1); /* valid UTF-8 */
}

/* The same for CSV, which keeps tabs and CRs (in quoted fields). */
static void assert_csv_harmless(const char *text)
{
    char *copy = xstrdup(text);
    for (char *p = copy; *p; p++)
        if (*p == '\t' || *p == '\r')
            *p = ' ';
    assert_harmless(copy);
    free(copy);
}

static void test_parse_format(void **state)
{
    (void)state;
    enum output_format f = OUTPUT_CSV;
    assert_true(output_parse_format("table", &f));
    assert_int_equal(f, OUTPUT_TABLE);
    assert_true(output_parse_format("json", &f));
    assert_int_equal(f, OUTPUT_JSON);
    assert_true(output_parse_format("jsonl", &f));
    assert_int_equal(f, OUTPUT_JSONL);
    assert_true(output_parse_format("csv", &f));
    assert_int_equal(f, OUTPUT_CSV);
    f = OUTPUT_JSONL;
    assert_false(output_parse_format("yaml", &f));
    assert_false(output_parse_format("", &f));
    assert_false(output_parse_format("JSON", &f));
    assert_false(output_parse_format("tablex", &f));
    assert_false(output_parse_format(NULL, &f));
    assert_int_equal(f, OUTPUT_JSONL); /* untouched on failure */
}

static void test_table_header_and_alignment(void **state)
{
    (void)state;
    struct row *rows[] = {
        row_from_text("{\"name\":\"acme\",\"subdomain\":\"acme.example.com\","
                      "\"environment\":{\"name\":\"prod\"},\"id\":\"t1\"}", false),
        row_from_text("{\"name\":\"Globex Corporation\",\"subdomain\":\"globex\","
                      "\"environment\":{\"name\":\"sandbox\"},\"id\":\"t22\",\"roles\":[\"a\"]}",
                      false),
    };
    char *text = render(OUTPUT_TABLE, 0, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "Name                Subdomain         Environment  ID\n"
                              "acme                acme.example.com  prod         t1\n"
                              "Globex Corporation  globex            sandbox      t22\n");
    free(text);
    /* a terminal wider than the table changes nothing */
    text = render(OUTPUT_TABLE, 200, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "Name                Subdomain         Environment  ID\n"
                              "acme                acme.example.com  prod         t1\n"
                              "Globex Corporation  globex            sandbox      t22\n");
    free(text);
    free_rows(rows, ARRAY_SIZE(rows));
}

static void test_table_fits_width(void **state)
{
    (void)state;
    struct row *rows[] = {
        row_of("Wonderful Widgets International Limited", "wonderful-widgets.example.com",
               "production", "abc123"),
    };
    char *text = render(OUTPUT_TABLE, 40, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "Name      Subdomain  Environment  ID\n"
                              "Wonderf\xe2\x80\xa6  wonderfu\xe2\x80\xa6  production   abc123\n");
    assert_int_equal(widest_line(text), 40);
    free(text);
    /* narrower than the headers: headers are cut too, down to 6 cells, the ID never */
    text = render(OUTPUT_TABLE, 34, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "Name    Subdoma\xe2\x80\xa6  Environ\xe2\x80\xa6  ID\n"
                              "Wonde\xe2\x80\xa6  wonderf\xe2\x80\xa6  product\xe2\x80\xa6  abc123\n");
    assert_int_equal(widest_line(text), 34);
    free(text);
    /* too narrow for even that: columns stop shrinking at 6 cells */
    text = render(OUTPUT_TABLE, 10, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "Name    Subdo\xe2\x80\xa6  Envir\xe2\x80\xa6  ID\n"
                              "Wonde\xe2\x80\xa6  wonde\xe2\x80\xa6  produ\xe2\x80\xa6  abc123\n");
    free(text);
    free_rows(rows, ARRAY_SIZE(rows));
}

static void test_wide_characters(void **state)
{
    (void)state;
    struct row *rows[] = {
        row_of("\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe", "s", "e", "1"), /* 株式会社 */
        row_of("abc", "s", "e", "2"),
    };
    char *text = render(OUTPUT_TABLE, 0, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "Name      Subdomain  Environment  ID\n"
                              "\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe"
                              "  s          e            1\n"
                              "abc       s          e            2\n");
    free(text);
    free_rows(rows, ARRAY_SIZE(rows));

    /* 株式会社株式会社 (16 cells) shrinks to 12: five characters (10 cells) and the ellipsis,
     * since a sixth would need cells 11 and 12 and leave no room for it; one cell of padding */
    struct row *wide = row_of("\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe"
                              "\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe",
                              "s", "e", "i");
    text = render(OUTPUT_TABLE, 40, &wide, 1);
    assert_string_equal(text, "Name          Subdomain  Environment  ID\n"
                              "\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe\xe6\xa0\xaa"
                              "\xe2\x80\xa6   s          e            i\n");
    assert_true(widest_line(text) <= 40);
    free(text);
    model_row_free(wide);
}

static void test_combining_marks(void **state)
{
    (void)state;
    /* "Cafés" with a combining acute accent: 5 cells, 6 characters */
    struct row *rows[] = {
        row_of("Cafe\xcc\x81s", "x", "y", "1"),
        row_of("Bar", "x", "y", "2"),
    };
    char *text = render(OUTPUT_TABLE, 0, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "Name   Subdomain  Environment  ID\n"
                              "Cafe\xcc\x81s  x          y            1\n"
                              "Bar    x          y            2\n");
    free(text);
    free_rows(rows, ARRAY_SIZE(rows));
}

static void test_ids_are_never_cut(void **state)
{
    (void)state;
    struct row *row = row_of("A rather long tenant name", "a-long-subdomain.vii.au01.mattr.global",
                             "au01", "7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a");
    char *text = render(OUTPUT_TABLE, 70, &row, 1);
    assert_non_null(strstr(text, "7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a\n"));
    assert_true(widest_line(text) <= 70);
    assert_non_null(strstr(text, "\xe2\x80\xa6")); /* the other columns were cut instead */
    free(text);
    model_row_free(row);
}

static void test_hostile_strings_in_table_and_csv(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(hostile); i++) {
        struct row *row = row_of(hostile[i].in, hostile[i].in, "env", hostile[i].in);
        assert_string_equal(model_row_get(row, "name"), hostile[i].in); /* it did get through */
        char *text = render(OUTPUT_TABLE, 0, &row, 1);
        assert_harmless(text);
        assert_int_equal(count_lines(text), 2);
        assert_non_null(strstr(text, hostile[i].shown));
        free(text);
        /* fitted to 40 cells (IDs are never cut, so this row's ID is a short one) */
        struct row *fitted = row_of(hostile[i].in, hostile[i].in, "env", "id-1");
        text = render(OUTPUT_TABLE, 40, &fitted, 1);
        assert_harmless(text);
        assert_int_equal(count_lines(text), 2);
        assert_true(widest_line(text) <= 40);
        free(text);
        model_row_free(fitted);
        text = render(OUTPUT_CSV, 0, &row, 1);
        assert_csv_harmless(text);
        char *want = xasprintf("name,subdomain,environment.name,id,roles\n%s,%s,env,%s,\n",
                               hostile[i].csv, hostile[i].csv, hostile[i].csv);
        assert_string_equal(text, want);
        free(want);
        free(text);
        text = render_object(OUTPUT_TABLE, row);
        assert_harmless(text);
        assert_int_equal(count_lines(text), 5);
        free(text);
        model_row_free(row);
    }
}

static void test_hostile_secret_is_neutralised(void **state)
{
    (void)state;
    struct row *row = row_from_text("{\"name\":\"n\",\"client\":{\"clientSecret\":"
                                    "\"s\\u001b[2Jx\"}}", true);
    char *text = render_object(OUTPUT_TABLE, row);
    assert_harmless(text);
    assert_non_null(strstr(text, "Client secret: s?[2Jx\n"));
    free(text);
    text = render_object(OUTPUT_CSV, row);
    assert_harmless(text);
    assert_string_equal(text, "name,subdomain,environment.name,id,roles,clientSecret\n"
                              "n,,,,,s?[2Jx\n");
    free(text);
    model_row_free(row);
}

static void test_csv_quoting(void **state)
{
    (void)state;
    struct row *rows[] = {
        row_from_text("{\"name\":\"Smith, Jones\",\"subdomain\":\"say \\\"hi\\\"\","
                      "\"environment\":{\"name\":\"line1\\nline2\"},\"id\":\" padded \","
                      "\"roles\":[\"admin\",\"issuer\"]}", false),
        row_from_text("{\"name\":\"plain\",\"id\":\"7\",\"roles\":[\"auditor\"],"
                      "\"client\":{\"clientSecret\":\"never\"}}", true),
        row_from_text("{\"name\":\" lead\",\"subdomain\":\"trail \",\"id\":\"in side\"}",
                      false),
    };
    char *text = render(OUTPUT_CSV, 0, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "name,subdomain,environment.name,id,roles\n"
                              "\"Smith, Jones\",\"say \"\"hi\"\"\",\"line1\nline2\",\" padded \","
                              "\"admin,issuer\"\n"
                              "plain,,,7,auditor\n"
                              "\" lead\",\"trail \",,in side,\n");
    assert_null(strstr(text, "never")); /* a list never shows a secret */
    free(text);
    free_rows(rows, ARRAY_SIZE(rows));
}

static void test_json_and_jsonl_are_valid(void **state)
{
    (void)state;
    struct row *rows[] = {
        row_from_text("{\"name\":\"a\",\"id\":\"1\"}", false),
        row_of("Bad \xff\xfe UTF-8 \xc3\x28", "s", "e", "2"),
        row_of("\x1b[31mRed", "s", "e", "3"),
    };
    char *text = render(OUTPUT_JSON, 0, rows, ARRAY_SIZE(rows));
    assert_true(mbstowcs(NULL, text, 0) != (size_t)-1);
    assert_null(strchr(text, '\x1b'));
    static const char head[] = "[{\"name\":\"a\",\"id\":\"1\"},\n{";
    assert_int_equal(strncmp(text, head, sizeof(head) - 1), 0);
    assert_int_equal(strcmp(text + strlen(text) - 2, "]\n"), 0);
    cJSON *all = json_parse(text, strlen(text));
    assert_non_null(all);
    assert_int_equal(cJSON_GetArraySize(all), 3);
    assert_string_equal(json_get_string(cJSON_GetArrayItem(all, 1), "name"),
                        "Bad \xef\xbf\xbd\xef\xbf\xbd UTF-8 \xef\xbf\xbd(");
    assert_string_equal(json_get_string(cJSON_GetArrayItem(all, 2), "name"), "\x1b[31mRed");
    cJSON_Delete(all);
    free(text);

    text = render(OUTPUT_JSONL, 0, rows, ARRAY_SIZE(rows));
    assert_true(mbstowcs(NULL, text, 0) != (size_t)-1);
    assert_null(strchr(text, '\x1b'));
    assert_int_equal(count_lines(text), 3);
    const char *line = text;
    for (int i = 0; i < 3; i++) {
        const char *nl = strchr(line, '\n');
        cJSON *obj = json_parse(line, (size_t)(nl - line));
        assert_non_null(obj);
        char want[2] = {(char)('1' + i), '\0'};
        assert_string_equal(json_get_string(obj, "id"), want);
        cJSON_Delete(obj);
        line = nl + 1;
    }
    free(text);
    free_rows(rows, ARRAY_SIZE(rows));
}

static void test_json_across_pages(void **state)
{
    (void)state;
    struct row *rows[] = {row_from_text("{\"id\":\"1\"}", false),
                          row_from_text("{\"id\":\"2\"}", false),
                          row_from_text("{\"id\":\"3\"}", false)};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    struct output *out = output_new(f, OUTPUT_JSON, &test_def, 0);
    output_rows(out, rows, 2);
    output_rows(out, NULL, 0);
    output_rows(out, rows + 2, 1);
    output_end(out);
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, "[{\"id\":\"1\"},\n{\"id\":\"2\"},\n{\"id\":\"3\"}]\n");
    free(buf);
    free_rows(rows, ARRAY_SIZE(rows));
}

static void test_table_without_default_columns(void **state)
{
    (void)state;
    static const struct api_field fields[] = {
        {"name", N_("Name"), 0},
        {"id", N_("ID"), 0},
        {"secret", N_("Secret"), FIELD_SECRET},
    };
    static const struct api_kind_def def = {
        .name = "things", .singular = N_("thing"), .fields = fields,
        .nfields = ARRAY_SIZE(fields), .id_field = 1, .ops = API_OP_LIST};
    static const char text[] = "{\"name\":\"n\",\"id\":\"7\",\"secret\":\"s\"}";
    cJSON *obj = json_parse(text, sizeof(text) - 1);
    assert_non_null(obj);
    struct row *row = model_row_from_json(&def, obj, false);
    cJSON_Delete(obj);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    struct output *out = output_new(f, OUTPUT_TABLE, &def, 0);
    output_rows(out, &row, 1);
    output_end(out);
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, "Name  ID\n"
                             "n     7\n"); /* every non-secret field, never the secret */
    free(buf);
    model_row_free(row);
}

static void test_empty_lists(void **state)
{
    (void)state;
    char *text = render(OUTPUT_JSON, 0, NULL, 0);
    assert_string_equal(text, "[]\n");
    free(text);
    text = render(OUTPUT_JSONL, 0, NULL, 0);
    assert_string_equal(text, "");
    free(text);
    text = render(OUTPUT_TABLE, 80, NULL, 0);
    assert_string_equal(text, "");
    free(text);
    text = render(OUTPUT_CSV, 0, NULL, 0);
    assert_string_equal(text, "name,subdomain,environment.name,id,roles\n");
    free(text);

    /* no batch at all */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    output_end(output_new(f, OUTPUT_JSON, &test_def, 0));
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, "[]\n");
    free(buf);
}

static void test_later_batches_keep_widths(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    struct output *out = output_new(f, OUTPUT_TABLE, &test_def, 80);
    output_rows(out, NULL, 0); /* an empty first page fixes nothing */
    struct row *first[] = {row_of("abcdef", "s", "e", "1"), row_of("ab", "s", "e", "2")};
    output_rows(out, first, ARRAY_SIZE(first));
    struct row *second[] = {row_of("abcdefghij", "longer-subdomain", "e", "333333"),
                            row_of("x", "s", "e", "4")};
    output_rows(out, second, ARRAY_SIZE(second));
    output_end(out);
    assert_int_equal(fclose(f), 0);
    /* on a terminal, later pages keep the first page's widths and are cut to them */
    assert_string_equal(buf, "Name    Subdomain  Environment  ID\n"
                             "abcdef  s          e            1\n"
                             "ab      s          e            2\n"
                             "abcde\xe2\x80\xa6  longer-s\xe2\x80\xa6  e            333333\n"
                             "x       s          e            4\n");
    free(buf);

    /* without a width (a file, a pipe) nothing is cut: the longer line shifts instead */
    f = open_memstream(&buf, &len);
    assert_non_null(f);
    out = output_new(f, OUTPUT_TABLE, &test_def, 0);
    output_rows(out, first, ARRAY_SIZE(first));
    output_rows(out, second, ARRAY_SIZE(second));
    output_end(out);
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, "Name    Subdomain  Environment  ID\n"
                             "abcdef  s          e            1\n"
                             "ab      s          e            2\n"
                             "abcdefghij  longer-subdomain  e            333333\n"
                             "x       s          e            4\n");
    free(buf);
    free_rows(first, ARRAY_SIZE(first));
    free_rows(second, ARRAY_SIZE(second));

    /* on a terminal, a longer last cell of a later page takes the room left, no more */
    f = open_memstream(&buf, &len);
    assert_non_null(f);
    out = output_new(f, OUTPUT_TABLE, &test_def, 60);
    struct row *small = row_of("a", "s", "e", "1");
    struct row *big = row_of("a", "s", "e", "0123456789abcdefghijklmnopqrstuvwxyz");
    output_rows(out, &small, 1);
    output_rows(out, &big, 1);
    output_end(out);
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, "Name  Subdomain  Environment  ID\n"
                             "a     s          e            1\n"
                             "a     s          e            0123456789abcdefghijklmnopqrs"
                             "\xe2\x80\xa6\n");
    assert_int_equal(widest_line(buf), 60);
    free(buf);
    model_row_free(small);
    model_row_free(big);
}

static void test_object(void **state)
{
    (void)state;
    struct row *row = row_from_text(
        "{\"name\":\"acme\",\"subdomain\":\"acme.example\",\"environment\":{\"name\":\"prod\"},"
        "\"id\":\"t1\",\"roles\":[\"admin\",\"issuer\"],"
        "\"client\":{\"clientId\":\"c1\",\"clientSecret\":\"s3cr3t\"}}", true);
    char *text = render_object(OUTPUT_TABLE, row);
    assert_string_equal(text, "Name:        acme\n"
                              "Subdomain:   acme.example\n"
                              "Environment: prod\n"
                              "ID:          t1\n"
                              "Roles:       admin,issuer\n"
                              "Client secret: s3cr3t\n"
                              "Store this secret now: it is not shown again.\n");
    free(text);
    text = render_object(OUTPUT_JSON, row);
    assert_string_equal(text, "{\"name\":\"acme\",\"subdomain\":\"acme.example\","
                              "\"environment\":{\"name\":\"prod\"},\"id\":\"t1\","
                              "\"roles\":[\"admin\",\"issuer\"],"
                              "\"client\":{\"clientId\":\"c1\",\"clientSecret\":\"s3cr3t\"}}\n");
    free(text);
    text = render_object(OUTPUT_JSONL, row);
    assert_int_equal(count_lines(text), 1);
    assert_non_null(strstr(text, "\"clientSecret\":\"s3cr3t\""));
    free(text);
    text = render_object(OUTPUT_CSV, row);
    assert_string_equal(text, "name,subdomain,environment.name,id,roles,clientSecret\n"
                              "acme,acme.example,prod,t1,\"admin,issuer\",s3cr3t\n");
    free(text);
    model_row_free(row);

    /* without a secret: no secret line, no notice, no secret column */
    row = row_from_text("{\"name\":\"acme\",\"id\":\"t1\"}", false);
    text = render_object(OUTPUT_TABLE, row);
    assert_string_equal(text, "Name:        acme\n"
                              "Subdomain:\n"
                              "Environment:\n"
                              "ID:          t1\n"
                              "Roles:\n");
    free(text);
    text = render_object(OUTPUT_CSV, row);
    assert_string_equal(text, "name,subdomain,environment.name,id,roles\n"
                              "acme,,,t1,\n");
    free(text);
    model_row_free(row);
}

static void test_ascii_locale(void **state)
{
    (void)state;
    assert_non_null(setlocale(LC_ALL, "C"));
    struct row *rows[] = {
        row_of("Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale Internationale", "s", "e", "i"),
        row_of("\xe6\xa0\xaa\xe5\xbc\x8f \xff", "s", "e", "j"),
    };
    char *text = render(OUTPUT_TABLE, 40, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "Name          Subdomain  Environment  ID\n"
                              "Soci?t? G?n~  s          e            i\n"
                              "?? ?          s          e            j\n");
    for (const char *p = text; *p; p++)
        assert_true((unsigned char)*p < 0x80);
    free(text);
    /* CSV is UTF-8 whatever the locale (a cron job runs in C) */
    text = render(OUTPUT_CSV, 0, rows, ARRAY_SIZE(rows));
    assert_string_equal(text, "name,subdomain,environment.name,id,roles\n"
                              "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale Internationale,s,e,i,\n"
                              "\xe6\xa0\xaa\xe5\xbc\x8f " FFFD ",s,e,j,\n");
    free(text);
    /* JSON stays UTF-8 whatever the locale */
    text = render(OUTPUT_JSONL, 0, rows, 1);
    assert_non_null(strstr(text, "Soci\xc3\xa9t\xc3\xa9"));
    free(text);
    free_rows(rows, ARRAY_SIZE(rows));
}

static void test_terminal_width(void **state)
{
    (void)state;
    FILE *f = tmpfile(); /* a real descriptor that is no terminal */
    assert_non_null(f);
    assert_int_equal(setenv("COLUMNS", "123", 1), 0);
    assert_int_equal(output_terminal_width(f), 0); /* no terminal: nothing is cut */
    assert_int_equal(setenv("COLUMNS", "0", 1), 0);
    assert_int_equal(output_terminal_width(f), 0);
    assert_int_equal(setenv("COLUMNS", "80x", 1), 0);
    assert_int_equal(output_terminal_width(f), 0);
    assert_int_equal(setenv("COLUMNS", "-5", 1), 0);
    assert_int_equal(output_terminal_width(f), 0);
    assert_int_equal(unsetenv("COLUMNS"), 0);
    assert_int_equal(output_terminal_width(f), 0);
    fclose(f);
}

static void test_terminal_width_of_a_tty(void **state)
{
    (void)state;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0)
        skip(); /* no pseudo-terminals here */
    assert_int_equal(grantpt(master), 0);
    assert_int_equal(unlockpt(master), 0);
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    assert_true(slave >= 0);
    struct winsize ws = {.ws_row = 24, .ws_col = 77};
    assert_int_equal(ioctl(slave, TIOCSWINSZ, &ws), 0);
    FILE *f = fdopen(slave, "w");
    assert_non_null(f);
    assert_int_equal(setenv("COLUMNS", "123", 1), 0);
    assert_int_equal(output_terminal_width(f), 77); /* the terminal wins over $COLUMNS */
    ws.ws_col = 0; /* a terminal that does not know its size */
    assert_int_equal(ioctl(slave, TIOCSWINSZ, &ws), 0);
    assert_int_equal(output_terminal_width(f), 123);
    assert_int_equal(unsetenv("COLUMNS"), 0);
    fclose(f);
    close(master);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_parse_format, setup_utf8),
        cmocka_unit_test_setup(test_table_header_and_alignment, setup_utf8),
        cmocka_unit_test_setup(test_table_fits_width, setup_utf8),
        cmocka_unit_test_setup(test_wide_characters, setup_utf8),
        cmocka_unit_test_setup(test_combining_marks, setup_utf8),
        cmocka_unit_test_setup(test_hostile_strings_in_table_and_csv, setup_utf8),
        cmocka_unit_test_setup(test_hostile_secret_is_neutralised, setup_utf8),
        cmocka_unit_test_setup(test_csv_quoting, setup_utf8),
        cmocka_unit_test_setup(test_json_and_jsonl_are_valid, setup_utf8),
        cmocka_unit_test_setup(test_json_across_pages, setup_utf8),
        cmocka_unit_test_setup(test_table_without_default_columns, setup_utf8),
        cmocka_unit_test_setup(test_empty_lists, setup_utf8),
        cmocka_unit_test_setup(test_later_batches_keep_widths, setup_utf8),
        cmocka_unit_test_setup(test_ids_are_never_cut, setup_utf8),
        cmocka_unit_test_setup(test_object, setup_utf8),
        cmocka_unit_test_setup(test_ascii_locale, setup_utf8),
        cmocka_unit_test_setup(test_terminal_width, setup_utf8),
        cmocka_unit_test_setup(test_terminal_width_of_a_tty, setup_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
