/* api.c: the backend registry and the session front that the CLI and the TUI call. */
#include "config.h"

#include "core/api.h"

#include <stdlib.h>
#include <string.h>

#include "core/api_mattr.h"
#include "core/api_system.h"
#include "core/intl.h"
#include "core/phrase.h"
#include "core/journal.h"
#include "core/json.h"
#include "core/log.h"
#include "core/rules.h"
#include "core/secret.h"
#include "core/text.h"
#include "core/walk.h"

static const struct api_backend *const backends[] = {&mattr_backend, &system_backend};

struct api_call {
    struct api_call *prev, *next;
    struct api_session *session;
    const struct api_kind_def *kind;
    enum api_op op;
    union {
        api_page_fn page;
        api_row_fn row;
        api_done_fn done;
    } cb;
    void *ud;
    struct http_request *req;
    int limit; /* the page size a list asked for */
    struct walk *walk; /* a list's walk, or NULL */
    char *followed;    /* the next-page token a list followed, or NULL */
    unsigned parts; /* the row parts it asked for */
    long status;    /* the HTTP status of the answer, when the backend said */
    struct journal_entry *note; /* a change's journal line, until it ends; or NULL */
};

struct api_session {
    const struct api_backend *backend;
    struct api_impl *impl;
    struct profile profile;
    struct api_call *calls;
    char *journal;         /* the journal's path, or NULL when it is off */
    char *journal_problem; /* why a line could not be written, or NULL */
    bool readonly; /* refuse create, update and delete */
    bool forced;   /* read-only by api_set_readonly (--readonly), not the profile */
};

const struct api_backend *const *api_backends(size_t *n)
{
    *n = ARRAY_SIZE(backends);
    return backends;
}

const struct api_backend *api_backend_find(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(backends); i++)
        if (!strcmp(backends[i]->name, name))
            return backends[i];
    return NULL;
}

const struct api_kind_def *api_kind_find(const struct api_backend *b, const char *name)
{
    for (size_t i = 0; i < b->nkinds; i++)
        if (!strcmp(b->kinds[i]->name, name))
            return b->kinds[i];
    return NULL;
}

struct api_session *api_open(struct http_engine *e, const struct profile *p,
                             struct tn_error *err)
{
    const char *api = p->api ? p->api : "mattr";
    const struct api_backend *b = api_backend_find(api);
    if (!b) {
        /* TRANSLATORS: the 1st %s is the profile's name, the 2nd the value of its "api" field;
         * keep "api" untranslated. */
        err_set(err, ST_USAGE, _("profile \"%s\": unknown api \"%s\""), p->name, api);
        return NULL;
    }
    struct profile_secret ps = profile_secret_of(p);
    /* a helper command (a password manager's prompt) runs only when a token must be had */
    char *secret = NULL;
    if (!b->credential_cached || !b->credential_cached(p)) {
        secret = secret_resolve(ps.inline_value, ps.env, ps.command, p->name, ps.name, err);
        if (!secret)
            return NULL;
    }
    struct api_impl *impl = b->open(e, p, secret, err);
    util_free_secret(secret);
    if (!impl)
        return NULL;
    struct api_session *s = xcalloc(1, sizeof(*s));
    s->backend = b;
    s->impl = impl;
    profile_copy(&s->profile, p);
    s->readonly = p->readonly;
    s->journal = p->no_journal ? NULL : journal_path();
    return s;
}

void api_close(struct api_session *s)
{
    if (!s)
        return;
    while (s->calls)
        api_cancel(s, s->calls);
    s->backend->close(s->impl);
    profile_free(&s->profile);
    free(s->journal);
    free(s->journal_problem);
    free(s);
}

const struct api_backend *api_backend(const struct api_session *s)
{
    return s->backend;
}

const struct profile *api_profile(const struct api_session *s)
{
    return &s->profile;
}

void api_set_readonly(struct api_session *s)
{
    s->forced = !s->readonly;
    s->readonly = true;
}

bool api_readonly(const struct api_session *s)
{
    return s->readonly;
}

int64_t api_token_expiry(const struct api_session *s)
{
    return s->backend->token_expiry(s->impl);
}

/* A new call record linked into the session. */
static struct api_call *call_new(struct api_session *s, const struct api_target *t,
                                 enum api_op op, void *ud)
{
    struct api_call *c = xcalloc(1, sizeof(*c));
    c->session = s;
    c->kind = t->kind;
    c->op = op;
    c->ud = ud;
    c->next = s->calls;
    if (s->calls)
        s->calls->prev = c;
    s->calls = c;
    return c;
}

/* Unlink and free a call record. */
static void call_free(struct api_call *c)
{
    struct api_session *s = c->session;
    if (c->prev)
        c->prev->next = c->next;
    else
        s->calls = c->next;
    if (c->next)
        c->next->prev = c->prev;
    free(c->followed);
    journal_entry_free(c->note);
    free(c);
}

/* ------------------------------------------------------------------ the journal */

/* Start the journal line of change c (op) on t with the inputs in (NULL for a delete). */
static void note_start(struct api_call *c, const struct api_target *t, const char *op,
                       const struct api_values *in)
{
    struct api_session *s = c->session;
    if (!s->journal)
        return;
    c->note = journal_entry_new(op, t->kind->name);
    journal_entry_set(c->note, "profile", s->profile.name);
    journal_entry_set(c->note, "api", s->backend->name);
    journal_entry_set(c->note, "parent", t->parent);
    journal_entry_set(c->note, "id", t->id);
    journal_entry_set(c->note, "name", in ? api_values_get(in, "name", 0) : NULL);
    const char *lock = t->kind->version_field; /* what it was read at, not a change */
    for (size_t i = 0; in && c->op == API_OP_UPDATE && i < in->n; i++)
        if (!lock || strcmp(in->v[i].key, lock))
            journal_entry_add_field(c->note, in->v[i].key);
}

/* End c's journal line: row is what a create or update answered, err how it went. */
static void note_end(struct api_call *c, const struct row *row, const struct tn_error *err)
{
    struct api_session *s = c->session;
    if (!c->note)
        return;
    if (row && c->op == API_OP_CREATE)
        journal_entry_set(c->note, "id", model_row_id(row));
    const char *name = row ? model_row_get(row, "name") : NULL;
    if (name && *name)
        journal_entry_set(c->note, "name", name);
    enum status_code code = err ? err->code : ST_OK;
    /* a success's status is the backend's; a failure's is its error's (0: no answer came) */
    journal_entry_end(c->note, code, code == ST_OK ? c->status : err->http_status,
                      code != ST_OK ? err->message : NULL);
    if (code != ST_OK && err->maybe_done)
        journal_entry_unknown(c->note);
    struct tn_error why = {0};
    if (!journal_append(s->journal, c->note, &why)) {
        log_printf("journal: %s", why.message);
        if (!s->journal_problem)
            s->journal_problem = xstrdup(why.message);
    }
    err_clear(&why);
    journal_entry_free(c->note);
    c->note = NULL;
}

/* A refused operation: the kind does not offer it, or the session is read-only and it
 * would change something. */
static bool op_allowed(const struct api_session *s, const struct api_target *t, enum api_op op,
                       struct tn_error *err)
{
    if (s->readonly && (op & (API_OP_CREATE | API_OP_UPDATE | API_OP_DELETE))) {
        if (s->forced)
            err_set(err, ST_USAGE, _("refused: read-only (--readonly is set; nothing was sent)"));
        else
            err_set(err, ST_USAGE,
                    _("refused: the profile \"%s\" is read-only (nothing was sent)"),
                    s->profile.name);
        return false;
    }
    if (t->kind->ops & op)
        return true;
    err_set(err, ST_USAGE, "%s", phrase(t->kind, PH_CANNOT_DO, _("this API cannot do that")));
    return false;
}

struct api_call *api_list(struct api_session *s, const struct api_target *t, const char *next,
                          int limit, struct walk *walk, api_page_fn done, void *ud)
{
    struct api_call *c = call_new(s, t, API_OP_LIST, ud);
    c->cb.page = done;
    c->limit = limit;
    c->walk = walk;
    c->followed = walk && next ? xstrdup(next) : NULL;
    c->parts = t->parts ? t->parts : API_ROW_VALUES | API_ROW_RAW;
    c->req = s->backend->list(s->impl, c, t, next, limit);
    return c;
}

struct api_call *api_get(struct api_session *s, const struct api_target *t, api_row_fn done,
                         void *ud)
{
    struct api_call *c = call_new(s, t, API_OP_GET, ud);
    c->cb.row = done;
    c->req = s->backend->get(s->impl, c, t);
    return c;
}

const struct api_input *api_input_find(const struct api_input *defs, size_t n, const char *key)
{
    for (size_t d = 0; d < n; d++)
        if (!strcmp(defs[d].key, key))
            return &defs[d];
    return NULL;
}

bool api_date_ok(const char *s)
{
    int64_t us;
    return util_parse_iso8601(s, &us);
}

/* Check one value against its input's kind; false with err naming the option. */
static bool value_ok(const struct api_input *def, const char *v, struct tn_error *err)
{
    long long n;
    if ((def->flags & INPUT_INT) && !str_to_llong(v, 0, INT64_MAX, &n)) {
        /* TRANSLATORS: %s is a command-line option's name (kept as is, after "--"), then the
         * value given. */
        err_set(err, ST_USAGE, _("--%s must be a whole number, not '%s'"), def->flag, v);
        return false;
    }
    if ((def->flags & INPUT_DATE) && !api_date_ok(v)) {
        /* TRANSLATORS: %s is a command-line option's name (kept as is, after "--"), then the
         * value given; keep the example dates as they are. */
        err_set(err, ST_USAGE, _("--%s must be a date such as 2024-01-01 or "
                                 "2024-01-01T10:00:00Z, not '%s'"), def->flag, v);
        return false;
    }
    if ((def->flags & INPUT_UUID) && !*v) {
        /* TRANSLATORS: %s is a command-line option's name (kept as is, after "--"). */
        err_set(err, ST_USAGE, _("--%s is empty"), def->flag);
        return false;
    }
    if ((def->flags & INPUT_UUID) && !util_is_uuid(v)) {
        /* TRANSLATORS: %s is a command-line option's name (kept as is, after "--"), then the
         * value given. */
        err_set(err, ST_USAGE, _("--%s must be a UUID such as "
                                 "123e4567-e89b-42d3-a456-426614174000, not '%s'"), def->flag, v);
        return false;
    }
    char why[200];
    const char *problem = (def->flags & INPUT_LABEL) ? rules_label_problem(v, why, sizeof(why))
                                                     : NULL;
    if (problem) {
        /* TRANSLATORS: an option's name (kept as is, after "--"), the value given, then why it
         * is not a valid label. */
        err_set(err, ST_USAGE, _("--%s '%s': %s"), def->flag, v, problem);
        return false;
    }
    return true;
}

/* Check in's keys and values against defs: each known (and allowed on update), single ones
 * not repeated. */
static bool values_ok(const struct api_input *defs, size_t ndefs, const char *what,
                      const struct api_values *in, bool update, struct tn_error *err)
{
    for (size_t i = 0; in && i < in->n; i++) {
        const struct api_input *def = api_input_find(defs, ndefs, in->v[i].key);
        if (!def || (update && !(def->flags & INPUT_UPDATE))) {
            /* TRANSLATORS: the 1st %s is an option (e.g. --name) or a field's name, kept as is;
             * the 2nd what is being created or changed (e.g. "tenant"). */
            err_set(err, ST_USAGE, _("%s cannot be set on %s"), def ? def->flag : in->v[i].key,
                    what);
            return false;
        }
        if (!(def->flags & INPUT_MULTI) && api_values_count(in, def->key) > 1) {
            /* TRANSLATORS: %s is a command-line option's name (kept as is, after "--"). */
            err_set(err, ST_USAGE, _("--%s is given more than once"), def->flag);
            return false;
        }
        if (!value_ok(def, in->v[i].value, err))
            return false;
    }
    return true;
}

bool api_check_input(const struct api_kind_def *k, const struct api_values *in, bool create,
                     struct tn_error *err)
{
    if (!values_ok(k->inputs, k->ninputs, k->name, in, !create, err))
        return false;
    for (size_t d = 0; d < k->ninputs; d++) {
        const struct api_input *def = &k->inputs[d];
        bool required = create ? (def->flags & INPUT_REQUIRED)
                               : (def->flags & INPUT_UPDATE_REQUIRED);
        if (required && !api_values_count(in, def->key)) {
            if (create)
                err_set(err, ST_USAGE, phrase(k, PH_NEW_NEEDS, _("creating one needs --%s %s")),
                        def->flag, def->arg);
            else
                err_set(err, ST_USAGE, phrase(k, PH_CHANGE_NEEDS, _("a change needs --%s %s")),
                        def->flag, def->arg);
            return false;
        }
    }
    size_t changes = 0;
    for (size_t i = 0; in && i < in->n; i++) {
        const struct api_input *def = api_input_find(k->inputs, k->ninputs, in->v[i].key);
        changes += def && !(def->flags & INPUT_UPDATE_REQUIRED);
    }
    if (!create && !changes) {
        struct strbuf flags = SB_INIT;
        for (size_t d = 0; d < k->ninputs; d++)
            if ((k->inputs[d].flags & INPUT_UPDATE) &&
                !(k->inputs[d].flags & INPUT_UPDATE_REQUIRED))
                sb_addf(&flags, "%s--%s", flags.len ? ", " : "", k->inputs[d].flag);
        err_set(err, ST_USAGE, _("nothing to change"));
        /* TRANSLATORS: %s lists the options that can be changed (e.g. --name, --role), kept as
         * is. */
        err_hint(err, _("Give what to change: %s."), sb_str(&flags));
        sb_free(&flags);
        return false;
    }
    return true;
}

bool api_check_filter(const struct api_kind_def *k, const struct api_values *filter,
                      struct tn_error *err)
{
    if (filter && filter->n && !k->nfilters) {
        err_set(err, ST_USAGE, "%s",
                phrase(k, PH_CANNOT_FILTER, _("this API cannot filter these on the server")));
        return false;
    }
    return values_ok(k->filters, k->nfilters, k->name, filter, false, err);
}

bool api_check_cursor(const struct api_kind_def *k, const char *next, struct tn_error *err)
{
    for (size_t i = 0; next && i < ARRAY_SIZE(backends); i++)
        for (size_t j = 0; j < backends[i]->nkinds; j++)
            if (backends[i]->kinds[j] == k && backends[i]->check_cursor)
                return backends[i]->check_cursor(next, err);
    return true;
}

struct api_call *api_create(struct api_session *s, const struct api_target *t,
                            const struct api_values *in, api_row_fn done, void *ud,
                            struct tn_error *err)
{
    if (!op_allowed(s, t, API_OP_CREATE, err) || !api_check_input(t->kind, in, true, err))
        return NULL;
    struct api_call *c = call_new(s, t, API_OP_CREATE, ud);
    c->cb.row = done;
    note_start(c, t, "create", in);
    c->req = s->backend->create(s->impl, c, t, in, err);
    if (!c->req) {
        call_free(c);
        return NULL;
    }
    return c;
}

struct api_call *api_update(struct api_session *s, const struct api_target *t,
                            const struct api_values *in, api_row_fn done, void *ud,
                            struct tn_error *err)
{
    if (!op_allowed(s, t, API_OP_UPDATE, err) || !api_check_input(t->kind, in, false, err))
        return NULL;
    struct api_call *c = call_new(s, t, API_OP_UPDATE, ud);
    c->cb.row = done;
    note_start(c, t, "update", in);
    c->req = s->backend->update(s->impl, c, t, in, err);
    if (!c->req) {
        call_free(c);
        return NULL;
    }
    return c;
}

struct api_call *api_delete(struct api_session *s, const struct api_target *t,
                            api_done_fn done, void *ud, struct tn_error *err)
{
    if (!op_allowed(s, t, API_OP_DELETE, err))
        return NULL;
    struct api_call *c = call_new(s, t, API_OP_DELETE, ud);
    c->cb.done = done;
    note_start(c, t, "delete", NULL);
    c->req = s->backend->remove(s->impl, c, t);
    return c;
}

void api_cancel(struct api_session *s, struct api_call *call)
{
    s->backend->cancel(s->impl, call->req);
    struct tn_error gone = {.code = ST_NETWORK};
    gone.message = _("cancelled before the answer came");
    note_end(call, NULL, &gone); /* sent: it may have been carried out */
    call_free(call);
}

void api_call_note(struct api_call *call, const char *key, const char *value)
{
    if (call->note)
        journal_entry_set(call->note, key, value);
}

void api_call_set_status(struct api_call *call, long status)
{
    call->status = status;
}

const char *api_journal_problem(const struct api_session *s)
{
    return s->journal_problem;
}

int api_page_size(const struct api_session *s, bool bulk)
{
    int size = s->profile.page_size;
    if (size > 0 && size != PROFILE_DEFAULT_PAGE_SIZE)
        return size; /* the profile's own */
    if (!bulk)
        return PROFILE_DEFAULT_PAGE_SIZE;
    return s->backend->max_page_size ? s->backend->max_page_size(s->impl) : 1000;
}

/* Check a page of a walk: a list that loops stops with an error naming the cause (err, a
 * copy of the call's outcome, is set then). A page equal to one before hands over no rows;
 * new rows that came with a link leading back are kept. */
static void check_walk(struct api_call *call, struct page *page, struct tn_error *err)
{
    struct walk *w = call->walk;
    size_t n = walk_pages(w) + 1; /* this page's number in the walk */
    switch (walk_check(w, call->followed, page)) {
    case WALK_OK:
        return;
    case WALK_REPEATED_LINK:
        err_set(err, ST_NETWORK, _("the server's link after page %zu leads back to a page "
                                   "already read: the list would never end, so it stops "
                                   "there"), n);
        err_hint(err, _("The server's paging is at fault; what came before is complete. "
                        "Report it to the server's operators."));
        free(page->next);
        page->next = NULL;
        return;
    case WALK_SAME_PAGE:
        err_set(err, ST_NETWORK, _("page %zu is the same as the page before it: the server "
                                   "ignores where the list goes on, so it would never end and "
                                   "stops there"), n);
        err_hint(err, _("The server's paging is at fault; what came before is complete. "
                        "Report it to the server's operators."));
        break;
    case WALK_FIRST_AGAIN:
        err_set(err, ST_NETWORK, _("page %zu starts with the rows of the first page: the "
                                   "server ignores the page asked for, so the list would never "
                                   "end and stops there"), n);
        if (!call->session->backend->repeat_hint ||
            !call->session->backend->repeat_hint(call->session->impl, page, err))
            err_hint(err, _("The server's paging is at fault; what came before is complete. "
                            "Report it to the server's operators."));
        break;
    }
    model_page_clear(page);
}

void api_call_page(struct api_call *call, struct page *page, const struct tn_error *err)
{
    struct tn_error mine = {0}, why = {0};
    if (err->code != ST_OK)
        model_page_clear(page); /* a failed list hands over no rows */
    else if (call->walk)
        check_walk(call, page, &mine);
    if (err->code == ST_NOT_FOUND && err->http_status == 404) {
        /* a list is never missing at the right address: the profile's url is the cause
         * (a client list's tenant may be missing too, as its hint says) */
        err_copy(&why, err);
        const char *url = call->session->profile.url;
        if (call->kind->parent && why.hint)
            /* TRANSLATORS: the 1st %s is the hint given already (a whole sentence, then a line
             * break), the 2nd the profile's url; keep "url" untranslated (a profile field). */
            err_hint(&why, _("%s\nOr the profile's url (now %s) is wrong."), err->hint, url);
        else
            err_hint(&why, _("Check the profile's url (now %s): the server has no such list "
                             "there."), url);
        err = &why;
    }
    api_page_fn cb = call->cb.page;
    void *ud = call->ud;
    call_free(call);
    cb(ud, page, mine.code != ST_OK ? &mine : err);
    err_clear(&mine);
    err_clear(&why);
}

void api_call_row(struct api_call *call, struct row *row, const struct tn_error *err)
{
    if (call->op != API_OP_GET)
        note_end(call, row, err);
    api_row_fn cb = call->cb.row;
    void *ud = call->ud;
    call_free(call);
    cb(ud, row, err);
}

void api_call_done(struct api_call *call, const struct tn_error *err)
{
    note_end(call, NULL, err);
    api_done_fn cb = call->cb.done;
    void *ud = call->ud;
    call_free(call);
    cb(ud, err);
}

const struct api_kind_def *api_call_kind(const struct api_call *call)
{
    return call->kind;
}

void api_call_set_request(struct api_call *call, struct http_request *req)
{
    call->req = req;
}

int api_call_limit(const struct api_call *call)
{
    return call->limit;
}

unsigned api_call_parts(const struct api_call *call)
{
    return call && call->parts ? call->parts : API_ROW_VALUES | API_ROW_RAW;
}

enum api_op api_call_op(const struct api_call *call)
{
    return call->op;
}

size_t api_values_count(const struct api_values *in, const char *key)
{
    size_t n = 0;
    for (size_t i = 0; in && i < in->n; i++)
        n += !strcmp(in->v[i].key, key);
    return n;
}

const char *api_values_get(const struct api_values *in, const char *key, size_t i)
{
    for (size_t k = 0; in && k < in->n; k++)
        if (!strcmp(in->v[k].key, key) && i-- == 0)
            return in->v[k].value;
    return NULL;
}
