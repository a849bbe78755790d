/* events.c: the analytic event log (one line per event), for tests to count what happened. */
#include "config.h"

#include "sandbox/events.h"

#include <pthread.h>
#include <stdio.h>

#include "core/util.h"

static FILE *events_file;
static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;

bool events_open(const char *path)
{
    if (!path)
        return true;
    events_file = fopen(path, "a");
    return events_file != NULL;
}

void events_write(const char *name, const char *fields)
{
    char when[32];
    if (!events_file)
        return;
    util_format_iso8601(util_wallclock_ms(), when);
    pthread_mutex_lock(&events_lock);
    fprintf(events_file, "%s time=%s%s%s\n", name, when, fields ? " " : "", fields ? fields : "");
    fflush(events_file);
    pthread_mutex_unlock(&events_lock);
}

void events_close(void)
{
    pthread_mutex_lock(&events_lock);
    if (events_file)
        fclose(events_file);
    events_file = NULL;
    pthread_mutex_unlock(&events_lock);
}
