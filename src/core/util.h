/* util.h: allocation that never returns NULL, growable strings, fatal errors, clocks. */
#ifndef TENANTRY_UTIL_H
#define TENANTRY_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define TN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define TN_NORETURN __attribute__((noreturn))
#else
#define TN_PRINTF(f, a)
#define TN_NORETURN
#endif

/* Allocate n bytes or die: callers never see NULL. */
void *xmalloc(size_t n);
/* Allocate nmemb zeroed elements of size bytes or die (overflow-checked). */
void *xcalloc(size_t nmemb, size_t size);
/* Resize p to nmemb elements of size bytes or die (overflow-checked). */
void *xreallocarray(void *p, size_t nmemb, size_t size);
/* Duplicate a NUL-terminated string or die. */
char *xstrdup(const char *s);
/* Duplicate at most n bytes of s, always NUL-terminated, or die. */
char *xstrndup(const char *s, size_t n);
/* printf into a newly allocated string or die. */
char *xasprintf(const char *fmt, ...) TN_PRINTF(1, 2);

/* Set a hook run by die() before it prints (e.g. to restore the terminal). */
void util_set_die_hook(void (*hook)(void));
/* Print "PROGRAM: message" to stderr, run the restore hook, exit with status 1. */
TN_NORETURN void die(const char *fmt, ...) TN_PRINTF(1, 2);
/* Set the program name die() and warnings print. */
void util_set_progname(const char *name);
/* The program name set with util_set_progname(). */
const char *util_progname(void);
/* Print what GNU programs print for --version: the program and version, copyright, licence
 * and warranty. */
void util_version(FILE *f, const char *program);
/* Print the last lines of every --help: where to report bugs, the home page. */
void util_help_bugs(FILE *f);

/* A growable, always NUL-terminated byte string. Zero-initialise, or use SB_INIT. */
struct strbuf {
    char *buf;
    size_t len;
    size_t cap;
};
#define SB_INIT {NULL, 0, 0}

/* Make room for at least extra more bytes (plus the NUL). */
void sb_grow(struct strbuf *sb, size_t extra);
/* Append n bytes. */
void sb_add(struct strbuf *sb, const void *data, size_t n);
/* Append a NUL-terminated string. */
void sb_adds(struct strbuf *sb, const char *s);
/* Append one byte. */
void sb_addc(struct strbuf *sb, char c);
/* Append printf output. */
void sb_addf(struct strbuf *sb, const char *fmt, ...) TN_PRINTF(2, 3);
/* Append printf output from a va_list. */
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* The contents, "" when empty (never NULL). */
const char *sb_str(const struct strbuf *sb);
/* Drop the contents but keep the memory. */
void sb_reset(struct strbuf *sb);
/* Take ownership of the buffer (never NULL) and reset sb to empty. */
char *sb_steal(struct strbuf *sb);
/* Overwrite the contents with zeroes (for secrets), then free. */
void sb_wipe(struct strbuf *sb);
/* Free the buffer. */
void sb_free(struct strbuf *sb);

/* Write all n bytes of s to fd (again after EINTR); 0, or -errno (-EIO when nothing could be
 * written). */
int util_write_all(int fd, const void *s, size_t n);
/* Mark every descriptor from lowfd up close-on-exec, so that a program started next
 * inherits none of them (sockets, pipes, files); async-signal-safe. */
void util_cloexec_from(int lowfd);
/* Make the process not dumpable (no core file, no ptrace or /proc/PID/mem by the same user),
 * as ssh-agent does, before it holds a secret; programs it starts are dumpable again. */
void util_no_dump(void);
/* Overwrite n bytes with zeroes in a way the compiler may not drop. */
void util_wipe(void *p, size_t n);
/* Wipe and free a NUL-terminated secret; NULL is fine. */
void util_free_secret(char *s);

/* Parse a whole decimal integer in [min, max]; false on anything else. */
bool str_to_llong(const char *s, long long min, long long max, long long *out);
/* Parse a whole decimal fraction (e.g. "0.25") in [0, 1]; false on anything else. */
bool str_to_rate(const char *s, double *out);

/* Encode n bytes as unpadded base64url into a new string. */
char *util_base64url_encode(const void *data, size_t n);
/* Encode n bytes as padded standard base64 (RFC 4648 section 4) into a new string. */
char *util_base64_encode(const void *data, size_t n);
/* Decode unpadded base64url text into a new NUL-terminated buffer (length in *n);
 * NULL when text holds anything else. */
char *util_base64url_decode(const char *text, size_t *n);

/* Append the %-decoding of n bytes of s to out ('+' becomes a space when plus_is_space);
 * false on a malformed escape or a decoded NUL byte, which C strings would cut short. */
bool util_percent_decode(const char *s, size_t n, bool plus_is_space, struct strbuf *out);

/* Milliseconds of a monotonic clock. */
int64_t util_now_ms(void);
/* Milliseconds since the Unix epoch. */
int64_t util_wallclock_ms(void);
/* Format a Unix-epoch millisecond time as ISO 8601 UTC ("2026-11-22T18:41:00.123Z"). */
void util_format_iso8601(int64_t ms, char out[32]);
/* Parse an ISO 8601 date into microseconds since the epoch: "2024-01-01", then optionally
 * "T10:00" (or a space) with ":SS" and a fraction, then optionally a zone: Z, or a sign and HH,
 * HH:MM or HHMM (a space stands for '+', as an unencoded '+' arrives); UTC when there is none.
 * False when s is not one, or names no real day or time. */
bool util_parse_iso8601(const char *s, int64_t *us);
/* True when s has the shape of a UUID (8-4-4-4-12 hexadecimal digits, either case). */
bool util_is_uuid(const char *s);

#endif
