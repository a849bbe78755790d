/* pane.h: a list pane over a core list: loading page by page, selection and scrolling,
 * columns that fit, filter and sort. Each kind of pane is a struct pane_ops in its own file
 * (pane_env.c, pane_tenant.c, pane_client.c, pane_systenant.c). */
#ifndef TENANTRY_PANE_H
#define TENANTRY_PANE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/api.h"
#include "core/filter.h"
#include "core/list.h"
#include "core/marks.h"
#include "core/util.h"
#include "tui/view.h"

struct pane;
struct tui;

/* What makes one kind of pane. */
struct pane_ops {
    const char *kind;   /* the backend kind it lists ("tenants") */
    const char *title;  /* N_() marked */
    const char *const *columns; /* field paths shown, most important first */
    size_t ncolumns;
    const char *crumb;  /* the field path naming the selection in the breadcrumb */
    /* A host name column shown as its first label when the column label_with (which names
     * the domain) is shown too; NULL: none. */
    const char *label, *label_with;
    const char *all;    /* N_() text of a first "all" row (selecting none), or NULL */
    /* Fill in the parent of what to list; false when there is nothing to list yet, with
     * *why saying what to do (N_() marked). NULL: the pane lists at top level. */
    bool (*open)(struct pane *p, struct api_target *t, const char **why);
    /* True when the pane can list kind k as the backend declares it (its fields, its
     * document); NULL: any kind of that name. The first pane that fits a kind lists it. */
    bool (*fits)(const struct api_kind_def *k);
    /* An extra condition on rows (NULL: every row). */
    list_keep_fn keep;
    /* Turn a ':filter' line (terms such as created>2024-01-01) into the server's filters of
     * kind k (filter_parse); false with err set (what is wrong, what is accepted). NULL: the
     * API cannot filter this kind on the server. */
    bool (*server_filter)(const struct api_kind_def *k, const char *text,
                          struct filter_terms *out, struct tn_error *err);
};

/* Every kind of pane (pane_env.c, pane_tenant.c, pane_client.c, pane_systenant.c). */
extern const struct pane_ops env_pane_ops, tenant_pane_ops, client_pane_ops, systenant_pane_ops;
/* The pane that lists kind k (the first that fits), or NULL when the console has none. */
const struct pane_ops *pane_ops_for(const struct api_kind_def *k);

/* A new pane of ops for app (not loading until pane_open). NULL when the session's backend
 * has no such kind. */
struct pane *pane_new(const struct pane_ops *ops, struct tui *app, const struct api_kind_def *k);
void pane_free(struct pane *p);
/* The pane's ops and its app. */
const struct pane_ops *pane_ops(const struct pane *p);
struct tui *pane_app(const struct pane *p);
/* Forget every row and start listing again from the first page (keeping the selection when
 * the row still exists). */
void pane_refresh(struct pane *p);
/* Drop everything (the parent changed); lists again when next drawn or ticked. */
void pane_reset(struct pane *p);
/* Stop a load in flight; true when there was one. */
bool pane_cancel(struct pane *p);
/* Esc: stop a load in flight and load no more until asked (r, G, scrolling down); true
 * when there was one. */
bool pane_stop(struct pane *p);
/* Re-apply the keep condition (its inputs changed). */
void pane_rekeep(struct pane *p);
/* The parent ID the rows are listed under (a clients pane's tenant), or NULL. */
const char *pane_parent(const struct pane *p);
/* Take in an object the operator created: add it to the list (no reload) and select it;
 * false when the filter or the environment hides it. */
bool pane_add_row(struct pane *p, const struct row *row);
/* Take in an object read on its own (a jump to it): add it to the list when not loaded (the
 * count unchanged) and select it; false when the filter hides it. */
bool pane_show_row(struct pane *p, const struct row *row);
/* Select row i of the list; false when the filter hides it. */
bool pane_select_index(struct pane *p, size_t i);
/* Replace the row with row's ID (an edit), keeping the selection. */
void pane_update_row(struct pane *p, const struct row *row);
/* The object id is gone: its row goes; when it was selected, its neighbour is. */
void pane_remove_row(struct pane *p, const char *id);
/* Start what must happen now: the first page, or the next one when the selection is within
 * a screen of the end (or G asked for everything). */
void pane_tick(struct pane *p);
/* Load on to the end of the list (on), the selection staying, as L does; or no longer. */
void pane_load_on(struct pane *p, bool on);
/* Run fn(ud, p) each time a page has been taken in, before the next is asked for (it may stop
 * loading on); NULL: nothing. */
void pane_on_page(struct pane *p, void (*fn)(void *ud, struct pane *p), void *ud);
/* True while the pane loads on (L, or pane_load_on). */
bool pane_loading_on(const struct pane *p);
/* What :watch found of a row (tui/pane_more.c): new since it began, or gone. */
#define PANE_NEW 1u
#define PANE_GONE 2u
/* Row i's flags (PANE_*), and setting them (0: none). */
unsigned pane_flags(const struct pane *p, size_t i);
void pane_set_flags(struct pane *p, size_t i, unsigned flags);
/* Forget every row's flags. */
void pane_flags_clear(struct pane *p);
/* Take in a row found by :watch: added to the list (flagged new), the selection staying on
 * its row; the list index. */
size_t pane_insert_row(struct pane *p, const struct row *row);
/* True when the pane holds the whole list, as far as it can tell (the end seen, or a short
 * last page). */
bool pane_whole(const struct pane *p);
/* The server's filters the pane lists with (':filter'), n 0 when none. */
const struct filter_terms *pane_server_terms(const struct pane *p);
/* True while a page is in flight or wanted. */
bool pane_busy(const struct pane *p);
/* Draw into r; focused panes show their selection brighter. */
void pane_draw(struct pane *p, struct rect r, bool focused);
/* The cells the pane wants to show the rows it would show in h lines whole: every column, or
 * its first column alone (first_only: a pane that is not focused), with its margins. */
int pane_want(struct pane *p, int h, bool first_only);
/* True when the last drawing cut or left out the ID column (the status line then shows the
 * selected ID whole). */
bool pane_id_cut(const struct pane *p);
/* Show the columns of list (field paths, comma-separated: "name,id,data.plan"); NULL or ""
 * for the pane's own. */
void pane_set_columns(struct pane *p, const char *list);
/* Append the values of row i's document columns ("name: Acme, plan: gold": a system tenant's
 * data) to out; false when it has none. */
bool pane_describe(const struct pane *p, size_t i, struct strbuf *out);
/* The paths the pane could show as columns, comma-separated into out: those shown first, in
 * their order, then the kind's other fields and the keys of its document; how many (the
 * first pane_columns count are shown). */
size_t pane_column_choices(const struct pane *p, struct strbuf *out);
/* The columns shown, as paths, appended to out (comma-separated); out's text. */
const char *pane_columns(const struct pane *p, struct strbuf *out);
/* Handle a moving, sorting, refreshing or copying action. */
enum tui_result pane_handle(struct pane *p, enum action act);
/* The selected row's index in the list, or SIZE_MAX (nothing, or the "all" row). */
size_t pane_selected(const struct pane *p);
/* The list rows the pane shows (its filter and sort), in their order: a new array of list
 * indexes ("all" row left out), *n how many. */
size_t *pane_rows(const struct pane *p, size_t *n);
/* The selected row's position among the rows shown (1 is the first), 0 for none. */
size_t pane_position(const struct pane *p);
/* The selected row's ID and its breadcrumb text, or NULL. */
const char *pane_selected_id(const struct pane *p);
const char *pane_selected_name(const struct pane *p);
/* The list and the kind. */
const struct list *pane_list(const struct pane *p);
const struct api_kind_def *pane_kind(const struct pane *p);
/* The filter text, and setting it (NULL or "" for none). */
const char *pane_filter(const struct pane *p);
void pane_set_filter(struct pane *p, const char *text);
/* The server's filters: set them (taking f's contents; empty for none) and list again from
 * the first page; the text that set them, or NULL when none. */
void pane_set_server_filter(struct pane *p, struct filter_terms *f);
const char *pane_server_filter(const struct pane *p);
/* Append the status text ("1,200 loaded, more available", or "100 of 1,200 loaded" when the
 * server says how many there are) to out. */
void pane_status(const struct pane *p, struct strbuf *out);
/* The pane's marks (pane_marks.c): kept by ID; a deleted row's mark goes with it, and every
 * mark when the pane lists under another parent. */
struct marks *pane_marks(const struct pane *p);
/* Space: mark the selected row, or unmark it, and move down; false when no row is selected. */
bool pane_mark_toggle(struct pane *p);
/* *: mark every row the filter shows; how many it shows. */
size_t pane_mark_all(struct pane *p);
/* Unmark everything. */
void pane_mark_clear(struct pane *p);
/* The glyph in front of list row i: "*" marked, "!" marked with an error, NULL not marked. */
const char *pane_mark_glyph(const struct pane *p, size_t i);
/* A number with the locale's thousands separators ("1,200") into buf (core/text's). */
const char *pane_count_text(size_t n, char buf[32]);

#endif
