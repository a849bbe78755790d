/* prompt.c: a one-line UTF-8 editor with Tab completion (filter, search, ':' commands). */
#include "config.h"

#include "tui/prompt.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/text.h"
#include "core/util.h"
#include "tui/draw.h"
#include "tui/keys.h"

#define PROMPT_CTRL(c) ((c) & 0x1f)

struct prompt {
    char *label;
    struct strbuf text;
    size_t cursor;  /* a byte offset, always on a character boundary */
    char **cands;   /* completion candidates */
    size_t ncands;
    bool cycling;   /* Tab is cycling through the matches of base */
    char *base;     /* the text the cycle started from */
    size_t cycle;   /* the index (among the matches of base) shown now */
    bool secret;    /* shown as '*', never reallocated (no stray copies), wiped when freed */
    const struct history *hist; /* Up/Down walk it, or NULL */
    size_t hpos;    /* the history line shown; its count: the text typed */
    char *typed;    /* the text typed before Up, or NULL */
};

#define SECRET_MAX 1024 /* bytes a secret may have: its buffer is allocated once */

struct prompt *prompt_new(const char *label, const char *initial)
{
    struct prompt *p = xcalloc(1, sizeof(*p));
    p->label = xstrdup(label ? label : "");
    sb_adds(&p->text, initial ? initial : "");
    p->cursor = p->text.len;
    return p;
}

/* Forget the candidates. */
static void prompt_free_cands(struct prompt *p)
{
    for (size_t i = 0; i < p->ncands; i++)
        free(p->cands[i]);
    free(p->cands);
    p->cands = NULL;
    p->ncands = 0;
}

/* End a Tab cycle (any key but Tab does). */
static void prompt_end_cycle(struct prompt *p)
{
    p->cycling = false;
    free(p->base);
    p->base = NULL;
    p->cycle = 0;
}

void prompt_free(struct prompt *p)
{
    if (!p)
        return;
    prompt_free_cands(p);
    prompt_end_cycle(p);
    free(p->typed);
    if (p->secret)
        sb_wipe(&p->text);
    else
        sb_free(&p->text);
    free(p->label);
    free(p);
}

void prompt_set_secret(struct prompt *p)
{
    struct strbuf fresh = SB_INIT;
    sb_grow(&fresh, p->text.len > SECRET_MAX ? p->text.len : SECRET_MAX);
    sb_add(&fresh, p->text.buf ? p->text.buf : "", p->text.len);
    sb_wipe(&p->text);
    p->text = fresh;
    p->secret = true;
    prompt_free_cands(p);
}

void prompt_set_completions(struct prompt *p, const char *const *cands, size_t n)
{
    prompt_free_cands(p);
    prompt_end_cycle(p);
    if (!cands || n == 0 || p->secret) /* a completion could outgrow a secret's buffer */
        return;
    p->cands = xreallocarray(NULL, n, sizeof(*p->cands));
    for (size_t i = 0; i < n; i++)
        if (cands[i])
            p->cands[p->ncands++] = xstrdup(cands[i]);
}

const char *prompt_text(const struct prompt *p)
{
    return sb_str(&p->text);
}

/* True for a UTF-8 continuation byte. */
static bool is_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* The start of the character before byte offset i (i > 0). */
static size_t char_prev(const struct prompt *p, size_t i)
{
    do
        i--;
    while (i > 0 && is_cont(p->text.buf[i]));
    return i;
}

/* The end of the character at byte offset i (i < len). */
static size_t char_next(const struct prompt *p, size_t i)
{
    do
        i++;
    while (i < p->text.len && is_cont(p->text.buf[i]));
    return i;
}

/* Remove bytes [from, to) of the text and put the cursor at from. */
static void prompt_erase(struct prompt *p, size_t from, size_t to)
{
    memmove(p->text.buf + from, p->text.buf + to, p->text.len - to + 1);
    p->text.len -= to - from;
    memset(p->text.buf + p->text.len + 1, 0, to - from); /* no stale tail */
    p->cursor = from;
}

/* Replace the whole text with s, cursor at its end. */
static void prompt_replace(struct prompt *p, const char *s)
{
    sb_reset(&p->text);
    sb_adds(&p->text, s);
    p->cursor = p->text.len;
}

/* True when code point c may be typed: not a control character (C0, DEL, C1), not a
 * surrogate, not beyond Unicode. */
static bool is_insertable(int c)
{
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
        return false;
    if (c >= 0xD800 && c <= 0xDFFF)
        return false;
    return c <= 0x10FFFF;
}

/* Insert code point c at the cursor; false when a secret has no room for it. */
static bool prompt_insert(struct prompt *p, int c)
{
    char enc[4];
    size_t n = text_encode((uint32_t)c, enc);
    if (p->secret && p->text.len + n > SECRET_MAX)
        return false; /* growing would leave a copy behind */
    sb_grow(&p->text, n);
    memmove(p->text.buf + p->cursor + n, p->text.buf + p->cursor, p->text.len - p->cursor + 1);
    memcpy(p->text.buf + p->cursor, enc, n);
    p->text.len += n;
    p->cursor += n;
    return true;
}

/* C-w: erase the spaces before the cursor, then the word before them. */
static bool prompt_erase_word(struct prompt *p)
{
    size_t i = p->cursor;
    while (i > 0 && p->text.buf[i - 1] == ' ')
        i--;
    while (i > 0 && p->text.buf[i - 1] != ' ')
        i--;
    if (i == p->cursor)
        return false;
    prompt_erase(p, i, p->cursor);
    return true;
}

/* The n-th candidate beginning with prefix (n counted among those), or NULL. */
static const char *prompt_match(const struct prompt *p, const char *prefix, size_t n)
{
    size_t plen = strlen(prefix);
    for (size_t i = 0; i < p->ncands; i++)
        if (strncmp(p->cands[i], prefix, plen) == 0 && n-- == 0)
            return p->cands[i];
    return NULL;
}

/* Tab: complete to the longest common prefix of the matching candidates; when the text is
 * that prefix already and several match, show each match in turn. */
static enum prompt_result prompt_complete(struct prompt *p)
{
    if (p->cycling) {
        const char *next = prompt_match(p, p->base, ++p->cycle);
        if (!next) {
            p->cycle = 0;
            next = prompt_match(p, p->base, 0);
        }
        if (!next || strcmp(next, prompt_text(p)) == 0)
            return PROMPT_EDITING;
        prompt_replace(p, next);
        return PROMPT_CHANGED;
    }
    const char *text = prompt_text(p);
    const char *first = prompt_match(p, text, 0);
    if (!first)
        return PROMPT_EDITING;
    size_t common = strlen(first), count = 0;
    for (const char *m; (m = prompt_match(p, text, count)) != NULL; count++) {
        size_t k = 0;
        while (k < common && m[k] == first[k])
            k++;
        common = k;
    }
    /* never cut a UTF-8 character in two */
    while (common > 0 && is_cont(first[common]))
        common--;
    if (common > p->text.len) {
        char *lcp = xstrndup(first, common);
        prompt_replace(p, lcp);
        free(lcp);
        return PROMPT_CHANGED;
    }
    if (count < 2) { /* the text is the only match already */
        p->cursor = p->text.len;
        return PROMPT_EDITING;
    }
    p->cycling = true;
    p->base = xstrdup(text);
    p->cycle = strcmp(first, text) == 0 ? 1 : 0;
    prompt_replace(p, prompt_match(p, p->base, p->cycle));
    return PROMPT_CHANGED;
}

void prompt_set_history(struct prompt *p, const struct history *h)
{
    if (p->secret)
        return; /* a secret is never in a history, nor taken from one */
    p->hist = h;
    p->hpos = h ? history_count(h) : 0;
}

/* Up (back) or Down (forward) in the history: the line there, or the text typed below the
 * newest. */
static enum prompt_result prompt_history(struct prompt *p, bool back)
{
    size_t n = p->hist ? history_count(p->hist) : 0;
    if (!n || (back && p->hpos == 0) || (!back && p->hpos >= n))
        return PROMPT_EDITING;
    if (back && p->hpos >= n) { /* leaving what was typed: keep it for Down */
        free(p->typed);
        p->typed = xstrdup(sb_str(&p->text));
    }
    p->hpos = back ? p->hpos - 1 : p->hpos + 1;
    prompt_replace(p, p->hpos < n ? history_get(p->hist, p->hpos) : (p->typed ? p->typed : ""));
    return PROMPT_CHANGED;
}

enum prompt_result prompt_key(struct prompt *p, int key)
{
    if (key == '\t')
        return prompt_complete(p);
    prompt_end_cycle(p);

    switch (key) {
    case '\n':
    case '\r':
    case KEYS_FN + KEY_ENTER:
        return PROMPT_DONE;
    case KEYS_ESC:
    case PROMPT_CTRL('c'):
        return PROMPT_CANCEL;
    case KEYS_FN + KEY_BACKSPACE:
    case 127:
    case PROMPT_CTRL('h'):
        if (p->text.len == 0)
            return PROMPT_CANCEL;
        if (p->cursor == 0)
            return PROMPT_EDITING;
        prompt_erase(p, char_prev(p, p->cursor), p->cursor);
        return PROMPT_CHANGED;
    case KEYS_FN + KEY_DC:
    case PROMPT_CTRL('d'):
        if (p->cursor == p->text.len)
            return PROMPT_EDITING;
        prompt_erase(p, p->cursor, char_next(p, p->cursor));
        return PROMPT_CHANGED;
    case KEYS_FN + KEY_LEFT:
    case PROMPT_CTRL('b'):
        if (p->cursor > 0)
            p->cursor = char_prev(p, p->cursor);
        return PROMPT_EDITING;
    case KEYS_FN + KEY_RIGHT:
    case PROMPT_CTRL('f'):
        if (p->cursor < p->text.len)
            p->cursor = char_next(p, p->cursor);
        return PROMPT_EDITING;
    case KEYS_FN + KEY_HOME:
    case PROMPT_CTRL('a'):
        p->cursor = 0;
        return PROMPT_EDITING;
    case KEYS_FN + KEY_END:
    case PROMPT_CTRL('e'):
        p->cursor = p->text.len;
        return PROMPT_EDITING;
    case PROMPT_CTRL('u'):
        if (p->cursor == 0)
            return PROMPT_EDITING;
        prompt_erase(p, 0, p->cursor);
        return PROMPT_CHANGED;
    case PROMPT_CTRL('k'):
        if (p->cursor == p->text.len)
            return PROMPT_EDITING;
        prompt_erase(p, p->cursor, p->text.len);
        return PROMPT_CHANGED;
    case PROMPT_CTRL('w'):
        return prompt_erase_word(p) ? PROMPT_CHANGED : PROMPT_EDITING;
    case KEYS_FN + KEY_UP:
    case PROMPT_CTRL('p'):
        return prompt_history(p, true);
    case KEYS_FN + KEY_DOWN:
    case PROMPT_CTRL('n'):
        return prompt_history(p, false);
    default:
        break;
    }
    if (key < KEYS_FN && is_insertable(key))
        return prompt_insert(p, key) ? PROMPT_CHANGED : PROMPT_EDITING;
    return PROMPT_EDITING;
}

/* The cells of bytes [from, to) of s, to on a character boundary. */
static int cells_between(bool utf8, const char *s, size_t from, size_t to)
{
    int cells = 0;
    struct text_glyph g;
    for (size_t i = from; i < to && s[i]; i += g.used) {
        text_next(utf8, s + i, &g);
        cells += (int)g.cells;
        if (g.used == 0)
            break;
    }
    return cells;
}

/* Draw label and s (cursor at byte offset cursor) as prompt_draw does. */
static void draw_line(const char *label, const char *s, size_t cursor, int y, int x, int w)
{
    if (w <= 0)
        return;
    bool utf8 = draw_utf8();
    size_t len = strlen(s);
    int lw = draw_text(y, x, w, label, TH_NORMAL, false);
    int tw = w - lw;
    if (tw <= 0) {
        draw_cursor(y, x + w - 1);
        return;
    }
    /* keep the cursor's cell in view, and one more for the ellipsis when text follows */
    int room = cursor == len ? tw - 1 : tw - 2;
    if (room < 0)
        room = 0;
    size_t start = 0;
    int before = cells_between(utf8, s, 0, cursor);
    struct text_glyph g;
    while (before > room && start < cursor) {
        text_next(utf8, s + start, &g);
        if (g.used == 0)
            break;
        start += g.used;
        before -= (int)g.cells;
    }
    draw_text(y, x + lw, tw, s + start, TH_NORMAL, true);
    int cx = x + lw + before;
    draw_cursor(y, cx < x + w ? cx : x + w - 1);
}

/* The text as shown: itself, or one '*' per character of a secret; *at gets the cursor's
 * byte offset in what is shown. */
static void shown_text(const struct prompt *p, struct strbuf *out, size_t *at)
{
    if (!p->secret) {
        sb_adds(out, prompt_text(p));
        *at = p->cursor;
        return;
    }
    *at = 0;
    for (size_t i = 0; i < p->text.len; i++) {
        if (is_cont(p->text.buf[i]))
            continue;
        if (i < p->cursor)
            (*at)++;
        sb_addc(out, '*');
    }
}

void prompt_draw_idle(const struct prompt *p, int y, int x, int w, enum theme_role role)
{
    struct strbuf s = SB_INIT;
    size_t at;
    shown_text(p, &s, &at);
    int lw = draw_text(y, x, w, p->label, role, false);
    draw_text(y, x + lw, w - lw, sb_str(&s), role, true);
    sb_free(&s);
}

void prompt_draw(const struct prompt *p, int y, int x, int w)
{
    if (!p->secret) {
        draw_line(p->label, prompt_text(p), p->cursor, y, x, w);
        return;
    }
    /* one '*' per character: the length shows, the text does not */
    struct strbuf mask = SB_INIT;
    size_t at;
    shown_text(p, &mask, &at);
    draw_line(p->label, sb_str(&mask), at, y, x, w);
    sb_free(&mask);
}
