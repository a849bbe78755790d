/* phrase.h: whole sentences about a kind of object, one per kind ("No tenants.", "Deleted
 * client %s."), so that no noun is spliced into a translated sentence. */
#ifndef TENANTRY_PHRASE_H
#define TENANTRY_PHRASE_H

#include <stdbool.h>
#include <stddef.h>

struct api_kind_def;

/* The sentences; each row of phrase.c's table has one per kind, with the same printf
 * directives as the fallback the caller gives (its comment here says which). */
enum phrase_id {
    PH_NONE,           /* "No tenants." */
    PH_LOADED_MORE,    /* plural on the count: "%s tenants loaded, more to come..." */
    PH_LOADED_OF_MORE, /* plural on the total: "%s of %s tenants loaded, more to come..." */
    PH_DELETED_ID,     /* "Deleted tenant %s." */
    PH_DELETED_NAMED,  /* "Deleted tenant \"%s\"" */
    PH_SAVED_NAMED,    /* "Saved tenant \"%s\"" */
    PH_ALREADY_GONE,   /* "Tenant \"%s\" was already gone (HTTP 404): removed from the list" */
    PH_DELETE_N,       /* plural: "delete %zu tenants" */
    PH_NONE_FROM,      /* "no tenants to delete: --from gave no ID" */
    PH_NOT_CALLED,     /* "no tenant is called '%s'" */
    PH_N_CALLED,       /* plural: "%zu tenants are called '%s': give the ID" */
    PH_COPIED_ID,      /* "Copied the tenant's ID %s to the clipboard" */
    PH_COPIED_JSON,    /* plural on the bytes: "Copied the tenant's JSON (%zu bytes) ..." */
    PH_CANNOT_CREATE,  /* "This API cannot create tenants" */
    PH_CANNOT_DELETE,  /* "This API cannot delete tenants" */
    PH_CANNOT_EDIT,    /* "Tenants cannot be edited: only clients can" */
    PH_CANNOT_DO,      /* "this API cannot do that with tenants" */
    PH_CANNOT_FILTER,  /* "this API cannot filter tenants on the server" */
    PH_ONLY_WHERE,     /* "The server lists only the tenants where %s" */
    PH_NO_FILTER,      /* "No server filter: listing every one of the tenants" */
    PH_NEW_NEEDS,      /* "a new tenant needs --%s %s" */
    PH_CHANGE_NEEDS,   /* "a change of a tenant needs --%s %s" */
    PH_CREATED_UNREAD, /* "%s %s: the tenant was created (HTTP %ld), but ..." */
    PH_FIND_NEW,       /* "Do not create it again: find the new tenant with `%s`." */
    PH_NO_SUCH,        /* "No such tenant: check the ID (`tenantry %s list` shows them)." */
    PH_CREATED_LOST,   /* "Tenant %s was created, but its output (with ...) could not be written" */
    PH_WHICH,          /* a --help line: "  %-26s which tenant\n" */
    PH_COUNT
};

/* The sentence id says of kind k, translated; fallback (translated by the caller, with the
 * same directives) when k has none. */
const char *phrase(const struct api_kind_def *k, enum phrase_id id, const char *fallback)
    __attribute__((format_arg(3)));
/* The plural sentence id says of kind k for n, translated (ngettext); fallback (the caller's
 * ngettext for n, with the same directives) when k has none. */
const char *phrase_n(const struct api_kind_def *k, enum phrase_id id, unsigned long n,
                     const char *fallback) __attribute__((format_arg(4)));
/* The printf directives of row id as phrase.c's table has them ("%s%zu"), for the tests. */
const char *phrase_shape(enum phrase_id id);
/* Every sentence of row id for kind index i (0..phrase_kinds()-1): *one and *many (NULL where
 * not plural), untranslated; false where that kind has none. For the tests. */
bool phrase_cell(enum phrase_id id, size_t i, const char **one, const char **many);
/* How many kinds the table has. */
size_t phrase_kinds(void);

#endif
