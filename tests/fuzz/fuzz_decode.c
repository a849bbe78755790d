/* fuzz_decode.c: percent-decoding (paths, query values and hydra links) and base64 (the
 * token's claims, Basic auth). Decoding any text never reads past it; encoding any bytes
 * decodes back to them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf sb = SB_INIT;
    if (util_percent_decode((const char *)data, size, size && (data[0] & 1), &sb))
        fuzz_assert(strlen(sb_str(&sb)) == sb.len, "a decoded value holds no NUL");
    sb_free(&sb);

    char *s = fuzz_string(data, size);
    size_t n;
    char *bytes = util_base64url_decode(s, &n);
    free(bytes);
    free(s);

    char *enc = util_base64url_encode(data, size);
    bytes = util_base64url_decode(enc, &n);
    fuzz_assert(bytes && n == size && (size == 0 || !memcmp(bytes, data, size)),
                "base64url decodes back to the bytes encoded");
    free(bytes);
    free(enc);
    enc = util_base64_encode(data, size);
    fuzz_assert(strlen(enc) == (size + 2) / 3 * 4, "padded base64 has 4 characters per 3 bytes");
    free(enc);
    return 0;
}
