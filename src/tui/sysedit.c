/* sysedit.c: a system tenant's data edited in $EDITOR, saved with optimistic locking.
 *
 * One edit at a time lives in its layer (struct sysedit). e: GET the tenant (the version and data as they
 * are now), write it to a 0600 temp file, and at the next pass of the loop (never inside a
 * network callback) give the terminal to the editor. The edit read back is sent as one PUT of
 * the data with the version read. A conflict (409, or a 500 whose re-read shows the version
 * moved) shows the server's tenant beside the edit (conflict.c) until the operator chooses:
 * r sends the edit again on the server's version (one PUT), e opens it again on that version,
 * d or Esc drops it. c: the same with a template and a POST. The file is deleted only when
 * the change was saved, discarded, or nothing changed; every failure keeps it and shows its
 * path, and e (or c) opens it again. */
#include "config.h"

#include "tui/sysedit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/docedit.h"
#include "core/intl.h"
#include "core/json.h"
#include "tui/conflict.h"
#include "tui/terminal.h"
#include "tui/keys.h"
#include "tui/pane.h"
#include "tui/tui_state.h"

enum se_kind { SE_EDIT, SE_CREATE };
enum se_state {
    SE_READING,   /* the tenant is being read (GET) */
    SE_CONFIRM,   /* the server sent no data: an edit replaces all of it unless not confirmed */
    SE_DUE,       /* the file is ready: the editor runs at the next tick */
    SE_SAVING,    /* the PUT or POST is in flight */
    SE_REREADING, /* a conflict whose tenant must be read to be shown */
    SE_CONFLICT,  /* the conflict view waits for the operator */
    SE_KEPT,      /* a failure: the file is kept; e (or c) opens it again */
};

struct sysedit {
    struct layer layer; /* first: the edit is a layer, shown while a conflict waits */
    struct tui *t;
    enum se_kind kind;
    enum se_state state;
    const struct api_kind_def *def;
    char *id;           /* the tenant edited (SE_EDIT) */
    char *path;         /* the file holding the edit */
    struct row *base;   /* the tenant the edit is based on (its version is sent) */
    struct row *server; /* the server's tenant at a conflict */
    char *mine;         /* the data the operator saved (compact JSON) */
    char *ignored;      /* fields changed in the file that are not sent */
    struct api_call *call;
    struct conflict *view;
};

static void se_free(struct sysedit *s)
{
    if (!s)
        return;
    free(s->id);
    free(s->path);
    model_row_free(s->base);
    model_row_free(s->server);
    free(s->mine);
    free(s->ignored);
    conflict_free(s->view);
    free(s);
}

static const struct layer_ops sysedit_ops;
static bool se_busy(const struct layer *l, const struct tui *t);

/* The edit under way, or NULL. */
static struct sysedit *se_of(const struct tui *t)
{
    return (struct sysedit *)layers_find(&t->layers, &sysedit_ops);
}

char *sysedit_close(struct tui *t)
{
    struct sysedit *s = se_of(t);
    if (!s)
        return NULL;
    char *kept = s->path;
    s->path = NULL;
    layers_close(&t->layers, &s->layer, t);
    return kept;
}

/* The edit is over (saved, discarded, or nothing to save): its file goes. */
static void se_finish(struct tui *t)
{
    struct sysedit *s = se_of(t);
    if (s->path)
        unlink(s->path);
    free(s->path);
    s->path = NULL;
    layers_close(&t->layers, &s->layer, t);
}

/* A failure: keep the file, and say where it is and how to go on. */
static void se_keep(struct tui *t, const struct tn_error *err)
{
    struct sysedit *s = se_of(t);
    struct tn_error e = {0};
    s->state = SE_KEPT;
    err_copy(&e, err);
    /* TRANSLATORS: %s is the path of the file that holds the edit; the error follows after ": ". */
    err_prefix(&e, s->kind == SE_EDIT ? _("not saved (your edit is kept in %s)")
                                      /* TRANSLATORS: %s is the path of the file that holds the
                                       * new tenant; the error follows after ": ". */
                                      : _("not created (your new tenant is kept in %s)"),
                s->path);
    char key[32];
    if (!e.hint && s->kind == SE_EDIT)
        /* TRANSLATORS: %s is the edit key (e by default). */
        err_hint(&e, _("Press %s on the tenant to edit it again."),
                 keymap_hint(t->km, ACT_EDIT, key));
    else if (!e.hint)
        /* TRANSLATORS: %s is the create key (c by default). */
        err_hint(&e, _("Press %s to edit it again."), keymap_hint(t->km, ACT_CREATE, key));
    tui_error(t, &e);
    err_clear(&e);
}

bool sysedit_busy(const struct tui *t)
{
    const struct sysedit *s = se_of(t);
    return s && se_busy(&s->layer, t);
}

bool sysedit_cancel(struct tui *t)
{
    struct sysedit *s = se_of(t);
    if (!s || s->state != SE_READING)
        return false;
    free(sysedit_close(t)); /* nothing was written yet */
    return true;
}

/* True when a change may start now; says why not otherwise. */
static bool may_change(struct tui *t)
{
    if (sysedit_busy(t)) {
        tui_message(t, _("Still waiting for the last change to be answered: try again in a "
                         "moment"));
        return false;
    }
    if (tui_readonly(t)) {
        tui_message(t, t->c.opt.readonly
                           ? _("Read-only (--readonly): creating, editing and deleting are off")
                           : _("Read-only profile: creating, editing and deleting are off"));
        return false;
    }
    if (!t->c.session) {
        tui_message(t, _("Not connected"));
        return false;
    }
    return true;
}

/* A new edit of kind about def, replacing any kept one (its file stays: *old says where). */
static struct sysedit *se_new(struct tui *t, enum se_kind kind, const struct api_kind_def *def,
                              char **old)
{
    *old = sysedit_close(t);
    struct sysedit *s = xcalloc(1, sizeof(*s));
    s->layer.ops = &sysedit_ops;
    s->t = t;
    s->kind = kind;
    s->def = def;
    layers_push(&t->layers, &s->layer);
    t->dirty = true;
    return s;
}

/* ------------------------------------------------------------------ saving */

static void on_saved(void *ud, struct row *row, const struct tn_error *err);

/* Send the edit (s->mine) as based on version; false with err set when nothing was sent. */
static bool send_update(struct tui *t, struct sysedit *s, const char *version,
                        struct tn_error *err)
{
    struct api_value v[] = {{"data", s->mine}, {"version", version}};
    struct api_values in = {v, ARRAY_SIZE(v)};
    struct api_target tg = {.kind = s->def, .id = s->id};
    s->call = api_update(t->c.session, &tg, &in, on_saved, s, err);
    if (!s->call)
        return false;
    s->state = SE_SAVING;
    /* TRANSLATORS: the tenant's UUID, then the version the change is based on. */
    tui_message(t, _("Saving tenant %s on version %s..."), s->id, version);
    return true;
}

/* Show the conflict with row, the tenant as the server has it now. */
static void show_conflict(struct tui *t, struct sysedit *s, struct row *row)
{
    struct pane *p = tui_pane(t, s->def->name);
    if (p)
        pane_update_row(p, row); /* the list shows the server's version too */
    model_row_free(s->server);
    s->server = row;
    conflict_free(s->view);
    s->view = conflict_new(s->base, s->server, s->mine, s->path);
    s->state = SE_CONFLICT;
    /* TRANSLATORS: %s is the tenant's UUID; r, e and d are the conflict view's default keys:
     * keep them. */
    tui_message(t, _("Not saved: tenant %s changed on the server. Choose: r re-apply, e edit "
                     "again, d discard"),
                s->id);
}

/* The tenant read again after a conflict that came without it. */
static void on_reread(void *ud, struct row *row, const struct tn_error *err)
{
    struct sysedit *s = ud;
    struct tui *t = s->t;
    s->call = NULL;
    if (row) {
        show_conflict(t, s, row);
        return;
    }
    struct tn_error e = {0};
    err_copy(&e, err);
    err_prefix(&e, _("the tenant changed on the server, and reading it failed"));
    se_keep(t, &e);
    err_clear(&e);
}

/* The PUT was answered. */
static void on_saved(void *ud, struct row *row, const struct tn_error *err)
{
    struct sysedit *s = ud;
    struct tui *t = s->t;
    s->call = NULL;
    if (err->code == ST_OK) {
        struct pane *p = tui_pane(t, s->def->name);
        if (p && row)
            pane_update_row(p, row);
        char *id = xstrdup(s->id);
        /* TRANSLATORS: added to "Saved tenant ..." (keep the space at the start): %s lists the
         * keys that were not sent. */
        char *note = s->ignored ? xasprintf(_(" (not sent, as the server sets them: %s)"),
                                            s->ignored)
                                : xstrdup("");
        const char *version = row ? model_row_get(row, "version") : NULL;
        se_finish(t);
        /* TRANSLATORS: the tenant's UUID, its new version; the 3rd %s is " (not sent, as the
         * server sets them: KEYS)" or empty. */
        tui_message(t, _("Saved tenant %s: now version %s%s"), id, version ? version : "?",
                    note);
        free(id);
        free(note);
        model_row_free(row);
        return;
    }
    if (err->code == ST_CONFLICT && row) {
        show_conflict(t, s, row);
        return;
    }
    model_row_free(row);
    if (err->code == ST_CONFLICT) { /* the backend could not read it: try once more */
        struct api_target tg = {.kind = s->def, .id = s->id};
        s->call = api_get(t->c.session, &tg, on_reread, s);
        s->state = SE_REREADING;
        tui_message(t, _("Tenant %s changed on the server: reading its version now..."), s->id);
        return;
    }
    se_keep(t, err);
}

/* The edited text of an existing tenant: send it, or say nothing changed. False with err set
 * when it cannot be sent (the file is kept). */
static bool edited(struct tui *t, struct sysedit *s, const char *text, struct tn_error *err)
{
    struct docedit_result r;
    if (!docedit_parse(s->base, text, &r, err))
        return false;
    if (!r.changed) {
        docedit_result_free(&r);
        se_finish(t);
        tui_message(t, _("Nothing changed; nothing was sent."));
        return true;
    }
    free(s->mine);
    free(s->ignored);
    s->mine = r.doc;
    s->ignored = r.ignored;
    return send_update(t, s, model_row_get(s->base, "version"), err);
}

/* ------------------------------------------------------------------ creating */

/* What the editor starts a new tenant from. */
static cJSON *create_template(void)
{
    cJSON *o = json_new_object();
    json_add_string(o, "uuid", "");
    json_add(o, "data", json_new_object());
    return o;
}

/* The create was answered. */
static void on_created(void *ud, struct row *row, const struct tn_error *err)
{
    struct sysedit *s = ud;
    struct tui *t = s->t;
    s->call = NULL;
    if (!row && err->code == ST_CREATED_UNREAD) { /* it exists: its file is no draft now */
        se_finish(t);
        tui_error(t, err);
        return;
    }
    if (!row) {
        se_keep(t, err);
        return;
    }
    struct pane *p = tui_pane(t, s->def->name);
    /* under a :filter the server decides what is listed: the row waits for a reload */
    bool filtered = p && pane_server_filter(p);
    bool shown = p && !filtered && pane_add_row(p, row);
    /* TRANSLATORS: added to "Created tenant ..." (keep the space at the start): %s lists the
     * keys that were not sent. */
    char *note = s->ignored ? xasprintf(_(" (not sent: %s)"), s->ignored) : xstrdup("");
    se_finish(t);
    if (shown)
        /* TRANSLATORS: the tenant's UUID; the 2nd %s is " (not sent: KEYS)" or empty. */
        tui_message(t, _("Created tenant %s%s"), model_row_id(row), note);
    else if (filtered)
        /* TRANSLATORS: the tenant's UUID; the 2nd %s is " (not sent: KEYS)" or empty; keep
         * ":filter" and the key r as they are. */
        tui_message(t, _("Created tenant %s (not listed under the :filter; r reloads)%s"),
                    model_row_id(row), note);
    else
        /* TRANSLATORS: the tenant's UUID; the 2nd %s is " (not sent: KEYS)" or empty. */
        tui_message(t, _("Created tenant %s (the filter hides it)%s"), model_row_id(row),
                    note);
    free(note);
    model_row_free(row);
}

/* The edited text of a new tenant: create it, or say nothing changed. */
static bool create_edited(struct tui *t, struct sysedit *s, const char *text, struct tn_error *err)
{
    cJSON *j = json_parse(text, strlen(text)), *tmpl = create_template();
    bool same = j && cJSON_Compare(j, tmpl, true);
    cJSON_Delete(tmpl);
    if (same) {
        cJSON_Delete(j);
        se_finish(t);
        tui_message(t, _("Nothing changed; no tenant was created."));
        return true;
    }
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(j, "data");
    const cJSON *uuid = cJSON_GetObjectItemCaseSensitive(j, "uuid");
    if (!cJSON_IsObject(j))
        err_set(err, ST_USAGE, j ? _("the edited file must hold one JSON object")
                                 : _("the edited file is not valid JSON"));
    else if (!cJSON_IsObject(data))
        /* TRANSLATORS: %s is the edited field's name (e.g. "data"), kept as is. */
        err_set(err, ST_USAGE, _("the edited file's \"%s\" must be a JSON object"), "data");
    else if (uuid && !cJSON_IsString(uuid))
        err_set(err, ST_USAGE, _("the edited file's \"uuid\" must be a string (\"\" lets the "
                                 "server choose one)"));
    if (err->code != ST_OK) {
        cJSON_Delete(j);
        return false;
    }
    struct strbuf other = SB_INIT; /* keys that are not sent */
    const cJSON *item;
    cJSON_ArrayForEach(item, j)
        if (strcmp(item->string, "data") && strcmp(item->string, "uuid"))
            sb_addf(&other, "%s%s", other.len ? ", " : "", item->string);
    free(s->ignored);
    s->ignored = other.len ? sb_steal(&other) : NULL;
    sb_free(&other);
    free(s->mine);
    s->mine = json_print(data);
    struct api_value v[2] = {{"data", s->mine}};
    size_t n = 1;
    if (uuid && *uuid->valuestring)
        v[n++] = (struct api_value){"uuid", uuid->valuestring};
    struct api_values in = {v, n};
    struct api_target tg = {.kind = s->def};
    s->call = api_create(t->c.session, &tg, &in, on_created, s, err);
    cJSON_Delete(j);
    if (!s->call)
        return false;
    s->state = SE_SAVING;
    tui_message(t, _("Creating the tenant..."));
    return true;
}

/* ------------------------------------------------------------------ the editor */

/* Run the editor when the edit is ready for it (from the loop, never from a callback). */
static void sysedit_tick(struct tui *t)
{
    struct sysedit *s = se_of(t);
    if (!s || s->state != SE_DUE)
        return;
    s->state = SE_KEPT; /* until it is sent */
    struct tn_error err = {0};
    terminal_suspend();
    bool ran = editor_run(s->path, &err);
    terminal_resume();
    t->dirty = true;
    char *text = ran ? docedit_read_file(s->path, &err) : NULL;
    bool ok = text && (s->kind == SE_EDIT ? edited(t, s, text, &err)
                                          : create_edited(t, s, text, &err));
    if (!ok) /* s is still there: only a success ends it */
        se_keep(t, &err);
    free(text);
    err_clear(&err);
}

/* Write the file to edit from s->base and have the editor run; false (said, the edit closed)
 * when the file cannot be written. */
static bool se_ready(struct tui *t, struct sysedit *s)
{
    struct tn_error e = {0};
    char *text = docedit_text(s->base);
    s->path = docedit_write_temp("tenant", text, &e);
    free(text);
    if (!s->path) {
        tui_error(t, &e);
        err_clear(&e);
        free(sysedit_close(t));
        return false;
    }
    s->state = SE_DUE;
    t->dirty = true;
    return true;
}

/* The tenant to edit was read. */
static void on_read(void *ud, struct row *row, const struct tn_error *err)
{
    struct sysedit *s = ud;
    struct tui *t = s->t;
    s->call = NULL;
    if (!row) {
        tui_error(t, err);
        free(sysedit_close(t));
        return;
    }
    s->base = row;
    if (docedit_has_doc(row)) {
        se_ready(t, s);
        return;
    }
    /* a server that keeps data write-only: the editor would start from {} and the save
     * would replace every key nobody saw */
    s->state = SE_CONFIRM;
    t->dirty = true;
    /* TRANSLATORS: y is the key that goes on (only y or Y is accepted): keep it. */
    tui_message(t, _("This server does not return data: y edits from empty and replaces all "
                     "of it, any other key cancels"));
}

void sysedit_edit(struct tui *t)
{
    struct pane *p = tui_focused(t);
    if (!p || !may_change(t))
        return;
    const char *id = pane_selected_id(p);
    if (!id) {
        tui_message(t, _("Nothing selected"));
        return;
    }
    struct sysedit *s = se_of(t);
    if (s && s->kind == SE_EDIT && s->state == SE_KEPT && !strcmp(s->id, id)) {
        s->state = SE_DUE; /* its last save failed: the same file again */
        t->dirty = true;
        return;
    }
    char *old;
    s = se_new(t, SE_EDIT, pane_kind(p), &old);
    s->id = xstrdup(id);
    struct api_target tg = {.kind = s->def, .id = s->id};
    s->call = api_get(t->c.session, &tg, on_read, s);
    s->state = SE_READING;
    if (old)
        /* TRANSLATORS: the tenant's UUID, then the path of the file that holds the earlier edit. */
        tui_message(t, _("Reading tenant %s to edit it... (your earlier edit stays in %s)"), id,
                    old);
    else
        tui_message(t, _("Reading tenant %s to edit it..."), id);
    free(old);
}

void sysedit_create(struct tui *t)
{
    struct pane *p = tui_focused(t);
    if (!p || !may_change(t))
        return;
    struct sysedit *s = se_of(t);
    if (s && s->kind == SE_CREATE && s->state == SE_KEPT) {
        s->state = SE_DUE; /* the last create failed: the same file again */
        t->dirty = true;
        return;
    }
    cJSON *tmpl = create_template();
    char *pretty = cJSON_Print(tmpl);
    cJSON_Delete(tmpl);
    if (!pretty)
        die("out of memory");
    char *text = xasprintf("%s\n", pretty);
    cJSON_free(pretty);
    struct tn_error err = {0};
    char *path = docedit_write_temp("new-tenant", text, &err);
    free(text);
    if (!path) {
        tui_error(t, &err);
        err_clear(&err);
        return;
    }
    char *old;
    s = se_new(t, SE_CREATE, pane_kind(p), &old);
    s->path = path;
    s->state = SE_DUE;
    if (old)
        tui_message(t, _("Your earlier edit stays in %s"), old);
    free(old);
}

/* ------------------------------------------------------------------ the conflict */

/* r: the edit, as it is, on the server's version (one PUT). */
static void reapply(struct tui *t, struct sysedit *s)
{
    model_row_free(s->base);
    s->base = s->server; /* the edit is now based on the server's version */
    s->server = NULL;
    conflict_free(s->view);
    s->view = NULL;
    struct tn_error err = {0};
    if (!send_update(t, s, model_row_get(s->base, "version"), &err))
        se_keep(t, &err);
    err_clear(&err);
}

/* e: merge by hand: a file holding the server's tenant with the edit's changes applied key by
 * key, the keys both sides changed listed in "_conflicts" (a save keeping it is refused). */
static void edit_again(struct tui *t, struct sysedit *s)
{
    size_t nconflicts;
    char *text = docedit_merge_text(s->base, s->server, s->mine, &nconflicts);
    struct tn_error err = {0};
    char *path = docedit_write_temp("tenant", text, &err);
    free(text);
    if (!path) { /* the old file still holds the edit: stay on the choice */
        tui_error(t, &err);
        err_clear(&err);
        return;
    }
    unlink(s->path); /* the new file holds the same edit */
    free(s->path);
    s->path = path;
    model_row_free(s->base);
    s->base = s->server;
    s->server = NULL;
    conflict_free(s->view);
    s->view = NULL;
    s->state = SE_DUE;
    if (nconflicts)
        /* TRANSLATORS: %s is the member's name "_conflicts", kept as is. */
        tui_message(t, _("Merging: keys changed on both sides are listed in \"%s\" at the "
                         "top of the file; settle them and remove it to save"),
                    DOCEDIT_CONFLICTS);
}

/* A key at the confirm of an edit that replaces data nobody saw. */
static void confirm_key(struct tui *t, struct sysedit *s, enum action act, int key)
{
    if (key == 'y' || key == 'Y') {
        se_ready(t, s);
        return;
    }
    if (act == ACT_REDRAW) {
        terminal_redraw();
        return;
    }
    char *id = xstrdup(s->id);
    free(sysedit_close(t)); /* no file was written */
    tui_message(t, _("Not edited: tenant %s's data stays as it is; nothing was sent"), id);
    free(id);
}

/* A key while the conflict view is shown: it takes every key, the operator must choose. */
static layer_result se_key(struct layer *l, struct tui *t, enum action act, int key)
{
    struct sysedit *s = (struct sysedit *)l;
    enum action choice = keymap_lookup_conflict(t->km, key);
    if (s->state == SE_CONFIRM) {
        confirm_key(t, s, act, key);
    } else if (choice == ACT_CONFLICT_REAPPLY) {
        reapply(t, s);
    } else if (choice == ACT_CONFLICT_EDIT) {
        edit_again(t, s);
    } else if (choice == ACT_CONFLICT_DISCARD || key == KEYS_ESC) {
        char *id = xstrdup(s->id);
        char *version = xstrdup(model_row_get(s->server, "version"));
        se_finish(t);
        /* TRANSLATORS: the tenant's UUID, then the server's version. */
        tui_message(t, _("Discarded your edit: tenant %s stays at version %s"), id, version);
        free(id);
        free(version);
    } else {
        if (act == ACT_REDRAW)
            terminal_redraw();
        else if (!conflict_scroll(s->view, act) && act != ACT_MOVE_DOWN && act != ACT_MOVE_UP &&
                 act != ACT_PAGE_DOWN && act != ACT_PAGE_UP && act != ACT_FIRST && act != ACT_LAST)
        {
            char kr[32], ke[32], kd[32];
            /* TRANSLATORS: the three %s are keys */
            tui_message(t, _("Choose: %s re-applies your edit on the server's version, %s edits "
                             "it again, %s discards it"),
                        keymap_hint(t->km, ACT_CONFLICT_REAPPLY, kr),
                        keymap_hint(t->km, ACT_CONFLICT_EDIT, ke),
                        keymap_hint(t->km, ACT_CONFLICT_DISCARD, kd));
        }
    }
    return LAYER_HANDLED | LAYER_REDRAW;
}

/* The confirm of an edit that would replace data the server does not show. */
static void draw_confirm(const struct sysedit *s, struct rect area)
{
    /* TRANSLATORS: %s is the tenant's UUID; keep REPLACES ALL in capitals (a warning). */
    char *risk = xasprintf(_("This server does not return the data of tenant %s (it keeps data "
                             "write-only). The editor would start from an empty object, and "
                             "what you save REPLACES ALL of the tenant's data, also the keys "
                             "you cannot see."), s->id);
    /* TRANSLATORS: y is the key that goes on (only y or Y is accepted): keep it; keep the three
     * spaces between the parts. */
    const char *ask = _("y: edit from empty, replacing all the data   any other key: cancel");
    int w = draw_dialog_width(area, 72);
    int inner = w - 4;
    int lines = draw_wrapped_lines(inner, risk) + 1 + draw_wrapped_lines(inner, ask);
    struct rect r = draw_dialog(area, w, lines, _("Replace all data?"));
    int y = r.y, last = r.y + r.h - 1;
    draw_wrapped(r.x, &y, r.w, last, risk, TH_NORMAL);
    y++;
    draw_wrapped(r.x, &y, r.w, last, ask, TH_TITLE);
    free(risk);
}

static void se_draw(struct layer *l, struct tui *t, struct rect area)
{
    const struct sysedit *s = (const struct sysedit *)l;
    (void)t;
    if (s->state == SE_CONFIRM)
        draw_confirm(s, area);
    else
        conflict_draw(s->view, area, t->km);
}

static bool se_shown(const struct layer *l, const struct tui *t)
{
    (void)t;
    enum se_state state = ((const struct sysedit *)l)->state;
    return state == SE_CONFLICT || state == SE_CONFIRM;
}

static bool se_busy(const struct layer *l, const struct tui *t)
{
    const struct sysedit *s = (const struct sysedit *)l;
    (void)t;
    return s->call || s->state == SE_DUE;
}

static void se_tick(struct layer *l, struct tui *t)
{
    (void)l;
    sysedit_tick(t);
}

/* Cancel what is in flight and forget the edit (its file stays unless finished). */
static void se_layer_free(struct layer *l, struct tui *t)
{
    struct sysedit *s = (struct sysedit *)l;
    if (s->call && t->c.session)
        api_cancel(t->c.session, s->call);
    se_free(s);
    t->dirty = true;
}

static const struct layer_ops sysedit_ops = {
    .name = "conflict",
    .level = LEVEL_CONFLICT,
    .modal = true,
    .covers = true,
    .key = se_key,
    .draw = se_draw,
    .shown = se_shown,
    .busy = se_busy,
    .tick = se_tick,
    .free = se_layer_free,
};
