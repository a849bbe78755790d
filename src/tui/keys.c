/* keys.c: key names and the keymap. The defaults are etc/keys.conf, compiled in and read
 * through core/profile like the `keys` group of the user's config file. */
#include "config.h"

#include "tui/keys.h"
#include "install_dirs.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/intl.h"
#include "core/text.h"

/* etc/keys.conf as a string (made by the Makefile). */
static const char default_keys[] =
#include "tui/keys_default.h"
    ;

#define KEY_NAMES_HINT "j, C-x, Enter, Esc, Tab, Up, PgDn, F1"
#define F_KEYS 12 /* F1..F12 */

/* The named keys; a key's first name is its canonical one, the others are aliases. */
static const struct {
    const char *name;
    int key;
} names[] = {
    {"Enter", '\n'},
    {"Esc", KEYS_ESC},
    {"Tab", '\t'},
    {"BTab", KEYS_FN + KEY_BTAB},
    {"Backspace", KEYS_FN + KEY_BACKSPACE},
    {"Space", ' '},
    {"Comma", ','}, /* a bare comma would separate keys */
    {"Del", KEYS_FN + KEY_DC},
    {"Up", KEYS_FN + KEY_UP},
    {"Down", KEYS_FN + KEY_DOWN},
    {"Left", KEYS_FN + KEY_LEFT},
    {"Right", KEYS_FN + KEY_RIGHT},
    {"PgUp", KEYS_FN + KEY_PPAGE},
    {"PgDn", KEYS_FN + KEY_NPAGE},
    {"Home", KEYS_FN + KEY_HOME},
    {"End", KEYS_FN + KEY_END},
    /* aliases */
    {"Return", '\n'},
    {"Escape", KEYS_ESC},
    {"S-Tab", KEYS_FN + KEY_BTAB},
    {"Delete", KEYS_FN + KEY_DC},
    {"PageUp", KEYS_FN + KEY_PPAGE},
    {"PageDown", KEYS_FN + KEY_NPAGE},
};

/* One entry of the lookup table. */
struct binding {
    int key;
    enum action act;
};

/* The keys of one action, as bound (the names keymap_describe shows). */
struct keylist {
    int *v;
    size_t n, cap;
};

/* Every code of every key bound in one scope, sorted by key. */
struct table {
    struct binding *b;
    size_t n, cap;
};

/* The scopes: a key is bound to one action in each. The conflict view's actions have their
 * own, so that r, e and d there do not take the keys of refresh, edit and delete; so have the
 * profiles list's (a, D, *: * marks every row elsewhere). */
enum { SCOPE_MAIN, SCOPE_CONFLICT, SCOPE_PROFILES, SCOPE_COUNT };

/* Which action each key code gives, per scope, and each action's keys for help. */
struct keymap {
    struct table t[SCOPE_COUNT];
    struct keylist keys[ACT_COUNT];
};

/* The scope of r's keys. */
static int scope_of(enum action r)
{
    if (r == ACT_PROFILE_ADD || r == ACT_PROFILE_REMOVE || r == ACT_PROFILE_DEFAULT)
        return SCOPE_PROFILES;
    return action_group(r) == ACT_GROUP_CONFLICT ? SCOPE_CONFLICT : SCOPE_MAIN;
}

/* The second code a key arrives as (Enter as CR, Backspace as DEL), or 0. */
static int alt_of(int key)
{
    return key == '\n' ? '\r' : key == KEYS_FN + KEY_BACKSPACE ? 127 : 0;
}

/* Every code key arrives as, into codes; returns how many (1 to 3). */
static size_t key_codes(int key, int codes[3])
{
    size_t n = 0;
    codes[n++] = key;
    if (alt_of(key))
        codes[n++] = alt_of(key);
    if (key == '\n')
        codes[n++] = KEYS_FN + KEY_ENTER; /* the keypad's Enter */
    return n;
}

/* Decode s as exactly one UTF-8 character that can stand for a key; false otherwise. */
static bool decode_char(const char *s, int *cp)
{
    uint32_t c;
    size_t len = text_decode(s, &c);
    if (!len || s[len])
        return false;
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) /* controls have names */
        return false;
    *cp = (int)c;
    return true;
}

bool keys_parse(const char *name, int *key, int *alt)
{
    int k = -1;
    if (!name || !*name)
        return false;
    for (size_t i = 0; k < 0 && i < ARRAY_SIZE(names); i++)
        if (!strcasecmp(name, names[i].name))
            k = names[i].key;
    if (k < 0 && (name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
        long n = strtol(name + 1, NULL, 10);
        if (strspn(name + 1, "0123456789") == strlen(name + 1) && n >= 1 && n <= F_KEYS)
            k = KEYS_FN + KEY_F((int)n);
    }
    if (k < 0 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3]) {
        char c = name[2];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || strchr("@[\\]^_", c))
            k = c & 0x1f;
        else
            return false;
    }
    if (k < 0 && !decode_char(name, &k))
        return false;
    *key = k;
    if (alt)
        *alt = alt_of(k);
    return true;
}

const char *keys_name(int key, char buf[32])
{
    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        if (names[i].key == key) {
            snprintf(buf, 32, "%s", names[i].name);
            return buf;
        }
    if (key == 127 || key == KEYS_FN + KEY_ENTER) { /* the other codes of named keys */
        snprintf(buf, 32, "%s", key == 127 ? "Backspace" : "Enter");
    } else if (key >= KEYS_FN + KEY_F(1) && key <= KEYS_FN + KEY_F(F_KEYS)) {
        snprintf(buf, 32, "F%d", key - KEYS_FN - KEY_F0);
    } else if (key >= 0 && key < 0x20) {
        snprintf(buf, 32, "C-%c", key == 0 ? '@' : key <= 26 ? 'a' + key - 1 : "\\]^_"[key - 28]);
    } else if (key > KEYS_FN) {
        const char *kn = keyname(key - KEYS_FN); /* curses' name, e.g. KEY_SLEFT */
        if (kn)
            snprintf(buf, 32, "%s", kn);
        else
            snprintf(buf, 32, "key %d", key - KEYS_FN);
    } else if (key > 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0) && key <= 0x10ffff &&
               !(key >= 0xd800 && key <= 0xdfff)) {
        buf[text_encode((uint32_t)key, buf)] = '\0';
    } else {
        snprintf(buf, 32, "U+%04X", (unsigned)key);
    }
    return buf;
}

/* ---------------------------------------------------------------- the keymap */

/* Where key is, or would go, in the sorted table tb. */
static size_t table_pos(const struct table *tb, int key)
{
    size_t lo = 0, hi = tb->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tb->b[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Bind the code key to r in the table, replacing what it was bound to. */
static void table_put(struct table *tb, int key, enum action r)
{
    size_t i = table_pos(tb, key);
    if (i < tb->n && tb->b[i].key == key) {
        tb->b[i].act = r;
        return;
    }
    if (tb->n == tb->cap) {
        tb->cap = tb->cap ? tb->cap * 2 : 64;
        tb->b = xreallocarray(tb->b, tb->cap, sizeof(*tb->b));
    }
    memmove(&tb->b[i + 1], &tb->b[i], (tb->n - i) * sizeof(*tb->b));
    tb->b[i] = (struct binding){key, r};
    tb->n++;
}

/* Unbind the code key if it is bound to r. */
static void table_drop(struct table *tb, int key, enum action r)
{
    size_t i = table_pos(tb, key);
    if (i < tb->n && tb->b[i].key == key && tb->b[i].act == r) {
        memmove(&tb->b[i], &tb->b[i + 1], (tb->n - i - 1) * sizeof(*tb->b));
        tb->n--;
    }
}

/* Where key is in l, or l->n. */
static size_t list_find(const struct keylist *l, int key)
{
    size_t i = 0;
    while (i < l->n && l->v[i] != key)
        i++;
    return i;
}

/* Take the i-th key away from r: out of its list, and its codes out of the table. */
static void drop_key(struct keymap *km, enum action r, size_t i)
{
    struct keylist *l = &km->keys[r];
    int codes[3];
    for (size_t c = 0, n = key_codes(l->v[i], codes); c < n; c++)
        table_drop(&km->t[scope_of(r)], codes[c], r);
    memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(*l->v));
    l->n--;
}

/* Give key (and its other codes) to r, taking them from any action of its scope that had
 * them. */
static void add_key(struct keymap *km, enum action r, int key)
{
    struct keylist *l = &km->keys[r];
    if (list_find(l, key) < l->n)
        return; /* listed twice */
    int codes[3];
    size_t n = key_codes(key, codes);
    for (size_t c = 0; c < n; c++)
        for (int o = ACT_NONE + 1; o < ACT_COUNT; o++) {
            if (scope_of((enum action)o) != scope_of(r))
                continue;
            size_t i = list_find(&km->keys[o], codes[c]);
            if (i < km->keys[o].n)
                drop_key(km, (enum action)o, i);
        }
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
    }
    l->v[l->n++] = key;
    for (size_t c = 0; c < n; c++)
        table_put(&km->t[scope_of(r)], codes[c], r);
}

/* The action key is bound to in scope, or ACT_NONE. */
static enum action lookup(const struct keymap *km, int scope, int key)
{
    const struct table *tb = &km->t[scope];
    size_t i = table_pos(tb, key);
    return i < tb->n && tb->b[i].key == key ? tb->b[i].act : ACT_NONE;
}

/* keymap_bind, with file naming the profiles file in messages (NULL: none), and strict for
 * the defaults: a key bound to another action already is an error then. */
static bool bind(struct keymap *km, const char *name, const char *spec, const char *file,
                 bool strict, struct tn_error *err)
{
    enum action r = action_find(name);
    if (r == ACT_NONE) {
        /* the installed copy of the defaults, which names every action */
        if (file)
            /* TRANSLATORS: the action's name as written, the settings file's path, then the path
             * of the file listing every action (keys.conf); keep "keys" untranslated (the
             * group's name). */
            err_set(err, ST_USAGE, _("unknown action \"%s\" in the keys group of %s: see "
                                     "%s for the names"), name, file, DOCDIR "/keys.conf");
        else
            /* TRANSLATORS: the action's name as written, then the path of the file listing every
             * action (keys.conf). */
            err_set(err, ST_USAGE, _("unknown action \"%s\": see %s for the names"), name,
                    DOCDIR "/keys.conf");
        return false;
    }
    size_t len = strlen(spec), n = 0;
    int *keys = xcalloc(len / 2 + 1, sizeof(*keys)); /* a key and a separator at least */
    bool ok = true;
    for (const char *p = spec; ok && *p;) {
        p += strspn(p, " \t\n,");
        size_t tl = strcspn(p, " \t\n,");
        if (!tl)
            break;
        char *tok = xstrndup(p, tl);
        int codes[3];
        if (!keys_parse(tok, &keys[n], NULL)) {
            if (file)
                /* TRANSLATORS: the key's name as written, the action's name, the settings file's
                 * path, then examples of key names (C-o, F5...), kept as is; keep "keys"
                 * untranslated (the group's name). */
                err_set(err, ST_USAGE, _("unknown key \"%s\" for \"%s\" in the keys group of "
                                         "%s: use names such as %s"), tok, name, file,
                        KEY_NAMES_HINT);
            else
                /* TRANSLATORS: the key's name as written, the action's name, then examples of
                 * key names (C-o, F5...), kept as is. */
                err_set(err, ST_USAGE, _("unknown key \"%s\" for \"%s\": use names such as %s"),
                        tok, name, KEY_NAMES_HINT);
            ok = false;
        }
        for (size_t c = 0, nc = ok && strict ? key_codes(keys[n], codes) : 0; c < nc; c++) {
            enum action o = lookup(km, scope_of(r), codes[c]);
            if (o != ACT_NONE && o != r) {
                err_set(err, ST_USAGE, "key \"%s\" of \"%s\" is bound to \"%s\" already", tok,
                        name, action_name(o));
                ok = false;
            }
        }
        n++;
        free(tok);
        p += tl;
    }
    if (ok) {
        while (km->keys[r].n)
            drop_key(km, r, km->keys[r].n - 1);
        for (size_t i = 0; i < n; i++)
            add_key(km, r, keys[i]);
    }
    free(keys);
    return ok;
}

/* profile_group_strings callback for the built-in keys. */
static bool bind_default(void *ud, const char *name, const char *value, struct tn_error *err)
{
    return bind(ud, name, value, NULL, true, err);
}

struct keymap *keymap_new(void)
{
    struct keymap *km = xcalloc(1, sizeof(*km));
    struct tn_error err = {0};
    if (!profile_group_strings(NULL, default_keys, "keys", bind_default, km, &err))
        die("etc/keys.conf: %s", err.message);
    for (int r = ACT_NONE + 1; r < ACT_COUNT; r++)
        if (!km->keys[r].n)
            die("etc/keys.conf: no key for \"%s\"", action_name((enum action)r));
    return km;
}

void keymap_free(struct keymap *km)
{
    if (!km)
        return;
    for (int r = 0; r < ACT_COUNT; r++)
        free(km->keys[r].v);
    for (int i = 0; i < SCOPE_COUNT; i++)
        free(km->t[i].b);
    free(km);
}

bool keymap_bind(struct keymap *km, const char *name, const char *spec, struct tn_error *err)
{
    return bind(km, name, spec, NULL, false, err);
}

/* What keymap_load passes through profile_group_strings. */
struct load_state {
    struct keymap *km;
    const char *file;
    struct tn_error first; /* the first bad binding */
};

/* profile_group_strings callback for the user's keys: apply what can be, keep going. */
static bool bind_user(void *ud, const char *name, const char *value, struct tn_error *err)
{
    (void)err;
    struct load_state *st = ud;
    struct tn_error e = {0};
    if (!bind(st->km, name, value, st->file, false, &e) && !st->first.message)
        err_move(&st->first, &e);
    err_clear(&e);
    return true;
}

bool keymap_load(struct keymap *km, const struct profile_set *set, struct tn_error *err)
{
    struct load_state st = {km, set->path ? set->path : "?", {0}};
    bool ok = profile_group_strings(set, NULL, "keys", bind_user, &st, err);
    if (ok && st.first.message) {
        err_move(err, &st.first);
        ok = false;
    }
    err_clear(&st.first);
    return ok;
}

enum action keymap_lookup(const struct keymap *km, int key)
{
    return lookup(km, SCOPE_MAIN, key);
}

enum action keymap_lookup_conflict(const struct keymap *km, int key)
{
    return lookup(km, SCOPE_CONFLICT, key);
}

enum action keymap_lookup_profiles(const struct keymap *km, int key)
{
    return lookup(km, SCOPE_PROFILES, key);
}

const char *keymap_first(const struct keymap *km, enum action r, char buf[32])
{
    if (r <= ACT_NONE || r >= ACT_COUNT || !km->keys[r].n)
        return NULL;
    return keys_name(km->keys[r].v[0], buf);
}

const char *keymap_hint(const struct keymap *km, enum action r, char buf[32])
{
    const char *key = keymap_first(km, r, buf);
    if (key)
        return key;
    snprintf(buf, 32, "<%s>", action_name(r)); /* unbound: its name, as keys.conf has it */
    return buf;
}

void keymap_describe(const struct keymap *km, enum action r, struct strbuf *out)
{
    if (r <= ACT_NONE || r >= ACT_COUNT)
        return;
    char buf[32];
    for (size_t i = 0; i < km->keys[r].n; i++) {
        if (i)
            sb_adds(out, ", ");
        sb_adds(out, keys_name(km->keys[r].v[i], buf));
    }
}
