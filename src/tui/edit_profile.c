/* edit_profile.c: the dialogs that change the profiles file from the console: add a profile
 * (any API the core knows, with that API's settings and any source of its secret), remove one
 * (typed confirmation), make one the default. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/api.h"
#include "core/intl.h"
#include "tui/edit.h"
#include "tui/edit_impl.h"
#include "tui/overlay.h"

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

#define SETTINGS_MAX 16 /* the string settings of one API (core's table holds fewer) */

/* How the form names a setting of the profiles file; the setting's own name otherwise. */
static const struct {
    const char *name, *label;
} setting_labels[] = {
    /* TRANSLATORS: the labels of a profile's settings in the new-profile form (url, auth_url,
     * audience, client_id, user, page_params), in the form's left column; keep them short. */
    {"url", N_("API URL")},       {"auth_url", N_("Token URL")},
    {"audience", N_("Audience")}, {"client_id", N_("Client ID")},
    {"user", N_("User")},         {"page_params", N_("Paging")},
};

/* Where the secret comes from: the form's choice, and the field that holds it. */
static const struct {
    const char *value, *label, *field;
} sources[] = {
    /* TRANSLATORS: the choices of where the secret comes from, in the new-profile form. */
    {"inline", N_("typed here"), "secret"},
    {"env", N_("environment variable"), "secret_env"},
    {"command", N_("command"), "secret_command"},
};

static const char *setting_label(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(setting_labels); i++)
        if (!strcmp(setting_labels[i].name, name))
            return _(setting_labels[i].label);
    return name;
}

/* The settings of api, or 0 of them. */
static size_t api_settings(const char *api, const char **names, bool *required)
{
    size_t n = profile_api_settings(api, names, required, SETTINGS_MAX);
    return n > SETTINGS_MAX ? SETTINGS_MAX : n;
}

/* True when name is among names (n of them). */
static bool listed(const char *name, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(names[i], name))
            return true;
    return false;
}

/* Show the settings of the API chosen and the field of the secret's source (each field set
 * once: hiding the focused field would move the focus). */
static void profile_form_update(struct edit *e)
{
    const char *mine[SETTINGS_MAX];
    bool required[SETTINGS_MAX];
    size_t nmine = api_settings(form_value(e->form, "api"), mine, required);
    size_t nb;
    const struct api_backend *const *all = api_backends(&nb);
    for (size_t b = 0; b < nb; b++) {
        const char *names[SETTINGS_MAX];
        size_t n = api_settings(all[b]->name, names, required);
        for (size_t i = 0; i < n; i++)
            form_show(e->form, names[i], listed(names[i], mine, nmine));
    }
    const char *source = form_value(e->form, "source");
    for (size_t i = 0; i < ARRAY_SIZE(sources); i++)
        form_show(e->form, sources[i].field, !strcmp(source, sources[i].value));
}

/* Enter on the new profile form. */
static void profile_add_submit(struct tui *t, struct edit *e);

void edit_profile_add(struct tui *t)
{
    if (!edit_can_open(t, false))
        return;
    if (!connect_load_profiles(&t->c)) {
        tui_error(t, &t->c.err);
        err_clear(&t->c.err);
        return;
    }
    struct edit *e = edit_new(t, EK_PROFILE_ADD, NULL);
    e->submit = profile_add_submit;
    e->changed = profile_form_update;
    size_t nb;
    const struct api_backend *const *all = api_backends(&nb);
    const char **apis = xcalloc(nb, sizeof(*apis));
    for (size_t b = 0; b < nb; b++)
        apis[b] = all[b]->name;
    /* TRANSLATORS: the options of a profile (check boxes in the new-profile form). */
    static const char *const options[] = {N_("read-only"), N_("production")};
    const char *opts[] = {_(options[0]), _(options[1])};
    const char *source_labels[ARRAY_SIZE(sources)], *source_values[ARRAY_SIZE(sources)];
    for (size_t i = 0; i < ARRAY_SIZE(sources); i++) {
        source_labels[i] = _(sources[i].label);
        source_values[i] = sources[i].value;
    }
    e->form = form_new(_("New profile"), _("save"));
    char *note = xasprintf(_("Saved to %s (0600). A secret typed here is hidden; an "
                             "environment variable or a command keeps it out of the file."),
                           t->c.profiles.path);
    form_note(e->form, note);
    free(note);
    form_text(e->form, "name", _("Name"), NULL, check_profile_name, t, true);
    form_choice(e->form, "api", _("API"), apis, apis, nb, 0);
    free(apis);
    for (size_t b = 0; b < nb; b++) { /* every API's settings; the chosen one's are shown */
        const char *names[SETTINGS_MAX];
        bool required[SETTINGS_MAX];
        size_t n = api_settings(all[b]->name, names, required);
        for (size_t i = 0; i < n; i++) /* a setting of two APIs (url) is one field */
            if (!form_value(e->form, names[i]))
                form_text(e->form, names[i], setting_label(names[i]), NULL,
                          required[i] ? edit_check_required : NULL, NULL, false);
    }
    form_choice(e->form, "source", _("Source"), source_labels, source_values,
                ARRAY_SIZE(sources), 0);
    form_secret(e->form, "secret", _("Secret"), edit_check_required, NULL);
    form_text(e->form, "secret_env", _("Variable"), NULL, edit_check_required, NULL, false);
    form_text(e->form, "secret_command", _("Command"), NULL, edit_check_required, NULL, false);
    form_checks(e->form, "options", _("Options"), opts, ARRAY_SIZE(opts), NULL, 0);
    profile_form_update(e);
}

static void profile_add_submit(struct tui *t, struct edit *e)
{
    struct profile p = {0};
    p.name = xstrdup(form_value(e->form, "name"));
    p.api = xstrdup(form_value(e->form, "api"));
    const char *names[SETTINGS_MAX];
    bool required[SETTINGS_MAX];
    size_t n = api_settings(p.api, names, required);
    for (size_t i = 0; i < n; i++) {
        const char *v = form_value(e->form, names[i]);
        profile_set_string(&p, names[i], v && *v ? v : NULL);
    }
    struct profile_secret sec = profile_secret_of(&p);
    const char *source = form_value(e->form, "source");
    const char *setting = !strcmp(source, "env")       ? sec.env_name
                          : !strcmp(source, "command") ? sec.command_name
                                                       : sec.name;
    for (size_t i = 0; i < ARRAY_SIZE(sources); i++)
        if (!strcmp(source, sources[i].value))
            profile_set_string(&p, setting, form_value(e->form, sources[i].field));
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
    /* TRANSLATORS: the profile's name, then the profiles file's path. */
    tui_message(t, _("Added profile %s to %s"), name, t->c.profiles.path);
    free(name);
}

static void profile_remove_submit(struct tui *t, struct edit *e);

void edit_profile_remove(struct tui *t, const char *name)
{
    if (!edit_can_open(t, false))
        return;
    if (t->c.demo && !strcmp(name, t->c.demo_profile.name)) {
        tui_message(t, _("The demo profile is not in a file: nothing to remove"));
        return;
    }
    struct edit *e = edit_new(t, EK_PROFILE_REMOVE, NULL);
    e->submit = profile_remove_submit;
    e->name = xstrdup(name);
    e->confirm.word = xstrdup(name);
    e->form = form_new(_("Remove profile"), _("remove"));
    /* TRANSLATORS: the profile's name, then the profiles file's path twice (the second with "~"
     * after it: the backup). */
    char *note = xasprintf(_("This removes profile \"%s\" from %s (the old file is kept as "
                             "%s~). Type its name to confirm."),
                           name, t->c.profiles.path, t->c.profiles.path);
    form_note(e->form, note);
    free(note);
    form_text(e->form, "confirm", _("Confirm"), NULL, edit_check_word, &e->confirm, false);
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
    if (!edit_can_open(t, false))
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

