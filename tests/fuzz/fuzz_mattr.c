/* fuzz_mattr.c: the MATTR backend's reading of answers into rows: a list page (data and
 * nextCursor) or one object, of each kind. The first byte picks the kind, the operation and
 * the page size asked for; the rest is the body. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/api_mattr.h"
#include "core/model.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const kinds[] = {"environments", "tenants", "clients"};
    const struct api_kind_def *kind = api_kind_find(&mattr_backend, kinds[data[0] % 3]);
    fuzz_assert(kind != NULL, "the MATTR kinds exist");
    enum api_op op = data[0] & 4 ? API_OP_GET : API_OP_LIST;
    int limit = (data[0] >> 3) % 4; /* 0..3: short pages */
    struct page page = {0};
    struct row *row = NULL;
    struct tn_error err = {0};
    bool ok = api_mattr_parse(kind, op, (const char *)data + 1, size - 1, limit, &page, &row,
                              &err);
    if (!ok && op == API_OP_LIST)
        fuzz_assert(err.code != ST_OK && page.next == NULL, "a failed list says why");
    for (size_t i = 0; i < page.n; i++) {
        fuzz_assert(page.rows[i]->def == kind, "a row of the kind asked");
        for (size_t f = 0; f < kind->nfields; f++)
            fuzz_assert(model_row_get(page.rows[i], kind->fields[f].path) != NULL ||
                            (kind->fields[f].flags & FIELD_SECRET),
                        "every field has a value");
        (void)model_row_id(page.rows[i]);
    }
    if (row) {
        (void)model_row_id(row);
        free(model_raw_without_secrets(kind, row->raw, row->secret));
    }
    model_page_clear(&page);
    model_row_free(row);
    err_clear(&err);
    return 0;
}
