/* resource_verbs.c: the verbs of a resource kind (list, get, create, update, edit, delete,
 * rotate) and the --help of a kind and of each of its verbs. */
#include "config.h"

#include "cli/resource_verbs.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/phrase.h"
#include "core/text.h"
#include "core/util.h"

const struct verb verbs[] = {
    /* TRANSLATORS: a verb's summary in `tenantry tenants --help`, after the verb in an 11-column
     * indent: keep it under 69 columns; keep --all as it is. */
    {"list", API_OP_LIST, N_("list them, a page at a time or --all")},
    {"get", API_OP_GET, N_("show one")},
    {"create", API_OP_CREATE, N_("create one")},
    {"update", API_OP_UPDATE, N_("change one")},
    {"edit", OP_EDIT, N_("edit its data in $VISUAL or $EDITOR, then save it version-checked")},
    {"delete", API_OP_DELETE, N_("delete one")},
    {"rotate", OP_ROTATE, N_("renew a secret: a new client like it, the old one deleted")},
};
const size_t verbs_n = ARRAY_SIZE(verbs);

unsigned verbs_of_kind(const struct api_kind_def *kind)
{
    unsigned ops = kind->ops;
    if (kind->doc_field && kind->version_field && (ops & API_OP_GET) && (ops & API_OP_UPDATE))
        ops |= OP_EDIT;
    bool secret = false; /* a kind whose create returns a secret: clients */
    for (size_t i = 0; i < kind->nfields; i++)
        secret |= (kind->fields[i].flags & FIELD_SECRET) != 0;
    if (secret && kind->parent && (ops & API_OP_LIST) && (ops & API_OP_CREATE) &&
        (ops & API_OP_DELETE))
        ops |= OP_ROTATE;
    return ops;
}

void verbs_positionals(const struct api_kind_def *kind, unsigned op, const char **parent,
                       const char **id)
{
    /* TRANSLATORS: placeholders in usage lines (e.g. "clients get TENANT CLIENT"), in capitals
     * like the rest of the help. */
    *parent = kind->parent ? _("TENANT") : NULL;
    *id = NULL;
    if (op != API_OP_GET && op != API_OP_UPDATE && op != API_OP_DELETE && op != OP_EDIT &&
        op != OP_ROTATE)
        return;
    if (kind->parent)
        *id = _("CLIENT");
    else if (!strcmp(kind->fields[kind->id_field].path, "uuid"))
        *id = _("UUID");
    else
        *id = _("ID");
}

/* Print an option line of --help: "--flag ARG   help", the help wrapped at word boundaries
 * to fit 80 columns in its column (and on the next line when the option is long). */
static void help_option(FILE *f, const struct api_input *in, const char *suffix)
{
    char *flag = xasprintf("--%s %s", in->flag, in->arg);
    char *text = xasprintf("%s%s", _(in->help), suffix);
    enum { COL = 27, WIDTH = 80 };
    if (strlen(flag) > 19)
        fprintf(f, "      %s\n%*s", flag, COL, "");
    else
        fprintf(f, "      %-21s", flag);
    int at = COL;
    for (char *w = strtok(text, " "); w; w = strtok(NULL, " ")) {
        int len = (int)text_cells(true, w);
        if (at > COL && at + 1 + len > WIDTH) {
            fprintf(f, "\n%*s", COL, "");
            at = COL;
        }
        if (at > COL) {
            fputc(' ', f);
            at++;
        }
        fputs(w, f);
        at += len;
    }
    fputc('\n', f);
    free(text);
    free(flag);
}

void verbs_help(struct cli *c, const struct api_kind_def *kind, const struct verb *v, FILE *f)
{
    const char *parent, *id;
    verbs_positionals(kind, v->op, &parent, &id);
    /* TRANSLATORS: the program's name, the kind's command word (e.g. "tenants") and the verb
     * (e.g. "list"), kept as is; the arguments and " [OPTION]..." follow on the same line. */
    fprintf(f, _("Usage: %s %s %s"), util_progname(), kind->name, v->name);
    if (parent)
        fprintf(f, " %s", parent);
    if (id)
        fprintf(f, " %s", id);
    /* TRANSLATORS: the kind's command word and the verb (e.g. "tenants list"), kept as is, then
     * the verb's summary; this ends the usage line begun by "Usage: ...". */
    fprintf(f, _(" [OPTION]...\n%s %s: %s\n\n"), kind->name, v->name, _(v->summary));
    if (parent)
        /* TRANSLATORS: %-26s is the TENANT placeholder, padded to 26 columns: keep the width.
         * The line must fit in 80 columns. */
        fprintf(f, _("  %-26s the ID of the tenant the clients belong to\n"), parent);
    if (id)
        fprintf(f, phrase(kind, PH_WHICH, _("  %-26s the ID\n")), id);
    switch (v->op) {
    case API_OP_LIST:
        /* TRANSLATORS: help text: keep the option names; the descriptions start at column 28 and
         * each line must fit in 80 columns. */
        fputs(_("      --all                fetch every page (streamed; progress on a terminal)\n"
                "                           in pages of 1000 unless --limit or page_size say;\n"
                "                           failing part way: exit 6, and the --cursor to go on\n"
                "      --limit N            rows per page, 1 to 1000 (default: the profile's\n"
                "                           page_size)\n"
                "      --cursor CURSOR      start at the page a previous list pointed to\n"),
              f);
        for (size_t i = 0; i < kind->nfilters; i++)
            help_option(f, &kind->filters[i], "");
        break;
    case API_OP_CREATE:
    case API_OP_UPDATE:
        for (size_t i = 0; i < kind->ninputs; i++) {
            const struct api_input *in = &kind->inputs[i];
            if (v->op == API_OP_UPDATE && !(in->flags & INPUT_UPDATE))
                continue;
            bool required = v->op == API_OP_CREATE ? (in->flags & INPUT_REQUIRED)
                                                   : (in->flags & INPUT_UPDATE_REQUIRED);
            /* TRANSLATORS: added after an option's description in --help; keep the space at the
             * start. */
            help_option(f, in, required ? _(" (required)") : "");
        }
        break;
    case OP_EDIT:
        fprintf(f,
                phrase(kind, PH_EDIT_HELP,
                       /* TRANSLATORS: %s is the edited field's name (e.g. "data"), kept as is;
                        * keep $VISUAL, $EDITOR, vi and 0600; keep lines under 80 columns. */
                       _("Writes the object's JSON to a file (0600), opens $VISUAL or $EDITOR\n"
                         "(else vi) on it, then sends its \"%s\" with the version it was read\n"
                         "at. When someone else changed it meanwhile nothing is saved (exit\n"
                         "status 5) and the file is kept: its path is printed.\n")),
                kind->doc_field);
        /* TRANSLATORS: help text: keep the option names; the descriptions start at column 28 and
         * each line must fit in 80 columns. */
        fprintf(f, _("      --merge              after such a conflict, merge your changes\n"
                     "                           into the server's version key by key and\n"
                     "                           edit that (else asked on a terminal); keys\n"
                     "                           both changed are listed in \"_conflicts\",\n"
                     "                           to settle and remove before a save\n"
                     "      --replace-data       where the server does not return %s: edit\n"
                     "                           from an empty object, replacing ALL of it\n"
                     "                           (else refused)\n"),
                kind->doc_field);
        break;
    case OP_ROTATE:
        fputs(_("The API cannot renew a secret: this creates a client with the same name and\n"
                "roles (its ID and secret printed once), then deletes the old one: asked on a\n"
                "terminal, else kept. Both work until the old one is deleted.\n"
                "      --delete-old         delete the old client without asking\n"
                "      --keep-old           keep the old client (delete it later, once nothing\n"
                "                           uses it)\n"),
              f);
        break;
    case API_OP_DELETE:
        /* TRANSLATORS: help text: keep the option names; the descriptions start at column 28 and
         * each line must fit in 80 columns. */
        fputs(_("      --yes                do not ask (needed when there is no terminal)\n"
                "Several IDs may follow, or come one a line from --from FILE (- for stdin):\n"
                "they are deleted a few at a time after one confirmation, a line each, and\n"
                "the exit status is 0 only when every one was deleted.\n"
                "      --from FILE          read the IDs from FILE, one a line (- for stdin)\n"
                "      --in-flight N        at most N deletes at once (1 to 64; default: the\n"
                "                           profile's in_flight, 4)\n"),
              f);
        break;
    default:
        break;
    }
    fputc('\n', f);
    options_help(f);
    util_help_bugs(f);
    (void)c;
}

void verbs_kind_help(struct cli *c, const struct api_kind_def *kind, FILE *f)
{
    /* TRANSLATORS: the program's name, then the kind's command word (e.g. "tenants"); keep VERB,
     * ARGUMENT and OPTION as your language writes such placeholders. */
    fprintf(f, _("Usage: %s %s VERB [ARGUMENT]... [OPTION]...\n\nVerbs:\n"), util_progname(),
            kind->name);
    for (size_t i = 0; i < verbs_n; i++)
        if (verbs_of_kind(kind) & verbs[i].op)
            fprintf(f, "  %-8s %s\n", verbs[i].name, _(verbs[i].summary));
    /* TRANSLATORS: the program's name, then the kind's command word (e.g. "tenants"): keep the
     * command in '...' as it is. */
    fprintf(f, _("\n'%s %s VERB --help' tells more.\n"), util_progname(), kind->name);
    util_help_bugs(f);
    (void)c;
}
