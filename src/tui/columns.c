/* columns.c: a pane's columns: their values and how they fit a width. */
#include "config.h"

#include "tui/columns.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/json.h"
#include "tui/draw.h"

bool columns_add(struct columns *cs, const struct api_kind_def *k, const char *path)
{
    if (cs->n >= COLUMNS_MAX || !*path || columns_find(cs, path) >= 0)
        return false;
    int f = model_field_index(k, path);
    const char *key = NULL;
    if (f < 0) { /* FIELD.KEY: a key of the object a field holds */
        const char *dot = strchr(path, '.');
        if (!dot || !dot[1])
            return false;
        char *head = xstrndup(path, (size_t)(dot - path));
        f = model_field_index(k, head);
        free(head);
        if (f < 0)
            return false;
        key = dot + 1;
    }
    struct column *c = &cs->v[cs->n++];
    *c = (struct column){.field = (size_t)f, .path = xstrdup(path)};
    if (key) {
        c->key = xstrdup(key);
        struct strbuf h = SB_INIT;
        for (const char *s = key; *s; s++)
            sb_addc(&h, *s == '.' ? ' ' : (char)toupper((unsigned char)*s));
        c->header = sb_steal(&h);
    } else {
        c->header = xstrdup(_(k->fields[f].header));
    }
    c->style = !key && (size_t)f == k->id_field ? COL_ID : COL_TEXT;
    return true;
}

size_t columns_add_list(struct columns *cs, const struct api_kind_def *k, const char *list,
                        char **bad)
{
    size_t added = 0;
    struct strbuf unknown = SB_INIT;
    const char *s = list ? list : "";
    while (*s) {
        size_t n = strcspn(s, ",");
        char *path = xstrndup(s, n);
        char *p = path, *e = path + strlen(path);
        while (*p == ' ')
            p++;
        while (e > p && e[-1] == ' ')
            *--e = '\0';
        if (*p && columns_add(cs, k, p))
            added++;
        else if (*p && columns_find(cs, p) < 0)
            sb_addf(&unknown, "%s%s", unknown.len ? ", " : "", p);
        free(path);
        s += n + (s[n] == ',');
    }
    if (bad)
        *bad = unknown.len ? sb_steal(&unknown) : NULL;
    sb_free(&unknown);
    return added;
}

int columns_find(const struct columns *cs, const char *path)
{
    for (size_t c = 0; c < cs->n; c++)
        if (!strcmp(cs->v[c].path, path))
            return (int)c;
    return -1;
}

void columns_clear(struct columns *cs)
{
    for (size_t c = 0; c < cs->n; c++) {
        free(cs->v[c].key);
        free(cs->v[c].path);
        free(cs->v[c].header);
    }
    cs->n = 0;
}

const char *columns_value(const struct column *c, const struct list *l, size_t i,
                          struct strbuf *sb)
{
    const char *v = list_value(l, i, c->field);
    if (c->key) {
        sb_reset(sb);
        model_json_key(v, c->key, sb);
        return sb_str(sb);
    }
    if (c->style == COL_LABEL) {
        sb_reset(sb);
        sb_add(sb, v, strcspn(v, "."));
        return sb_str(sb);
    }
    return v;
}

size_t columns_scalar_keys(const char *field, const char *json, size_t max, struct strbuf *out)
{
    size_t n = 0;
    if (!json || *json != '{')
        return 0;
    cJSON *j = json_parse(json, strlen(json));
    const cJSON *m;
    cJSON_ArrayForEach(m, j)
    {
        if (n >= max)
            break;
        if (!m->string || !*m->string || strchr(m->string, ',') || strchr(m->string, '.') ||
            cJSON_IsObject(m) || cJSON_IsArray(m) || cJSON_IsNull(m))
            continue;
        sb_addf(out, "%s%s.%s", out->len ? "," : "", field, m->string);
        n++;
    }
    cJSON_Delete(j);
    return n;
}

/* The fewest cells column c may shrink to, wanting want. */
static int least(const struct column *c, int want)
{
    int min = c->style == COL_ID ? COLUMNS_ID_MIN : COLUMNS_TEXT_MIN;
    return want < min ? want : min;
}

/* Take up to *over cells from column k of out, down to floor; the cells taken. */
static int take(struct colfit *out, size_t k, int floor, int *over)
{
    int room = out->width[k] - floor;
    int give = room < *over ? room : *over;
    if (give <= 0)
        return 0;
    out->width[k] -= give;
    *over -= give;
    return give;
}

void columns_fit(const struct columns *cs, const int *want, const int *vals, int w,
                 struct colfit *out)
{
    out->n = cs->n;
    for (size_t c = 0; c < cs->n; c++)
        out->col[c] = c;
    for (;;) {
        int total = out->n ? (int)out->n - 1 : 0;
        for (size_t c = 0; c < out->n; c++)
            total += out->width[c] = want[out->col[c]];
        int over = total - w;
        /* headings wider than their values give way first (ENVIRONMENT over "us01"), then
         * IDs, then the others from the last to the second */
        for (size_t k = out->n; k-- > 1 && over > 0;) {
            int v = vals[out->col[k]];
            take(out, k, v > COLUMNS_TEXT_MIN ? v : COLUMNS_TEXT_MIN, &over);
        }
        for (size_t k = out->n; k-- > 0 && over > 0;)
            if (cs->v[out->col[k]].style == COL_ID)
                take(out, k, least(&cs->v[out->col[k]], out->width[k]), &over);
        if (over > 0) /* a first value this long (a name) is cut before the others shrink */
            take(out, 0, COLUMNS_FIRST_SOFT, &over);
        for (size_t k = out->n; k-- > 1 && over > 0;)
            take(out, k, least(&cs->v[out->col[k]], out->width[k]), &over);
        if (over <= 0 || out->n <= 1) {
            if (out->n)
                out->width[0] -= over; /* the first takes what is left (or is cut) */
            if (out->n && out->width[0] < 1)
                out->width[0] = 1;
            return;
        }
        out->n--; /* the last goes, and the rest fit again from their wants */
    }
}

void columns_draw_cell(const struct column *c, int y, int x, int w, const char *text,
                       enum theme_role role)
{
    if (c->style == COL_ID)
        draw_text_middle(y, x, w, text, role);
    else
        draw_text(y, x, w, text, role, false);
}
