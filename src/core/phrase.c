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
static const char *const kinds[] = {"environments", "tenants", "clients", "profiles", "journal"};
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
    [PH_DELETE_ONE] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: the question "Really %s? [y/N]" asks this: %s is the tenant as the
         * server knows it: "acme" (acme, ID), or its ID (with its data: name, plan...). */
        {N_("delete tenant %s"), NULL},
        /* TRANSLATORS: the question "Really %s? [y/N]" asks this: %s is the client: "ci" (ID),
         * or its ID. */
        {N_("delete client %s"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETE_IN] = {"%s%s", {
        {NULL, NULL}, {NULL, NULL},
        /* TRANSLATORS: the question "Really %s? [y/N]" asks this: the client ("ci" (ID), or its
         * ID), then the tenant's ID. */
        {N_("delete client %s of tenant %s"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETE_ONE_PROD] = {"%s%s", {
        {NULL, NULL},
        /* TRANSLATORS: the question "Really %s? [y/N]" asks this: the profile's name, then the
         * tenant ("acme" (acme, ID), or its ID); keep PRODUCTION in capitals. */
        {N_("delete on the PRODUCTION profile \"%s\" tenant %s"), NULL},
        /* TRANSLATORS: the question "Really %s? [y/N]" asks this: the profile's name, then the
         * client ("ci" (ID), or its ID); keep PRODUCTION in capitals. */
        {N_("delete on the PRODUCTION profile \"%s\" client %s"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETE_IN_PROD] = {"%s%s%s", {
        {NULL, NULL}, {NULL, NULL},
        /* TRANSLATORS: the question "Really %s? [y/N]" asks this: the profile's name, the client
         * ("ci" (ID), or its ID), then the tenant's ID; keep PRODUCTION in capitals. */
        {N_("delete on the PRODUCTION profile \"%s\" client %s of tenant %s"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETE_N_IN] = {"%zu%s", {
        {NULL, NULL}, {NULL, NULL},
        /* TRANSLATORS: the start of a question ending in [y/N]: how many, then the tenant's ID;
         * the first IDs follow in parentheses. */
        {NP_("delete %zu client of tenant %s", "delete %zu clients of tenant %s")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_EDIT_HELP] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the edited field's name (e.g. "data"), kept as is; keep $VISUAL,
         * $EDITOR, vi and 0600; keep lines under 80 columns. */
        {N_("Writes the tenant's JSON to a file (0600), opens $VISUAL or $EDITOR (else\n"
            "vi) on it, then sends its \"%s\" with the version it was read at. When\n"
            "someone else changed it meanwhile nothing is saved (exit status 5) and\n"
            "the file is kept: its path is printed.\n"), NULL},
        {NULL, NULL}, {NULL, NULL}, {NULL, NULL}}},
    [PH_NO_COLUMN] = {"%s%s", {
        /* TRANSLATORS: the option or command (--columns or :columns, kept as is), then the
         * column asked for. */
        {N_("%s: environments has no column %s"), NULL},
        /* TRANSLATORS: the option or command (--columns or :columns, kept as is), then the
         * column asked for. */
        {N_("%s: tenants has no column %s"), NULL},
        /* TRANSLATORS: the option or command (--columns or :columns, kept as is), then the
         * column asked for. */
        {N_("%s: clients has no column %s"), NULL},
        /* TRANSLATORS: the option (--columns, kept as is), then the column asked for. */
        {N_("%s: profiles has no column %s"), NULL},
        {NULL, NULL}}},
    [PH_COLUMNS_OF] = {"%s", {
        /* TRANSLATORS: %s is the column names separated by commas (kept as is); keep
         * FIELD.KEY as it is. */
        {N_("Columns of environments: %s (a key of an object field as FIELD.KEY)."), NULL},
        /* TRANSLATORS: %s is the column names separated by commas (kept as is); keep
         * FIELD.KEY as it is. */
        {N_("Columns of tenants: %s (a key of an object field as FIELD.KEY)."), NULL},
        /* TRANSLATORS: %s is the column names separated by commas (kept as is); keep
         * FIELD.KEY as it is. */
        {N_("Columns of clients: %s (a key of an object field as FIELD.KEY)."), NULL},
        /* TRANSLATORS: %s is the column names separated by commas (kept as is); keep
         * FIELD.KEY as it is. */
        {N_("Columns of profiles: %s (a key of an object field as FIELD.KEY)."), NULL},
        {NULL, NULL}}},
    [PH_NO_PANE] = {"", {
        {N_("This API has no environments"), NULL},
        {N_("This API has no tenants"), NULL},
        {N_("This API has no clients"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_FILTER_HERE] = {"%s", {
        /* TRANSLATORS: %s is the filter key (/ by default). */
        {N_("This API cannot filter environments on the server: press %s to filter the rows "
            "loaded"), NULL},
        /* TRANSLATORS: %s is the filter key (/ by default). */
        {N_("This API cannot filter tenants on the server: press %s to filter the rows "
            "loaded"), NULL},
        /* TRANSLATORS: %s is the filter key (/ by default). */
        {N_("This API cannot filter clients on the server: press %s to filter the rows "
            "loaded"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CANNOT_ROTATE] = {"", {
        {NULL, NULL}, {NULL, NULL},
        {N_("This API cannot rotate clients"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DETAILS] = {"%s", {
        /* TRANSLATORS: the details view's title: %s is the environment's name. */
        {N_("environment %s"), NULL},
        /* TRANSLATORS: the details view's title: %s is the tenant's name or ID. */
        {N_("tenant %s"), NULL},
        /* TRANSLATORS: the details view's title: %s is the client's name. */
        {N_("client %s"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CREATED_NAMED] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the new tenant's name (or ID). */
        {N_("Created tenant \"%s\""), NULL},
        /* TRANSLATORS: %s is the new client's name (or ID). */
        {N_("Created client \"%s\""), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CREATED_AWAY] = {"%s", {
        {NULL, NULL}, {NULL, NULL},
        /* TRANSLATORS: %s is the new client's name (or ID). */
        {N_("Created client \"%s\" (another tenant is shown now)"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_CREATED_HIDDEN] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the new tenant's name (or ID). */
        {N_("Created tenant \"%s\" (the filter or environment shown hides it)"), NULL},
        /* TRANSLATORS: %s is the new client's name (or ID). */
        {N_("Created client \"%s\" (the filter or environment shown hides it)"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_NEW_SECRET] = {"%s", {
        {NULL, NULL}, {NULL, NULL},
        /* TRANSLATORS: the secret panel's title: %s is the new client's name (or ID). */
        {N_("The new client \"%s\""), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_FIRST_CLIENT] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: the secret panel's title: %s is the new tenant's name (or ID). */
        {N_("The first client of the new tenant \"%s\""), NULL},
        {NULL, NULL}, {NULL, NULL}, {NULL, NULL}}},
    [PH_MARKED_SHOWN] = {"%s%s", {
        /* TRANSLATORS: how many are shown (the plural follows it), then how many of them were
         * not marked before. */
        {NP_("Marked the %s environment shown (%s new)",
             "Marked the %s environments shown (%s new)")},
        /* TRANSLATORS: how many are shown (the plural follows it), then how many of them were
         * not marked before. */
        {NP_("Marked the %s tenant shown (%s new)", "Marked the %s tenants shown (%s new)")},
        /* TRANSLATORS: how many are shown (the plural follows it), then how many of them were
         * not marked before. */
        {NP_("Marked the %s client shown (%s new)", "Marked the %s clients shown (%s new)")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_MARKED_SHOWN_MORE] = {"%s%s%s", {
        /* TRANSLATORS: how many are shown (the plural follows it), how many of them were not
         * marked before, then the key that loads the rest (G). */
        {NP_("Marked the %s environment shown (%s new); more are not loaded yet: %s loads them",
             "Marked the %s environments shown (%s new); more are not loaded yet: %s loads "
             "them")},
        /* TRANSLATORS: how many are shown (the plural follows it), how many of them were not
         * marked before, then the key that loads the rest (G). */
        {NP_("Marked the %s tenant shown (%s new); more are not loaded yet: %s loads them",
             "Marked the %s tenants shown (%s new); more are not loaded yet: %s loads them")},
        /* TRANSLATORS: how many are shown (the plural follows it), how many of them were not
         * marked before, then the key that loads the rest (G). */
        {NP_("Marked the %s client shown (%s new); more are not loaded yet: %s loads them",
             "Marked the %s clients shown (%s new); more are not loaded yet: %s loads them")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETED_N] = {"%zu", {
        {NULL, NULL},
        {NP_("Deleted %zu tenant", "Deleted %zu tenants")},
        {NP_("Deleted %zu client", "Deleted %zu clients")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETED_SOME] = {"%zu%zu%zu%zu%zu", {
        {NULL, NULL},
        /* TRANSLATORS: how many were deleted, of how many (the plural follows it), then how
         * many failed, had an unknown outcome (an answer lost: maybe deleted), were never sent
         * (Esc). */
        {NP_("Deleted %zu of %zu tenant: %zu failed, %zu unknown, %zu not sent",
             "Deleted %zu of %zu tenants: %zu failed, %zu unknown, %zu not sent")},
        /* TRANSLATORS: how many were deleted, of how many (the plural follows it), then how
         * many failed, had an unknown outcome (an answer lost: maybe deleted), were never sent
         * (Esc). */
        {NP_("Deleted %zu of %zu client: %zu failed, %zu unknown, %zu not sent",
             "Deleted %zu of %zu clients: %zu failed, %zu unknown, %zu not sent")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETING] = {"%zu%zu%zu%zu", {
        {NULL, NULL},
        /* TRANSLATORS: how many are being deleted (the plural follows it), then how many are
         * deleted, failed, and in flight so far. */
        {NP_("Deleting %zu tenant: %zu deleted, %zu failed, %zu in flight",
             "Deleting %zu tenants: %zu deleted, %zu failed, %zu in flight")},
        /* TRANSLATORS: how many are being deleted (the plural follows it), then how many are
         * deleted, failed, and in flight so far. */
        {NP_("Deleting %zu client: %zu deleted, %zu failed, %zu in flight",
             "Deleting %zu clients: %zu deleted, %zu failed, %zu in flight")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETE_MARKED] = {"%zu", {
        {NULL, NULL},
        /* TRANSLATORS: a dialog's title. */
        {NP_("Delete %zu marked tenant", "Delete %zu marked tenants")},
        /* TRANSLATORS: a dialog's title. */
        {NP_("Delete %zu marked client", "Delete %zu marked clients")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETES] = {"%zu%s", {
        {NULL, NULL},
        /* TRANSLATORS: how many, then their names quoted ("a", "b"). */
        {NP_("This deletes %zu tenant: %s. It cannot be undone.",
             "This deletes %zu tenants: %s. It cannot be undone.")},
        /* TRANSLATORS: how many, then their names quoted ("a", "b"). */
        {NP_("This deletes %zu client: %s. It cannot be undone.",
             "This deletes %zu clients: %s. It cannot be undone.")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_DELETES_MORE] = {"%zu%s%zu", {
        {NULL, NULL},
        /* TRANSLATORS: how many (the plural follows it), the first names quoted ("a", "b",
         * "c"), then how many more. */
        {NP_("This deletes %zu tenant: %s and %zu more. It cannot be undone.",
             "This deletes %zu tenants: %s and %zu more. It cannot be undone.")},
        /* TRANSLATORS: how many (the plural follows it), the first names quoted ("a", "b",
         * "c"), then how many more. */
        {NP_("This deletes %zu client: %s and %zu more. It cannot be undone.",
             "This deletes %zu clients: %s and %zu more. It cannot be undone.")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_WROTE] = {"%s%s", {
        /* TRANSLATORS: the number of rows ("1,200"), then the file's name. */
        {NP_("Wrote %s environment to %s", "Wrote %s environments to %s")},
        /* TRANSLATORS: the number of rows ("1,200"), then the file's name. */
        {NP_("Wrote %s tenant to %s", "Wrote %s tenants to %s")},
        /* TRANSLATORS: the number of rows ("1,200"), then the file's name. */
        {NP_("Wrote %s client to %s", "Wrote %s clients to %s")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_WROTE_MORE] = {"%s%s%s", {
        /* TRANSLATORS: the number of rows ("1,200"), the file's name, then a key (G). */
        {NP_("Wrote the %s environment loaded to %s; the server may have more: %s loads them "
             "all first",
             "Wrote the %s environments loaded to %s; the server may have more: %s loads them "
             "all first")},
        /* TRANSLATORS: the number of rows ("1,200"), the file's name, then a key (G). */
        {NP_("Wrote the %s tenant loaded to %s; the server may have more: %s loads them all "
             "first",
             "Wrote the %s tenants loaded to %s; the server may have more: %s loads them all "
             "first")},
        /* TRANSLATORS: the number of rows ("1,200"), the file's name, then a key (G). */
        {NP_("Wrote the %s client loaded to %s; the server may have more: %s loads them all "
             "first",
             "Wrote the %s clients loaded to %s; the server may have more: %s loads them all "
             "first")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_NAME_IT] = {"", {
        {NULL, NULL},
        /* TRANSLATORS: keep :tenant as it is; ID, LABEL and NAME are placeholders. */
        {N_("Name the tenant to go to: :tenant ID, LABEL or NAME"), NULL},
        /* TRANSLATORS: keep :client as it is; ID, LABEL and NAME are placeholders. */
        {N_("Name the client to go to: :client ID, LABEL or NAME"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_READING] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the ID looked for. */
        {N_("Reading tenant %s..."), NULL},
        /* TRANSLATORS: %s is the ID looked for. */
        {N_("Reading client %s..."), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_READ] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the ID looked for. */
        {N_("Went to tenant %s (read from the server: it was not loaded)"), NULL},
        /* TRANSLATORS: %s is the ID looked for. */
        {N_("Went to client %s (read from the server: it was not loaded)"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_FOUND] = {"%s%s", {
        {NULL, NULL},
        /* TRANSLATORS: the label or name looked for, then the rows loaded ("1,200"; the plural
         * follows it). */
        {NP_("Went to tenant %s (found after loading %s)",
             "Went to tenant %s (found after loading %s)")},
        /* TRANSLATORS: the label or name looked for, then the rows loaded ("1,200"; the plural
         * follows it). */
        {NP_("Went to client %s (found after loading %s)",
             "Went to client %s (found after loading %s)")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_LOOKING] = {"%s%s", {
        {NULL, NULL},
        /* TRANSLATORS: the label or name looked for, then the rows loaded ("1,200"; the plural
         * follows it); Esc is a key. */
        {NP_("Looking for tenant \"%s\": %s loaded so far (Esc stops)",
             "Looking for tenant \"%s\": %s loaded so far (Esc stops)")},
        /* TRANSLATORS: the label or name looked for, then the rows loaded ("1,200"; the plural
         * follows it); Esc is a key. */
        {NP_("Looking for client \"%s\": %s loaded so far (Esc stops)",
             "Looking for client \"%s\": %s loaded so far (Esc stops)")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_STOPPED] = {"%s%s", {
        {NULL, NULL},
        /* TRANSLATORS: the label or name looked for, then the rows loaded ("1,200"; the plural
         * follows it). */
        {NP_("Stopped looking for tenant \"%s\" after loading %s",
             "Stopped looking for tenant \"%s\" after loading %s")},
        /* TRANSLATORS: the label or name looked for, then the rows loaded ("1,200"; the plural
         * follows it). */
        {NP_("Stopped looking for client \"%s\" after loading %s",
             "Stopped looking for client \"%s\" after loading %s")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_NOT_AMONG] = {"%s%zu", {
        {NULL, NULL},
        /* TRANSLATORS: the ID, label or name looked for, then how many rows the whole list
         * holds (the plural follows it). */
        {NP_("No tenant \"%s\" among the %zu (the whole list)",
             "No tenant \"%s\" among the %zu (the whole list)")},
        /* TRANSLATORS: the ID, label or name looked for, then how many rows the whole list
         * holds (the plural follows it). */
        {NP_("No client \"%s\" among the %zu (the whole list)",
             "No client \"%s\" among the %zu (the whole list)")},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_NO_SUCH] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: the start of an error (the reason follows): %s is the ID looked for. */
        {N_("no tenant \"%s\""), NULL},
        /* TRANSLATORS: the start of an error (the reason follows): %s is the ID looked for. */
        {N_("no client \"%s\""), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_HIDDEN] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the ID, label or name looked for. */
        {N_("Tenant %s is loaded, but the filter hides it"), NULL},
        /* TRANSLATORS: %s is the ID or name looked for. */
        {N_("Client %s is loaded, but the filter hides it"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_THERE] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the ID looked for. */
        {N_("Tenant %s is there, but the filter hides it"), NULL},
        /* TRANSLATORS: %s is the ID looked for. */
        {N_("Client %s is there, but the filter hides it"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_JUMP_GAVE_UP] = {"%s", {
        {NULL, NULL},
        /* TRANSLATORS: %s is the ID, label or name looked for. */
        {N_("Gave up going to tenant %s: its list did not load"), NULL},
        /* TRANSLATORS: %s is the ID, label or name looked for. */
        {N_("Gave up going to client %s: its list did not load"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_BULK_UNKNOWN] = {"%s%s%s", {
        {NULL, NULL},
        /* TRANSLATORS: the program's name, the tenant's ID, then the error; keep the newline. */
        {N_("%s: tenant %s: unknown whether it was deleted (an answer was lost): %s\n"), NULL},
        /* TRANSLATORS: the program's name, the client's ID, then the error; keep the newline. */
        {N_("%s: client %s: unknown whether it was deleted (an answer was lost): %s\n"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
    [PH_BULK_FAILED] = {"%s%s%s", {
        {NULL, NULL},
        /* TRANSLATORS: the program's name, the tenant's ID, then what went wrong; keep the
         * newline. */
        {N_("%s: tenant %s: %s\n"), NULL},
        /* TRANSLATORS: the program's name, the client's ID, then what went wrong; keep the
         * newline. */
        {N_("%s: client %s: %s\n"), NULL},
        {NULL, NULL}, {NULL, NULL}}},
};
/* clang-format on */

/* The column of the kind named kind, or -1 when it has none. */
static int column(const char *kind)
{
    for (size_t i = 0; kind && i < KINDS; i++)
        if (!strcmp(kinds[i], kind))
            return (int)i;
    return -1;
}

const char *phrase_named(const char *kind, enum phrase_id id, const char *fallback)
{
    int c = column(kind);
    if (c < 0 || (unsigned)id >= PH_COUNT || !table[id].cells[c].one)
        return fallback;
    return _(table[id].cells[c].one);
}

const char *phrase_named_n(const char *kind, enum phrase_id id, unsigned long n,
                           const char *fallback)
{
    int c = column(kind);
    if (c < 0 || (unsigned)id >= PH_COUNT || !table[id].cells[c].one || !table[id].cells[c].many)
        return fallback;
    return ngettext(table[id].cells[c].one, table[id].cells[c].many, n);
}

const char *phrase(const struct api_kind_def *k, enum phrase_id id, const char *fallback)
{
    return phrase_named(k ? k->name : NULL, id, fallback);
}

const char *phrase_n(const struct api_kind_def *k, enum phrase_id id, unsigned long n,
                     const char *fallback)
{
    return phrase_named_n(k ? k->name : NULL, id, n, fallback);
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
