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
    PH_DELETE_ONE,     /* the question "Really ...?": "delete tenant %s" (%s: "acme" (acme, ID)) */
    PH_DELETE_IN,      /* the same of a child: "delete client %s of tenant %s" */
    PH_DELETE_ONE_PROD, /* "delete on the PRODUCTION profile \"%s\" tenant %s" */
    PH_DELETE_IN_PROD, /* "delete on the PRODUCTION profile \"%s\" client %s of tenant %s" */
    PH_DELETE_N_IN,    /* plural: "delete %zu clients of tenant %s" */
    PH_EDIT_HELP,      /* the help of edit: "Writes the tenant's JSON ... its \"%s\" ..." */
    PH_NO_COLUMN,      /* "%s: tenants has no column %s" (":columns" or "--columns", the path) */
    PH_COLUMNS_OF,     /* "Columns of tenants: %s (a key of an object field as FIELD.KEY)." */
    PH_NO_PANE,        /* "This API has no tenants" */
    PH_FILTER_HERE,    /* "This API cannot filter tenants on the server: press %s to ..." */
    PH_CANNOT_ROTATE,  /* "This API cannot rotate clients" */
    PH_DETAILS,        /* the details view's title: "tenant %s" */
    PH_CREATED_NAMED,  /* "Created tenant \"%s\"" */
    PH_CREATED_AWAY,   /* "Created client \"%s\" (another tenant is shown now)" */
    PH_CREATED_HIDDEN, /* "Created tenant \"%s\" (the filter or environment shown hides it)" */
    PH_NEW_SECRET,     /* the secret panel's title: "The new client \"%s\"" */
    PH_FIRST_CLIENT,   /* the secret panel's title: "The first client of the new tenant \"%s\"" */
    PH_MARKED_SHOWN,   /* plural on the first: "Marked the %s tenants shown (%s new)" */
    PH_MARKED_SHOWN_MORE, /* plural on the first: the same, "; more are not loaded yet: %s ..." */
    PH_DELETED_N,      /* plural: "Deleted %zu tenants" */
    PH_DELETED_SOME,   /* plural on the 2nd: "Deleted %zu of %zu tenants: %zu failed, ..." */
    PH_DELETING,       /* plural on the 1st: "Deleting %zu tenants: %zu deleted, ..." */
    PH_DELETE_MARKED,  /* plural: the dialog's title, "Delete %zu marked tenants" */
    PH_DELETES,        /* plural: "This deletes %zu tenants: %s. It cannot be undone." */
    PH_DELETES_MORE,   /* plural on the 1st: "This deletes %zu tenants: %s and %zu more. ..." */
    PH_WROTE,          /* plural on the 1st: "Wrote %s tenants to %s" */
    PH_WROTE_MORE,     /* plural on the 1st: "Wrote the %s tenants loaded to %s; ... %s ..." */
    PH_JUMP_NAME_IT,   /* "Name the tenant to go to: :tenant ID, LABEL or NAME" */
    PH_JUMP_READING,   /* "Reading tenant %s..." */
    PH_JUMP_READ,      /* "Went to tenant %s (read from the server: it was not loaded)" */
    PH_JUMP_FOUND,     /* plural on the 2nd: "Went to tenant %s (found after loading %s)" */
    PH_JUMP_LOOKING,   /* plural on the 2nd: "Looking for tenant \"%s\": %s loaded so far ..." */
    PH_JUMP_STOPPED,   /* plural on the 2nd: "Stopped looking for tenant \"%s\" after ..." */
    PH_JUMP_NOT_AMONG, /* plural on the 2nd: "No tenant \"%s\" among the %zu (the whole list)" */
    PH_JUMP_NO_SUCH,   /* "no tenant \"%s\"" (an error's start) */
    PH_JUMP_HIDDEN,    /* "Tenant %s is loaded, but the filter hides it" */
    PH_JUMP_THERE,     /* "Tenant %s is there, but the filter hides it" */
    PH_JUMP_GAVE_UP,   /* "Gave up going to tenant %s: its list did not load" */
    PH_BULK_UNKNOWN,   /* "%s: tenant %s: unknown whether it was deleted (...): %s\n" */
    PH_BULK_FAILED,    /* "%s: tenant %s: %s\n" (the program, the ID, the error) */
    PH_COUNT
};

/* The sentence id says of kind k, translated; fallback (translated by the caller, with the
 * same directives) when k has none. */
const char *phrase(const struct api_kind_def *k, enum phrase_id id, const char *fallback)
    __attribute__((format_arg(3)));
/* phrase() of the kind named kind ("tenants"), for a kind the backend may lack. */
const char *phrase_named(const char *kind, enum phrase_id id, const char *fallback)
    __attribute__((format_arg(3)));
/* phrase_n() of the kind named kind ("tenants"). */
const char *phrase_named_n(const char *kind, enum phrase_id id, unsigned long n,
                           const char *fallback) __attribute__((format_arg(4)));
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
