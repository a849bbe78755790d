/* keyring.c: OAuth tokens cached in the kernel's user keyring between commands. */
#include "config.h"

#include "core/keyring.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <keyutils.h>

#include "core/log.h"
#include "core/util.h"

/* The first line of every key's payload; then "EXPIRES RENEW\n" (Unix ms) and the token. */
#define MAGIC "tenantry-token 1\n"
/* The owner may view, read and find the key (possessed or not); others nothing, and nobody may
 * change it: a new token replaces the key. LINK lets the creator link it into the user
 * keyring. */
#define KEY_PERM                                                                              \
    (KEY_POS_VIEW | KEY_POS_READ | KEY_POS_SEARCH | KEY_POS_LINK | KEY_USR_VIEW |              \
     KEY_USR_READ | KEY_USR_SEARCH)
#define OTHERS_MASK 0x0000ffffu /* the group's and others' permission bits */

static bool unavailable; /* the keyring refused once: memory only from then on */

/* Stop using the keyring after what failed with errno e, saying so once in the log. */
static void give_up(const char *what, int e)
{
    if (!unavailable)
        log_printf("token cache: the kernel keyring is unavailable (%s: %s); tokens stay in "
                   "memory only",
                   what, strerror(e));
    unavailable = true;
}

/* True when errno e only says that there is no such key (or it expired). */
static bool no_key(int e)
{
    return e == ENOKEY || e == EKEYEXPIRED || e == EKEYREVOKED;
}

/* Append s with '%', space and control characters %-escaped. */
static void add_escaped(struct strbuf *sb, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p <= ' ' || *p == '%' || *p == 0x7f)
            sb_addf(sb, "%%%02X", *p);
        else
            sb_addc(sb, (char)*p);
    }
}

char *keyring_token_name(const char *auth_url, const char *client_id, const char *audience)
{
    struct strbuf sb = SB_INIT;
    sb_adds(&sb, "tenantry:token ");
    add_escaped(&sb, auth_url);
    sb_addc(&sb, ' ');
    add_escaped(&sb, client_id);
    sb_addc(&sb, ' ');
    add_escaped(&sb, audience);
    return sb_steal(&sb);
}

/* The key called name in the user keyring, or -1 (errno set). */
static key_serial_t find(const char *name)
{
    key_serial_t id = keyctl_search(KEY_SPEC_USER_KEYRING, "user", name, 0);
    if (id < 0 && !no_key(errno))
        give_up("keyctl_search", errno);
    return id;
}

/* True when key id belongs to this user and grants nothing to group or others. */
static bool key_private(key_serial_t id)
{
    char *desc = NULL;
    if (keyctl_describe_alloc(id, &desc) < 0)
        return false;
    unsigned uid = 0, perm = 0;
    /* "type;uid;gid;perm;description" */
    bool ok = sscanf(desc, "%*[^;];%u;%*u;%x;", &uid, &perm) == 2 && uid == (unsigned)geteuid() &&
              !(perm & OTHERS_MASK);
    if (!ok)
        log_printf("token cache: ignoring key %" PRId32 ": it is not private to this user",
                   (int32_t)id);
    free(desc);
    return ok;
}

/* Read key id's payload: true with *token (a new secret string), *expires_ms and *renew_ms
 * when it is one of ours and well formed. */
static bool read_payload(key_serial_t id, char **token, int64_t *expires_ms, int64_t *renew_ms)
{
    void *buf = NULL;
    long n = keyctl_read_alloc(id, &buf);
    if (n < 0) {
        if (!no_key(errno))
            give_up("keyctl_read", errno);
        return false;
    }
    const char *p = buf;
    bool ok = false;
    long long expires = 0, renew = 0;
    size_t magic = strlen(MAGIC);
    if ((size_t)n > magic && !memcmp(p, MAGIC, magic)) {
        const char *nl = memchr(p + magic, '\n', (size_t)n - magic);
        if (nl && sscanf(p + magic, "%lld %lld", &expires, &renew) == 2) {
            const char *tok = nl + 1;
            size_t len = (size_t)n - (size_t)(tok - p);
            ok = len > 0;
            for (size_t i = 0; i < len && ok; i++) /* what goes into a header line */
                ok = tok[i] > ' ' && tok[i] < 0x7f;
            if (ok)
                *token = xstrndup(tok, len);
        }
    }
    util_wipe(buf, (size_t)n);
    free(buf);
    if (ok) {
        *expires_ms = expires;
        *renew_ms = renew;
    }
    return ok;
}

bool keyring_token_load(const char *name, char **token, int64_t *expires_ms,
                        int64_t *renew_ms)
{
    if (unavailable)
        return false;
    key_serial_t id = find(name);
    if (id < 0 || !key_private(id) || !read_payload(id, token, expires_ms, renew_ms))
        return false;
    if (util_wallclock_ms() < *renew_ms)
        return true;
    util_free_secret(*token);
    *token = NULL;
    return false;
}

void keyring_token_store(const char *name, const char *token, int64_t expires_ms,
                         int64_t renew_ms)
{
    long long timeout = (renew_ms - util_wallclock_ms()) / 1000;
    if (unavailable || timeout < 1)
        return;
    char *payload = xasprintf(MAGIC "%lld %lld\n%s", (long long)expires_ms,
                              (long long)renew_ms, token);
    /* made in the process keyring, which this process possesses, so that it may set the
     * timeout and the permissions before the key is linked where other commands find it */
    key_serial_t id =
        add_key("user", name, payload, strlen(payload), KEY_SPEC_PROCESS_KEYRING);
    util_free_secret(payload);
    if (id < 0) {
        give_up("add_key", errno);
        return;
    }
    const char *what = NULL;
    if (keyctl_set_timeout(id, (unsigned)(timeout > 0xffffff ? 0xffffff : timeout)) < 0)
        what = "keyctl_set_timeout";
    else if (keyctl_setperm(id, KEY_PERM) < 0)
        what = "keyctl_setperm";
    else if (keyctl_link(id, KEY_SPEC_USER_KEYRING) < 0)
        what = "keyctl_link";
    int e = errno;
    keyctl_unlink(id, KEY_SPEC_PROCESS_KEYRING);
    if (what) {
        keyctl_invalidate(id);
        give_up(what, e);
        return;
    }
    log_printf("token cache: token kept in the user keyring for %lld s", timeout);
}

void keyring_token_drop(const char *name, const char *token)
{
    if (unavailable)
        return;
    key_serial_t id = find(name);
    if (id < 0)
        return;
    if (token) {
        char *held = NULL;
        int64_t expires, renew;
        bool same = read_payload(id, &held, &expires, &renew) && !strcmp(held, token);
        util_free_secret(held);
        if (!same)
            return; /* another command has put a new token there meanwhile */
    }
    if (keyctl_invalidate(id) < 0 && keyctl_unlink(id, KEY_SPEC_USER_KEYRING) < 0) {
        log_printf("token cache: cannot drop the cached token: %s", strerror(errno));
        return;
    }
    log_printf("token cache: the cached token was dropped");
}
