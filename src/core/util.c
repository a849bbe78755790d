/* util.c: allocation that never returns NULL, growable strings, fatal errors, clocks. */
#include "config.h"

#include "core/util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/intl.h"

static void (*die_hook)(void);
static const char *progname = PACKAGE;

void util_set_progname(const char *name)
{
    const char *slash = strrchr(name, '/');
    progname = slash ? slash + 1 : name;
}

const char *util_progname(void)
{
    return progname;
}

void util_version(FILE *f, const char *program)
{
    if (!strcmp(program, PACKAGE_NAME))
        fprintf(f, "%s %s\n", program, PACKAGE_VERSION);
    else
        fprintf(f, "%s (%s) %s\n", program, PACKAGE_NAME, PACKAGE_VERSION);
    fputs("Copyright (C) 2026 The tenantry authors\n", f);
    fputs(_("License MIT: <https://opensource.org/licenses/MIT>.\n"
            "This is free software: you are free to change and redistribute it.\n"
            "There is NO WARRANTY, to the extent permitted by law.\n"),
          f);
}

void util_help_bugs(FILE *f)
{
    fprintf(f, _("\nReport bugs to: <%s>\n"), PACKAGE_BUGREPORT);
}

void util_set_die_hook(void (*hook)(void))
{
    die_hook = hook;
}

void die(const char *fmt, ...)
{
    va_list ap;
    if (die_hook) {
        void (*hook)(void) = die_hook;
        die_hook = NULL; /* a failing hook must not recurse */
        hook();
    }
    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static TN_NORETURN void out_of_memory(size_t n)
{
    die(_("out of memory (%zu bytes)"), n);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (!p)
        out_of_memory(nmemb * size);
    return p;
}

void *xreallocarray(void *p, size_t nmemb, size_t size)
{
    if (size && nmemb > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    size_t n = nmemb * size;
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    struct strbuf sb = SB_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&sb, fmt, ap);
    va_end(ap);
    return sb_steal(&sb);
}

void sb_grow(struct strbuf *sb, size_t extra)
{
    if (extra > SIZE_MAX - sb->len - 1)
        out_of_memory(SIZE_MAX);
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    sb->buf = xreallocarray(sb->buf, cap, 1);
    sb->buf[sb->len] = '\0'; /* a fresh buffer is a valid empty string at once */
    sb->cap = cap;
}

void sb_add(struct strbuf *sb, const void *data, size_t n)
{
    sb_grow(sb, n);
    if (n)
        memcpy(sb->buf + sb->len, data, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
    sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
    sb_add(sb, &c, 1);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        die(_("invalid format string: %s"), fmt);
    sb_grow(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(sb, fmt, ap);
    va_end(ap);
}

const char *sb_str(const struct strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

void sb_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

char *sb_steal(struct strbuf *sb)
{
    char *p = sb->buf ? sb->buf : xstrdup("");
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return p;
}

void sb_wipe(struct strbuf *sb)
{
    if (sb->buf)
        util_wipe(sb->buf, sb->cap);
    sb_free(sb);
}

void sb_free(struct strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

void util_wipe(void *p, size_t n)
{
#if HAVE_EXPLICIT_BZERO
    explicit_bzero(p, n); /* as fast as memset, and never optimised away */
#else
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
#endif
}

void util_free_secret(char *s)
{
    if (!s)
        return;
    util_wipe(s, strlen(s));
    free(s);
}

bool str_to_llong(const char *s, long long min, long long max, long long *out)
{
    char *end;
    if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
        return false;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool str_to_rate(const char *s, double *out)
{
    char *end;
    if (!s || !*s || (*s != '.' && (*s < '0' || *s > '9')))
        return false;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !(v >= 0.0 && v <= 1.0))
        return false;
    *out = v;
    return true;
}

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char b64std[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of n bytes with alphabet abc, '='-padded when pad. */
static char *base64_encode(const void *data, size_t n, const char *abc, bool pad)
{
    const unsigned char *p = data;
    struct strbuf sb = SB_INIT;
    sb_grow(&sb, (n + 2) / 3 * 4);
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        sb_addc(&sb, abc[(v >> 18) & 63]);
        sb_addc(&sb, abc[(v >> 12) & 63]);
        if (i + 1 < n)
            sb_addc(&sb, abc[(v >> 6) & 63]);
        else if (pad)
            sb_addc(&sb, '=');
        if (i + 2 < n)
            sb_addc(&sb, abc[v & 63]);
        else if (pad)
            sb_addc(&sb, '=');
    }
    return sb_steal(&sb);
}

char *util_base64url_encode(const void *data, size_t n)
{
    return base64_encode(data, n, b64url, false);
}

char *util_base64_encode(const void *data, size_t n)
{
    return base64_encode(data, n, b64std, true);
}

char *util_base64url_decode(const char *text, size_t *n)
{
    size_t len = strlen(text);
    if (len % 4 == 1)
        return NULL;
    unsigned char *out = xmalloc(len / 4 * 3 + 3);
    size_t o = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        const char *hit = text[i] ? strchr(b64url, text[i]) : NULL;
        if (!hit) {
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (uint32_t)(hit - b64url);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    if (acc != 0) { /* leftover bits must be zero in a canonical encoding */
        free(out);
        return NULL;
    }
    out[o] = '\0';
    *n = o;
    return (char *)out;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool util_percent_decode(const char *s, size_t n, bool plus_is_space, struct strbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            int hi = i + 2 < n ? hex_digit(s[i + 1]) : -1;
            int lo = i + 2 < n ? hex_digit(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return false;
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0')
            return false;
        sb_addc(out, c);
    }
    return true;
}

int64_t util_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t util_wallclock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void util_format_iso8601(int64_t ms, char out[32])
{
    time_t secs = (time_t)(ms / 1000);
    struct tm tm;
    char date[24];
    gmtime_r(&secs, &tm);
    strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, 32, "%.20s.%03uZ", date, (unsigned)(ms % 1000) % 1000u);
}

/* Read exactly n digits. */
static bool read_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Read a time zone: "Z", or a sign and HH, HH:MM or HHMM, into seconds east of UTC. A space
 * stands for '+', as an unencoded '+' arrives. */
static bool read_zone(const char **p, int64_t *offset)
{
    int sign, hh, mm = 0;
    if (**p == 'Z' || **p == 'z') {
        (*p)++;
        *offset = 0;
        return true;
    }
    if (**p != '+' && **p != '-' && **p != ' ')
        return false;
    sign = **p == '-' ? -1 : 1;
    (*p)++;
    if (!read_digits(p, 2, &hh))
        return false;
    if (**p == ':')
        (*p)++;
    if (isdigit((unsigned char)**p) && !read_digits(p, 2, &mm))
        return false;
    if (hh > 23 || mm > 59)
        return false;
    *offset = sign * (hh * 3600 + mm * 60);
    return true;
}

bool util_parse_iso8601(const char *s, int64_t *us)
{
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0;
    int64_t frac = 0, offset = 0;
    if (!read_digits(&p, 4, &y) || *p++ != '-' || !read_digits(&p, 2, &mo) || *p++ != '-' ||
        !read_digits(&p, 2, &d))
        return false;
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
        return false;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (!read_digits(&p, 2, &h) || *p++ != ':' || !read_digits(&p, 2, &mi))
            return false;
        if (*p == ':') {
            p++;
            if (!read_digits(&p, 2, &sec))
                return false;
            if (*p == '.') {
                p++;
                int64_t scale = 100000;
                if (!isdigit((unsigned char)*p))
                    return false;
                for (; isdigit((unsigned char)*p); p++, scale /= 10)
                    frac += (*p - '0') * scale; /* digits past microseconds add nothing */
            }
        }
        if (h > 23 || mi > 59 || sec > 59)
            return false;
        if (*p && !read_zone(&p, &offset))
            return false;
    }
    if (*p)
        return false;
    int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
    *us = secs * 1000000 + frac;
    return true;
}

bool util_is_uuid(const char *s)
{
    static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (strlen(s) != sizeof(shape) - 1)
        return false;
    for (size_t i = 0; shape[i]; i++) {
        if (shape[i] == '-' ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return false;
    }
    return true;
}

void util_cloexec_from(int lowfd)
{
#if defined(SYS_close_range)
    if (syscall(SYS_close_range, (unsigned)lowfd, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) == 0)
        return; /* Linux 5.11 and later */
#endif
    struct rlimit rl;
    long max = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY
                   ? (long)rl.rlim_cur : 65536;
    if (max > 65536)
        max = 65536;
    for (int fd = lowfd; fd < max; fd++) {
        int flags = fcntl(fd, F_GETFD);
        if (flags >= 0 && !(flags & FD_CLOEXEC))
            fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
    }
}

void util_no_dump(void)
{
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

int util_write_all(int fd, const void *s, size_t n)
{
    const char *p = s;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -errno;
        if (w == 0)
            return -EIO;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}
