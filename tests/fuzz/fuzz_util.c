/* fuzz_util.c: the helpers the harnesses share. */
#include "config.h"

#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = xmalloc(size + 1);
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

void fuzz_assert(int ok, const char *what)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz: assertion failed: %s\n", what);
    abort();
}
