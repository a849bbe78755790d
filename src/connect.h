/* connect.h: from the global options to an open session: the profiles file, the profile in
 * use (-p, the default, or --demo's throwaway sandbox), the debug log, the engine and the
 * session. Shared by the commands (cli/) and the console (tui/), as options.c is. */
#ifndef TENANTRY_CONNECT_H
#define TENANTRY_CONNECT_H

#include <stdbool.h>

#include "core/api.h"
#include "core/profile.h"
#include "core/status.h"
#include "options.h"

struct demo;

/* A connection being made, or made. Zero-initialise, then set opt. */
struct connection {
    struct options opt;
    struct profile_set profiles;
    bool profiles_loaded;
    const struct profile *profile; /* the one in use */
    struct profile demo_profile;
    struct demo *demo;
    struct http_engine *engine;
    struct api_session *session;
    struct tn_error err; /* why the last step failed */
};

/* Load the profiles file once (also with --demo: the console's keys group and profile
 * list read it); false with c->err set. */
bool connect_load_profiles(struct connection *c);
/* Choose the profile: --demo (starting its sandbox), -p NAME, or the default; false with
 * c->err set. */
bool connect_pick_profile(struct connection *c);
/* Pick the profile, open the --log file, and open the session (read-only with --readonly);
 * false with c->err set. */
bool connect_open(struct connection *c);
/* Close the session, the engine and the demo sandbox; free the profiles and the error. */
void connect_close(struct connection *c);

#endif
