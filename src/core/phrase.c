/* phrase.c: the sentences of phrase.h, whole for each kind (a translator sees the noun in its
 * sentence and can make the words agree). */
#include "config.h"

#include "core/phrase.h"

#include <string.h>

#include "core/intl.h"
#include "core/model.h"
#include "core/util.h"

/* A plural pair for xgettext (keyword NP_:1,2 in po/Makevars): two initializers. */
#define NP_(one, many) one, many

/* The kinds that have sentences of their own, in the table's column order. */
static const char *const kinds[] = {"environments", "tenants", "clients", "profiles", "changes"};
enum { KINDS = ARRAY_SIZE(kinds) };

struct cell {
    const char *one;  /* the sentence (the singular of a plural pair) */
    const char *many; /* the plural, or NULL */
};

struct row_def {
    const char *shape; /* the printf directives every cell of the row has, in order */
    struct cell cells[KINDS];
};

/* clang-format off */
static const struct row_def table[PH_COUNT] = {
    [PH_NONE] = {"", {
        {N_("No environments."), NULL},
        {N_("No tenants."), NULL},
        {N_("No clients."), NULL},
        {N_("No profiles."), NULL},
        {N_("No changes."), NULL}}},
    [PH_LOADED_MORE] = {"%s", {
        {NP_("%s environment loaded, more to come...", "%s environments loaded, more to come...")},
        {NP_("%s tenant loaded, more to come...", "%s tenants loaded, more to come...")},
        {NP_("%s client loaded, more to come...", "%s clients loaded, more to come...")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_LOADED_OF_MORE] = {"%s%s", {
        /* TRANSLATORS: how many were loaded, then the list's total (the plural follows it). */
        {NP_("%s of %s environment loaded, more to come...",
             "%s of %s environments loaded, more to come...")},
        /* TRANSLATORS: how many were loaded, then the list's total (the plural follows it). */
        {NP_("%s of %s tenant loaded, more to come...",
             "%s of %s tenants loaded, more to come...")},
        /* TRANSLATORS: how many were loaded, then the list's total (the plural follows it). */
        {NP_("%s of %s client loaded, more to come...",
             "%s of %s clients loaded, more to come...")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETED_ID] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the ID. */
        {N_("Deleted tenant %s."), NULL},
        /* TRANSLATORS: %s is the ID. */
        {N_("Deleted client %s."), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETED_NAMED] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the name. */
        {N_("Deleted tenant \"%s\""), NULL},
        /* TRANSLATORS: %s is the name. */
        {N_("Deleted client \"%s\""), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_SAVED_NAMED] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the name. */
        {N_("Saved tenant \"%s\""), NULL},
        /* TRANSLATORS: %s is the name. */
        {N_("Saved client \"%s\""), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_ALREADY_GONE] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the name. */
        {N_("Tenant \"%s\" was already gone (HTTP 404): removed from the list"), NULL},
        /* TRANSLATORS: %s is the name. */
        {N_("Client \"%s\" was already gone (HTTP 404): removed from the list"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETE_N] = {"%zu", {
        {NULL, NULL},
        /* TRANSLATORS: the start of a question ending in [y/N]. */
        {NP_("delete %zu tenant", "delete %zu tenants")},
        /* TRANSLATORS: the start of a question ending in [y/N]. */
        {NP_("delete %zu client", "delete %zu clients")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_NONE_FROM] = {"", {
        {NULL, NULL},
        /* TRANSLATORS: --from is an option: keep it. */
        {N_("no tenant to delete: --from gave no ID"), NULL},
        /* TRANSLATORS: --from is an option: keep it. */
        {N_("no client to delete: --from gave no ID"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_NOT_CALLED] = {"%s", {
        /* TRANSLATORS: %s is the name asked for. */
        {N_("no environment is called '%s'"), NULL},
        /* TRANSLATORS: %s is the name asked for. */
        {N_("no tenant is called '%s'"), NULL},
        /* TRANSLATORS: %s is the name asked for. */
        {N_("no client is called '%s'"), NULL},
        /* TRANSLATORS: %s is the name asked for. */
        {N_("no profile is called '%s'"), NULL},
        {NULL, NULL}}},
    [PH_N_CALLED] = {"%zu%s", {
        /* TRANSLATORS: %zu is how many have the name, %s the name. */
        {NP_("%zu environment is called '%s': give the ID",
             "%zu environments are called '%s': give the ID")},
        /* TRANSLATORS: %zu is how many have the name, %s the name. */
        {NP_("%zu tenant is called '%s': give the ID", "%zu tenants are called '%s': give the ID")},
        /* TRANSLATORS: %zu is how many have the name, %s the name. */
        {NP_("%zu client is called '%s': give the ID", "%zu clients are called '%s': give the ID")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_COPIED_ID] = {"%s", {
        /* TRANSLATORS: %s is the ID. */
        {N_("Copied the environment's ID %s to the clipboard"), NULL},
        /* TRANSLATORS: %s is the ID. */
        {N_("Copied the tenant's ID %s to the clipboard"), NULL},
        /* TRANSLATORS: %s is the ID. */
        {N_("Copied the client's ID %s to the clipboard"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_COPIED_JSON] = {"%zu", {
        /* TRANSLATORS: %zu is the size in bytes. */
        {NP_("Copied the environment's JSON (%zu byte) to the clipboard",
             "Copied the environment's JSON (%zu bytes) to the clipboard")},
        /* TRANSLATORS: %zu is the size in bytes. */
        {NP_("Copied the tenant's JSON (%zu byte) to the clipboard",
             "Copied the tenant's JSON (%zu bytes) to the clipboard")},
        /* TRANSLATORS: %zu is the size in bytes. */
        {NP_("Copied the client's JSON (%zu byte) to the clipboard",
             "Copied the client's JSON (%zu bytes) to the clipboard")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CANNOT_CREATE] = {"", {
        {N_("This API cannot create environments"), NULL},
        {N_("This API cannot create tenants"), NULL},
        {N_("This API cannot create clients"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CANNOT_DELETE] = {"", {
        {N_("This API cannot delete environments"), NULL},
        {N_("This API cannot delete tenants"), NULL},
        {N_("This API cannot delete clients"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CANNOT_EDIT] = {"", {
        {N_("Environments cannot be edited: only clients can"), NULL},
        {N_("Tenants cannot be edited: only clients can"), NULL},
        {NULL, NULL}, {NULL, NULL}, {NULL, NULL}}},
    [PH_CANNOT_DO] = {"", {
        {N_("this API cannot do that with environments"), NULL},
        {N_("this API cannot do that with tenants"), NULL},
        {N_("this API cannot do that with clients"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CANNOT_FILTER] = {"", {
        {N_("this API cannot filter environments on the server"), NULL},
        {N_("this API cannot filter tenants on the server"), NULL},
        {N_("this API cannot filter clients on the server"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_ONLY_WHERE] = {"%s", {
        /* TRANSLATORS: %s is the server filter, e.g. "state=active". */
        {N_("The server lists only the environments where %s"), NULL},
        /* TRANSLATORS: %s is the server filter, e.g. "state=active". */
        {N_("The server lists only the tenants where %s"), NULL},
        /* TRANSLATORS: %s is the server filter, e.g. "state=active". */
        {N_("The server lists only the clients where %s"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_NO_FILTER] = {"", {
        {N_("No server filter: listing every environment"), NULL},
        {N_("No server filter: listing every tenant"), NULL},
        {N_("No server filter: listing every client"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_NEW_NEEDS] = {"%s%s", {
        {NULL, NULL},
        /* TRANSLATORS: an option (keep it: --name), then its argument's name (NAME). */
        {N_("a new tenant needs --%s %s"), NULL},
        /* TRANSLATORS: an option (keep it: --name), then its argument's name (NAME). */
        {N_("a new client needs --%s %s"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CHANGE_NEEDS] = {"%s%s", {
        {NULL, NULL},
        /* TRANSLATORS: an option (keep it: --version), then its argument's name (N). */
        {N_("a change of a tenant needs --%s %s"), NULL},
        /* TRANSLATORS: an option (keep it: --version), then its argument's name (N). */
        {N_("a change of a client needs --%s %s"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CREATED_UNREAD] = {"%s%s%ld", {
        {NULL, NULL},
        /* TRANSLATORS: the HTTP method ("POST"), the URL, then the HTTP status. */
        {N_("%s %s: the tenant was created (HTTP %ld), but the server's answer could not be "
            "read"), NULL},
        /* TRANSLATORS: the HTTP method ("POST"), the URL, then the HTTP status. */
        {N_("%s %s: the client was created (HTTP %ld), but the server's answer could not be "
            "read"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_FIND_NEW] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is a command to run, e.g. `tenantry tenants list`: keep it as it is. */
        {N_("Do not create it again: find the new tenant with `%s`."), NULL},
        /* TRANSLATORS: %s is a command to run, e.g. `tenantry tenants list`: keep it as it is. */
        {N_("Do not create it again: find the new client with `%s`."), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_NO_SUCH] = {"%s", {
        /* TRANSLATORS: %s is a command word (keep it): `tenantry tenants list`. */
        {N_("No such environment: check the ID (`tenantry %s list` shows them)."), NULL},
        /* TRANSLATORS: %s is a command word (keep it): `tenantry tenants list`. */
        {N_("No such tenant: check the ID (`tenantry %s list` shows them)."), NULL},
        {NULL, NULL}, {NULL, NULL}, {NULL, NULL}}},
    [PH_CREATED_LOST] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the new object's ID. */
        {N_("Tenant %s was created, but its output (with its client's secret) could not be "
            "written"), NULL},
        /* TRANSLATORS: %s is the new object's ID. */
        {N_("Client %s was created, but its output (with the new client secret) could not be "
            "written"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_WHICH] = {"%s", {
        /* TRANSLATORS: a line of --help: %-26s is the argument's name (ID) padded to 26
         * columns; keep the padding and the newline. */
        {N_("  %-26s which environment\n"), NULL},
        /* TRANSLATORS: a line of --help: %-26s is the argument's name (ID) padded to 26
         * columns; keep the padding and the newline. */
        {N_("  %-26s which tenant\n"), NULL},
        /* TRANSLATORS: a line of --help: %-26s is the argument's name (ID) padded to 26
         * columns; keep the padding and the newline. */
        {N_("  %-26s which client\n"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
};
/* clang-format on */

/* The column of kind k, or -1 when it has none. */
static int column(const struct api_kind_def *k)
{
    for (size_t i = 0; k && i < KINDS; i++)
        if (!strcmp(kinds[i], k->name))
            return (int)i;
    return -1;
}

const char *phrase(const struct api_kind_def *k, enum phrase_id id, const char *fallback)
{
    int c = column(k);
    if (c < 0 || (unsigned)id >= PH_COUNT || !table[id].cells[c].one)
        return fallback;
    return _(table[id].cells[c].one);
}

const char *phrase_n(const struct api_kind_def *k, enum phrase_id id, unsigned long n,
                     const char *fallback)
{
    int c = column(k);
    if (c < 0 || (unsigned)id >= PH_COUNT || !table[id].cells[c].one || !table[id].cells[c].many)
        return fallback;
    return ngettext(table[id].cells[c].one, table[id].cells[c].many, n);
}

const char *phrase_shape(enum phrase_id id)
{
    return (unsigned)id < PH_COUNT ? table[id].shape : NULL;
}

bool phrase_cell(enum phrase_id id, size_t i, const char **one, const char **many)
{
    if ((unsigned)id >= PH_COUNT || i >= KINDS || !table[id].cells[i].one)
        return false;
    *one = table[id].cells[i].one;
    *many = table[id].cells[i].many;
    return true;
}

size_t phrase_kinds(void)
{
    return KINDS;
}
