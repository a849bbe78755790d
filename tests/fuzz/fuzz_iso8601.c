/* fuzz_iso8601.c: util_parse_iso8601 (the system API's dates and the CLI's date filters) on
 * any text, and, for what parses, the ISO 8601 we print reads back as the same millisecond. */
#include "config.h"

#include <stdlib.h>

#include "core/util.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    int64_t us;
    if (util_parse_iso8601(s, &us) && us >= 0 && us < INT64_C(253402300800000000)) {
        /* years 1970..9999: the range we print */
        int64_t ms = us / 1000;
        char out[32], again[32];
        util_format_iso8601(ms, out);
        int64_t back;
        fuzz_assert(util_parse_iso8601(out, &back), "a printed date parses");
        fuzz_assert(back == ms * 1000, "a printed date parses back to the same millisecond");
        util_format_iso8601(back / 1000, again);
    }
    free(s);
    return 0;
}
