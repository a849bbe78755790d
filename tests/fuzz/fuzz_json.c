/* fuzz_json.c: core/json: bounded parsing of any bytes, the typed getters on what parsed,
 * printing (plain and secret) and a print that parses back to the same tree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/util.h"
#include "fuzz.h"

/* The getters on every member of obj (an object). */
static void getters(const cJSON *obj)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, obj)
    {
        if (!item->string)
            continue;
        (void)json_get_string(obj, item->string);
        (void)json_get_object(obj, item->string);
        const cJSON *a = json_get_array(obj, item->string);
        if (a)
            (void)json_is_string_array(a);
        long long v;
        (void)json_get_int(obj, item->string, -1000, 1000000, &v);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *j = json_parse((const char *)data, size);
    if (!j)
        return 0;
    if (cJSON_IsObject(j))
        getters(j);
    char *text = json_print(j);
    char *secret = json_print_secret(j);
    fuzz_assert(!strcmp(text, secret), "json_print_secret prints what json_print does");
    /* (printed text, not cJSON_Compare: it looks members up by name, so an object with a
     * repeated name differs from itself) */
    cJSON *again = json_parse(text, strlen(text));
    fuzz_assert(again != NULL, "a printed tree parses");
    char *text2 = json_print(again);
    fuzz_assert(!strcmp(text, text2), "a printed tree prints the same once parsed back");
    free(text2);
    cJSON_Delete(again);
    free(text);
    util_free_secret(secret);
    json_delete_wiped(j);
    return 0;
}
