/* connect.c: from the global options to an open session (see connect.h). */
#include "config.h"

#include "connect.h"

#include <stdlib.h>
#include <string.h>

#include "core/http.h"
#include "core/intl.h"
#include "core/log.h"
#include "demo.h"

bool connect_load_profiles(struct connection *c)
{
    if (c->profiles_loaded)
        return true;
    char *path = c->opt.config ? xstrdup(c->opt.config) : profile_default_path();
    bool ok = profile_load(path, &c->profiles, &c->err);
    free(path);
    c->profiles_loaded = ok;
    return ok;
}

/* Start a sandbox and a profile pointing at it. */
static bool start_demo(struct connection *c)
{
    const char *api = c->opt.demo_api ? c->opt.demo_api : "mattr";
    bool system = !strcmp(api, "system");
    if (!system && strcmp(api, "mattr")) {
        /* TRANSLATORS: %s is the value given to --demo; keep "mattr" and "system" as they are
         * (API names). */
        err_set(&c->err, ST_USAGE, _("--demo=%s: the demo speaks mattr or system"), api);
        err_hint(&c->err, _("Use --demo (the Management API) or --demo=system (/system/tenants)."));
        return false;
    }
    char *why = NULL;
    c->demo = demo_start(&why);
    if (!c->demo) {
        err_set(&c->err, ST_OTHER, _("cannot start the demo sandbox: %s"), why);
        free(why);
        return false;
    }
    struct profile *p = &c->demo_profile;
    p->name = xstrdup("demo");
    p->api = xstrdup(api);
    p->url = xstrdup(c->demo->url);
    if (system) {
        p->user = xstrdup(c->demo->system_user);
        p->password = xstrdup(c->demo->system_password);
    } else {
        p->auth_url = xstrdup(c->demo->token_url);
        p->audience = xstrdup(c->demo->audience);
        p->client_id = xstrdup(c->demo->client_id);
        p->client_secret = xstrdup(c->demo->client_secret);
    }
    p->no_token_cache = true; /* its tokens die with it */
    p->page_size = PROFILE_DEFAULT_PAGE_SIZE;
    p->timeout = PROFILE_DEFAULT_TIMEOUT;
    p->in_flight = PROFILE_DEFAULT_IN_FLIGHT;
    p->watch = PROFILE_DEFAULT_WATCH;
    c->profile = p;
    return true;
}

bool connect_pick_profile(struct connection *c)
{
    if (c->profile)
        return true;
    if (c->opt.demo)
        return start_demo(c);
    if (!connect_load_profiles(c))
        return false;
    if (c->opt.profile) {
        c->profile = profile_find(&c->profiles, c->opt.profile);
        if (!c->profile) {
            if (c->opt.profile_from_env)
                /* TRANSLATORS: the profile's name, then the profiles file's path; keep
                 * TENANTRY_PROFILE as it is. */
                err_set(&c->err, ST_USAGE, _("no profile called \"%s\" (TENANTRY_PROFILE) in %s"),
                        c->opt.profile, c->profiles.path);
            else
                err_set(&c->err, ST_USAGE, _("no profile called \"%s\" in %s"), c->opt.profile,
                        c->profiles.path);
            /* TRANSLATORS: %s is the program's name; keep the command in `...` as it is. */
            err_hint(&c->err, _("`%s profile list` shows the profiles."), util_progname());
        }
    } else {
        c->profile = profile_default(&c->profiles, &c->err);
    }
    return c->profile != NULL;
}

bool connect_open(struct connection *c)
{
    if (c->session)
        return true;
    if (!connect_pick_profile(c))
        return false;
    if (c->opt.log && !log_enabled() && !log_open(c->opt.log, &c->err))
        return false;
    if (!c->engine)
        c->engine = http_engine_new();
    struct profile p = *c->profile; /* api_open copies it */
    p.no_token_cache |= c->opt.no_token_cache;
    p.fresh_token |= c->opt.fresh_token;
    c->session = api_open(c->engine, &p, &c->err);
    if (c->session && c->opt.readonly)
        api_set_readonly(c->session);
    return c->session != NULL;
}

void connect_close(struct connection *c)
{
    api_close(c->session);
    c->session = NULL;
    http_engine_free(c->engine);
    c->engine = NULL;
    if (c->demo)
        demo_stop(c->demo);
    c->demo = NULL;
    c->profile = NULL;
    profile_free(&c->demo_profile);
    profile_set_free(&c->profiles);
    c->profiles_loaded = false;
    err_clear(&c->err);
}
