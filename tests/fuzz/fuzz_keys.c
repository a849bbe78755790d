/* fuzz_keys.c: key names (tui/keys): a name parses to a key whose name parses back to it, and
 * a spec ("j, Down") binds to an action or is refused with a reason, leaving the keymap whole. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "fuzz.h"
#include "tui/action.h"
#include "tui/keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *s = fuzz_string(data + 1, size - 1);
    int key, alt;
    if (keys_parse(s, &key, &alt)) {
        char buf[32];
        const char *name = keys_name(key, buf);
        int again = 0, alt2;
        fuzz_assert(name && keys_parse(name, &again, &alt2), "a key's name parses");
        fuzz_assert(again == key, "a key's name parses back to the key");
    }
    static struct keymap *km;
    if (!km)
        km = keymap_new();
    enum action act = (enum action)(1 + data[0] % (ACT_COUNT - 1));
    struct tn_error err = {0};
    if (keymap_bind(km, action_name(act), s, &err)) {
        struct strbuf sb = SB_INIT;
        keymap_describe(km, act, &sb);
        sb_free(&sb);
    } else {
        fuzz_assert(err.message != NULL, "a refused binding says why");
    }
    err_clear(&err);
    free(s);
    return 0;
}
