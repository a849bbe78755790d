/* engine.h: helpers for the core tests that drive the http engine: record completions, pump
 * the loop until something happened or for a while. */
#ifndef TENANTRY_TEST_ENGINE_H
#define TENANTRY_TEST_ENGINE_H

#include "core/http.h"

/* What a completion callback saw. */
struct outcome {
    int calls;
    struct http_request *req; /* the last one, kept for inspection; freed by outcome_free */
    double when;              /* mono_now() at the call */
};

/* An http_done_fn recording into the struct outcome ud (only the last request is kept). */
void record(struct http_request *req, void *ud);
/* Free the recorded request. */
void outcome_free(struct outcome *o);
/* Drive the engine until *count reaches n; fail after timeout_s. */
void pump_until(struct http_engine *e, const int *count, int n, double timeout_s);
/* Drive the engine for about seconds, whatever happens. */
void pump_for(struct http_engine *e, double seconds);

#endif
