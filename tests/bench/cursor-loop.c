/* cursor-loop.c: the floor for tests/bench/list-all: a minimal libcurl loop that pages through
 * /v1/tenants with pages of LIMIT, reusing one handle and one buffer, and only finds each page's
 * cursor (no JSON parsing, no output). Built by the bench with the system's cc and libcurl.
 *   BENCH_TOKEN=... cursor-loop BASE_URL [LIMIT]
 * Prints "PAGES BYTES" on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

struct buf {
    char *p;
    size_t len, cap;
};

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
    struct buf *b = ud;
    size_t len = size * n;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (cap < b->len + len + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return 0;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, len);
    b->len += len;
    b->p[b->len] = '\0';
    return len;
}

int main(int argc, char **argv)
{
    const char *token = getenv("BENCH_TOKEN");
    if (argc < 2 || !token) {
        fputs("usage: BENCH_TOKEN=... cursor-loop BASE_URL [LIMIT]\n", stderr);
        return 2;
    }
    const char *limit = argc > 2 ? argv[2] : "1000";
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *h = curl_easy_init();
    char auth[4096];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
    struct curl_slist *headers = curl_slist_append(NULL, auth);
    headers = curl_slist_append(headers, "Accept: application/json");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    struct buf b = {0};
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    char *cursor = NULL;
    unsigned long pages = 0;
    unsigned long long bytes = 0;
    for (;;) {
        char url[8192];
        char *esc = cursor ? curl_easy_escape(h, cursor, 0) : NULL;
        snprintf(url, sizeof(url), "%s/v1/tenants?limit=%s%s%s", argv[1], limit,
                 esc ? "&cursor=" : "", esc ? esc : "");
        curl_free(esc);
        curl_easy_setopt(h, CURLOPT_URL, url);
        b.len = 0;
        CURLcode rc = curl_easy_perform(h);
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        if (rc != CURLE_OK || status != 200) {
            fprintf(stderr, "cursor-loop: %s (HTTP %ld)\n", curl_easy_strerror(rc), status);
            return 1;
        }
        if (!b.p)
            break;
        pages++;
        bytes += b.len;
        if (strstr(b.p, "\"data\":[]"))
            break;
        const char *k = strstr(b.p, "\"nextCursor\":\"");
        if (!k)
            break;
        k += strlen("\"nextCursor\":\"");
        const char *q = strchr(k, '"');
        if (!q)
            break;
        free(cursor);
        cursor = strndup(k, (size_t)(q - k));
    }
    printf("%lu %llu\n", pages, bytes);
    free(cursor);
    free(b.p);
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    curl_global_cleanup();
    return 0;
}
