/* bulk.c: deleting several objects from the command line, a few at a time (core/bulk.h). */
#include "config.h"

#include "cli/bulk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bulk.h"
#include "core/intl.h"
#include "core/phrase.h"
#include "core/text.h"
#include "core/util.h"

bool bulk_read_ids(struct cli *c, const char *path, char ***ids, size_t *n)
{
    bool std = !strcmp(path, "-");
    FILE *f = std ? stdin : fopen(path, "re");
    if (!f) {
        /* TRANSLATORS: the file given to --from (or "-"), then the system's error message; keep
         * --from as it is. */
        err_set(&c->conn.err, ST_USAGE, _("--from %s: %s"), path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        size_t k = strlen(s);
        while (k && strchr(" \t\r\n", s[k - 1]))
            s[--k] = '\0';
        if (!k)
            continue;
        *ids = xreallocarray(*ids, *n + 1, sizeof(**ids));
        (*ids)[(*n)++] = xstrdup(s);
    }
    bool ok = !ferror(f);
    free(line);
    if (!std)
        fclose(f);
    if (!ok)
        err_set(&c->conn.err, ST_OTHER, _("--from %s: cannot be read"), path);
    return ok;
}

/* What the outcomes need. */
struct run {
    struct cli *c;
    const struct api_target *t;
    enum status_code first; /* the first failure's code, ST_OK while none */
    bool unknown;           /* an outcome was unknown */
};

/* One ID's outcome: a line on stdout, or its error on stderr. */
static void on_item(void *ud, size_t i, const char *id, const struct tn_error *err)
{
    struct run *r = ud;
    (void)i;
    struct strbuf safe = SB_INIT;
    text_add_neutral(&safe, id, strlen(id));
    if (err->code == ST_OK) {
        if (r->c->format == OUTPUT_TABLE) {
            printf(phrase(r->t->kind, PH_DELETED_ID, _("Deleted %s.")), sb_str(&safe));
            putchar('\n');
        } else
            printf("%s\n", sb_str(&safe));
    } else if (err->maybe_done) { /* not a failure: it may be gone */
        r->unknown = true;
        char *text = err_format(err);
        fprintf(stderr,
                phrase(r->t->kind, PH_BULK_UNKNOWN,
                       /* TRANSLATORS: the program's name, the ID, then the error; keep the
                        * newline. */
                       _("%s: %s: unknown whether it was deleted (an answer was lost): %s\n")),
                util_progname(), sb_str(&safe), text);
        free(text);
    } else {
        if (r->first == ST_OK)
            r->first = err->code;
        char *text = err_format(err);
        fprintf(stderr,
                phrase(r->t->kind, PH_BULK_FAILED,
                       /* TRANSLATORS: the program's name, the ID, then what went wrong; keep
                        * the newline. */
                       _("%s: %s: %s\n")),
                util_progname(), sb_str(&safe), text);
        free(text);
    }
    sb_free(&safe);
    fflush(stdout);
}

/* The question: "delete 3 tenants (a, b, c)" with the first few IDs. */
static char *question(const struct api_target *t, char *const *ids, size_t n)
{
    struct strbuf sb = SB_INIT;
    if (t->parent)
        sb_addf(&sb,
                phrase_n(t->kind, PH_DELETE_N_IN, n,
                         /* TRANSLATORS: the start of a question ending in [y/N]: how many, then
                          * the parent's ID; the first IDs follow in parentheses. */
                         ngettext("delete %zu of %s", "delete %zu of %s", n)),
                n, t->parent);
    else
        sb_addf(&sb, phrase_n(t->kind, PH_DELETE_N, n, ngettext("delete %zu", "delete %zu", n)),
                n);
    sb_adds(&sb, " (");
    for (size_t i = 0; i < n && i < 3; i++) {
        if (i)
            sb_adds(&sb, ", ");
        text_add_neutral(&sb, ids[i], strlen(ids[i]));
    }
    sb_adds(&sb, n > 3 ? ", ...)" : ")");
    return sb_steal(&sb);
}

int bulk_delete_run(struct cli *c, const struct api_target *t, char *const *ids, size_t n,
                    int in_flight, bool yes)
{
    if (!n) {
        err_set(&c->conn.err, ST_USAGE, "%s",
                phrase(t->kind, PH_NONE_FROM, _("nothing to delete: --from gave no ID")));
        return ST_USAGE;
    }
    char *q = question(t, ids, n);
    bool ok = cli_confirm(c, yes, q);
    free(q);
    if (!ok)
        return (int)c->conn.err.code;
    if (in_flight <= 0)
        in_flight = c->conn.profile->in_flight;
    if (in_flight <= 0)
        in_flight = PROFILE_DEFAULT_IN_FLIGHT;
    struct run r = {c, t, ST_OK, false};
    struct bulk *b = bulk_delete_new(c->conn.session, t, (const char *const *)ids, n, in_flight,
                                     on_item, &r);
    while (bulk_pump(b))
        cli_wait(c);
    size_t total = bulk_total(b), done = bulk_succeeded(b), unknown = bulk_unknown(b);
    bulk_free(b);
    if (done == total) {
        if (c->format == OUTPUT_TABLE)
            /* TRANSLATORS: the number deleted, then the number asked for (the plural
             * follows it). */
            printf(ngettext("Deleted %zu of %zu.\n", "Deleted %zu of %zu.\n", total), done, total);
        return ST_OK;
    }
    /* an unknown outcome alone is a network error: the answer was lost */
    enum status_code code = r.first != ST_OK ? r.first : ST_NETWORK;
    size_t failed = total - done - unknown;
    if (!unknown)
        /* TRANSLATORS: the number deleted, the number asked for, then the number that failed
         * (the plural follows it). */
        err_set(&c->conn.err, code,
                ngettext("deleted %zu of %zu; %zu failed (listed above)",
                         "deleted %zu of %zu; %zu failed (listed above)", failed),
                done, total, failed);
    else
        /* TRANSLATORS: the number deleted, the number asked for, the number that failed, then
         * the number whose outcome is unknown (an answer lost: they may be deleted; the plural
         * follows it). */
        err_set(&c->conn.err, code,
                ngettext("deleted %zu of %zu; %zu failed, %zu unknown (listed above)",
                         "deleted %zu of %zu; %zu failed, %zu unknown (listed above)", unknown),
                done, total, failed, unknown);
    err_hint(&c->conn.err, _("Run the same command with the IDs that failed or are unknown to "
                             "try them again: one that is already gone fails as not found."));
    return (int)code;
}
