/* json.c: safe parsing and typed getters over cJSON. */
#include "config.h"

#include "core/json.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/util.h"

/* True when the JSON text holds a \u0000 escape, which C strings would cut short; with
 * replace, each one becomes \uFFFD (same length) instead. */
static bool nul_escapes(char *text, size_t len, bool replace)
{
    bool found = false;
    for (size_t i = 0; i + 1 < len; i++) {
        if (text[i] != '\\')
            continue;
        if (text[i + 1] == 'u' && i + 5 < len && memcmp(text + i + 2, "0000", 4) == 0) {
            found = true;
            if (!replace)
                return true;
            memcpy(text + i + 2, "FFFD", 4);
        }
        i++; /* skip the escaped character: an escaped backslash before "u0000" is no escape */
    }
    return found;
}

/* Parse a terminated copy of len bytes of buf; \u0000 escapes fail, or with lossy read as
 * U+FFFD. */
static cJSON *parse(const char *buf, size_t len, bool lossy)
{
    /* cJSON reads until a NUL; give it an explicit length and a terminated copy so a
     * body without a trailing NUL is never read past its end. */
    if (!buf || memchr(buf, '\0', len))
        return NULL;
    char *copy = xmalloc(len + 1);
    memcpy(copy, buf, len);
    copy[len] = '\0';
    if (nul_escapes(copy, len, lossy) && !lossy) {
        util_wipe(copy, len);
        free(copy);
        return NULL;
    }
    const char *end = NULL;
    cJSON *item = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
    util_wipe(copy, len); /* the text may hold a secret */
    free(copy);
    return item;
}

cJSON *json_parse(const char *buf, size_t len)
{
    return parse(buf, len, false);
}

cJSON *json_parse_answer(const char *buf, size_t len)
{
    return parse(buf, len, true);
}

static cJSON *member(const cJSON *obj, const char *key)
{
    if (!cJSON_IsObject(obj))
        return NULL;
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

bool json_looks_whole(const char *buf, size_t len)
{
    size_t depth = 0, i = 0;
    bool in_string = false;
    while (i < len && strchr(" \t\r\n", buf[i]) && buf[i])
        i++;
    if (i == len || (buf[i] != '{' && buf[i] != '['))
        return false;
    for (; i < len; i++) {
        char c = buf[i];
        if (in_string) {
            /* to the string's closing quote at once: a quote after an odd run of backslashes
             * is escaped (most of a page is strings) */
            const char *q = memchr(buf + i, '"', len - i);
            if (!q)
                return false;
            size_t back = 0;
            while (q - back > buf + i && q[-(ptrdiff_t)back - 1] == '\\')
                back++;
            i = (size_t)(q - buf);
            in_string = back % 2 == 1;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                break;
        }
    }
    if (i >= len || depth != 0)
        return false;
    for (i++; i < len; i++)
        if (!buf[i] || !strchr(" \t\r\n", buf[i]))
            return false;
    return true;
}

const char *json_get_string(const cJSON *obj, const char *key)
{
    cJSON *m = member(obj, key);
    return cJSON_IsString(m) ? m->valuestring : NULL;
}

cJSON *json_get_object(const cJSON *obj, const char *key)
{
    cJSON *m = member(obj, key);
    return cJSON_IsObject(m) ? m : NULL;
}

cJSON *json_get_array(const cJSON *obj, const char *key)
{
    cJSON *m = member(obj, key);
    return cJSON_IsArray(m) ? m : NULL;
}

bool json_get_int(const cJSON *obj, const char *key, long long min, long long max,
                  long long *out)
{
    cJSON *m = member(obj, key);
    if (!cJSON_IsNumber(m))
        return false;
    double v = m->valuedouble;
    /* Whole numbers only, and only where a double holds them exactly. */
    if (!isfinite(v) || v != floor(v) || v < -9007199254740992.0 || v > 9007199254740992.0)
        return false;
    long long n = (long long)v;
    if (n < min || n > max)
        return false;
    *out = n;
    return true;
}

bool json_is_string_array(const cJSON *array)
{
    const cJSON *e;
    if (!cJSON_IsArray(array))
        return false;
    cJSON_ArrayForEach(e, array)
    {
        if (!cJSON_IsString(e))
            return false;
    }
    return true;
}

static void *check(void *p)
{
    if (!p)
        die(_("out of memory while building JSON"));
    return p;
}

char *json_print(const cJSON *item)
{
    return check(cJSON_PrintUnformatted(item));
}

char *json_print_secret(const cJSON *item)
{
    /* cJSON's own printing grows its buffer with realloc, which would leave copies behind:
     * print into buffers we own, wiping each one that was too small */
    for (size_t len = 512;; len *= 2) {
        if (len > (size_t)INT_MAX)
            die("out of memory");
        char *buf = xmalloc(len);
        if (cJSON_PrintPreallocated((cJSON *)(uintptr_t)item, buf, (int)len, 0))
            return buf;
        util_wipe(buf, len);
        free(buf);
    }
}

void json_add_string(cJSON *obj, const char *key, const char *value)
{
    if (value)
        check(cJSON_AddStringToObject(obj, key, value));
    else
        check(cJSON_AddNullToObject(obj, key));
}

cJSON *json_new_object(void)
{
    return check(cJSON_CreateObject());
}

cJSON *json_new_array(void)
{
    return check(cJSON_CreateArray());
}

cJSON *json_new_number(double v)
{
    return check(cJSON_CreateNumber(v));
}

cJSON *json_new_string(const char *s)
{
    return check(cJSON_CreateString(s));
}

void json_append(cJSON *array, cJSON *item)
{
    if (!cJSON_AddItemToArray(array, item))
        die(_("out of memory while building JSON"));
}

void json_add(cJSON *obj, const char *key, cJSON *item)
{
    if (!cJSON_AddItemToObject(obj, key, item))
        die(_("out of memory while building JSON"));
}

/* Wipe the strings of item and its children. */
static void wipe_strings(cJSON *item)
{
    for (; item; item = item->next) {
        if (item->string)
            util_wipe(item->string, strlen(item->string));
        if (cJSON_IsString(item) && item->valuestring)
            util_wipe(item->valuestring, strlen(item->valuestring));
        wipe_strings(item->child);
    }
}

void json_delete_wiped(cJSON *item)
{
    if (!item)
        return;
    wipe_strings(item->child);
    if (cJSON_IsString(item) && item->valuestring)
        util_wipe(item->valuestring, strlen(item->valuestring));
    cJSON_Delete(item);
}
