/* draw.c: the only code that writes cells; text neutralised and measured by core/text. */
#include "config.h"

#include "tui/draw.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "core/text.h"
#include "core/util.h"

static bool utf8;
static struct strbuf line = SB_INIT;

void draw_init(void)
{
    utf8 = text_locale_utf8();
    /* room for any line, once: a buffer that moved would leave a copy of what it held (a
     * secret) behind */
    sb_grow(&line, 4096);
}

bool draw_utf8(void)
{
    return utf8;
}

int draw_width(const char *s)
{
    size_t n = text_cells(utf8, s ? s : "");
    return n > 100000 ? 100000 : (int)n;
}

/* Neutralise s into line, in at most w cells (a cut text ends in an ellipsis); the cells. */
static int fit(const char *s, int w)
{
    struct text_glyph g;
    sb_reset(&line);
    if (w <= 0 || !s)
        return 0;
    bool cut = text_cells(utf8, s) > (size_t)w;
    int room = cut ? w - 1 : w, cells = 0;
    for (; *s; s += g.used) {
        text_next(utf8, s, &g);
        if ((int)g.cells > room - cells) /* a wide character is never split */
            break;
        sb_add(&line, g.bytes, g.len);
        cells += (int)g.cells;
    }
    if (cut) {
        sb_adds(&line, utf8 ? "\xe2\x80\xa6" : "~");
        cells++;
    }
    return cells;
}

int draw_text(int y, int x, int w, const char *s, enum theme_role role, bool pad)
{
    if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
        return 0;
    if (x + w > COLS)
        w = COLS - x;
    int cells = fit(s, w);
    attrset(theme_attr(role));
    mvaddnstr(y, x, sb_str(&line), (int)line.len);
    if (pad && cells < w)
        mvhline(y, x + cells, ' ', w - cells);
    attrset(A_NORMAL);
    return cells;
}

int draw_text_middle(int y, int x, int w, const char *s, enum theme_role role)
{
    if (!s || w < 3 || draw_width(s) <= w)
        return draw_text(y, x, w, s, role, false);
    /* the glyphs of s, then as many from each end as fit around the ellipsis */
    struct text_glyph g;
    size_t n = 0, cap = 64;
    struct text_glyph *gs = xreallocarray(NULL, cap, sizeof(*gs));
    for (const char *p = s; *p; p += g.used) {
        text_next(utf8, p, &g);
        if (n == cap)
            gs = xreallocarray(gs, cap *= 2, sizeof(*gs));
        gs[n++] = g;
    }
    int head_room = (w - 1 + 1) / 2, tail_room = w - 1 - head_room, cells = 0;
    struct strbuf out = SB_INIT;
    size_t h = 0;
    for (; h < n && cells + (int)gs[h].cells <= head_room; h++) {
        sb_add(&out, gs[h].bytes, gs[h].len);
        cells += (int)gs[h].cells;
    }
    size_t t = n;
    int tail = 0;
    while (t > h && tail + (int)gs[t - 1].cells <= tail_room)
        tail += (int)gs[--t].cells;
    sb_adds(&out, utf8 ? "\xe2\x80\xa6" : "~");
    for (size_t i = t; i < n; i++)
        sb_add(&out, gs[i].bytes, gs[i].len);
    free(gs);
    int used = draw_text(y, x, cells + 1 + tail, sb_str(&out), role, false);
    sb_free(&out);
    return used;
}

const char *draw_skip(const char *s, int cells)
{
    struct text_glyph g;
    while (s && *s && cells > 0) {
        text_next(utf8, s, &g);
        cells -= (int)g.cells;
        s += g.used;
    }
    return s;
}

int draw_text_right(int y, int x, int w, const char *s, enum theme_role role)
{
    int cells = draw_width(s);
    if (cells > w)
        cells = w;
    return draw_text(y, x + w - cells, cells, s, role, false);
}

/* The end of the first line of s wrapped at w cells (at a space when there is one). */
static const char *wrap_end(const char *s, int w)
{
    struct text_glyph g = {0};
    const char *p = s, *brk = NULL;
    int cells = 0;
    for (; *p; p += g.used) {
        text_next(utf8, p, &g);
        if (cells + (int)g.cells > w)
            break;
        if (*p == ' ')
            brk = p;
        cells += (int)g.cells;
    }
    const char *end = *p && brk && brk > s ? brk : p;
    if (end == s) /* a glyph wider than the line */
        end = s + g.used;
    return end;
}

size_t draw_wrap_len(const char *s, int w)
{
    return w > 0 && s ? (size_t)(wrap_end(s, w) - s) : 0;
}

int draw_cols(void)
{
    return COLS;
}

void draw_wrapped(int x, int *y, int w, int last, const char *s, enum theme_role role)
{
    if (!s || w <= 0)
        return;
    while (*s && *y <= last) {
        const char *end = wrap_end(s, w);
        char *piece = xstrndup(s, (size_t)(end - s));
        draw_text(*y, x, w, piece, role, false);
        util_free_secret(piece); /* it may be a secret (the secret panel) */
        (*y)++;
        s = end;
        while (*s == ' ')
            s++;
    }
}

void draw_wrapped_line(int y, int x, int w, const char *s, int j, enum theme_role role)
{
    if (!s || w <= 0)
        return;
    for (; *s && j > 0; j--) {
        s = wrap_end(s, w);
        while (*s == ' ')
            s++;
    }
    if (!*s)
        return;
    char *piece = xstrndup(s, (size_t)(wrap_end(s, w) - s));
    draw_text(y, x, w, piece, role, false);
    util_free_secret(piece);
}

int draw_wrapped_lines(int w, const char *s)
{
    int n = 0;
    if (!s || w <= 0)
        return 0;
    while (*s) {
        s = wrap_end(s, w);
        n++;
        while (*s == ' ')
            s++;
    }
    return n;
}

void draw_fill(int y, int x, int w, enum theme_role role)
{
    if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
        return;
    if (x + w > COLS)
        w = COLS - x;
    attrset(theme_attr(role));
    mvhline(y, x, ' ', w);
    attrset(A_NORMAL);
}

void draw_clear_rect(struct rect r, enum theme_role role)
{
    for (int i = 0; i < r.h; i++)
        draw_fill(r.y + i, r.x, r.w, role);
}

struct draw_saved {
    WINDOW *pad;
    struct rect r;
};

void draw_save(struct draw_saved **s, struct rect r)
{
    if (r.h <= 0 || r.w <= 0 || r.y + r.h > LINES || r.x + r.w > COLS)
        return;
    if (!*s)
        *s = xcalloc(1, sizeof(**s));
    struct draw_saved *d = *s;
    if (d->pad && (d->r.h != r.h || d->r.w != r.w)) {
        delwin(d->pad);
        d->pad = NULL;
    }
    if (!d->pad)
        d->pad = newpad(r.h, r.w);
    d->r = r;
    if (!d->pad || copywin(stdscr, d->pad, r.y, r.x, 0, 0, r.h - 1, r.w - 1, FALSE) == ERR)
        d->r.h = 0; /* nothing kept */
}

bool draw_restore(const struct draw_saved *s, struct rect r)
{
    if (!s || !s->pad || s->r.h <= 0 || s->r.y != r.y || s->r.x != r.x || s->r.h != r.h ||
        s->r.w != r.w || r.y + r.h > LINES || r.x + r.w > COLS)
        return false;
    return copywin(s->pad, stdscr, 0, 0, r.y, r.x, r.y + r.h - 1, r.x + r.w - 1, FALSE) != ERR;
}

void draw_saved_free(struct draw_saved *s)
{
    if (!s)
        return;
    if (s->pad)
        delwin(s->pad);
    free(s);
}

void draw_hline(int y, int x, int w, enum theme_role role)
{
    if (w <= 0 || y < 0 || y >= LINES)
        return;
    attrset(theme_attr(role));
    mvhline(y, x, utf8 ? ACS_HLINE : '-', w);
    attrset(A_NORMAL);
}

void draw_vline(int y, int x, int h, enum theme_role role)
{
    if (h <= 0 || x < 0 || x >= COLS)
        return;
    attrset(theme_attr(role));
    mvvline(y, x, utf8 ? ACS_VLINE : '|', h);
    attrset(A_NORMAL);
}

/* Whether the cursor shows once the frame is flushed: set while drawing, applied by
 * draw_flush (curs_set writes at once: hiding then showing it again in every frame would send
 * both each time, several times a second while a prompt waits on a load). */
static bool cursor_wanted;

void draw_cursor(int y, int x)
{
    move(y, x);
    cursor_wanted = true;
}

void draw_cursor_hide(void)
{
    cursor_wanted = false;
}

void draw_erase(void)
{
    erase();
}

void draw_flush(void)
{
    curs_set(cursor_wanted ? 1 : 0); /* (curses sends nothing when it already is so) */
    /* a hidden cursor is left where the last change was written: no move at the end */
    leaveok(stdscr, !cursor_wanted);
    refresh();
}

bool draw_clipboard(const char *text)
{
    const char *term = getenv("TERM");
    if (!isatty(STDOUT_FILENO) || !term || !strcmp(term, "dumb") || !strncmp(term, "linux", 5) ||
        !strncmp(term, "vt", 2))
        return false;
    char *b64 = util_base64_encode(text, strlen(text));
    const char *tmux = getenv("TMUX");
    /* tmux takes the plain form when set-clipboard is on; the passthrough form reaches the
     * outer terminal when allow-passthrough is on. Both are harmless where unused. The text
     * may be a secret: written straight to the terminal (no stdio buffer keeps a copy) and
     * wiped. */
    struct strbuf out = SB_INIT;
    sb_addf(&out, "\033]52;c;%s\a", b64);
    if (tmux && *tmux)
        sb_addf(&out, "\033Ptmux;\033\033]52;c;%s\a\033\\", b64);
    fflush(stdout);
    bool ok = util_write_all(STDOUT_FILENO, out.buf, out.len) == 0;
    sb_wipe(&out);
    util_free_secret(b64);
    return ok;
}

void draw_forget(void)
{
    sb_wipe(&line);
}

void draw_box(struct rect r, enum theme_role role)
{
    if (r.h < 2 || r.w < 2)
        return;
    draw_clear_rect(r, role);
    attrset(theme_attr(role));
    chtype h = utf8 ? ACS_HLINE : '-', v = utf8 ? ACS_VLINE : '|';
    mvhline(r.y, r.x + 1, h, r.w - 2);
    mvhline(r.y + r.h - 1, r.x + 1, h, r.w - 2);
    mvvline(r.y + 1, r.x, v, r.h - 2);
    mvvline(r.y + 1, r.x + r.w - 1, v, r.h - 2);
    mvaddch(r.y, r.x, utf8 ? ACS_ULCORNER : '+');
    mvaddch(r.y, r.x + r.w - 1, utf8 ? ACS_URCORNER : '+');
    mvaddch(r.y + r.h - 1, r.x, utf8 ? ACS_LLCORNER : '+');
    mvaddch(r.y + r.h - 1, r.x + r.w - 1, utf8 ? ACS_LRCORNER : '+');
    attrset(A_NORMAL);
}

int draw_dialog_width(struct rect area, int max)
{
    int w = area.w - 4 < max ? area.w - 4 : max;
    return w < 24 ? area.w : w;
}

struct rect draw_dialog(struct rect area, int width, int lines, const char *title)
{
    int h = lines < area.h - 2 ? lines : area.h - 2;
    if (h < 0)
        h = 0;
    struct rect box = {area.y + (area.h - h - 2) / 2, area.x + (area.w - width) / 2, h + 2, width};
    draw_box(box, TH_NORMAL);
    struct strbuf t = SB_INIT;
    sb_addf(&t, " %s ", title);
    draw_text(box.y, box.x + 2, width - 4, sb_str(&t), TH_TITLE_FOCUS, false);
    sb_free(&t);
    return (struct rect){box.y + 1, box.x + 2, h, width - 4};
}

void draw_screen_text(struct strbuf *out)
{
    struct strbuf sb = SB_INIT;
    for (int y = 0; y < LINES; y++) {
        sb_reset(&sb);
        for (int x = 0; x < COLS; x++) {
            cchar_t cc;
            wchar_t wch[CCHARW_MAX + 1];
            attr_t a;
            short pair;
            if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wch, &a, &pair, NULL) == ERR) {
                sb_addc(&sb, ' ');
                continue;
            }
            if ((cc.attr & A_ALTCHARSET) || (a & A_ALTCHARSET)) {
                char c = (char)(wch[0] & 0x7f);
                sb_addc(&sb, c == 'q' ? '-' : c == 'x' ? '|' : '+');
                continue;
            }
            char mb[MB_LEN_MAX * (CCHARW_MAX + 1)];
            mbstate_t st;
            memset(&st, 0, sizeof(st));
            const wchar_t *p = wch;
            size_t n = wcsrtombs(mb, &p, sizeof(mb), &st);
            if (n == (size_t)-1 || n == 0) {
                sb_addc(&sb, ' ');
                continue;
            }
            sb_add(&sb, mb, n);
            int w = wcwidth(wch[0]);
            if (w > 1)
                x += w - 1; /* the next cell continues this character */
        }
        while (sb.len && sb.buf[sb.len - 1] == ' ')
            sb.len--;
        sb_addc(&sb, '\n');
        sb_add(out, sb.buf, sb.len);
    }
    sb_free(&sb);
}

bool draw_dump(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    struct strbuf sb = SB_INIT;
    draw_screen_text(&sb);
    if (sb.len)
        fwrite(sb.buf, 1, sb.len, f);
    sb_free(&sb);
    return fclose(f) == 0;
}
