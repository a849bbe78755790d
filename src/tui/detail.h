/* detail.h: every field of one object, as pretty JSON, searchable. */
#ifndef TENANTRY_DETAIL_H
#define TENANTRY_DETAIL_H

#include "core/status.h"
#include "tui/textview.h"

/* A detail view titled title ("tenant acme"), showing "Loading..." until set. */
struct textview *detail_view_new(const char *title);
/* Show the object whose compact JSON is raw, pretty-printed (keys in server order). */
void detail_set_json(struct textview *t, const char *raw);
/* Show why the object could not be loaded. */
void detail_set_error(struct textview *t, const struct tn_error *err);

#endif
