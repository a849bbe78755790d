/* log.c: the optional debug log, with redaction. */
#include "config.h"

#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/intl.h"

static FILE *log_file;

bool log_open(const char *path, struct tn_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600);
    if (fd < 0) {
        /* TRANSLATORS: the log file's path, then the system's error message. */
        err_set(err, ST_USAGE, _("cannot open the log file %s: %s"), path, strerror(errno));
        return false;
    }
    FILE *f = fdopen(fd, "a");
    if (!f) {
        err_set(err, ST_OTHER, _("cannot open the log file %s: %s"), path, strerror(errno));
        close(fd);
        return false;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    log_close();
    log_file = f;
    return true;
}

bool log_enabled(void)
{
    return log_file != NULL;
}

/* The timestamp every line starts with. */
static void stamp(void)
{
    char when[32];
    util_format_iso8601(util_wallclock_ms(), when);
    fprintf(log_file, "%s ", when);
}

void log_printf(const char *fmt, ...)
{
    if (!log_file)
        return;
    va_list ap;
    stamp();
    va_start(ap, fmt);
    vfprintf(log_file, fmt, ap);
    va_end(ap);
    fputc('\n', log_file);
}

/* Header names whose values are never logged. */
static const char *const secret_headers[] = {"authorization", "proxy-authorization", "cookie",
                                             "set-cookie"};

/* Where in line (of n bytes) a secret header's value starts, or NULL. Matches the name at
 * the start of the line or after '[' or a space (curl's HTTP/2 lines), followed by ':'. */
static const char *secret_value(const char *line, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && line[i - 1] != '[' && line[i - 1] != ' ')
            continue;
        for (size_t k = 0; k < ARRAY_SIZE(secret_headers); k++) {
            size_t hl = strlen(secret_headers[k]);
            if (n - i > hl && !strncasecmp(line + i, secret_headers[k], hl) &&
                line[i + hl] == ':')
                return line + i + hl + 1;
        }
    }
    return NULL;
}

/* Where the user name and password of the URL whose "://" is at sep end (the '@' after them),
 * or NULL when the URL has none. The authority ends at '/', '?', '#', white space or a quote;
 * a password may hold a raw '@', so the last '@' before that counts. */
static const char *userinfo_end(const char *sep, const char *end)
{
    const char *at = NULL;
    for (const char *q = sep + 3; q < end && !strchr("/?#'\"<> \t\r\n", *q); q++)
        if (*q == '@')
            at = q;
    return at;
}

void log_redact_credentials(const char *s, size_t n, struct strbuf *out)
{
    static const char user_said[] = "with user '"; /* curl: "Proxy auth using Basic with user 'u'" */
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *sep = memmem(p, (size_t)(end - p), "://", 3);
        const char *who = memmem(p, (size_t)(end - p), user_said, sizeof(user_said) - 1);
        if (who && (!sep || who < sep)) {
            const char *name = who + sizeof(user_said) - 1;
            const char *quote = memchr(name, '\'', (size_t)(end - name));
            sb_add(out, p, (size_t)(name - p));
            sb_adds(out, "[redacted]");
            p = quote ? quote : end;
            continue;
        }
        if (!sep) {
            sb_add(out, p, (size_t)(end - p));
            break;
        }
        const char *at = userinfo_end(sep, end);
        sb_add(out, p, (size_t)(sep + 3 - p));
        if (at) {
            sb_adds(out, "[redacted]");
            p = at;
        } else {
            p = sep + 3;
        }
    }
}

/* Copy protocol text into out with secret header values redacted (see log_redact). */
static void redact_headers(const char *data, size_t len, struct strbuf *out)
{
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *value = secret_value(p, (size_t)(eol - p));
        if (value) {
            sb_add(out, p, (size_t)(value - p));
            sb_adds(out, " [redacted]");
            /* keep the closing bracket of an HTTP/2 pseudo-line */
            const char *tail = eol;
            while (tail > value && (tail[-1] == '\r' || tail[-1] == ']'))
                tail--;
            sb_add(out, tail, (size_t)(eol - tail));
        } else {
            sb_add(out, p, (size_t)(eol - p));
        }
        if (nl)
            sb_addc(out, '\n');
        p = nl ? nl + 1 : end;
    }
}

void log_redact(const char *data, size_t len, struct strbuf *out)
{
    struct strbuf headers = SB_INIT;
    redact_headers(data, len, &headers);
    log_redact_credentials(headers.buf ? headers.buf : "", headers.len, out);
    sb_wipe(&headers);
}

void log_protocol(const char *tag, const char *data, size_t len)
{
    if (!log_file)
        return;
    struct strbuf sb = SB_INIT;
    log_redact(data, len, &sb);
    while (sb.len && (sb.buf[sb.len - 1] == '\n' || sb.buf[sb.len - 1] == '\r'))
        sb.buf[--sb.len] = '\0';
    /* one log line per protocol line, each tagged */
    const char *p = sb_str(&sb);
    while (*p) {
        size_t n = strcspn(p, "\n");
        size_t shown = n;
        while (shown && p[shown - 1] == '\r')
            shown--;
        stamp();
        fprintf(log_file, "%s %.*s\n", tag, (int)shown, p);
        p += n;
        if (*p)
            p++;
    }
    sb_wipe(&sb);
}

void log_close(void)
{
    if (log_file)
        fclose(log_file);
    log_file = NULL;
}
