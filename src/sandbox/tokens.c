/* tokens.c: bearer tokens the sandbox issued, and when each expires. Thread-safe. */
#include "config.h"

#include "sandbox/tokens.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/util.h"
#include "sandbox/seed.h"

#define MAX_TOKENS 100000

struct token {
    char *value;
    int64_t expires_ms; /* monotonic clock */
};

static pthread_mutex_t tokens_lock = PTHREAD_MUTEX_INITIALIZER;
static struct token *tokens;
static size_t ntokens, captokens;
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

/* Drop expired tokens, and the oldest ones past MAX_TOKENS. Lock held. */
static void prune(int64_t now)
{
    size_t keep = 0;
    size_t excess = ntokens >= MAX_TOKENS ? ntokens - MAX_TOKENS + 1 : 0;
    for (size_t i = 0; i < ntokens; i++) {
        if (i < excess || tokens[i].expires_ms <= now)
            free(tokens[i].value);
        else
            tokens[keep++] = tokens[i];
    }
    ntokens = keep;
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

    prune(now);
    if (ntokens == captokens) {
        captokens = captokens ? captokens * 2 : 16;
        tokens = xreallocarray(tokens, captokens, sizeof(*tokens));
    }
    tokens[ntokens].value = xstrdup(value);
    tokens[ntokens].expires_ms = now + (int64_t)token_ttl * 1000;
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
    for (size_t i = 0; i < ntokens && !ok; i++)
        ok = tokens[i].expires_ms > now && strcmp(tokens[i].value, token) == 0;
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
    ntokens = captokens = 0;
    free(token_audience);
    token_audience = NULL;
    pthread_mutex_unlock(&tokens_lock);
}
