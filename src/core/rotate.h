/* rotate.h: a client's secret rotated the only way the API allows: a new client with the old
 * one's name and roles, then the old one deleted (or kept while its users move over). The
 * command line's `clients rotate` and the console's R share these steps; the journal says
 * which client is which ("rotates": OLD on the create, "rotated_by": NEW on the delete). */
#ifndef TENANTRY_ROTATE_H
#define TENANTRY_ROTATE_H

#include <stddef.h>

#include "core/api.h"

/* Create the client replacing t->id under tenant t->parent (kind t->kind): called name, with
 * the nroles roles. NULL with err set (and rotate_create_failed's words) when it is refused
 * before anything is sent. */
struct api_call *rotate_create(struct api_session *s, const struct api_target *t,
                               const char *name, const char *const *roles, size_t nroles,
                               api_row_fn done, void *ud, struct tn_error *err);
/* Put where things stand in front of err, the new client's create having failed: nothing was
 * created, the old client old_id works as before. */
void rotate_create_failed(struct tn_error *err, const char *old_id);
/* Delete the old client t->id, replaced by new_id. NULL with err set when refused before
 * anything is sent. */
struct api_call *rotate_delete_old(struct api_session *s, const struct api_target *t,
                                   const char *new_id, api_done_fn done, void *ud,
                                   struct tn_error *err);

#endif
