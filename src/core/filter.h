/* filter.h: the ':filter' line of the console (terms such as created>2024-01-01 id=7) read
 * into the server filters a kind declares, checked as the CLI's filter options are. */
#ifndef TENANTRY_FILTER_H
#define TENANTRY_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/api.h"

/* Filters the server applies to a list: values by the kind's filter keys (the keys are the
 * kind's, the values owned copies), and the terms that set them, for a title. */
struct filter_terms {
    struct api_value *v;
    size_t n;
    char *text;
};

/* Free what f holds and empty it. */
void filter_terms_free(struct filter_terms *f);
/* Add key (the kind's, not copied) = value (copied) to f. */
void filter_terms_add(struct filter_terms *f, const char *key, const char *value);
/* Read text, terms separated by spaces ("" for none), into out (empty on entry) by kind k's
 * filters: NAME=VALUE for a filter NAME, NAME>DATE and NAME<DATE (>= and <= alike: the
 * bounds are included) for the date filters NAME-after and NAME-before (NAMEAt too).
 * False with err set (what is wrong, what is accepted) and out empty. */
bool filter_parse(const struct api_kind_def *k, const char *text, struct filter_terms *out,
                  struct tn_error *err);

#endif
