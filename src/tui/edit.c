/* edit.c: the dialog layer every change goes through: one dialog at a time over the panes,
 * taking every key; Enter on a valid form submits (one request per Enter: the form shows it
 * is waiting), Esc cancels, or, while a request is in flight, hides the dialog until the
 * answer lands (a refusal brings it back as it was typed). The dialogs themselves are
 * edit_resource.c (tenants, clients) and edit_profile.c (profiles). */
#include "config.h"

#include "tui/edit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "tui/edit_impl.h"

static void edit_free(struct edit *e)
{
    if (!e)
        return;
    form_free(e->form);
    free(e->parent);
    free(e->id);
    free(e->name);
    free(e->new_id);
    free(e->confirm.word);
    free(e->profile_confirm.word);
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

struct edit *edit_new(struct tui *t, enum edit_kind kind, const struct api_kind_def *def)
{
    struct edit *e = xcalloc(1, sizeof(*e));
    e->base.ops = &edit_ops;
    e->t = t;
    e->kind = kind;
    e->def = def;
    e->submit = edit_send;
    layers_push(&t->layers, &e->base);
    t->dirty = true;
    return e;
}

bool edit_can_open(struct tui *t, bool mutating)
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

const char *edit_check_required(const char *s, const void *ud)
{
    (void)ud;
    for (; *s; s++)
        if (*s != ' ')
            return NULL;
    return _("this cannot be empty");
}

const char *edit_check_word(const char *s, const void *ud)
{
    struct edit_word *w = (struct edit_word *)(uintptr_t)ud; /* its own buffer */
    if (!strcmp(s, w->word))
        return NULL;
    /* TRANSLATORS: %s is the word that had to be typed to confirm the delete. */
    snprintf(w->why, sizeof(w->why), _("that is not \"%s\": nothing was deleted"), w->word);
    return w->why;
}

void edit_confirm_production(struct edit *e, const struct profile *prof)
{
    if (!prof || !prof->production)
        return;
    e->profile_confirm.word = xstrdup(prof->name);
    char *note = xasprintf(_("This is the PRODUCTION profile: type its name, %s, as well."),
                           prof->name);
    form_note(e->form, note);
    free(note);
    form_text(e->form, "profile", _("Profile"), NULL, edit_check_word, &e->profile_confirm, false);
}

/* ------------------------------------------------------------------ keys and drawing */

/* A key for the dialog shown: it takes every key, as typed. */
static layer_result edit_key(struct layer *l, struct tui *t, enum action act, int key)
{
    struct edit *e = (struct edit *)l;
    if (e->kind == EK_SECRET) {
        if (secret_panel_key(e->panel, act, key)) {
            void (*next)(struct tui *, const char *, const char *, const char *, const char *) =
                e->after_secret;
            char *parent = e->parent ? xstrdup(e->parent) : NULL;
            char *id = e->id ? xstrdup(e->id) : NULL;
            char *new_id = e->new_id ? xstrdup(e->new_id) : NULL;
            char *name = e->name ? xstrdup(e->name) : NULL;
            edit_close(t);
            tui_message(t, _("The secret was closed and wiped from memory"));
            if (next)
                next(t, parent, id, new_id, name);
            free(parent);
            free(id);
            free(new_id);
            free(name);
        }
        return LAYER_HANDLED | LAYER_REDRAW;
    }
    enum form_result r = form_key(e->form, key);
    if (r == FORM_REDRAW && e->changed)
        e->changed(e);
    switch (r) {
    case FORM_CANCEL:
        if (e->call) { /* the answer still lands, in the status line */
            e->hidden = true;
            tui_message(t, _("Closed; the request was sent and its answer will show here"));
        } else if (e->cancelled) {
            e->cancelled(t, e);
            edit_close(t);
        } else {
            bool local = e->kind == EK_PROFILE_ADD || e->kind == EK_PROFILE_REMOVE;
            edit_close(t);
            tui_message(t, local ? _("Cancelled: nothing was changed")
                                 : _("Cancelled: nothing was sent"));
        }
        break;
    case FORM_SUBMIT:
        e->submit(t, e);
        break;
    default:
        break;
    }
    return LAYER_HANDLED | LAYER_REDRAW;
}

static void edit_draw(struct layer *l, struct tui *t, struct rect area)
{
    struct edit *e = (struct edit *)l;
    if (e->kind == EK_SECRET)
        secret_panel_draw(e->panel, area, t->km);
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
