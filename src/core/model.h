/* model.h: rows copied out of the server's JSON, and pages of rows. Owns its copies. */
#ifndef TENANTRY_MODEL_H
#define TENANTRY_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "core/json_scan.h"

struct strbuf;

/* A field of a resource kind: where it sits in the server's JSON and how it is shown. */
struct api_field {
    const char *path;   /* "name", "environment.name"; an array of strings is joined with "," */
    const char *header; /* column header, N_() marked */
    unsigned flags;     /* FIELD_* */
};
#define FIELD_TABLE 1u  /* one of the columns a table shows by default */
#define FIELD_SECRET 2u /* a secret: never in a row's values, kept in row->secret only */
#define FIELD_NUMBER 4u /* sorts as a number ("9" before "10") */
#define FIELD_DATE 8u   /* sorts as a date (ISO 8601, any offset) */

/* An input a create or update takes, e.g. --name or --role. */
struct api_input {
    const char *key;  /* "name", "subdomain", "environment", "roles" */
    const char *flag; /* the command-line option without "--": "role" for "roles" */
    const char *arg;  /* the option's argument name in --help: "NAME" */
    const char *help; /* N_() marked, for --help */
    unsigned flags;   /* INPUT_* */
    const char *ref;  /* the kind whose ID it takes ("environments"): a name is looked up */
};
#define INPUT_REQUIRED 1u /* required on create */
#define INPUT_MULTI 2u    /* may be given more than once (a list) */
#define INPUT_UPDATE 4u   /* accepted by update */
#define INPUT_UPDATE_REQUIRED 8u /* required on update (a version for optimistic locking) */
#define INPUT_FILE 16u    /* the command line names a file (or - for standard input) holding it */
#define INPUT_INT 32u     /* a whole number */
#define INPUT_DATE 64u    /* a date: 2024-01-01, optionally THH:MM[:SS[.fff]] and Z or +HH:MM */
#define INPUT_UUID 128u   /* a UUID (8-4-4-4-12 hex digits) */
#define INPUT_LABEL 256u  /* a subdomain label (core/rules) */

enum api_op { API_OP_LIST = 1u, API_OP_GET = 2u, API_OP_CREATE = 4u, API_OP_UPDATE = 8u,
              API_OP_DELETE = 16u };

/* A resource kind of a backend: its names, fields, inputs and operations. */
struct api_kind_def {
    const char *name;     /* "tenants", as on the command line */
    const char *singular; /* N_("tenant") */
    const struct api_field *fields;
    size_t nfields;
    size_t id_field;      /* index of the identifying field */
    const char *parent;   /* kind name whose ID scopes this one ("tenants"), or NULL */
    const struct api_input *inputs;
    size_t ninputs;
    unsigned ops;         /* API_OP_* */
    /* What a list can ask the server to filter on (the key, the option, ...), or none. */
    const struct api_input *filters;
    size_t nfilters;
    /* Optimistic locking: the field (and update input) holding the object's version, and the
     * field holding the JSON document edited as a whole ("data"); NULL when none. */
    const char *version_field;
    const char *doc_field;
};

/* One object: a value per field (never NULL, "" when absent), the object's JSON as the
 * server sent it (compact), and a secret the server returned once (create), else NULL.
 * A row made for a list that asked for only one part (API_ROW_VALUES or API_ROW_RAW) lacks
 * the other: values or raw is NULL. */
struct row {
    const struct api_kind_def *def;
    char **values;
    char *raw;
    char *secret;
};

/* A page of rows and the opaque token of the next page (NULL at the end); total is how many
 * objects the whole list holds when the server said (has_total). */
struct page {
    struct row **rows;
    size_t n;
    char *next;
    bool has_total;
    unsigned long long total;
    char *warning; /* what the operator should know of this page (a filter not applied), or
                    * NULL; our words, no server text */
};

/* Copy obj's fields into a new row of kind def; the secret field (if any) goes to row->secret
 * and is removed from raw's copy only when keep_secret_in_raw is false. */
struct row *model_row_from_json(const struct api_kind_def *def, const cJSON *obj,
                                bool keep_secret_in_raw);
/* The row of model_row_from_json without raw (values NULL never). */
struct row *model_row_values(const struct api_kind_def *def, const cJSON *obj);
/* A row of kind def holding only raw: the object at text (a value json_scan_object found)
 * compacted, as the server wrote it; NULL when the object may hold a secret field (a member
 * named as one, at any depth): build that one from the parsed object. */
struct row *model_row_raw(const struct api_kind_def *def, struct json_span text);
/* The row's identifying value ("" for a row without values). */
const char *model_row_id(const struct row *row);
/* The value of the field named path, or NULL when the kind has no such field. */
const char *model_row_get(const struct row *row, const char *path);
/* Free a row, wiping its secret and (when it held one) its raw JSON. NULL is fine. */
void model_row_free(struct row *row);
/* Append row to page (taking ownership). */
void model_page_add(struct page *page, struct row *row);
/* Free the rows, the token and the warning and reset page to empty. */
void model_page_clear(struct page *page);
/* raw (an object's JSON) without its secret fields, in a new string to free; NULL when raw
 * holds none (use it as it is); "" when a secret cannot be taken out (keep nothing then).
 * secret, when not NULL, is a secret value that must not remain anywhere. */
char *model_raw_without_secrets(const struct api_kind_def *def, const char *raw,
                                const char *secret);
/* Append the value at key (dotted: "owner.name") inside json, the text of a JSON object (a
 * field holding one, as a system tenant's data), to out as a cell shows it: a string as it
 * is, a number or a boolean printed, an object or array as compact JSON; nothing when absent
 * or null or when json is no object. */
void model_json_key(const char *json, const char *key, struct strbuf *out);
/* The field index of path in def, or -1. */
int model_field_index(const struct api_kind_def *def, const char *path);

#endif
