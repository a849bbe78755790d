/* edit.c: the dialogs that change things: create, edit and delete tenants and clients, and
 * add, remove or make default a profile.
 *
 * One change at a time lives in the dialog layer (struct edit): a form, the request it sent, and what it is about.
 * Enter on a valid form sends exactly one request and the form shows it is waiting (a second
 * Enter does nothing). A refusal leaves the form as it was typed, with the server's words
 * next to the field they name. Esc while waiting closes the dialog; the answer still lands
 * (the list follows, the status line says how it went, and a new secret is still shown). */
#include "config.h"

#include "tui/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/rules.h"
#include "core/text.h"
#include "tui/form.h"
#include "tui/overlay.h"
#include "tui/pane.h"
#include "tui/secret_panel.h"
#include "tui/tui_state.h"

enum edit_kind { EK_CREATE, EK_UPDATE, EK_DELETE, EK_SECRET, EK_PROFILE_ADD, EK_PROFILE_REMOVE };

struct edit {
    struct layer base; /* first: the dialog is a layer */
    struct tui *t;
    enum edit_kind kind;
    struct form *form;
    struct api_call *call;
    const struct api_kind_def *def;
    char *parent, *id; /* what the request is about */
    char *name;        /* its name, for messages */
    char *word, *profile_word; /* what a delete must be confirmed with */
    bool hidden;       /* Esc while waiting: the answer lands in the status line */
    struct secret_panel *panel; /* after a create: its secret, shown once */
    char **roles;      /* a client's roles checklist: the documented ones, then others */
    size_t nroles;
};

static void edit_free(struct edit *e)
{
    if (!e)
        return;
    form_free(e->form);
    free(e->parent);
    free(e->id);
    free(e->name);
    free(e->word);
    free(e->profile_word);
    secret_panel_free(e->panel); /* wipes the secret */
    for (size_t i = 0; i < e->nroles; i++)
        free(e->roles[i]);
    free(e->roles);
    free(e);
}

static const struct layer_ops edit_ops;

/* The dialog, or NULL. */
static struct edit *edit_of(const struct tui *t)
{
    return (struct edit *)layers_find(&t->layers, &edit_ops);
}

void edit_close(struct tui *t)
{
    struct edit *e = edit_of(t);
    if (e)
        layers_close(&t->layers, &e->base, t);
}

bool edit_busy(const struct tui *t)
{
    const struct edit *e = edit_of(t);
    return e && e->call;
}

/* A new edit of kind for def, replacing none (the caller checked). */
static struct edit *edit_new(struct tui *t, enum edit_kind kind, const struct api_kind_def *def)
{
    struct edit *e = xcalloc(1, sizeof(*e));
    e->base.ops = &edit_ops;
    e->t = t;
    e->kind = kind;
    e->def = def;
    layers_push(&t->layers, &e->base);
    t->dirty = true;
    return e;
}

/* True when a new dialog may open; says why not otherwise. */
static bool can_open(struct tui *t, bool mutating)
{
    if (edit_busy(t)) {
        tui_message(t, _("Still waiting for the last change to be answered: try again in a "
                         "moment"));
        return false;
    }
    edit_close(t);
    if (mutating && tui_readonly(t)) {
        tui_message(t, t->c.opt.readonly
                           ? _("Read-only (--readonly): creating, editing and deleting are off")
                           : _("Read-only profile: creating, editing and deleting are off"));
        return false;
    }
    if (mutating && !t->c.session) {
        tui_message(t, _("Not connected"));
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ checks */

static char why[200]; /* the text a check returns */

/* A subdomain label, as core's rules say. */
static const char *check_label(const char *s, const void *ud)
{
    (void)ud;
    return rules_label_problem(s, why, sizeof(why));
}

static const char *check_required(const char *s, const void *ud)
{
    (void)ud;
    for (; *s; s++)
        if (*s != ' ')
            return NULL;
    return _("this cannot be empty");
}

/* A confirmation: exactly the word ud. */
static const char *check_word(const char *s, const void *ud)
{
    if (!strcmp(s, (const char *)ud))
        return NULL;
    snprintf(why, sizeof(why), _("that is not \"%s\": nothing was deleted"), (const char *)ud);
    return why;
}

/* ------------------------------------------------------------------ answers */

/* The secret panel for what was just created. */
static void show_secret(struct tui *t, struct edit *e, const char *client_id, const char *secret,
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

/* A create was answered. */
static void on_created(void *ud, struct row *row, const struct tn_error *err)
{
    struct edit *e = ud;
    struct tui *t = e->t;
    e->call = NULL;
    if (!row && err->code == ST_CREATED_UNREAD) { /* it exists: the form must not send it again */
        edit_close(t);
        tui_error(t, err);
        return;
    }
    if (!row) {
        refused(t, e, err);
        return;
    }
    struct pane *p = tui_pane(t, e->def->name);
    const char *parent = p ? pane_parent(p) : NULL;
    bool same = !e->parent || (parent && !strcmp(parent, e->parent));
    bool shown = p && same && pane_add_row(p, row);
    const char *name = model_row_get(row, "name");
    char *what = xasprintf(_("%s \"%s\""), _(e->def->singular), name ? name : model_row_id(row));
    if (shown)
        tui_message(t, _("Created %s"), what);
    else if (!same)
        tui_message(t, _("Created %s (another tenant is shown now)"), what);
    else
        tui_message(t, _("Created %s (the filter or environment shown hides it)"), what);
    if (row->secret) {
        const char *cid = e->def->parent ? model_row_id(row) : model_row_get(row, "client.clientId");
        char *label = e->def->parent ? xasprintf(_("The new %s"), what)
                                     : xasprintf(_("The first client of the new %s"), what);
        show_secret(t, e, cid, row->secret, label);
        free(label);
    } else {
        edit_close(t);
    }
    free(what);
    model_row_free(row); /* wipes the secret */
}

/* An update was answered. */
static void on_updated(void *ud, struct row *row, const struct tn_error *err)
{
    struct edit *e = ud;
    struct tui *t = e->t;
    e->call = NULL;
    if (!row) {
        refused(t, e, err);
        return;
    }
    struct pane *p = tui_pane(t, e->def->name);
    if (p)
        pane_update_row(p, row);
    const char *name = model_row_get(row, "name");
    tui_message(t, _("Saved %s \"%s\""), _(e->def->singular), name && *name ? name : e->name);
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
        tui_message(t, _("%s \"%s\" was already gone (HTTP 404): removed from the list"),
                    _(e->def->singular), e->name);
    else
        tui_message(t, _("Deleted %s \"%s\""), _(e->def->singular), e->name);
    edit_close(t);
}

/* ------------------------------------------------------------------ sending */

/* Where the request goes: the kind, its parent and the object. */
static struct api_target target_of(const struct edit *e)
{
    return (struct api_target){.kind = e->def, .parent = e->parent, .id = e->id};
}

/* Send the form's request (Enter on a valid form). */
static void send(struct tui *t, struct edit *e)
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
    e->form = form_new(_("New tenant"), _("create"));
    form_text(e->form, "name", _("Name"), NULL, NULL, NULL, false);
    form_text(e->form, "subdomain", _("Subdomain"), NULL, check_label, NULL, true);
    form_choice(e->form, "environment", _("Environment"), labels, values, k, sel);
    form_alias(e->form, "environment", "environmentId");
    if (!k)
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
    e->form = form_new(e->kind == EK_CREATE ? _("New client") : _("Edit client"),
                       e->kind == EK_CREATE ? _("create") : _("save"));
    form_text(e->form, "name", _("Name"), name, check_required, NULL, true);
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
    if (!can_open(t, true) || !p)
        return;
    const struct api_kind_def *k = pane_kind(p);
    if (!(k->ops & API_OP_CREATE)) {
        tui_message(t, _("This API cannot create %s"), _(k->name));
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
    if (!can_open(t, true) || !p)
        return NULL;
    const struct api_kind_def *k = pane_kind(p);
    size_t i = pane_selected(p);
    if (!(k->ops & (kind == EK_UPDATE ? API_OP_UPDATE : API_OP_DELETE))) {
        tui_message(t, kind == EK_UPDATE ? _("%s cannot be edited: only clients can")
                                         : _("This API cannot delete %s"),
                    _(k->name));
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
    e->word = k->parent ? xstrdup(field_value(l, i, "name"))
              : by_uuid ? xstrndup(e->id, 8)
                        : label_of(subdomain);
    if (!*e->word || !text_plain(e->word)) {
        free(e->word);
        e->word = xstrdup(e->id);
    }
    const struct profile *prof = t->c.session ? api_profile(t->c.session) : NULL;
    e->form = form_new(k->parent ? _("Delete client") : _("Delete tenant"), _("delete"));
    char *note;
    if (by_uuid)
        note = xasprintf(_("This deletes tenant %s (number %s) and its data. It cannot be "
                           "undone."),
                         e->id, field_value(l, i, "id"));
    else if (k->parent)
        note = xasprintf(_("This deletes client \"%s\" (%s): whoever uses its credentials "
                           "loses access. It cannot be undone."),
                         e->name, e->id);
    else
        note = xasprintf(_("This deletes tenant \"%s\" (%s, %s) and everything in it. It "
                           "cannot be undone."),
                         e->name, subdomain, e->id);
    form_note(e->form, note);
    free(note);
    bool by_id = !strcmp(e->word, e->id);
    note = xasprintf(by_uuid && !by_id ? _("Type the first 8 characters of its UUID, %s, to "
                                           "confirm.")
                     : k->parent ? (by_id ? _("Type the client's ID, %s, to confirm.")
                                        : _("Type the client's name, %s, to confirm."))
                               : (by_id ? _("Type the tenant's ID, %s, to confirm.")
                                        : _("Type the subdomain label, %s, to confirm.")),
                     e->word);
    form_note(e->form, note);
    free(note);
    form_text(e->form, "confirm", _("Confirm"), NULL, check_word, e->word, false);
    if (prof && prof->production) {
        e->profile_word = xstrdup(prof->name);
        note = xasprintf(_("This is the PRODUCTION profile: type its name, %s, as well."),
                         prof->name);
        form_note(e->form, note);
        free(note);
        form_text(e->form, "profile", _("Profile"), NULL, check_word, e->profile_word, false);
    }
}

/* ------------------------------------------------------------------ profiles */

/* Apply ch to the profiles file as it is now (not as it was when read: another tenantry may
 * have changed it); on failure read it again, so that what is shown is what the file holds. */
static bool apply_profiles(struct tui *t, const struct profile_change *ch, struct tn_error *err)
{
    if (profile_apply(&t->c.profiles, ch, err))
        return true;
    profile_set_free(&t->c.profiles);
    memset(&t->c.profiles, 0, sizeof(t->c.profiles));
    t->c.profiles_loaded = false;
    connect_load_profiles(&t->c);
    err_clear(&t->c.err);
    return false;
}

/* Check a profile name as the file wants it. */
static const char *check_profile_name(const char *s, const void *ud)
{
    const struct tui *t = ud;
    if (!*s)
        return _("enter a name, e.g. prod");
    if (!profile_name_ok(s))
        return _("use at most 64 letters, digits, '-', '_' and '.'");
    if (t->c.profiles_loaded && profile_find(&t->c.profiles, s))
        return _("a profile has this name already");
    return NULL;
}

void edit_profile_add(struct tui *t)
{
    if (!can_open(t, false))
        return;
    if (!connect_load_profiles(&t->c)) {
        tui_error(t, &t->c.err);
        err_clear(&t->c.err);
        return;
    }
    struct edit *e = edit_new(t, EK_PROFILE_ADD, NULL);
    static const char *const apis[] = {"mattr"};
    static const char *const options[] = {N_("read-only"), N_("production")};
    const char *opts[] = {_(options[0]), _(options[1])};
    e->form = form_new(_("New profile"), _("save"));
    char *note = xasprintf(_("Saved to %s (0600). The secret is typed hidden."),
                           t->c.profiles.path);
    form_note(e->form, note);
    free(note);
    form_text(e->form, "name", _("Name"), NULL, check_profile_name, t, true);
    form_choice(e->form, "api", _("API"), apis, apis, ARRAY_SIZE(apis), 0);
    form_text(e->form, "url", _("API URL"), NULL, check_required, NULL, false);
    form_text(e->form, "auth_url", _("Token URL"), NULL, check_required, NULL, false);
    form_text(e->form, "audience", _("Audience"), NULL, check_required, NULL, false);
    form_text(e->form, "client_id", _("Client ID"), NULL, check_required, NULL, false);
    form_secret(e->form, "client_secret", _("Secret"), check_required, NULL);
    form_checks(e->form, "options", _("Options"), opts, ARRAY_SIZE(opts), NULL, 0);
}

/* Enter on the new profile form. */
static void profile_add_submit(struct tui *t, struct edit *e)
{
    struct profile p = {0};
    p.name = xstrdup(form_value(e->form, "name"));
    p.api = xstrdup(form_value(e->form, "api"));
    p.url = xstrdup(form_value(e->form, "url"));
    p.auth_url = xstrdup(form_value(e->form, "auth_url"));
    p.audience = xstrdup(form_value(e->form, "audience"));
    p.client_id = xstrdup(form_value(e->form, "client_id"));
    p.client_secret = xstrdup(form_value(e->form, "client_secret"));
    p.readonly = form_checked(e->form, "options", 0);
    p.production = form_checked(e->form, "options", 1);
    struct tn_error err = {0};
    bool ok = apply_profiles(t, &(struct profile_change){.add = &p}, &err);
    char *name = xstrdup(p.name);
    profile_free(&p); /* wipes the secret's copy */
    if (!ok) {
        form_set_error(e->form, &err);
        err_clear(&err);
        free(name);
        t->dirty = true;
        return;
    }
    edit_close(t); /* wipes the typed secret */
    overlay_profiles(t, name);
    tui_message(t, _("Added profile %s to %s"), name, t->c.profiles.path);
    free(name);
}

void edit_profile_remove(struct tui *t, const char *name)
{
    if (!can_open(t, false))
        return;
    if (t->c.demo && !strcmp(name, t->c.demo_profile.name)) {
        tui_message(t, _("The demo profile is not in a file: nothing to remove"));
        return;
    }
    struct edit *e = edit_new(t, EK_PROFILE_REMOVE, NULL);
    e->name = xstrdup(name);
    e->word = xstrdup(name);
    e->form = form_new(_("Remove profile"), _("remove"));
    char *note = xasprintf(_("This removes profile \"%s\" from %s (the old file is kept as "
                             "%s~). Type its name to confirm."),
                           name, t->c.profiles.path, t->c.profiles.path);
    form_note(e->form, note);
    free(note);
    form_text(e->form, "confirm", _("Confirm"), NULL, check_word, e->word, false);
}

static void profile_remove_submit(struct tui *t, struct edit *e)
{
    struct tn_error err = {0};
    if (!apply_profiles(t, &(struct profile_change){.remove = e->name}, &err)) {
        form_set_error(e->form, &err);
        err_clear(&err);
        t->dirty = true;
        return;
    }
    char *name = xstrdup(e->name);
    edit_close(t);
    overlay_profiles(t, NULL);
    tui_message(t, _("Removed profile %s"), name);
    free(name);
}

void edit_profile_default(struct tui *t, const char *name)
{
    if (!can_open(t, false))
        return;
    struct tn_error err = {0};
    if (t->c.demo && !strcmp(name, t->c.demo_profile.name)) {
        tui_message(t, _("The demo profile is not in a file: it cannot be the default"));
        return;
    }
    if (!connect_load_profiles(&t->c) ||
        !apply_profiles(t, &(struct profile_change){.make_default = name}, &err)) {
        tui_error(t, err.code != ST_OK ? &err : &t->c.err);
        err_clear(&err);
        err_clear(&t->c.err);
        return;
    }
    overlay_profiles(t, name);
    tui_message(t, _("%s is now the default profile"), name);
}

/* ------------------------------------------------------------------ keys and drawing */

/* A key for the dialog shown: it takes every key, as typed. */
static layer_result edit_key(struct layer *l, struct tui *t, enum action act, int key)
{
    struct edit *e = (struct edit *)l;
    (void)act;
    if (e->kind == EK_SECRET) {
        if (secret_panel_key(e->panel, key)) {
            edit_close(t);
            tui_message(t, _("The secret was closed and wiped from memory"));
        }
        return LAYER_HANDLED | LAYER_REDRAW;
    }
    switch (form_key(e->form, key)) {
    case FORM_CANCEL:
        if (e->call) { /* the answer still lands, in the status line */
            e->hidden = true;
            tui_message(t, _("Closed; the request was sent and its answer will show here"));
        } else {
            bool local = e->kind == EK_PROFILE_ADD || e->kind == EK_PROFILE_REMOVE;
            edit_close(t);
            tui_message(t, local ? _("Cancelled: nothing was changed")
                                 : _("Cancelled: nothing was sent"));
        }
        break;
    case FORM_SUBMIT:
        if (e->kind == EK_PROFILE_ADD)
            profile_add_submit(t, e);
        else if (e->kind == EK_PROFILE_REMOVE)
            profile_remove_submit(t, e);
        else
            send(t, e);
        break;
    default:
        break;
    }
    return LAYER_HANDLED | LAYER_REDRAW;
}

static void edit_draw(struct layer *l, struct tui *t, struct rect area)
{
    struct edit *e = (struct edit *)l;
    (void)t;
    if (e->kind == EK_SECRET)
        secret_panel_draw(e->panel, area);
    else
        form_draw(e->form, area);
}

/* Hidden after Esc while its request is in flight: the answer brings it back if refused. */
static bool edit_shown(const struct layer *l, const struct tui *t)
{
    (void)t;
    return !((const struct edit *)l)->hidden;
}

static bool edit_layer_busy(const struct layer *l, const struct tui *t)
{
    (void)t;
    return ((const struct edit *)l)->call != NULL;
}

/* Closing cancels what is in flight and wipes any secret. */
static void edit_layer_free(struct layer *l, struct tui *t)
{
    struct edit *e = (struct edit *)l;
    if (e->call && t->c.session)
        api_cancel(t->c.session, e->call);
    edit_free(e);
    t->dirty = true;
}

static const struct layer_ops edit_ops = {
    .name = "dialog",
    .level = LEVEL_DIALOG,
    .modal = true,
    .key = edit_key,
    .draw = edit_draw,
    .shown = edit_shown,
    .busy = edit_layer_busy,
    .free = edit_layer_free,
};
