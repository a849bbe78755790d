/* json_scan.c: a validating JSON scanner that finds values in the text without a tree. */
#include "config.h"

#include "core/json_scan.h"

#include <string.h>

#include "core/util.h"

/* True for JSON's white space. */
static inline bool is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* p past any white space (at most end). */
static inline const char *skip_ws(const char *p, const char *end)
{
    while (p < end && is_ws(*p))
        p++;
    return p;
}

/* Bytes that end a run of plain string characters: the quote, the backslash and C0. */
static const unsigned char string_stop[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
    [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

/* The end of the string starting at p (its opening quote): just past the closing quote, or
 * NULL when it is not valid. *escaped is set when it holds an escape. */
static const char *scan_string(const char *p, const char *end, bool *escaped)
{
    p++;
    for (;;) {
        while (end - p >= 4 && !string_stop[(unsigned char)p[0]] &&
               !string_stop[(unsigned char)p[1]] && !string_stop[(unsigned char)p[2]] &&
               !string_stop[(unsigned char)p[3]])
            p += 4;
        while (p < end && !string_stop[(unsigned char)*p])
            p++;
        if (p >= end || (unsigned char)*p < 0x20)
            return NULL;
        if (*p == '"')
            return p + 1;
        *escaped = true;
        if (++p >= end)
            return NULL;
        if (*p == 'u') {
            if (end - p < 5 || !is_hex(p[1]) || !is_hex(p[2]) || !is_hex(p[3]) || !is_hex(p[4]))
                return NULL;
            if (!memcmp(p + 1, "0000", 4))
                return NULL; /* a NUL would cut a C string short: json_parse decides */
            p += 5;
        } else if (*p && strchr("\"\\/bfnrt", *p)) {
            p++;
        } else {
            return NULL;
        }
    }
}

/* The end of the number starting at p, or NULL. */
static const char *scan_number(const char *p, const char *end)
{
    if (p < end && *p == '-')
        p++;
    if (p >= end)
        return NULL;
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (p < end && is_digit(*p))
            p++;
    } else {
        return NULL;
    }
    if (p < end && *p == '.') {
        if (++p >= end || !is_digit(*p))
            return NULL;
        while (p < end && is_digit(*p))
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p >= end || !is_digit(*p))
            return NULL;
        while (p < end && is_digit(*p))
            p++;
    }
    return p;
}

/* The end of literal word at p, or NULL. */
static const char *scan_word(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(end - p) >= n && !memcmp(p, word, n) ? p + n : NULL;
}

/* The end of the string starting at p in text already checked: past its closing quote. */
static inline const char *skip_string(const char *p, const char *end)
{
    for (p++;;) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q)
            return end;
        const char *b = q;
        while (b > p && b[-1] == '\\')
            b--;
        if (!((q - b) & 1)) /* an even run of backslashes escapes each other, not the quote */
            return q + 1;
        p = q + 1;
    }
}

/* The end of the value at p in text already checked (p at its first character). */
static const char *skip_value(const char *p, const char *end)
{
    if (*p == '"')
        return skip_string(p, end);
    if (*p != '{' && *p != '[') {
        while (p < end && !strchr(",]}", *p) && !is_ws(*p))
            p++;
        return p;
    }
    int depth = 0;
    while (p < end) {
        char c = *p;
        if (c == '"') {
            p = skip_string(p, end);
            continue;
        }
        p++;
        if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && --depth == 0)
            return p;
    }
    return end;
}

static const char *scan_value(const char *p, const char *end, int depth);

/* The end of the object or array starting at p (its bracket), or NULL. */
static const char *scan_container(const char *p, const char *end, int depth)
{
    bool object = *p == '{';
    char close = object ? '}' : ']';
    if (depth >= JSON_SCAN_MAX_DEPTH)
        return NULL;
    p = skip_ws(p + 1, end);
    if (p < end && *p == close)
        return p + 1;
    for (;;) {
        if (object) {
            bool escaped = false;
            if (p >= end || *p != '"' || !(p = scan_string(p, end, &escaped)))
                return NULL;
            p = skip_ws(p, end);
            if (p >= end || *p != ':')
                return NULL;
            p++;
        }
        if (!(p = scan_value(p, end, depth + 1)))
            return NULL;
        p = skip_ws(p, end);
        if (p >= end)
            return NULL;
        if (*p == close)
            return p + 1;
        if (*p != ',')
            return NULL;
        p = skip_ws(p + 1, end);
    }
}

/* The end of the value at p (after white space), or NULL when it is not valid. */
static const char *scan_value(const char *p, const char *end, int depth)
{
    bool escaped = false;
    p = skip_ws(p, end);
    if (p >= end)
        return NULL;
    switch (*p) {
    case '{':
    case '[':
        return scan_container(p, end, depth);
    case '"':
        return scan_string(p, end, &escaped);
    case 't':
        return scan_word(p, end, "true");
    case 'f':
        return scan_word(p, end, "false");
    case 'n':
        return scan_word(p, end, "null");
    default:
        return scan_number(p, end);
    }
}

bool json_scan_object(const char *text, size_t len, const char *const *names, size_t n,
                      struct json_span *found)
{
    const char *end = text + len, *p = skip_ws(text, end);
    for (size_t i = 0; i < n; i++)
        found[i] = (struct json_span){NULL, 0};
    if (p >= end || *p != '{')
        return false;
    p = skip_ws(p + 1, end);
    bool empty = p < end && *p == '}';
    if (empty)
        p++;
    while (!empty) {
        bool escaped = false;
        const char *name = p;
        if (p >= end || *p != '"' || !(p = scan_string(p, end, &escaped)))
            return false;
        size_t name_len = (size_t)(p - name) - 2;
        p = skip_ws(p, end);
        if (p >= end || *p != ':')
            return false;
        const char *value = skip_ws(p + 1, end);
        if (!(p = scan_value(value, end, 1)))
            return false;
        for (size_t i = 0; i < n && !escaped; i++)
            if (!found[i].p && strlen(names[i]) == name_len && !memcmp(name + 1, names[i], name_len))
                found[i] = (struct json_span){value, (size_t)(p - value)};
        p = skip_ws(p, end);
        if (p >= end)
            return false;
        if (*p == '}') {
            p++;
            break;
        }
        if (*p != ',')
            return false;
        p = skip_ws(p + 1, end);
    }
    return skip_ws(p, end) == end;
}

bool json_scan_next(struct json_span array, size_t *pos, struct json_span *elem)
{
    const char *end = array.p + array.len;
    const char *p = skip_ws(array.p + (*pos ? *pos : 1), end);
    if (p >= end || *p == ']')
        return false;
    const char *after = skip_value(p, end); /* json_scan_object checked it */
    *elem = (struct json_span){p, (size_t)(after - p)};
    p = skip_ws(after, end);
    if (p < end && *p == ',')
        p++;
    *pos = (size_t)(p - array.p);
    return true;
}

bool json_scan_copy(struct strbuf *sb, struct json_span value, const char *const *names,
                    size_t n)
{
    const char *p = value.p, *end = value.p + value.len, *run = p;
    size_t old_len = sb->len;
    bool key_next = false; /* the next string is a member name */
    /* the containers open around p: a bit per level, set for objects */
    unsigned char objects[JSON_SCAN_MAX_DEPTH / 8 + 1] = {0};
    int depth = 0;
    sb_grow(sb, value.len);
    while (p < end) {
        char c = *p;
        if (c == '"') {
            const char *s = p;
            p = skip_string(p, end);
            if (!key_next)
                continue;
            key_next = false;
            size_t len = (size_t)(p - s) - 2;
            bool hit = memchr(s + 1, '\\', len) != NULL; /* an escape might spell one */
            for (size_t i = 0; i < n && !hit; i++)
                hit = strlen(names[i]) == len && !memcmp(s + 1, names[i], len);
            if (hit) {
                sb->len = old_len;
                sb->buf[old_len] = '\0';
                return false;
            }
            continue;
        }
        if (is_ws(c)) {
            sb_add(sb, run, (size_t)(p - run));
            p = skip_ws(p, end);
            run = p;
            continue;
        }
        if (c == '{' || c == '[') {
            if (depth >= JSON_SCAN_MAX_DEPTH) {
                sb->len = old_len;
                sb->buf[old_len] = '\0';
                return false;
            }
            if (c == '{')
                objects[depth / 8] |= (unsigned char)(1u << (depth % 8));
            else
                objects[depth / 8] &= (unsigned char)~(1u << (depth % 8));
            depth++;
            key_next = c == '{';
        } else if (c == '}' || c == ']') {
            depth--;
            key_next = false;
        } else if (c == ',') {
            key_next = depth > 0 && (objects[(depth - 1) / 8] >> ((depth - 1) % 8)) & 1u;
        }
        p++;
    }
    sb_add(sb, run, (size_t)(p - run));
    return true;
}
