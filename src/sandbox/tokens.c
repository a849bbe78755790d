/* tokens.c: bearer tokens the sandbox issued, and when each expires. Thread-safe. */
#include "config.h"

#include "sandbox/tokens.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/util.h"
#include "sandbox/imap.h"
#include "sandbox/seed.h"

/* Tokens remembered at most; past this the expired, then the oldest, are forgotten. */
#define MAX_TOKENS 100000

struct token {
    char *value;
    int64_t expires_ms; /* monotonic clock */
};

static pthread_mutex_t tokens_lock = PTHREAD_MUTEX_INITIALIZER;
static struct token *tokens;
static size_t ntokens, captokens;
static struct imap by_value;
static long token_ttl = 86400;
static char *token_audience;

void tokens_init(long ttl_seconds, const char *audience)
{
    pthread_mutex_lock(&tokens_lock);
    token_ttl = ttl_seconds;
    free(token_audience);
    token_audience = xstrdup(audience);
    pthread_mutex_unlock(&tokens_lock);
}

static bool value_eq(uint32_t row, const void *key, void *ctx)
{
    (void)ctx;
    return strcmp(tokens[row].value, key) == 0;
}

static uint64_t value_hash(const char *value)
{
    return imap_hash(value, strlen(value));
}

/* Make room for one more token: drop the expired ones, then the oldest half if that is not
 * enough, and index the rest anew. Lock held. */
static void prune(int64_t now)
{
    size_t keep = 0, live = 0;
    for (size_t i = 0; i < ntokens; i++)
        live += tokens[i].expires_ms > now;
    size_t drop_live = live >= MAX_TOKENS ? live - MAX_TOKENS / 2 : 0; /* oldest first */
    for (size_t i = 0; i < ntokens; i++) {
        bool expired = tokens[i].expires_ms <= now;
        if (expired || drop_live > 0) {
            if (!expired)
                drop_live--;
            util_free_secret(tokens[i].value);
        } else {
            tokens[keep++] = tokens[i];
        }
    }
    ntokens = keep;
    imap_free(&by_value);
    for (size_t i = 0; i < ntokens; i++)
        imap_insert(&by_value, value_hash(tokens[i].value), (uint32_t)i);
}

static char *b64json(cJSON *obj)
{
    char *text = json_print(obj);
    char *enc = util_base64url_encode(text, strlen(text));
    free(text);
    cJSON_Delete(obj);
    return enc;
}

char *tokens_issue(void)
{
    char jti[33], sig[44];
    seed_secret(jti, 32);
    seed_secret(sig, 43);
    int64_t now = util_now_ms();

    pthread_mutex_lock(&tokens_lock);
    cJSON *header = json_new_object();
    json_add_string(header, "alg", "none");
    json_add_string(header, "typ", "JWT");
    cJSON *claims = json_new_object();
    json_add_string(claims, "iss", "tenantry-sandbox");
    json_add_string(claims, "aud", token_audience ? token_audience : "");
    cJSON_AddNumberToObject(claims, "exp", (double)(util_wallclock_ms() / 1000 + token_ttl));
    json_add_string(claims, "jti", jti);
    char *h = b64json(header), *c = b64json(claims);
    char *value = xasprintf("%s.%s.%s", h, c, sig);
    free(h);
    free(c);

    if (ntokens >= MAX_TOKENS)
        prune(now);
    if (ntokens == captokens) {
        captokens = captokens ? captokens * 2 : 16;
        tokens = xreallocarray(tokens, captokens, sizeof(*tokens));
    }
    tokens[ntokens].value = xstrdup(value);
    tokens[ntokens].expires_ms = now + (int64_t)token_ttl * 1000;
    imap_insert(&by_value, value_hash(value), (uint32_t)ntokens);
    ntokens++;
    pthread_mutex_unlock(&tokens_lock);
    util_wipe(sig, sizeof(sig));
    return value;
}

bool tokens_valid(const char *token)
{
    bool ok = false;
    int64_t now = util_now_ms();
    pthread_mutex_lock(&tokens_lock);
    uint32_t row = imap_find(&by_value, value_hash(token), value_eq, token, NULL);
    ok = row != IMAP_NONE && tokens[row].expires_ms > now;
    pthread_mutex_unlock(&tokens_lock);
    return ok;
}

void tokens_free(void)
{
    pthread_mutex_lock(&tokens_lock);
    for (size_t i = 0; i < ntokens; i++)
        util_free_secret(tokens[i].value);
    free(tokens);
    tokens = NULL;
    imap_free(&by_value);
    ntokens = captokens = 0;
    free(token_audience);
    token_audience = NULL;
    pthread_mutex_unlock(&tokens_lock);
}
