/* keys.h: key names and the keymap. A key is one int: a character's code point, or a curses
 * KEY_* code with KEYS_FN added (so that code points and KEY_* codes never collide). The
 * default bindings are etc/keys.conf, compiled in; a `keys` group in the config file
 * overrides them per action. */
#ifndef TENANTRY_KEYS_H
#define TENANTRY_KEYS_H

#include <stdbool.h>

#include "core/profile.h"
#include "core/status.h"
#include "core/util.h"
#include "tui/action.h"

#define KEYS_FN 0x40000000
#define KEYS_ESC 27

struct keymap;

/* The default keymap (etc/keys.conf). */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);
/* Bind the keys in spec ("j, Down" or "j Down") to the action called name, replacing its
 * earlier keys; a key bound to another action moves here. False with err set on an unknown
 * action or key name (nothing changes then). */
bool keymap_bind(struct keymap *km, const char *name, const char *spec, struct tn_error *err);
/* Apply the `keys` group of the profiles file, if any. Every binding that can be applied is;
 * false with err describing the first bad one (file, action, what is wrong). */
bool keymap_load(struct keymap *km, const struct profile_set *set, struct tn_error *err);
/* The action key is bound to, or ACT_NONE (the conflict view's and the profiles list's
 * actions aside). */
enum action keymap_lookup(const struct keymap *km, int key);
/* The action of ACT_GROUP_CONFLICT key is bound to, or ACT_NONE: the conflict view's keys. */
enum action keymap_lookup_conflict(const struct keymap *km, int key);
/* The profile-* action key is bound to, or ACT_NONE: the profiles list's own keys. */
enum action keymap_lookup_profiles(const struct keymap *km, int key);
/* Append the names of r's keys to out ("j, Down"); nothing when unbound. */
void keymap_describe(const struct keymap *km, enum action r, struct strbuf *out);
/* The name of r's first key (in buf, or a constant), or NULL when r is unbound: for hints
 * such as "? help". */
const char *keymap_first(const struct keymap *km, enum action r, char buf[32]);

/* The name of r's first key for a sentence ("Press %s to ..."): as keymap_first, or the
 * action's name in angle brackets ("<sort>") when r is unbound. */
const char *keymap_hint(const struct keymap *km, enum action r, char buf[32]);

/* Parse a key name: "j", "?", "C-l", "Esc", "Enter", "Tab", "BTab", "Backspace", "Space",
 * "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End", "Del", "F1".."F12". The
 * keys Enter and Backspace arrive as several codes; *alt receives a second code (or 0). */
bool keys_parse(const char *name, int *key, int *alt);
/* The name of key into buf ("C-l", "Down", "j"). */
const char *keys_name(int key, char buf[32]);

#endif
