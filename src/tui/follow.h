/* follow.h: how the panes follow the selection. The tenants pane narrows to the environment
 * selected once that selection rests (a million tenants take a moment to narrow) or the
 * environments pane loses the focus; the clients pane lists the selected tenant's clients
 * once that selection rests, not for every tenant the selection passes over. The first
 * selection (a list just loaded) is followed at once: the first screen waits for nothing. No curses and no
 * panes here: the console tells it the selections and the time, it says what to do. */
#ifndef TENANTRY_FOLLOW_H
#define TENANTRY_FOLLOW_H

#include <stdbool.h>
#include <stdint.h>

/* A selection rests this long before the panes that follow it do: longer than the gap between
 * a held key's repeats (25/s on X by default, 12/s on macOS: 40 and 83 ms), so that holding j
 * requests nothing for the tenants passed over (tests/bench/console-rtt measures it). */
#define FOLLOW_SETTLE_MS 120

struct follow {
    char *env_id, *tenant_id; /* the selections seen last */
    char *env_applied;        /* the environment the tenants pane is narrowed to */
    bool env_pending;         /* env_id changed; the tenants pane follows when it rests */
    int64_t tenant_moved_ms, env_moved_ms;
};

/* Take in the selections at now: env (the environments pane's, NULL for all or none), tenant
 * (the tenants pane's, or NULL), and whether the environments pane has the focus. True when
 * the environment applied changed: the tenants pane must narrow again. */
bool follow_update(struct follow *f, const char *env, const char *tenant, bool env_focused,
                   int64_t now);
/* True when the clients pane may list now: the tenant selected has rested, or the clients
 * pane has the focus. */
bool follow_clients_due(const struct follow *f, bool clients_focused, int64_t now);
/* True while something is about to follow (counts as busy): the environment not applied yet,
 * or, when clients are listed (clients_shown), a tenant selected whose clients are not due. */
bool follow_pending(const struct follow *f, bool clients_shown, int64_t now);
/* The clients follow at once (Enter or a focus change). */
void follow_now(struct follow *f);
/* The environment the tenants pane is narrowed to, or NULL for all. */
const char *follow_environment(const struct follow *f);
/* Forget everything (new panes). */
void follow_reset(struct follow *f);

#endif
