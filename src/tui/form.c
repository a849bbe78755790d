/* form.c: create/edit forms and confirm dialogs over the panes, with live field checks. */
#include "config.h"

#include "tui/form.h"

#include <curses.h> /* KEY_* codes only */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/util.h"
#include "tui/keys.h"
#include "tui/prompt.h"

#define FORM_CTRL(c) ((c) & 0x1f)
#define FORM_MAX_WIDTH 76

enum field_type { F_TEXT, F_SECRET, F_CHOICE, F_CHECKS };

struct field {
    enum field_type type;
    char *key, *label, *alias;
    char *error;            /* what is wrong, shown under the field; NULL when nothing */
    /* text and secret */
    struct prompt *pr;
    char *initial;
    form_check_fn check;
    const void *ud;
    bool live;
    /* choice and checklist */
    char **items, **values;
    size_t n, sel, sel0;    /* choice: the value chosen, and the first one */
    bool *on, *on0;         /* checklist: checked now, and at first */
    size_t min, item;       /* checklist: at least min checked; the item under the cursor */
    bool hidden;            /* not shown, not focused, not checked (form_show) */
};

struct form {
    char *title, *submit;
    char **notes;
    size_t nnotes;
    struct field *v;
    size_t n, focus;
    char *busy;  /* what is in flight, or NULL */
    char *error; /* the last refusal, shown under the fields */
};

static void move_focus(struct form *f, bool forward);

struct form *form_new(const char *title, const char *submit)
{
    struct form *f = xcalloc(1, sizeof(*f));
    f->title = xstrdup(title);
    f->submit = xstrdup(submit);
    return f;
}

void form_free(struct form *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        struct field *d = &f->v[i];
        prompt_free(d->pr); /* wipes a secret */
        free(d->key);
        free(d->label);
        free(d->alias);
        free(d->error);
        free(d->initial);
        for (size_t k = 0; k < d->n; k++) {
            free(d->items[k]);
            if (d->values)
                free(d->values[k]);
        }
        free(d->items);
        free(d->values);
        free(d->on);
        free(d->on0);
    }
    for (size_t i = 0; i < f->nnotes; i++)
        free(f->notes[i]);
    free(f->notes);
    free(f->v);
    free(f->title);
    free(f->submit);
    free(f->busy);
    free(f->error);
    free(f);
}

void form_note(struct form *f, const char *text)
{
    f->notes = xreallocarray(f->notes, f->nnotes + 1, sizeof(*f->notes));
    f->notes[f->nnotes++] = xstrdup(text);
}

static struct field *field_add(struct form *f, enum field_type type, const char *key,
                               const char *label)
{
    f->v = xreallocarray(f->v, f->n + 1, sizeof(*f->v));
    struct field *d = &f->v[f->n++];
    *d = (struct field){.type = type, .key = xstrdup(key), .label = xstrdup(label)};
    return d;
}

static struct field *field_find(const struct form *f, const char *key)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->v[i].key, key) || (f->v[i].alias && !strcmp(f->v[i].alias, key)))
            return &f->v[i];
    return NULL;
}

void form_text(struct form *f, const char *key, const char *label, const char *initial,
               form_check_fn check, const void *ud, bool live)
{
    struct field *d = field_add(f, F_TEXT, key, label);
    d->pr = prompt_new("", initial);
    d->initial = xstrdup(initial ? initial : "");
    d->check = check;
    d->ud = ud;
    d->live = live;
}

void form_secret(struct form *f, const char *key, const char *label, form_check_fn check,
                 const void *ud)
{
    struct field *d = field_add(f, F_SECRET, key, label);
    d->pr = prompt_new("", NULL);
    prompt_set_secret(d->pr);
    d->initial = xstrdup("");
    d->check = check;
    d->ud = ud;
}

void form_choice(struct form *f, const char *key, const char *label, const char *const *labels,
                 const char *const *values, size_t n, size_t sel)
{
    struct field *d = field_add(f, F_CHOICE, key, label);
    d->items = xcalloc(n ? n : 1, sizeof(*d->items));
    d->values = xcalloc(n ? n : 1, sizeof(*d->values));
    for (size_t i = 0; i < n; i++) {
        d->items[i] = xstrdup(labels[i]);
        d->values[i] = xstrdup(values[i]);
    }
    d->n = n;
    d->sel = d->sel0 = sel < n ? sel : 0;
}

void form_checks(struct form *f, const char *key, const char *label, const char *const *items,
                 size_t n, const bool *on, size_t min)
{
    struct field *d = field_add(f, F_CHECKS, key, label);
    d->items = xcalloc(n ? n : 1, sizeof(*d->items));
    d->on = xcalloc(n ? n : 1, sizeof(*d->on));
    d->on0 = xcalloc(n ? n : 1, sizeof(*d->on0));
    for (size_t i = 0; i < n; i++) {
        d->items[i] = xstrdup(items[i]);
        d->on[i] = d->on0[i] = on && on[i];
    }
    d->n = n;
    d->min = min;
}

void form_alias(struct form *f, const char *key, const char *server_name)
{
    struct field *d = field_find(f, key);
    if (d) {
        free(d->alias);
        d->alias = xstrdup(server_name);
    }
}

const char *form_value(const struct form *f, const char *key)
{
    const struct field *d = field_find(f, key);
    if (!d)
        return NULL;
    if (d->type == F_CHOICE)
        return d->n ? d->values[d->sel] : NULL;
    if (d->type == F_CHECKS)
        return NULL;
    return prompt_text(d->pr);
}

bool form_checked(const struct form *f, const char *key, size_t i)
{
    const struct field *d = field_find(f, key);
    return d && d->type == F_CHECKS && i < d->n && d->on[i];
}

bool form_changed(const struct form *f, const char *key)
{
    const struct field *d = field_find(f, key);
    if (!d)
        return false;
    switch (d->type) {
    case F_CHOICE:
        return d->sel != d->sel0;
    case F_CHECKS:
        return memcmp(d->on, d->on0, d->n * sizeof(*d->on)) != 0;
    default:
        return strcmp(prompt_text(d->pr), d->initial) != 0;
    }
}

void form_set_busy(struct form *f, const char *what)
{
    free(f->busy);
    f->busy = what ? xstrdup(what) : NULL;
    if (what) {
        free(f->error);
        f->error = NULL;
    }
}

bool form_busy(const struct form *f)
{
    return f->busy != NULL;
}

static void set_error(struct field *d, const char *msg)
{
    free(d->error);
    d->error = msg ? xstrdup(msg) : NULL;
}

void form_show(struct form *f, const char *key, bool shown)
{
    struct field *d = field_find(f, key);
    if (!d || d->hidden == !shown)
        return;
    d->hidden = !shown;
    if (!shown)
        set_error(d, NULL);
    if (!shown && f->focus == (size_t)(d - f->v))
        move_focus(f, true);
}

void form_field_error(struct form *f, const char *key, const char *msg)
{
    struct field *d = field_find(f, key);
    if (!d)
        return;
    set_error(d, msg);
    f->focus = (size_t)(d - f->v);
}

void form_set_error(struct form *f, const struct tn_error *err)
{
    struct strbuf rest = SB_INIT;
    bool focused = false;
    for (size_t i = 0; i < f->n; i++) /* what an earlier refusal said no longer holds */
        set_error(&f->v[i], NULL);
    for (size_t i = 0; i < err->ndetails; i++) {
        struct field *d = field_find(f, err->details[i].field);
        if (!d) {
            sb_addf(&rest, "%s%s %s", rest.len ? "; " : "", err->details[i].field,
                    err->details[i].message);
            continue;
        }
        set_error(d, err->details[i].message);
        if (!focused)
            f->focus = (size_t)(d - f->v);
        focused = true;
    }
    free(f->error);
    f->error = err_format_line(err);
    if (rest.len && !strstr(f->error, sb_str(&rest))) { /* what no field took, unless said */
        char *both = xasprintf("%s (%s)", f->error, sb_str(&rest));
        free(f->error);
        f->error = both;
    }
    sb_free(&rest);
}

/* What is wrong with field d now, or NULL (translated). */
static const char *problem(const struct field *d)
{
    switch (d->type) {
    case F_CHOICE:
        return d->n ? NULL : _("nothing to choose from");
    case F_CHECKS: {
        size_t k = 0;
        for (size_t i = 0; i < d->n; i++)
            k += d->on[i];
        return k >= d->min ? NULL : _("check at least one");
    }
    default:
        return d->check && !d->hidden ? d->check(prompt_text(d->pr), d->ud) : NULL;
    }
}

/* Enter: FORM_SUBMIT when every field is valid, else show the first problem. */
static enum form_result submit(struct form *f)
{
    for (size_t i = 0; i < f->n; i++) {
        const char *why = problem(&f->v[i]);
        if (why) {
            set_error(&f->v[i], why);
            f->focus = i;
            return FORM_REDRAW;
        }
    }
    return FORM_SUBMIT;
}

/* Move the focus by one field (wrapping). */
static void move_focus(struct form *f, bool forward)
{
    if (!f->n)
        return;
    size_t i = f->focus;
    do /* past the hidden fields (not all can be: the form shows its first field) */
        i = (i + (forward ? 1 : f->n - 1)) % f->n;
    while (f->v[i].hidden && i != f->focus);
    f->focus = i;
    struct field *d = &f->v[f->focus];
    if (d->type == F_CHECKS)
        d->item = forward ? 0 : (d->n ? d->n - 1 : 0);
}

/* A key for a choice field. */
static enum form_result choice_key(struct field *d, int key)
{
    if (!d->n)
        return FORM_NONE;
    if (key == KEYS_FN + KEY_LEFT) {
        d->sel = (d->sel + d->n - 1) % d->n;
    } else if (key == KEYS_FN + KEY_RIGHT || key == ' ') {
        d->sel = (d->sel + 1) % d->n;
    } else if (key > ' ' && key < 0x7f) { /* the next label starting with the letter */
        size_t i = d->sel;
        int want = tolower(key);
        do
            i = (i + 1) % d->n;
        while (i != d->sel && tolower((unsigned char)d->items[i][0]) != want);
        if (i == d->sel)
            return FORM_NONE;
        d->sel = i;
    } else {
        return FORM_NONE;
    }
    set_error(d, NULL);
    return FORM_REDRAW;
}

/* A key for a checklist field; FORM_NONE with *leave set when Up/Down leaves it. */
static enum form_result checks_key(struct field *d, int key, int *leave)
{
    if (key == KEYS_FN + KEY_DOWN) {
        if (d->item + 1 >= d->n) {
            *leave = 1;
            return FORM_NONE;
        }
        d->item++;
    } else if (key == KEYS_FN + KEY_UP) {
        if (d->item == 0) {
            *leave = -1;
            return FORM_NONE;
        }
        d->item--;
    } else if (key == ' ' && d->n) {
        d->on[d->item] = !d->on[d->item];
        set_error(d, problem(d));
    } else {
        return FORM_NONE;
    }
    return FORM_REDRAW;
}

enum form_result form_key(struct form *f, int key)
{
    if (key == KEYS_ESC || key == FORM_CTRL('c'))
        return FORM_CANCEL;
    if (f->busy)
        return FORM_NONE; /* one Enter, one request */
    if (key == '\n' || key == '\r' || key == KEYS_FN + KEY_ENTER)
        return submit(f); /* (a form of notes alone asks only for Enter) */
    if (!f->n)
        return FORM_NONE;
    struct field *d = &f->v[f->focus];
    if (d->type == F_CHECKS) {
        int leave = 0;
        enum form_result r = checks_key(d, key, &leave);
        if (!leave && r != FORM_NONE)
            return r;
        if (leave) {
            move_focus(f, leave > 0);
            return FORM_REDRAW;
        }
    }
    if (key == '\t' || key == KEYS_FN + KEY_DOWN) {
        move_focus(f, true);
        return FORM_REDRAW;
    }
    if (key == KEYS_FN + KEY_BTAB || key == KEYS_FN + KEY_UP) {
        move_focus(f, false);
        return FORM_REDRAW;
    }
    if (d->type == F_CHOICE)
        return choice_key(d, key);
    if (d->type == F_CHECKS)
        return FORM_NONE;
    switch (prompt_key(d->pr, key)) {
    case PROMPT_CHANGED:
        set_error(d, d->live ? problem(d) : NULL);
        return FORM_REDRAW;
    case PROMPT_EDITING:
        if (d->type == F_SECRET && key >= ' ' && key < KEYS_FN && key != 0x7f)
            set_error(d, _("too long: a secret has at most 1024 bytes")); /* refused */
        return FORM_REDRAW; /* the cursor moved */
    default:
        return FORM_NONE; /* Backspace on an empty field: nothing */
    }
}

/* ------------------------------------------------------------------ drawing */

/* One line of the dialog: a note's line, a field's value, a checklist item, a field's error,
 * the hint or the busy/error line. */
enum line_kind { L_NOTE, L_BLANK, L_FIELD, L_ITEM, L_FIELD_ERROR, L_HINT, L_STATUS };
struct line {
    enum line_kind kind;
    size_t index; /* the note, field or checklist item */
    size_t field;
};

struct lines {
    struct line *v;
    size_t n;
    size_t focus; /* the line of the focused field */
};

static void line_add(struct lines *ls, enum line_kind kind, size_t index, size_t field)
{
    ls->v = xreallocarray(ls->v, ls->n + 1, sizeof(*ls->v));
    ls->v[ls->n++] = (struct line){kind, index, field};
}

/* Lay the dialog out as lines for an inner width of w cells; the error wraps (its line
 * count in *status_lines). */
static void plan(const struct form *f, int w, int vw, struct lines *ls, int *status_lines)
{
    for (size_t i = 0; i < f->nnotes; i++) {
        int k = draw_wrapped_lines(w, f->notes[i]);
        for (int j = 0; j < k; j++)
            line_add(ls, L_NOTE, i, (size_t)j);
    }
    if (f->nnotes)
        line_add(ls, L_BLANK, 0, 0);
    for (size_t i = 0; i < f->n; i++) {
        const struct field *d = &f->v[i];
        if (d->hidden)
            continue;
        if (i == f->focus)
            ls->focus = ls->n;
        if (d->type == F_CHECKS) {
            for (size_t k = 0; k < d->n; k++) {
                if (i == f->focus && k == d->item)
                    ls->focus = ls->n;
                line_add(ls, k == 0 ? L_FIELD : L_ITEM, k, i);
            }
            if (!d->n)
                line_add(ls, L_FIELD, 0, i);
        } else {
            line_add(ls, L_FIELD, 0, i);
        }
        if (d->error) {
            int k = draw_wrapped_lines(vw - 2, d->error);
            for (int j = 0; j < k; j++)
                line_add(ls, L_FIELD_ERROR, (size_t)j, i);
        }
    }
    line_add(ls, L_BLANK, 0, 0);
    line_add(ls, L_HINT, 0, 0);
    const char *status = f->busy ? f->busy : f->error;
    *status_lines = status ? draw_wrapped_lines(w, status) : 0;
    for (int j = 0; j < *status_lines; j++)
        line_add(ls, L_STATUS, (size_t)j, 0);
}

void form_draw(const struct form *f, struct rect area)
{
    int bw = draw_dialog_width(area, FORM_MAX_WIDTH);
    int w = bw - 4; /* inside the frame, one space each side */
    int lw = 0;     /* the labels' column */
    for (size_t i = 0; i < f->n; i++)
        if (draw_width(f->v[i].label) > lw)
            lw = draw_width(f->v[i].label);
    lw += 3; /* the focus mark before, a space after */
    if (lw > w / 3)
        lw = w / 3;
    int vw = w - lw - 2; /* a value's cells, after the focus mark */
    struct lines ls = {0};
    int status_lines;
    plan(f, w, vw, &ls, &status_lines);
    /* fit the lines (plus the frame) into the area; scroll to keep the focus shown */
    struct rect in = draw_dialog(area, bw, (int)ls.n, f->title);
    int h = in.h;
    size_t first = 0;
    if ((int)ls.n > h) {
        size_t tail = 3 + (size_t)status_lines; /* the hint and the status stay shown */
        size_t body = (size_t)h > tail ? (size_t)h - tail : 1;
        if (ls.focus >= body)
            first = ls.focus - body + 1;
    }
    int cx = -1, cy = -1;
    const struct field *edit = NULL; /* the text field with the cursor */
    for (int r = 0; r < h; r++) {
        /* the last lines (hint, status) always show at the bottom */
        size_t li = (int)ls.n > h && r >= h - (int)(2 + status_lines)
                        ? ls.n - (size_t)(h - r)
                        : first + (size_t)r;
        if (li >= ls.n)
            break;
        const struct line *l = &ls.v[li];
        int y = in.y + r, x = in.x;
        const struct field *d = l->kind == L_FIELD || l->kind == L_ITEM ||
                                        l->kind == L_FIELD_ERROR
                                    ? &f->v[l->field]
                                    : NULL;
        bool focused = d && l->field == f->focus;
        switch (l->kind) {
        case L_NOTE:
            draw_wrapped_line(y, x, w, f->notes[l->index], (int)l->field, TH_NORMAL);
            break;
        case L_FIELD:
        case L_ITEM:
            if (l->kind == L_FIELD) {
                draw_text(y, x, 2, focused ? ">" : "", TH_TITLE_FOCUS, false);
                draw_text(y, x + 2, lw - 2, d->label, focused ? TH_TITLE_FOCUS : TH_NORMAL,
                          false);
            }
            if (d->type == F_TEXT || d->type == F_SECRET) {
                enum theme_role role = focused ? TH_SELECTED : TH_COLUMNS;
                draw_fill(y, x + lw, vw, role);
                prompt_draw_idle(d->pr, y, x + lw, vw, role);
                if (focused && !f->busy) { /* drawn again last, to leave the cursor there */
                    edit = d;
                    cx = x + lw;
                    cy = y;
                }
            } else if (d->type == F_CHOICE) {
                struct strbuf c = SB_INIT;
                if (d->n)
                    sb_addf(&c, "%s %s %s", draw_utf8() ? "\xe2\x97\x82" : "<",
                            d->items[d->sel], draw_utf8() ? "\xe2\x96\xb8" : ">");
                draw_text(y, x + lw, vw, sb_str(&c), focused ? TH_SELECTED : TH_NORMAL, true);
                sb_free(&c);
            } else if (d->n) {
                bool here = focused && l->index == d->item;
                struct strbuf c = SB_INIT;
                sb_addf(&c, "[%s] %s", d->on[l->index] ? "x" : " ", d->items[l->index]);
                draw_text(y, x + lw, vw, sb_str(&c), here ? TH_SELECTED : TH_NORMAL, true);
                sb_free(&c);
                if (here && !f->busy) {
                    cx = x + lw + 1;
                    cy = y;
                }
            }
            break;
        case L_FIELD_ERROR:
            draw_wrapped_line(y, x + lw + 2, vw - 2, d->error, (int)l->index, TH_ERROR);
            break;
        case L_HINT: {
            struct strbuf hint = SB_INIT;
            enum field_type ft = f->n ? f->v[f->focus].type : F_TEXT;
            /* TRANSLATORS: the hint line at a form's bottom: %s is what Enter does (e.g. "save",
             * "create"); keep Enter, Tab and Esc (key names) as they are; keep the three spaces
             * between the parts. */
            sb_addf(&hint, _("Enter %s   Tab next field   Esc cancel"), f->submit);
            if (ft == F_CHECKS)
                /* TRANSLATORS: appended to a form's hint line: keep Space (a key name) as it is. */
                sb_addf(&hint, "   %s", _("Space checks"));
            else if (ft == F_CHOICE)
                /* TRANSLATORS: appended to a form's hint line: keep Left/Right (key names) as
                 * they are. */
                sb_addf(&hint, "   %s", _("Left/Right choose"));
            draw_text(y, x, w, sb_str(&hint), TH_DIM, false);
            sb_free(&hint);
            break;
        }
        case L_STATUS:
            draw_wrapped_line(y, x, w, f->busy ? f->busy : f->error, (int)l->index,
                              f->busy ? TH_DIM : TH_ERROR);
            break;
        case L_BLANK:
            break;
        }
    }
    if (edit)
        prompt_draw(edit->pr, cy, cx, vw);
    else if (cx >= 0)
        draw_cursor(cy, cx);
    else
        draw_cursor_hide();
    free(ls.v);
}
