/* rotate.c: the steps of a client's rotation (a create, then a delete), noted in the journal. */
#include "config.h"

#include "core/rotate.h"

#include <stdlib.h>

#include "core/intl.h"
#include "core/util.h"

void rotate_create_failed(struct tn_error *err, const char *old_id)
{
    err_prefix(err, _("the new client was not created (the old one, %s, still works and is "
                      "unchanged)"),
               old_id);
}

struct api_call *rotate_create(struct api_session *s, const struct api_target *t,
                               const char *name, const char *const *roles, size_t nroles,
                               api_row_fn done, void *ud, struct tn_error *err)
{
    struct api_value *v = xcalloc(1 + nroles, sizeof(*v));
    size_t k = 0;
    v[k++] = (struct api_value){"name", name ? name : ""};
    for (size_t i = 0; i < nroles; i++)
        v[k++] = (struct api_value){"roles", roles[i]};
    struct api_values in = {v, k};
    struct api_target ct = {.kind = t->kind, .parent = t->parent};
    struct api_call *call = api_create(s, &ct, &in, done, ud, err);
    free(v);
    if (call)
        api_call_note(call, "rotates", t->id);
    else
        rotate_create_failed(err, t->id);
    return call;
}

struct api_call *rotate_delete_old(struct api_session *s, const struct api_target *t,
                                   const char *new_id, api_done_fn done, void *ud,
                                   struct tn_error *err)
{
    struct api_call *call = api_delete(s, t, done, ud, err);
    if (call)
        api_call_note(call, "rotated_by", new_id);
    return call;
}
