/* log.h: the optional debug log (--log FILE). Secrets never reach it: Authorization values
 * are redacted and bodies are logged by size only. */
#ifndef TENANTRY_LOG_H
#define TENANTRY_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "core/util.h"

/* Open (append, created 0600) the debug log at path; false with err set on failure. */
bool log_open(const char *path, struct tn_error *err);
/* True when a debug log is open. */
bool log_enabled(void);
/* Write one timestamped line (printf-style) when a log is open. */
void log_printf(const char *fmt, ...) TN_PRINTF(1, 2);
/* Write a block of protocol text (header lines, curl's informational text) prefixed with
 * tag, redacting the value of every Authorization, Proxy-Authorization and Cookie header,
 * including HTTP/2 pseudo-lines such as "[HTTP/2] [1] [authorization: Bearer x]". */
void log_protocol(const char *tag, const char *data, size_t len);
/* Copy len bytes of protocol text into out with those header values replaced by
 * "[redacted]", and the credentials log_redact_credentials hides (exposed for tests). */
void log_redact(const char *data, size_t len, struct strbuf *out);
/* Copy n bytes of text (an error message, curl's informational text) into out with the user
 * name and password of every URL ("http://USER:PASSWORD@host" gives "http://[redacted]@host")
 * and curl's "with user 'NAME'" replaced by "[redacted]". */
void log_redact_credentials(const char *s, size_t n, struct strbuf *out);
/* Close the log. */
void log_close(void);

#endif
