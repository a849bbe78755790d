/* engine.c: helpers for the core tests that drive the http engine. */
#include "config.h"

#include "../sandbox/harness.h"
#include "engine.h"

void record(struct http_request *req, void *ud)
{
    struct outcome *o = ud;
    o->calls++;
    http_request_free(o->req); /* only the last one is kept */
    o->req = req;
    o->when = mono_now();
}

void outcome_free(struct outcome *o)
{
    http_request_free(o->req);
    o->req = NULL;
}

void pump_until(struct http_engine *e, const int *count, int n, double timeout_s)
{
    double deadline = mono_now() + timeout_s;
    while (*count < n) {
        if (mono_now() > deadline)
            FAIL("no completion within %.1f s (%d of %d)", timeout_s, *count, n);
        http_wait(e, -1, 100);
        http_dispatch(e);
    }
}

void pump_for(struct http_engine *e, double seconds)
{
    double deadline = mono_now() + seconds;
    while (mono_now() < deadline) {
        http_wait(e, -1, 20);
        http_dispatch(e);
    }
}
