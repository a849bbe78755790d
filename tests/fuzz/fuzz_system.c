/* fuzz_system.c: the /system/tenants backend's reading of answers into rows: a list page (a
 * plain array, or a hydra:Collection with its view's links and total) or one tenant. The
 * first byte picks the operation, the page number and the page size asked for; the rest is
 * the body. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/api_system.h"
#include "core/model.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    enum api_op op = data[0] & 1 ? API_OP_GET : API_OP_LIST;
    long long page_no = (data[0] >> 1) % 4; /* 0 (not a number) .. 3 */
    int limit = 1 + (data[0] >> 3) % 4;
    struct page page = {0};
    struct row *row = NULL;
    struct tn_error err = {0};
    bool ok = api_system_parse(op, (const char *)data + 1, size - 1, page_no, limit, &page, &row,
                               &err);
    if (!ok && op == API_OP_LIST)
        fuzz_assert(err.code != ST_OK && page.next == NULL, "a failed list says why");
    for (size_t i = 0; i < page.n; i++)
        (void)model_row_id(page.rows[i]);
    if (page.next)
        fuzz_assert(page_no > 0, "a next page only after a numbered one");
    if (row)
        (void)model_row_get(row, "version");
    model_page_clear(&page);
    model_row_free(row);
    err_clear(&err);
    return 0;
}
