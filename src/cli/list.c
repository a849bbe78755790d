/* list.c: the list verb: a page, or every page (--all) streamed as it comes, the next page
 * asked for while this one prints; where to go on (--cursor) when a list stops or is cut; and
 * looking a name up in a list (an environment given by its name). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/resource.h"
#include "core/intl.h"
#include "core/phrase.h"
#include "core/text.h"
#include "core/walk.h"


/* Show "N tenants loaded" (or "N of M") on a terminal's stderr, or (n == 0) erase it. */
static void progress(size_t n, const struct page *page, const struct api_kind_def *kind)
{
    if (n)
        fputc('\r', stderr);
    char a[48], b[48];
    if (n && page->has_total)
        fprintf(stderr,
                phrase_n(kind, PH_LOADED_OF_MORE, (unsigned long)page->total,
                         ngettext("%s of %s loaded, more to come...",
                                  "%s of %s loaded, more to come...", (unsigned long)page->total)),
                text_count(n, a, sizeof(a)), text_count(page->total, b, sizeof(b)));
    else if (n)
        fprintf(stderr,
                phrase_n(kind, PH_LOADED_MORE, n,
                         ngettext("%s loaded, more to come...", "%s loaded, more to come...", n)),
                text_count(n, a, sizeof(a)));
    else
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

/* The server's cursor as a shell argument: neutralised, and quoted for the shell when it holds
 * more than letters, digits and -_.=~ (to be freed). */
static char *cursor_arg(const char *next)
{
    struct strbuf sb = SB_INIT;
    text_add_neutral(&sb, next, false);
    bool plain = sb.len > 0;
    for (const char *p = sb_str(&sb); *p; p++)
        plain = plain && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                          (*p >= '0' && *p <= '9') || strchr("-_.=~", *p));
    struct strbuf arg = SB_INIT;
    if (!plain)
        sb_addc(&arg, '\'');
    for (const char *p = sb_str(&sb); *p; p++)
        sb_adds(&arg, *p == '\'' ? "'\\''" : (char[]){*p, '\0'});
    if (!plain)
        sb_addc(&arg, '\'');
    sb_free(&sb);
    return sb_steal(&arg);
}

/* A list cut short after some of it was printed: exit status 6 whatever the cause, and (unless
 * the list looped) the hint gives the cursor of the page that failed, to go on from there. */
static void cut_short(struct cli *c, const char *resume, const struct walk *walk)
{
    struct tn_error *err = &c->conn.err;
    err->code = ST_NETWORK;
    if (!resume || walk_stopped(walk))
        return;
    char *had = err->hint ? xstrdup(err->hint) : NULL;
    char *arg = cursor_arg(resume);
    if (had)
        /* TRANSLATORS: the 1st %s is the hint given already (a sentence, then a line break), the
         * 2nd the cursor's value; keep --cursor and --all as they are. */
        err_hint(err, _("%s\nTo go on from where the list stopped: --cursor %s --all"), had, arg);
    else
        /* TRANSLATORS: %s is the cursor's value; keep --cursor and --all as they are. */
        err_hint(err, _("To go on from where the list stopped: --cursor %s --all"), arg);
    free(arg);
    free(had);
}

/* Say on stderr where the next page starts; maybe: the page was short, so there may be none. */
static void print_next(const char *next, bool maybe)
{
    char *arg = cursor_arg(next);
    if (maybe)
        /* TRANSLATORS: %s is the cursor's value; keep --cursor and --all as they are. */
        fprintf(stderr, _("More may be available: --cursor %s (or --all for every page).\n"), arg);
    else
        /* TRANSLATORS: %s is the cursor's value; keep --cursor and --all as they are. */
        fprintf(stderr, _("Next page: --cursor %s (or --all for every page).\n"), arg);
    free(arg);
}

int resource_list(struct cli *c, const struct api_target *t, long long limit_asked, bool all,
                  const char *cursor)
{
    /* --all asks for the largest pages, unless --limit or the profile's page_size say */
    int limit = limit_asked ? (int)limit_asked : api_page_size(c->conn.session, all);
    struct api_target bulk = *t;
    bulk.bulk = all; /* the system API fetches the pages after the first ahead */
    t = &bulk;
    bool show_progress = all && !c->conn.opt.quiet && isatty(STDERR_FILENO);
    struct output *out = cli_output(c, t->kind);
    if (!out)
        return (int)c->conn.err.code;
    char *next = cursor ? xstrdup(cursor) : NULL; /* the token of the page asked for */
    struct walk *walk = walk_new();
    size_t total = 0, pages = 0, last_n = 0;
    bool ok = true, counted = false, warned = false;
    struct outcome o = {.c = c};
    api_list(c->conn.session, t, next, limit, walk, resource_on_page, &o);
    for (;;) {
        ok = resource_wait(c, &o);
        struct page page = o.page;
        if (page.warning && !warned) /* once: a filter the server did not apply */
            /* TRANSLATORS: the program's name, then the warning's text. */
            fprintf(stderr, _("%s: warning: %s\n"), util_progname(), page.warning);
        warned |= page.warning != NULL;
        if (!ok) { /* a list that loops hands over the new rows that came with it */
            output_rows(out, page.rows, page.n);
            pages += page.n > 0;
            model_page_clear(&page);
            break;
        }
        free(next);
        next = page.next ? xstrdup(page.next) : NULL;
        /* ask for the next page before printing this one: the server works meanwhile */
        o = (struct outcome){.c = c};
        bool more = all && next;
        if (more)
            api_list(c->conn.session, t, next, limit, walk, resource_on_page, &o);
        output_rows(out, page.rows, page.n);
        total += page.n;
        last_n = page.n;
        counted = page.has_total;
        pages++;
        if (show_progress && more)
            progress(total, &page, t->kind);
        model_page_clear(&page);
        if (!more || ferror(stdout))
            break;
    }
    if (show_progress)
        progress(0, NULL, t->kind);
    output_end(out);
    if (!ok && all && pages > 0)
        cut_short(c, next, walk);
    /* a short page is not the end (a server may cap pages below the limit asked for), but
     * likely is, unless the server counts the list (then its next link is sure) */
    if (ok && !all && next && !c->conn.opt.quiet)
        print_next(next, last_n < (size_t)limit && !counted);
    if (ok && total == 0 && output_is_table(c->format) && !c->conn.opt.quiet)
        fprintf(stderr, "%s\n", phrase(t->kind, PH_NONE, _("Nothing to list.")));
    free(next);
    walk_free(walk);
    return ok ? ST_OK : (int)c->conn.err.code;
}

/* Replace *value, a name of a ref kind object (an environment called "au01"), by its ID:
 * list the kind and match the ID or the name. False with c->conn.err set when none or several
 * match. *owned receives the new string to free. */
bool resource_resolve_ref(struct cli *c, const char *ref, const char **value, char **owned)
{
    const struct api_kind_def *kind = api_kind_find(api_backend(c->conn.session), ref);
    if (!kind || util_is_uuid(*value) /* taken as an ID without a lookup */)
        return true;
    struct api_target t = {.kind = kind, .bulk = true};
    char *next = NULL, *found = NULL;
    size_t matches = 0;
    struct walk *walk = walk_new();
    do {
        struct outcome o = {.c = c};
        api_list(c->conn.session, &t, next, api_page_size(c->conn.session, true), walk,
                 resource_on_page, &o);
        free(next);
        next = NULL;
        if (!resource_wait(c, &o)) {
            model_page_clear(&o.page);
            free(found);
            walk_free(walk);
            return false;
        }
        for (size_t i = 0; i < o.page.n; i++) {
            const struct row *r = o.page.rows[i];
            const char *name = model_row_get(r, "name");
            if (!strcmp(model_row_id(r), *value) || (name && !strcmp(name, *value))) {
                matches++;
                free(found);
                found = xstrdup(model_row_id(r));
            }
        }
        next = o.page.next;
        o.page.next = NULL;
        model_page_clear(&o.page);
    } while (next);
    walk_free(walk);
    if (matches == 1) {
        *owned = found;
        *value = found;
        return true;
    }
    free(found);
    if (matches)
        err_set(&c->conn.err, ST_USAGE,
                phrase_n(kind, PH_N_CALLED, matches,
                         ngettext("%zu are called '%s': give the ID",
                                  "%zu are called '%s': give the ID", matches)),
                matches, *value);
    else
        err_set(&c->conn.err, ST_NOT_FOUND,
                phrase(kind, PH_NOT_CALLED, _("nothing is called '%s'")), *value);
    /* TRANSLATORS: the program's name, then the list's command word (e.g. "environments"): keep
     * the command in `...` as it is. */
    err_hint(&c->conn.err, _("`%s %s list` shows them."), util_progname(), ref);
    return false;
}
