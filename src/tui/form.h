/* form.h: a dialog of input fields drawn over the panes: text checked as it is typed, a
 * masked secret, a choice among values, a checklist, and lines of explanation. Keys are
 * taken as typed (not through the keymap): Tab/Down and BTab/Up move between fields, Enter
 * submits when every field is valid, Esc or C-c cancels. While busy (a request in flight)
 * every key but Esc is ignored, so one Enter sends one request. */
#ifndef TENANTRY_FORM_H
#define TENANTRY_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "tui/draw.h"

struct form;

/* What a key did. */
enum form_result {
    FORM_NONE,   /* nothing changed */
    FORM_REDRAW, /* something shown changed */
    FORM_SUBMIT, /* Enter, and every field is valid: send it (then form_set_busy) */
    FORM_CANCEL, /* Esc or C-c */
};

/* Check a text field's value: NULL when valid, else what is wrong (translated). */
typedef const char *(*form_check_fn)(const char *text, const void *ud);

/* A new form titled title (translated) whose Enter does submit ("Create", translated). */
struct form *form_new(const char *title, const char *submit);
/* Free the form, wiping its secret fields. NULL is fine. */
void form_free(struct form *f);

/* A line of explanation above the fields (wrapped to the dialog's width). */
void form_note(struct form *f, const char *text);
/* A text field: key names it, label is shown before it, initial fills it (NULL: ""), check
 * (may be NULL) is run on each change when live, else only on submit. */
void form_text(struct form *f, const char *key, const char *label, const char *initial,
               form_check_fn check, const void *ud, bool live);
/* A text field whose value is masked as it is typed and wiped when the form is freed. */
void form_secret(struct form *f, const char *key, const char *label, form_check_fn check,
                 const void *ud);
/* A choice of one of n values (labels shown, values returned), sel chosen first: Left/Right
 * or Space change it, a letter jumps to the next label starting with it. */
void form_choice(struct form *f, const char *key, const char *label, const char *const *labels,
                 const char *const *values, size_t n, size_t sel);
/* A checklist of n items (on: which start checked, NULL for none), at least min checked:
 * Space toggles the item under the cursor, Up/Down move through the items. */
void form_checks(struct form *f, const char *key, const char *label, const char *const *items,
                 size_t n, const bool *on, size_t min);
/* Another name the server may use for field key in its error details ("environmentId"). */
void form_alias(struct form *f, const char *key, const char *server_name);

/* Show or hide field key (a setting another field's choice makes moot): a hidden field is
 * not drawn, not focused and not checked; its value stays. */
void form_show(struct form *f, const char *key, bool shown);

/* A text or secret field's text, or a choice's value; NULL for no such field. */
const char *form_value(const struct form *f, const char *key);
/* Whether item i of checklist key is checked. */
bool form_checked(const struct form *f, const char *key, size_t i);
/* Whether field key differs from how it started. */
bool form_changed(const struct form *f, const char *key);

/* Say a request is in flight (what: "Creating tenant...", translated) or, with NULL, that
 * none is. */
void form_set_busy(struct form *f, const char *what);
bool form_busy(const struct form *f);
/* Show a refused request: each detail next to the field it names (by key or alias), the
 * message (and what no field took) below the fields. The values stay as they are. */
void form_set_error(struct form *f, const struct tn_error *err);
/* Show msg (translated) next to field key and move the focus there. */
void form_field_error(struct form *f, const char *key, const char *msg);

/* Handle one key (a code point, or a KEYS_FN code as in tui/keys.h). */
enum form_result form_key(struct form *f, int key);
/* Draw the dialog centred in area, with the cursor in the focused text field. */
void form_draw(const struct form *f, struct rect area);

#endif
