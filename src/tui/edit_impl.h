/* edit_impl.h: what the dialogs share (edit.c, edit_resource.c, edit_profile.c); nothing
 * else includes it. One dialog at a time is a layer (tui/layer) holding a form, the request it
 * sent, and what it is about. */
#ifndef TENANTRY_EDIT_IMPL_H
#define TENANTRY_EDIT_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/form.h"
#include "tui/secret_panel.h"
#include "tui/tui_state.h"

enum edit_kind { EK_CREATE, EK_UPDATE, EK_DELETE, EK_SECRET, EK_PROFILE_ADD, EK_PROFILE_REMOVE,
                 EK_ROTATE };

/* A word a confirmation must be typed as, and the check's words when it is not. */
struct edit_word {
    char *word;
    char why[200];
};

struct edit {
    struct layer base; /* first: the dialog is a layer */
    struct tui *t;
    enum edit_kind kind;
    struct form *form;
    struct api_call *call;
    const struct api_kind_def *def;
    char *parent, *id; /* what the request is about */
    char *name;        /* its name, for messages */
    struct edit_word confirm, profile_confirm; /* what a delete must be confirmed with */
    char why[200];     /* what a check of this dialog says (its own, no other dialog's) */
    bool hidden;       /* Esc while waiting: the answer lands in the status line */
    struct secret_panel *panel; /* after a create: its secret, shown once */
    char **roles;      /* a client's roles checklist: the documented ones, then others */
    size_t nroles;
    char *new_id;      /* a rotation's new client */
    /* Enter on a valid form; after each key that changed it (NULL: nothing). */
    void (*submit)(struct tui *t, struct edit *e);
    void (*changed)(struct edit *e);
    /* Esc with nothing in flight: says what was kept, instead of "Cancelled" (NULL: that). */
    void (*cancelled)(struct tui *t, struct edit *e);
    /* Once the secret panel is closed: the next step (the dialog is closed by then, so it may
     * open another), given copies of parent, id, new_id and name (NULL: none). */
    void (*after_secret)(struct tui *t, const char *parent, const char *id, const char *new_id,
                         const char *name);
};

/* A new dialog of kind about def, on the layer stack (the caller checked edit_can_open). */
struct edit *edit_new(struct tui *t, enum edit_kind kind, const struct api_kind_def *def);
/* True when a new dialog may open (closing a finished one); says why not otherwise. A
 * mutating dialog needs a session and a console that is not read-only. */
bool edit_can_open(struct tui *t, bool mutating);
/* Form checks: a field that cannot be empty; a confirmation typed as ud's word (a struct
 * edit_word). */
const char *edit_check_required(const char *s, const void *ud);
const char *edit_check_word(const char *s, const void *ud);
/* On a production profile, a note and a field that want the profile's name typed as well
 * (e->profile_confirm); nothing otherwise. */
void edit_confirm_production(struct edit *e, const struct profile *prof);

/* Resource dialogs (edit_resource.c): send the form's request. */
void edit_send(struct tui *t, struct edit *e);
/* The secret panel for what was just created (what: translated), replacing e's form. */
void edit_show_secret(struct tui *t, struct edit *e, const char *client_id, const char *secret,
                      const char *what);

#endif
