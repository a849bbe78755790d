/* intl.h: the gettext markers every user-facing string goes through. */
#ifndef TENANTRY_INTL_H
#define TENANTRY_INTL_H

#if defined ENABLE_NLS && ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
/* ngettext(singular, plural, n) picks the form for n (the catalogue's plural rule). */
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
/* N_ marks a string for translation where it cannot be translated yet (static tables). */
#define N_(s) (s)

#endif
