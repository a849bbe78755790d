/* api_system_read.c: the answers of the /system/tenants API read: error bodies (problem+json,
 * JSON-LD or bare text), tenant rows without the JSON-LD keys, and list pages (a plain array
 * or a hydra:Collection, whose links name the next page and the server's page parameter). */
#include "config.h"

#include "core/api_system.h"
#include "core/api_system_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/json.h"
#include "core/sysfilter.h"

/* An error from a non-2xx answer: problem+json {title, detail, violations[]}, JSON-LD
 * {hydra:title, hydra:description}, or bare text. */
void system_read_error(struct http_request *req, struct tn_error *err)
{
    long status = http_status(req);
    size_t len;
    const char *body = http_body(req, &len);
    cJSON *j = json_parse_answer(body, len);
    const char *message = NULL;
    static const char *const keys[] = {"detail", "hydra:description", "message", "title",
                                       "hydra:title"};
    for (size_t i = 0; j && !message && i < ARRAY_SIZE(keys); i++)
        message = json_get_string(j, keys[i]);
    struct strbuf sb = SB_INIT;
    const cJSON *violations = j ? json_get_array(j, "violations") : NULL, *v;
    if (cJSON_GetArraySize(violations) > 0) {
        /* the detail repeats the violations: say each once */
        cJSON_ArrayForEach(v, violations)
        {
            const char *path = json_get_string(v, "propertyPath");
            const char *msg = json_get_string(v, "message");
            if (!msg)
                continue;
            sb_addf(&sb, "%s%s%s%s", sb.len ? "; " : "", path && *path ? path : "",
                    path && *path ? ": " : "", msg);
            if (path && *path)
                err_add_detail(err, path, msg);
        }
    }
    if (!sb.len && message)
        sb_add(&sb, message, strcspn(message, "\r\n"));
    else if (!sb.len)
        api_add_bare_message(&sb, req, j);
    api_set_http_error(req, sb_str(&sb), err);
    sb_free(&sb);
    cJSON_Delete(j);
    switch (status) {
    case 401:
        err_hint(err, _("The server refused the user and password: check the profile's user "
                        "and its password setting."));
        break;
    case 403:
        err_hint(err, _("The profile's user lacks the permission for this operation."));
        break;
    case 404:
        err_hint(err, _("No such tenant: check the UUID (`tenantry tenants list` shows them)."));
        break;
    default:
        break;
    }
}

/* A row from one tenant object, without the JSON-LD keys (@context, @id, @type). */
struct row *system_read_row(const cJSON *obj)
{
    bool ld = false;
    const cJSON *item;
    cJSON_ArrayForEach(item, obj)
        ld |= item->string && item->string[0] == '@';
    if (!ld)
        return model_row_from_json(&system_tenants, obj, false);
    cJSON *copy = cJSON_Duplicate(obj, 1);
    if (!copy)
        die("out of memory");
    for (cJSON *c = copy->child, *next; c; c = next) {
        next = c->next;
        if (c->string && c->string[0] == '@')
            cJSON_Delete(cJSON_DetachItemViaPointer(copy, c));
    }
    struct row *row = model_row_from_json(&system_tenants, copy, false);
    cJSON_Delete(copy);
    return row;
}

/* The query parameters of link (a URL or path), each "name=value" %-decoded, in *out (n of
 * them; free with free_params). */
static char **link_params(const char *link, size_t *n)
{
    char **v = NULL;
    *n = 0;
    for (const char *q = strchr(link, '?'); q; q = strchr(q, '&')) {
        q++;
        size_t len = strcspn(q, "&#");
        struct strbuf sb = SB_INIT;
        if (!util_percent_decode(q, len, true, &sb)) {
            sb_free(&sb);
            continue;
        }
        v = xreallocarray(v, *n + 1, sizeof(*v));
        v[(*n)++] = sb_steal(&sb);
    }
    return v;
}

static void free_params(char **v, size_t n)
{
    while (n)
        free(v[--n]);
    free(v);
}

/* The name of the server's page parameter, learnt from a view's own link and its next link:
 * the one name whose name=value pairs are not all in both (a filter such as id[]=1&id[]=2 is
 * the same in both). NULL (nothing to free) when that is not exactly one name. */
static char *page_param_of(const char *self, const char *next)
{
    size_t ns, nn;
    char **s = link_params(self, &ns), **x = link_params(next, &nn);
    bool *used = xcalloc(ns + 1, sizeof(*used));
    char *found = NULL;
    bool several = false;
    for (size_t i = 0; i < nn && !several; i++) {
        size_t j = 0;
        while (j < ns && (used[j] || strcmp(s[j], x[i])))
            j++;
        if (j < ns) {
            used[j] = true; /* the same pair in both: not the page */
            continue;
        }
        size_t len = strcspn(x[i], "=");
        if (!found)
            found = xstrndup(x[i], len);
        else if (strlen(found) != len || strncmp(found, x[i], len))
            several = true;
    }
    free(used);
    free_params(s, ns);
    free_params(x, nn);
    if (several) {
        free(found);
        return NULL;
    }
    return found;
}

/* The page number the link names with the page parameter name, or 0 when it names none. */
static long long link_page_number(const char *link, const char *name)
{
    size_t n, len = strlen(name);
    char **v = link_params(link, &n);
    long long page = 0;
    for (size_t i = 0; i < n; i++)
        if (!strncmp(v[i], name, len) && v[i][len] == '=' &&
            !str_to_llong(v[i] + len + 1, 1, INT32_MAX, &page))
            page = 0;
    free_params(v, n);
    return page;
}

/* Turn a list answer into a page: a plain array, or a hydra:Collection whose hydra:view's
 * hydra:next says whether a next page exists (and which it is) and whose hydra:totalItems
 * says how many there are. */
bool system_read_page(const cJSON *j, const struct pending *p, int limit, struct page *page,
                       struct tn_error *err)
{
    const cJSON *items = cJSON_IsArray(j) ? j : json_get_array(j, "hydra:member"), *item;
    if (!items) {
        err_set(err, ST_NETWORK, _("the server's list is neither an array nor a "
                                   "hydra:Collection with hydra:member"));
        err_hint(err, _("Check that the profile's url points at the API."));
        return false;
    }
    size_t against = 0; /* rows the filter excludes: the server did not apply it */
    cJSON_ArrayForEach(item, items)
    {
        if (!cJSON_IsObject(item))
            continue;
        /* values alone leave the JSON-LD keys out anyway */
        struct row *row = api_call_parts(p->call) & API_ROW_RAW ? system_read_row(item)
                                                                : model_row_values(&system_tenants, item);
        if (sysfilter_contradicts(p->filter, row)) {
            against++;
            model_row_free(row);
        } else {
            model_page_add(page, row);
        }
    }
    if (against)
        /* TRANSLATORS: the number of rows left out, then the number of rows the server sent. */
        page->warning = xasprintf(_("the server did not apply the filter (it ignores a filter "
                                    "it does not know): %zu of the %d rows it sent contradict "
                                    "it and are left out"),
                                  against, cJSON_GetArraySize(items));
    int n = cJSON_GetArraySize(items);
    bool more;
    long long after = p->page > 0 ? p->page + 1 : 0; /* the next page's number */
    long long size = p->size; /* the page size the server chose, when it said less than asked */
    if (cJSON_IsArray(j)) {
        /* no total, no links: a page shorter than the server's page size is the last; that
         * size is the limit asked for, unless the first page said less (a server may cap the
         * page size: then the next page tells) */
        if (p->page == 1 && n > 0 && n < limit)
            size = n;
        more = n > 0 && n >= (size ? size : limit);
    } else {
        long long total;
        if (json_get_int(j, "hydra:totalItems", 0, INT64_MAX, &total)) {
            page->has_total = true;
            page->total = (unsigned long long)total;
        }
        const cJSON *view = json_get_object(j, "hydra:view");
        const char *self = view ? json_get_string(view, "@id") : NULL;
        const char *next = view ? json_get_string(view, "hydra:next") : NULL;
        /* a server that names its page parameter otherwise ignores ours and would send the
         * first page again and again: its links tell its name */
        char *theirs = self && next ? page_param_of(self, next) : NULL;
        if (theirs && strcmp(theirs, p->impl->page_param)) {
            /* TRANSLATORS: the 1st %s is the page parameter's name the server uses, the 2nd the
             * one tenantry sent (e.g. _page). */
            err_set(err, ST_OTHER, _("the server's page parameter is \"%s\", not \"%s\": "
                                     "it would send the same page again"),
                    theirs, p->impl->page_param);
            /* TRANSLATORS: the 1st and 2nd %s are the names now set for the page and the page
             * size, the 3rd the server's address of its next page; keep page_params untranslated
             * (a profile setting). */
            err_hint(err, _("Set page_params in the profile to the server's names of the page "
                            "and the page size (now \"%s,%s\"); its next page is %s"),
                     p->impl->page_param, p->impl->limit_param, next);
            free(theirs);
            return false;
        }
        free(theirs);
        /* the server's link says where the list goes on, whatever hydra:totalItems says (a
         * count may be stale or capped; a loop is caught by the walk) */
        more = n > 0 && next;
        if (more && link_page_number(next, p->impl->page_param) > 0)
            after = link_page_number(next, p->impl->page_param);
    }
    if (more && after > 0)
        page->next = size ? xasprintf("%lld:%lld", after, size) : xasprintf("%lld", after);
    return true;
}

bool api_system_parse(enum api_op op, const char *body, size_t len, long long page_no,
                      int limit, struct page *page, struct row **row, struct tn_error *err)
{
    struct api_impl impl = {.page_param = "page", .limit_param = "limit"};
    struct pending p = {.impl = &impl, .page = page_no};
    cJSON *j = json_parse(body, len);
    bool ok = j != NULL;
    if (!j)
        err_set(err, ST_NETWORK, _("the server sent a response that is not JSON"));
    else if (op == API_OP_LIST)
        ok = system_read_page(j, &p, limit, page, err);
    else if (cJSON_IsObject(j))
        *row = system_read_row(j);
    else
        ok = false;
    cJSON_Delete(j);
    return ok;
}

