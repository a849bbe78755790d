/* events.h: the analytic event log (one line per event), for tests to count what happened. */
#ifndef TENANTRY_SANDBOX_EVENTS_H
#define TENANTRY_SANDBOX_EVENTS_H

#include <stdbool.h>

/* Open path for appending; false (errno set) when it cannot be opened. NULL disables. */
bool events_open(const char *path);
/* Write "NAME time=... FIELDS\n" and flush; fields is "key=value ..." or NULL. */
void events_write(const char *name, const char *fields);
/* Close the log. */
void events_close(void);

#endif
