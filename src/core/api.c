/* api.c: the backend registry and the session front that the CLI and the TUI call. */
#include "config.h"

#include "core/api.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/mattr.h"
#include "core/secret.h"

static const struct api_backend *const backends[] = {&mattr_backend};

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
};

struct api_session {
    const struct api_backend *backend;
    struct api_impl *impl;
    struct profile profile;
    struct api_call *calls;
    bool readonly; /* refuse create, update and delete */
    bool forced;   /* read-only by api_set_readonly (--readonly), not the profile */
};

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
        err_set(err, ST_USAGE, _("profile \"%s\": unknown api \"%s\""), p->name, api);
        return NULL;
    }
    char *secret = secret_resolve(p->client_secret, p->client_secret_env,
                                  p->client_secret_command, p->name, "client_secret", err);
    if (!secret)
        return NULL;
    struct api_impl *impl = b->open(e, p, secret, err);
    util_free_secret(secret);
    if (!impl)
        return NULL;
    struct api_session *s = xcalloc(1, sizeof(*s));
    s->backend = b;
    s->impl = impl;
    profile_copy(&s->profile, p);
    s->readonly = p->readonly;
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
    free(c);
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
    err_set(err, ST_USAGE, _("this API cannot do that with %s"), t->kind->name);
    return false;
}

struct api_call *api_list(struct api_session *s, const struct api_target *t, const char *next,
                          int limit, api_page_fn done, void *ud)
{
    struct api_call *c = call_new(s, t, API_OP_LIST, ud);
    c->cb.page = done;
    c->limit = limit;
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

bool api_check_input(const struct api_kind_def *k, const struct api_values *in, bool create,
                     struct tn_error *err)
{
    for (size_t i = 0; i < in->n; i++) {
        const struct api_input *def = NULL;
        for (size_t d = 0; d < k->ninputs; d++)
            if (!strcmp(k->inputs[d].key, in->v[i].key))
                def = &k->inputs[d];
        if (!def || (!create && !(def->flags & INPUT_UPDATE))) {
            err_set(err, ST_USAGE, _("%s cannot be set on %s"), def ? def->flag : in->v[i].key,
                    k->name);
            return false;
        }
        if (!(def->flags & INPUT_MULTI) && api_values_count(in, def->key) > 1) {
            err_set(err, ST_USAGE, _("--%s is given more than once"), def->flag);
            return false;
        }
    }
    for (size_t d = 0; create && d < k->ninputs; d++) {
        if ((k->inputs[d].flags & INPUT_REQUIRED) && !api_values_count(in, k->inputs[d].key)) {
            err_set(err, ST_USAGE, _("a new %s needs --%s %s"), _(k->singular),
                    k->inputs[d].flag, k->inputs[d].arg);
            return false;
        }
    }
    if (!create && !in->n) {
        err_set(err, ST_USAGE, _("nothing to change"));
        err_hint(err, _("Give what to change, e.g. --name or --role (see --help)."));
        return false;
    }
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
    c->req = s->backend->remove(s->impl, c, t);
    return c;
}

void api_cancel(struct api_session *s, struct api_call *call)
{
    s->backend->cancel(s->impl, call->req);
    call_free(call);
}

void api_call_page(struct api_call *call, struct page *page, const struct tn_error *err)
{
    api_page_fn cb = call->cb.page;
    void *ud = call->ud;
    call_free(call);
    cb(ud, page, err);
}

void api_call_row(struct api_call *call, struct row *row, const struct tn_error *err)
{
    api_row_fn cb = call->cb.row;
    void *ud = call->ud;
    call_free(call);
    cb(ud, row, err);
}

void api_call_done(struct api_call *call, const struct tn_error *err)
{
    api_done_fn cb = call->cb.done;
    void *ud = call->ud;
    call_free(call);
    cb(ud, err);
}

const struct api_kind_def *api_call_kind(const struct api_call *call)
{
    return call->kind;
}

int api_call_limit(const struct api_call *call)
{
    return call->limit;
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
