/* intl.h: the gettext markers every user-facing string goes through. */
#ifndef TENANTRY_INTL_H
#define TENANTRY_INTL_H

#if defined ENABLE_NLS && ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#include <stdint.h>
/* Without NLS: the message itself, typed as gettext returns it (char *), so that code built
 * either way compiles alike (a const string where gettext gives char * would warn). */
#if defined(__GNUC__)
__attribute__((format_arg(1))) /* as gettext: a format in, the same format out */
#endif
static inline char *tn_untranslated(const char *s);
static inline char *tn_untranslated(const char *s)
{
    return (char *)(uintptr_t)s;
}
#define _(s) tn_untranslated(s)
/* ngettext(singular, plural, n) picks the form for n (the catalogue's plural rule). */
#define ngettext(s, p, n) tn_untranslated((n) == 1 ? (s) : (p))
#endif
/* N_ marks a string for translation where it cannot be translated yet (static tables). */
#define N_(s) (s)

#endif
