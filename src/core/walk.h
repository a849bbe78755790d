/* walk.h: the history of one list walk (its pages fetched one after the other), so that a
 * list that would never end is stopped: a next-page token followed before, a page equal to the
 * one before it, or a later page starting with the first page's rows (a server that ignores
 * the page asked for). */
#ifndef TENANTRY_WALK_H
#define TENANTRY_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"

struct walk;

/* What walk_check found. */
enum walk_verdict {
    WALK_OK,
    WALK_REPEATED_LINK,  /* the page's next token was followed before */
    WALK_SAME_PAGE,      /* the page equals the one before it */
    WALK_FIRST_AGAIN,    /* a later page starts with the first page's rows */
};

/* A new walk, with no page seen. */
struct walk *walk_new(void);
/* Free the walk. NULL is fine. */
void walk_free(struct walk *w);
/* Forget every page seen (the list starts again, e.g. a refresh). */
void walk_reset(struct walk *w);
/* Check page, fetched with the token followed (NULL for the list's first page), against the
 * pages before it, and record it. A page that is not WALK_OK is recorded too (the walk is
 * then stopped: walk_stopped). */
enum walk_verdict walk_check(struct walk *w, const char *followed, const struct page *page);
/* The number of pages checked since the walk started. */
size_t walk_pages(const struct walk *w);
/* True when walk_check found a loop. */
bool walk_stopped(const struct walk *w);

#endif
