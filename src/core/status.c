/* status.c: outcome codes and the error record. */
#include "config.h"

#include "core/status.h"

#include <stdarg.h>
#include <stdlib.h>

#include "core/intl.h"
#include "core/text.h"

static const struct {
    int exit;
    const char *text;
} codes[] = {
#define X(name, exit, text) {exit, text},
    STATUS_CODES(X)
#undef X
};

int status_exit_code(enum status_code code)
{
    return (size_t)code < ARRAY_SIZE(codes) ? codes[code].exit : 1;
}

const char *status_text(enum status_code code)
{
    return (size_t)code < ARRAY_SIZE(codes) ? _(codes[code].text) : _("error");
}

static char *vformat(const char *fmt, va_list ap)
{
    struct strbuf sb = SB_INIT;
    sb_vaddf(&sb, fmt, ap);
    return sb_steal(&sb);
}

void err_set(struct tn_error *err, enum status_code code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    free(err->message);
    err->message = msg;
    err->code = code;
}

void err_hint(struct tn_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *hint = vformat(fmt, ap);
    va_end(ap);
    free(err->hint);
    err->hint = hint;
}

void err_prefix(struct tn_error *err, const char *fmt, ...)
{
    struct strbuf sb = SB_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&sb, fmt, ap);
    va_end(ap);
    sb_addf(&sb, ": %s", err->message ? err->message : status_text(err->code));
    free(err->message);
    err->message = sb_steal(&sb);
}

void err_add_detail(struct tn_error *err, const char *field, const char *message)
{
    err->details = xreallocarray(err->details, err->ndetails + 1, sizeof(*err->details));
    err->details[err->ndetails].field = xstrdup(field);
    err->details[err->ndetails].message = xstrdup(message);
    err->ndetails++;
}

void err_clear(struct tn_error *err)
{
    for (size_t i = 0; i < err->ndetails; i++) {
        free(err->details[i].field);
        free(err->details[i].message);
    }
    free(err->details);
    free(err->api_code);
    free(err->message);
    free(err->hint);
    *err = (struct tn_error){0};
}

void err_copy(struct tn_error *dst, const struct tn_error *src)
{
    err_clear(dst);
    dst->code = src->code;
    dst->http_status = src->http_status;
    dst->maybe_done = src->maybe_done;
    dst->api_code = src->api_code ? xstrdup(src->api_code) : NULL;
    dst->message = src->message ? xstrdup(src->message) : NULL;
    dst->hint = src->hint ? xstrdup(src->hint) : NULL;
    for (size_t i = 0; i < src->ndetails; i++)
        err_add_detail(dst, src->details[i].field, src->details[i].message);
}

void err_move(struct tn_error *dst, struct tn_error *src)
{
    err_clear(dst);
    *dst = *src;
    *src = (struct tn_error){0};
}

char *err_format(const struct tn_error *err)
{
    /* the one place every error reaches a terminal through (stderr, the status line): what a
     * server said is neutralised here, as tables neutralise it */
    struct strbuf sb = SB_INIT;
    text_add_neutral(&sb, err->message ? err->message : status_text(err->code), false);
    if (err->http_status) {
        sb_addf(&sb, " (HTTP %ld", err->http_status);
        if (err->api_code) {
            sb_addc(&sb, ' ');
            text_add_neutral(&sb, err->api_code, false);
        }
        sb_addc(&sb, ')');
    }
    if (err->hint) {
        sb_addc(&sb, '\n');
        text_add_neutral(&sb, err->hint, true);
    }
    return sb_steal(&sb);
}

char *err_format_line(const struct tn_error *err)
{
    char *text = err_format(err);
    struct strbuf sb = SB_INIT;
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            sb_adds(&sb, "  ");
        else
            sb_addc(&sb, *p);
    }
    free(text);
    return sb_steal(&sb);
}
