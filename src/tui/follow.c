/* follow.c: the panes' selection-following rules. */
#include "config.h"

#include "tui/follow.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

/* Replace *slot with a copy of id when they differ; true when it changed. */
static bool track(char **slot, const char *id)
{
    if ((!*slot && !id) || (*slot && id && !strcmp(*slot, id)))
        return false;
    free(*slot);
    *slot = id ? xstrdup(id) : NULL;
    return true;
}

bool follow_update(struct follow *f, const char *env, const char *tenant, bool env_focused,
                   int64_t now)
{
    bool narrowed = false;
    bool env_first = !f->env_id, tenant_first = !f->tenant_id;
    if (track(&f->env_id, env)) {
        /* the first selection (a list just loaded) is followed at once: nothing is passed
         * over, and the first screen waits for no settling */
        f->env_moved_ms = env_first ? now - FOLLOW_SETTLE_MS : now;
        f->env_pending = true;
    }
    if (f->env_pending && (now - f->env_moved_ms >= FOLLOW_SETTLE_MS || !env_focused)) {
        f->env_pending = false;
        track(&f->env_applied, f->env_id);
        narrowed = true;
    }
    if (track(&f->tenant_id, tenant))
        f->tenant_moved_ms = tenant_first ? now - FOLLOW_SETTLE_MS : now;
    return narrowed;
}

bool follow_clients_due(const struct follow *f, bool clients_focused, int64_t now)
{
    return clients_focused || now - f->tenant_moved_ms >= FOLLOW_SETTLE_MS;
}

bool follow_pending(const struct follow *f, bool clients_shown, int64_t now)
{
    return f->env_pending ||
           (clients_shown && f->tenant_id && !follow_clients_due(f, false, now));
}

void follow_now(struct follow *f)
{
    f->tenant_moved_ms = 0;
}

const char *follow_environment(const struct follow *f)
{
    return f->env_applied;
}

void follow_reset(struct follow *f)
{
    free(f->env_id);
    free(f->tenant_id);
    free(f->env_applied);
    memset(f, 0, sizeof(*f));
}
