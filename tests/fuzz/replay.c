/* replay.c: a main() for a harness without libFuzzer: run it on every file of the folders
 * (or files) named on the command line, or of its own corpus folder (FUZZ_CORPUS, compiled
 * in) when none is named, in name order. Exit 0 when every input ran (a finding aborts), 1
 * when there was nothing to run or a file could not be read. Run by make check, so that the
 * sanitizer build replays every corpus. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/util.h"
#include "fuzz.h"

/* Run the harness on the file at path; false when it cannot be read. */
static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
        return 0;
    }
    struct strbuf sb = SB_INIT;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        sb_add(&sb, buf, n);
    int ok = !ferror(f);
    fclose(f);
    if (ok) {
        /* an exact-size copy, so that ASan sees a read past the input's end */
        uint8_t *data = xmalloc(sb.len ? sb.len : 1);
        if (sb.len)
            memcpy(data, sb.buf, sb.len);
        LLVMFuzzerTestOneInput(data, sb.len);
        free(data);
    }
    sb_free(&sb);
    return ok;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay path (a folder: each regular file in it); the inputs run added to *count. */
static int replay_path(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        *count += 1;
        return replay_file(path);
    }
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        names = xreallocarray(names, n + 1, sizeof(*names));
        names[n++] = xasprintf("%s/%s", path, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), by_name);
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        ok &= replay_file(names[i]);
        free(names[i]);
    }
    free(names);
    *count += n;
    return ok;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int ok = 1;
    if (argc < 2)
        ok = replay_path(FUZZ_CORPUS, &count);
    for (int i = 1; i < argc; i++)
        ok &= replay_path(argv[i], &count);
    printf("replay %s: %zu inputs\n", argc < 2 ? FUZZ_CORPUS : argv[1], count);
    return ok && count > 0 ? 0 : 1;
}
