/* edit_rotate.c: R on a client: its secret rotated as `tenantry clients rotate` does (the
 * steps are core/rotate's). A dialog says what will happen; Enter creates a new client with
 * the old one's name and roles; the secret panel shows its ID and secret once; closing it
 * offers to delete the old client (its ID's first 8 characters typed, and on a production
 * profile the profile's name), Esc keeps it. Each step's failure says where things stand. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/phrase.h"
#include "core/rotate.h"
#include "tui/edit.h"
#include "tui/edit_impl.h"
#include "tui/pane.h"

/* The clients pane, when it still lists the clients of tenant parent. */
static struct pane *clients_of(struct tui *t, const char *parent)
{
    struct pane *p = tui_pane(t, "clients");
    const char *now = p ? pane_parent(p) : NULL;
    return now && parent && !strcmp(now, parent) ? p : NULL;
}

/* Back to the form after a refusal (shown again if Esc hid it), with err. */
static void refused(struct tui *t, struct edit *e, const struct tn_error *err)
{
    e->hidden = false;
    form_set_busy(e->form, NULL);
    form_set_error(e->form, err);
    t->dirty = true;
}

/* ------------------------------------------------------------------ the old client */

/* The old client's delete was answered. */
static void on_old_deleted(void *ud, const struct tn_error *err)
{
    struct edit *e = ud;
    struct tui *t = e->t;
    e->call = NULL;
    if (err->code != ST_OK && err->code != ST_NOT_FOUND) {
        struct tn_error why = {0};
        err_copy(&why, err);
        /* TRANSLATORS: the new client's ID, then the old client's ID. */
        err_prefix(&why, _("the new client %s is created, but the old one, %s, could not be "
                           "deleted: it still works"),
                   e->new_id, e->id);
        err_hint(&why, _("Enter tries again; Esc keeps it (delete it later with d)."));
        refused(t, e, &why);
        err_clear(&why);
        return;
    }
    struct pane *p = clients_of(t, e->parent);
    if (p)
        pane_remove_row(p, e->id);
    /* TRANSLATORS: the old client's ID, then the new client's ID. */
    tui_message(t, _("Deleted the old client %s: only the new one, %s, works now"), e->id,
                e->new_id);
    edit_close(t);
}

/* Enter on the old client's confirmation. */
static void send_delete(struct tui *t, struct edit *e)
{
    struct tn_error err = {0};
    struct api_target tg = {.kind = e->def, .parent = e->parent, .id = e->id};
    e->call = rotate_delete_old(t->c.session, &tg, e->new_id, on_old_deleted, e, &err);
    if (e->call)
        form_set_busy(e->form, _("Deleting the old client..."));
    else
        form_set_error(e->form, &err);
    err_clear(&err);
    t->dirty = true;
}

/* Esc on it: the old client stays. */
static void kept(struct tui *t, struct edit *e)
{
    /* TRANSLATORS: the old client's ID, then the new client's ID. */
    tui_message(t, _("Kept the old client %s; the new one is %s. Both work: delete the old one "
                     "once nothing uses it"),
                e->id, e->new_id);
}

/* The secret panel closed: offer to delete the old client. */
static void offer_delete(struct tui *t, const char *parent, const char *old_id,
                         const char *new_id, const char *name)
{
    struct pane *p = tui_pane(t, "clients");
    if (!p || !old_id || !new_id || !edit_can_open(t, true))
        return;
    struct edit *e = edit_new(t, EK_DELETE, pane_kind(p));
    e->parent = parent ? xstrdup(parent) : NULL;
    e->id = xstrdup(old_id);
    e->new_id = xstrdup(new_id);
    e->name = xstrdup(name ? name : old_id);
    e->submit = send_delete;
    e->cancelled = kept;
    e->form = form_new(_("Delete the old client"), _("delete"));
    /* TRANSLATORS: the client's name, the new client's ID, then the old client's ID. */
    char *note = xasprintf(_("The new client \"%s\" (%s) works now. Delete the old one, %s, so "
                             "that its secret stops working? Esc keeps it while its users move "
                             "over."),
                           e->name, new_id, old_id);
    form_note(e->form, note);
    free(note);
    e->confirm.word = xstrndup(old_id, 8);
    note = xasprintf(_("Type the first 8 characters of the old client's ID, %s, to confirm."),
                     e->confirm.word);
    form_note(e->form, note);
    free(note);
    form_text(e->form, "confirm", _("Confirm"), NULL, edit_check_word, &e->confirm, false);
    edit_confirm_production(e, api_profile(t->c.session));
}

/* ------------------------------------------------------------------ the new client */

/* The new client's create was answered. */
static void on_created(void *ud, struct row *row, const struct tn_error *err)
{
    struct edit *e = ud;
    struct tui *t = e->t;
    e->call = NULL;
    if (!row) {
        struct tn_error why = {0};
        err_copy(&why, err);
        if (err->code == ST_CREATED_UNREAD) { /* it exists: never send it again */
            err_prefix(&why, _("the new client was created, but its secret is lost (the old "
                               "one, %s, still works and is unchanged)"),
                       e->id);
            edit_close(t);
            tui_error(t, &why);
        } else {
            rotate_create_failed(&why, e->id);
            refused(t, e, &why);
        }
        err_clear(&why);
        return;
    }
    struct pane *p = clients_of(t, e->parent);
    if (p)
        pane_add_row(p, row);
    e->new_id = xstrdup(model_row_id(row));
    /* TRANSLATORS: the new client's ID, then the old client's ID. */
    tui_message(t, _("Created client %s to replace %s: both work now"), e->new_id, e->id);
    if (row->secret) {
        /* TRANSLATORS: the client's name, then the old client's ID. */
        char *label = xasprintf(_("The new client \"%s\", replacing %s"), e->name, e->id);
        e->after_secret = offer_delete;
        edit_show_secret(t, e, e->new_id, row->secret, label);
        free(label);
    } else { /* no secret came: nothing to show; go on to the old one */
        char *parent = e->parent ? xstrdup(e->parent) : NULL, *id = xstrdup(e->id);
        char *new_id = xstrdup(e->new_id), *name = xstrdup(e->name);
        edit_close(t);
        offer_delete(t, parent, id, new_id, name);
        free(parent);
        free(id);
        free(new_id);
        free(name);
    }
    model_row_free(row); /* wipes the secret */
}

/* Enter on the rotation's dialog: create the new client. */
static void send_create(struct tui *t, struct edit *e)
{
    struct tn_error err = {0};
    struct api_target tg = {.kind = e->def, .parent = e->parent, .id = e->id};
    e->call = rotate_create(t->c.session, &tg, e->name, (const char *const *)e->roles,
                            e->nroles, on_created, e, &err);
    if (e->call)
        form_set_busy(e->form, _("Creating the new client..."));
    else
        form_set_error(e->form, &err);
    err_clear(&err);
    t->dirty = true;
}

void edit_rotate(struct tui *t)
{
    struct pane *p = tui_focused(t);
    if (!p || strcmp(pane_ops(p)->kind, "clients")) {
        tui_message(t, _("Rotating is for clients: select one in the clients pane"));
        return;
    }
    if (!edit_can_open(t, true))
        return;
    const struct api_kind_def *k = pane_kind(p);
    size_t i = pane_selected(p);
    if (!(k->ops & API_OP_CREATE) || !(k->ops & API_OP_DELETE)) {
        tui_message(t, "%s", phrase(k, PH_CANNOT_ROTATE, _("This API cannot rotate these")));
        return;
    }
    if (i == SIZE_MAX || !pane_parent(p)) {
        tui_message(t, _("Nothing selected"));
        return;
    }
    const struct list *l = pane_list(p);
    int fn = model_field_index(k, "name"), fr = model_field_index(k, "roles");
    const char *name = fn >= 0 ? list_value(l, i, (size_t)fn) : "";
    const char *roles = fr >= 0 ? list_value(l, i, (size_t)fr) : "";
    struct edit *e = edit_new(t, EK_ROTATE, k);
    e->parent = xstrdup(pane_parent(p));
    e->id = xstrdup(list_id(l, i));
    e->name = xstrdup(name);
    for (const char *s = roles; *s;) { /* "admin,issuer" */
        size_t n = strcspn(s, ",");
        if (n) {
            e->roles = xreallocarray(e->roles, e->nroles + 1, sizeof(*e->roles));
            e->roles[e->nroles++] = xstrndup(s, n);
        }
        s += n + (s[n] == ',');
    }
    e->submit = send_create;
    e->form = form_new(_("Rotate client"), _("rotate"));
    /* TRANSLATORS: the client's name, its roles (comma-separated, or "none"), then the old
     * client's ID. */
    char *note = xasprintf(_("This creates a new client \"%s\" with the same roles (%s) and shows "
                             "its ID and secret once. The old one, %s, keeps working until you "
                             "delete it: you are asked next."),
                           name, *roles ? roles : _("none"), e->id);
    form_note(e->form, note);
    free(note);
}
