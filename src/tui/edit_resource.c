/* edit_resource.c: the dialogs that change the API's objects: create, edit and delete
 * tenants and clients, and the panel showing a new client's secret once. A refusal leaves the
 * form as it was typed, with the server's words next to the field they name; an answer that
 * lands after Esc still updates the list and the status line (and a new secret is still
 * shown). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/phrase.h"
#include "core/rules.h"
#include "core/text.h"
#include "tui/edit.h"
#include "tui/edit_impl.h"
#include "tui/pane.h"

/* ------------------------------------------------------------------ checks */

/* A subdomain label, as core's rules say (in this dialog's own buffer). */
static const char *check_label(const char *s, const void *ud)
{
    struct edit *e = (struct edit *)(uintptr_t)ud;
    return rules_label_problem(s, e->why, sizeof(e->why));
}

/* ------------------------------------------------------------------ answers */

void edit_show_secret(struct tui *t, struct edit *e, const char *client_id, const char *secret,
                      const char *what)
{
    form_free(e->form);
    e->form = NULL;
    e->kind = EK_SECRET;
    e->hidden = false;
    e->panel = secret_panel_new(what, client_id ? client_id : "", secret);
    t->dirty = true;
}

/* A refused request: back to the form, as it was typed, with the server's words (shown
 * again if Esc hid it: nothing typed is lost). */
static void refused(struct tui *t, struct edit *e, const struct tn_error *err)
{
    if (e->hidden) {
        e->hidden = false;
        tui_message(t, _("The change was refused: the form is back as you left it"));
    }
    form_set_busy(e->form, NULL);
    form_set_error(e->form, err);
    t->dirty = true;
}

/* The dialog a create's or an update's answer is for; NULL when it was refused (the form
 * shows why). */
static struct edit *answered(void *ud, const struct row *row, const struct tn_error *err)
{
    struct edit *e = ud;
    e->call = NULL;
    if (row)
        return e;
    refused(e->t, e, err);
    return NULL;
}

/* A create was answered. */
static void on_created(void *ud, struct row *row, const struct tn_error *err)
{
    if (!row && err->code == ST_CREATED_UNREAD) { /* it exists: the form must not send it again */
        struct tui *t = ((struct edit *)ud)->t;
        edit_close(t);
        tui_error(t, err);
        return;
    }
    struct edit *e = answered(ud, row, err);
    if (!e)
        return;
    struct tui *t = e->t;
    struct pane *p = tui_pane(t, e->def->name);
    const char *parent = p ? pane_parent(p) : NULL;
    bool same = !e->parent || (parent && !strcmp(parent, e->parent));
    bool shown = p && same && pane_add_row(p, row);
    const char *name = model_row_get(row, "name");
    const char *what = name ? name : model_row_id(row);
    const struct api_kind_def *k = e->def;
    if (shown)
        /* TRANSLATORS: %s is the new object's name (or ID). */
        tui_message(t, phrase(k, PH_CREATED_NAMED, _("Created \"%s\"")), what);
    else if (!same)
        tui_message(t,
                    phrase(k, PH_CREATED_AWAY,
                           /* TRANSLATORS: %s is the new object's name (or ID). */
                           _("Created \"%s\" (another tenant is shown now)")),
                    what);
    else
        tui_message(t,
                    phrase(k, PH_CREATED_HIDDEN,
                           /* TRANSLATORS: %s is the new object's name (or ID). */
                           _("Created \"%s\" (the filter or environment shown hides it)")),
                    what);
    if (row->secret) {
        const char *cid = k->parent ? model_row_id(row) : model_row_get(row, "client.clientId");
        char *label =
            k->parent ? xasprintf(phrase(k, PH_NEW_SECRET,
                                         /* TRANSLATORS: the secret panel's title: %s is the new
                                          * object's name (or ID). */
                                         _("The new \"%s\"")),
                                  what)
                      : xasprintf(phrase(k, PH_FIRST_CLIENT,
                                         /* TRANSLATORS: the secret panel's title: %s is the new
                                          * object's name (or ID). */
                                         _("The first client of the new \"%s\"")),
                                  what);
        edit_show_secret(t, e, cid, row->secret, label);
        free(label);
    } else {
        edit_close(t);
    }
    model_row_free(row); /* wipes the secret */
}

/* An update was answered. */
static void on_updated(void *ud, struct row *row, const struct tn_error *err)
{
    struct edit *e = answered(ud, row, err);
    if (!e)
        return;
    struct tui *t = e->t;
    struct pane *p = tui_pane(t, e->def->name);
    if (p)
        pane_update_row(p, row);
    const char *name = model_row_get(row, "name");
    tui_message(t, phrase(e->def, PH_SAVED_NAMED, _("Saved \"%s\"")),
                name && *name ? name : e->name);
    edit_close(t);
    model_row_free(row);
}

/* A delete was answered. */
static void on_deleted(void *ud, const struct tn_error *err)
{
    struct edit *e = ud;
    struct tui *t = e->t;
    e->call = NULL;
    if (err->code != ST_OK && err->code != ST_NOT_FOUND) {
        refused(t, e, err);
        return;
    }
    struct pane *p = tui_pane(t, e->def->name);
    if (p)
        pane_remove_row(p, e->id);
    if (err->code == ST_NOT_FOUND) /* someone else deleted it: it is gone all the same */
        tui_message(t,
                    phrase(e->def, PH_ALREADY_GONE,
                           _("\"%s\" was already gone (HTTP 404): removed from the list")),
                    e->name);
    else
        tui_message(t, phrase(e->def, PH_DELETED_NAMED, _("Deleted \"%s\"")), e->name);
    edit_close(t);
}

/* ------------------------------------------------------------------ sending */

/* Where the request goes: the kind, its parent and the object. */
static struct api_target target_of(const struct edit *e)
{
    return (struct api_target){.kind = e->def, .parent = e->parent, .id = e->id};
}

/* Send the form's request (Enter on a valid form). */
void edit_send(struct tui *t, struct edit *e)
{
    struct api_value *v = xcalloc(3 + e->nroles, sizeof(*v));
    size_t n = 0;
    struct tn_error err = {0};
    struct api_target tg = target_of(e);
    const char *busy = NULL;
    switch (e->kind) {
    case EK_CREATE:
    case EK_UPDATE:
        if (!e->def->parent) { /* a tenant */
            const char *name = form_value(e->form, "name");
            if (*name)
                v[n++] = (struct api_value){"name", name};
            v[n++] = (struct api_value){"subdomain", form_value(e->form, "subdomain")};
            v[n++] = (struct api_value){"environment", form_value(e->form, "environment")};
        } else {
            if (e->kind == EK_CREATE || form_changed(e->form, "name"))
                v[n++] = (struct api_value){"name", form_value(e->form, "name")};
            if (e->kind == EK_CREATE || form_changed(e->form, "roles"))
                for (size_t i = 0; i < e->nroles; i++)
                    if (form_checked(e->form, "roles", i))
                        v[n++] = (struct api_value){"roles", e->roles[i]};
        }
        if (!n) {
            form_field_error(e->form, "name", _("nothing changed: nothing to save"));
            t->dirty = true;
            free(v);
            return;
        }
        struct api_values in = {v, n};
        if (e->kind == EK_CREATE) {
            e->call = api_create(t->c.session, &tg, &in, on_created, e, &err);
            busy = e->def->parent ? _("Creating the client...") : _("Creating the tenant...");
        } else {
            e->call = api_update(t->c.session, &tg, &in, on_updated, e, &err);
            busy = _("Saving...");
        }
        break;
    case EK_DELETE:
        e->call = api_delete(t->c.session, &tg, on_deleted, e, &err);
        busy = _("Deleting...");
        break;
    default:
        free(v);
        return;
    }
    free(v);
    if (e->call)
        form_set_busy(e->form, busy);
    else
        form_set_error(e->form, &err);
    err_clear(&err);
    t->dirty = true;
}

/* ------------------------------------------------------------------ the dialogs */

/* The value of field path of row i, or "" when the kind has no such field. */
static const char *field_value(const struct list *l, size_t i, const char *path)
{
    int f = model_field_index(list_kind(l), path);
    return f >= 0 ? list_value(l, i, (size_t)f) : "";
}

/* The environments to choose from: the loaded rows of the environments pane. */
static void tenant_form(struct tui *t, struct edit *e)
{
    struct pane *envs = tui_pane(t, "environments");
    const struct list *l = envs ? pane_list(envs) : NULL;
    size_t n = l ? list_count(l) : 0, k = 0, sel = 0;
    const char **labels = xcalloc(n ? n : 1, sizeof(*labels));
    const char **values = xcalloc(n ? n : 1, sizeof(*values));
    const char *want = tui_environment(t);
    if (!want && envs)
        want = pane_selected_id(envs);
    for (size_t i = 0; i < n; i++) {
        if (list_removed(l, i))
            continue;
        const char *name = field_value(l, i, "name");
        labels[k] = *name ? name : list_id(l, i);
        values[k] = list_id(l, i);
        if (want && !strcmp(values[k], want))
            sel = k;
        k++;
    }
    /* TRANSLATORS: a form's title, then what its Enter key does (shown as "Enter create"); keep
     * both short. */
    e->form = form_new(_("New tenant"), _("create"));
    /* TRANSLATORS: a form's field labels, in the form's left column; keep them short. */
    form_text(e->form, "name", _("Name"), NULL, NULL, NULL, false);
    form_text(e->form, "subdomain", _("Subdomain"), NULL, check_label, e, true);
    form_choice(e->form, "environment", _("Environment"), labels, values, k, sel);
    form_alias(e->form, "environment", "environmentId");
    if (!k)
        /* TRANSLATORS: keep Esc (a key name) and r (the reload key) as they are. */
        form_note(e->form, _("No environments are loaded yet: Esc, then r in the "
                             "environments pane."));
    free(labels);
    free(values);
}

/* A client's form: name and roles, filled from the row when editing. The checklist holds
 * the documented roles, then any other role the client has (checked), so that an edit never
 * drops a role this program does not know. */
static void client_form(struct edit *e, const char *name, const char *current_roles)
{
    size_t most = RULES_NROLES + (current_roles ? strlen(current_roles) : 0) + 1;
    e->roles = xcalloc(most, sizeof(*e->roles));
    for (size_t i = 0; i < RULES_NROLES; i++)
        e->roles[e->nroles++] = xstrdup(rules_roles[i]);
    bool *on = xcalloc(most, sizeof(*on));
    for (const char *p = current_roles ? current_roles : ""; *p;) {
        /* "admin,issuer": comma-separated */
        size_t n = strcspn(p, ","), k;
        for (k = 0; k < e->nroles; k++)
            if (strlen(e->roles[k]) == n && !strncmp(p, e->roles[k], n))
                break;
        if (k == e->nroles && n)
            e->roles[e->nroles++] = xstrndup(p, n);
        if (n)
            on[k] = true;
        p += n + (p[n] == ',');
    }
    /* TRANSLATORS: a form's title (new or edit). */
    e->form = form_new(e->kind == EK_CREATE ? _("New client") : _("Edit client"),
                       /* TRANSLATORS: what a form's Enter key does (shown as "Enter save"); keep
                        * it short. */
                       e->kind == EK_CREATE ? _("create") : _("save"));
    form_text(e->form, "name", _("Name"), name, edit_check_required, NULL, true);
    form_checks(e->form, "roles", _("Roles"), (const char *const *)e->roles, e->nroles, on, 1);
    free(on);
}

/* The tenant the clients pane lists, or NULL with a message. */
static const char *clients_tenant(struct tui *t, struct pane *p)
{
    const char *parent = pane_parent(p);
    if (!parent)
        tui_message(t, _("Choose a tenant first"));
    return parent;
}

void edit_create(struct tui *t)
{
    struct pane *p = tui_focused(t);
    if (!edit_can_open(t, true) || !p)
        return;
    const struct api_kind_def *k = pane_kind(p);
    if (!(k->ops & API_OP_CREATE)) {
        tui_message(t, "%s", phrase(k, PH_CANNOT_CREATE, _("This API cannot create these")));
        return;
    }
    const char *parent = NULL;
    if (k->parent && !(parent = clients_tenant(t, p)))
        return;
    struct edit *e = edit_new(t, EK_CREATE, k);
    e->parent = parent ? xstrdup(parent) : NULL;
    if (k->parent)
        client_form(e, NULL, NULL);
    else
        tenant_form(t, e);
}

/* Open an edit of kind (EK_UPDATE or EK_DELETE) about the focused pane's selection, when its
 * kind offers that; its row in *row. NULL (with a message) when nothing opened. */
static struct edit *edit_selected(struct tui *t, enum edit_kind kind, size_t *row)
{
    struct pane *p = tui_focused(t);
    if (!edit_can_open(t, true) || !p)
        return NULL;
    const struct api_kind_def *k = pane_kind(p);
    size_t i = pane_selected(p);
    if (!(k->ops & (kind == EK_UPDATE ? API_OP_UPDATE : API_OP_DELETE))) {
        tui_message(t, "%s",
                    kind == EK_UPDATE
                        ? phrase(k, PH_CANNOT_EDIT, _("These cannot be edited: only clients can"))
                        : phrase(k, PH_CANNOT_DELETE, _("This API cannot delete these")));
        return NULL;
    }
    if (i == SIZE_MAX) {
        tui_message(t, _("Nothing selected"));
        return NULL;
    }
    const struct list *l = pane_list(p);
    const char *name = field_value(l, i, "name");
    struct edit *e = edit_new(t, kind, k);
    e->parent = pane_parent(p) ? xstrdup(pane_parent(p)) : NULL;
    e->id = xstrdup(list_id(l, i));
    e->name = xstrdup(*name ? name : e->id);
    *row = i;
    return e;
}

void edit_change(struct tui *t)
{
    size_t i;
    struct edit *e = edit_selected(t, EK_UPDATE, &i);
    if (!e)
        return;
    const struct list *l = pane_list(tui_focused(t));
    client_form(e, field_value(l, i, "name"), field_value(l, i, "roles"));
}

/* The subdomain label of a host name ("acme" of "acme.vii.au01.mattr.global"). */
static char *label_of(const char *subdomain)
{
    return xstrndup(subdomain, strcspn(subdomain, "."));
}

void edit_delete(struct tui *t)
{
    size_t i;
    struct edit *e = edit_selected(t, EK_DELETE, &i);
    if (!e)
        return;
    const struct api_kind_def *k = e->def;
    const struct list *l = pane_list(tui_focused(t));
    const char *subdomain = field_value(l, i, "subdomain");
    /* the word to type: the subdomain label or the name; a system tenant (named by its UUID
     * only) the first 8 characters of its UUID; the ID when that cannot be typed */
    bool by_uuid = k->doc_field != NULL;
    e->confirm.word = k->parent ? xstrdup(field_value(l, i, "name"))
              : by_uuid ? xstrndup(e->id, 8)
                        : label_of(subdomain);
    if (!*e->confirm.word || !text_plain(e->confirm.word)) {
        free(e->confirm.word);
        e->confirm.word = xstrdup(e->id);
    }
    const struct profile *prof = t->c.session ? api_profile(t->c.session) : NULL;
    /* TRANSLATORS: a form's title (client or tenant), then what its Enter key does (shown as
     * "Enter delete"). */
    e->form = form_new(k->parent ? _("Delete client") : _("Delete tenant"), _("delete"));
    char *note;
    struct strbuf words = SB_INIT;
    if (by_uuid && pane_describe(tui_focused(t), i, &words)) /* named by its data */
        /* TRANSLATORS: the tenant's UUID, words from its data that name it (e.g. its name), then
         * its number (the "id" field). */
        note = xasprintf(_("This deletes tenant %s (%s; number %s) and its data. It cannot "
                           "be undone."),
                         e->id, sb_str(&words), field_value(l, i, "id"));
    else if (by_uuid)
        /* TRANSLATORS: the tenant's UUID, then its number (the "id" field). */
        note = xasprintf(_("This deletes tenant %s (number %s) and its data. It cannot be "
                           "undone."),
                         e->id, field_value(l, i, "id"));
    else if (k->parent)
        /* TRANSLATORS: the client's name, then its ID. */
        note = xasprintf(_("This deletes client \"%s\" (%s): whoever uses its credentials "
                           "loses access. It cannot be undone."),
                         e->name, e->id);
    else
        /* TRANSLATORS: the tenant's name, its subdomain, then its ID. */
        note = xasprintf(_("This deletes tenant \"%s\" (%s, %s) and everything in it. It "
                           "cannot be undone."),
                         e->name, subdomain, e->id);
    form_note(e->form, note);
    free(note);
    sb_free(&words);
    bool by_id = !strcmp(e->confirm.word, e->id);
    note = xasprintf(by_uuid && !by_id ? _("Type the first 8 characters of its UUID, %s, to "
                                           "confirm.")
                     : k->parent ? (by_id ? _("Type the client's ID, %s, to confirm.")
                                        : _("Type the client's name, %s, to confirm."))
                               : (by_id ? _("Type the tenant's ID, %s, to confirm.")
                                        : _("Type the subdomain label, %s, to confirm.")),
                     e->confirm.word);
    form_note(e->form, note);
    free(note);
    form_text(e->form, "confirm", _("Confirm"), NULL, edit_check_word, &e->confirm, false);
    edit_confirm_production(e, prof);
}

