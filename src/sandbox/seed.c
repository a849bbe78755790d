/* seed.c: deterministic pseudo-random data (names, IDs) and unpredictable secrets. */
#include "config.h"

#include "sandbox/seed.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "core/intl.h"
#include "core/util.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (size_t i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
    /* Lemire's multiply-shift; the tiny bias is irrelevant for test data. */
    return (uint64_t)(((unsigned __int128)rng_next(r) * n) >> 64);
}

double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

void seed_uuid(struct rng *r, char out[37])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t hi = rng_next(r), lo = rng_next(r);
    hi = (hi & ~0xf000ULL) | 0x4000ULL;       /* version 4 */
    lo = (lo & ~(3ULL << 62)) | (2ULL << 62); /* RFC 4122 variant */
    size_t o = 0;
    for (int i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            out[o++] = '-';
        uint64_t word = i < 16 ? hi : lo;
        out[o++] = hex[(word >> (60 - 4 * (i % 16))) & 15];
    }
    out[o] = '\0';
}

static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

void seed_alnum(struct rng *r, char *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = alnum[rng_below(r, sizeof(alnum) - 1)];
    out[n] = '\0';
}

void seed_secret(char *out, size_t n)
{
    static const char set[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    unsigned char raw[256];
    size_t done = 0;
    while (done < n) {
        size_t want = n - done < sizeof(raw) ? n - done : sizeof(raw);
        ssize_t got = getrandom(raw, want, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            die(_("cannot read random bytes: %s"), strerror(errno));
        }
        for (ssize_t i = 0; i < got; i++)
            out[done++] = set[raw[i] & 63];
    }
    out[n] = '\0';
    util_wipe(raw, sizeof(raw));
}

static const char *const adjectives[] = {
    "Blue", "Northwind", "Silver", "Red", "Green", "Golden", "Bright", "Coastal", "Summit",
    "Pacific", "Atlas", "Evergreen", "Granite", "Harbor", "Iron", "Juniper", "Keystone",
    "Lakeside", "Maple", "Nimbus", "Orchid", "Pioneer", "Quartz", "Riverbend", "Sterling",
    "Tidal", "Union", "Vista", "Westfield", "Yarra", "Zenith", "Southern", "Eastern", "Crown",
};
static const char *const nouns[] = {
    "Harbor", "Ridge", "Valley", "Peak", "Bridge", "Forge", "Field", "Stone", "Point", "Grove",
    "Crest", "Bay", "Gate", "Hill", "Park", "Works", "Labs", "Line", "Port", "Haven",
};
static const char *const trades[] = {
    "Logistics", "Health", "Bank", "Credit Union", "University", "Insurance", "Energy",
    "Telecom", "Retail", "Airlines", "Council", "Motors", "Foods", "Pharma", "Mining",
    "Capital", "Shipping", "Security", "Education", "Government", "Media", "Hotels",
};
static const char *const client_purposes[] = {
    "issuer-portal", "verifier-app", "ci-pipeline", "backoffice", "mobile-wallet",
    "audit-export", "dts-bridge", "onboarding", "support-desk", "analytics", "terraform",
    "partner-sync",
};

void seed_tenant_name(struct rng *r, char *out, size_t size)
{
    const char *a = adjectives[rng_below(r, ARRAY_SIZE(adjectives))];
    const char *n = nouns[rng_below(r, ARRAY_SIZE(nouns))];
    const char *t = trades[rng_below(r, ARRAY_SIZE(trades))];
    if (rng_below(r, 3) == 0)
        snprintf(out, size, "%s %s", a, t);
    else
        snprintf(out, size, "%s %s %s", a, n, t);
}

void seed_client_name(struct rng *r, char *out, size_t size)
{
    const char *p = client_purposes[rng_below(r, ARRAY_SIZE(client_purposes))];
    static const char *const stages[] = {"prod", "staging", "dev", "test"};
    snprintf(out, size, "%s-%s", p, stages[rng_below(r, ARRAY_SIZE(stages))]);
}

static const char *const hostile[] = {
    "\x1b[31mRed Alert\x1b[0m Corp",            /* colour escape */
    "\x1b]52;c;ZXZpbA==\x07" "Clipboard Thief", /* OSC 52 write */
    "Bell\a\a and Backspace\b\b",               /* control characters */
    "Bad \xff\xfe UTF-8 \xc3\x28 Ltd",           /* invalid UTF-8 */
    "株式会社テスト・ホールディングス",         /* wide characters */
    "Zalgo Z\xcc\x81\xcc\x82\xcc\x83 Combining", /* combining marks */
    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d Right-to-left \xe2\x80\xae" "desrever", /* RTL + override */
    "Line one\nLine two\tTabbed\rCarriage",
    "A very long tenant name that keeps going and going well past any column width an operator's "
    "terminal could possibly show on one line, with more words after that, and still more words, "
    "so that truncation is exercised everywhere it matters in the console, table and csv output",
    "Emoji \xf0\x9f\x9a\x80 Rocket \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb Coder",
    "\"Quoted\", comma, 'single' ; semicolon",
    "%s%n%x format string",
};

const char *seed_hostile_name(size_t i)
{
    return i < ARRAY_SIZE(hostile) ? hostile[i] : NULL;
}

static const struct region {
    const char *code, *id, *name, *display, *model;
} regions[] = {
    {"au", "au", "ap-southeast-2", "Asia Pacific (Sydney)", "shared"},
    {"us", "us", "us-east-1", "US East (N. Virginia)", "shared"},
    {"eu", "eu", "eu-central-1", "Europe (Frankfurt)", "shared"},
    {"sg", "sg", "ap-southeast-1", "Asia Pacific (Singapore)", "dedicated"},
    {"ca", "ca", "ca-central-1", "Canada (Central)", "shared"},
    {"uk", "uk", "eu-west-2", "Europe (London)", "dedicated"},
    {"jp", "jp", "ap-northeast-1", "Asia Pacific (Tokyo)", "shared"},
};

void seed_environment(size_t i, struct env_facts *out)
{
    const struct region *reg = &regions[i % ARRAY_SIZE(regions)];
    unsigned number = (unsigned)(i / ARRAY_SIZE(regions) + 1);
    snprintf(out->name, sizeof(out->name), "%s%02u", reg->code, number);
    snprintf(out->domain, sizeof(out->domain), "%s.mattr.global", out->name);
    snprintf(out->auth_domain, sizeof(out->auth_domain), "auth.%s.mattr.global", out->name);
    out->deployment_model = reg->model;
    out->region_id = reg->id;
    out->region_name = reg->name;
    out->region_display = reg->display;
}
