/* rules.c: the documented rules of a subdomain label and of a client's roles. */
#include "config.h"

#include "core/rules.h"

#include <stdio.h>
#include <string.h>

#include "core/intl.h"

const char *const rules_roles[RULES_NROLES] = {
    "admin", "issuer", "verifier", "dts-provider", "dts-consumer", "auditor",
};

int rules_role_index(const char *name)
{
    for (int i = 0; i < RULES_NROLES; i++)
        if (!strcmp(name, rules_roles[i]))
            return i;
    return -1;
}

/* True for the characters a label may hold. */
static bool label_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool rules_label_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > RULES_LABEL_MAX || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!label_char((unsigned char)s[i]))
            return false;
    return true;
}

const char *rules_label_problem(const char *s, char *buf, size_t size)
{
    size_t n = strlen(s);
    if (!n)
        return _("enter the subdomain label, e.g. acme");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (label_char(c))
            continue;
        if (c >= 'A' && c <= 'Z')
            /* TRANSLATORS: the upper-case letter found, then its lower-case form. */
            snprintf(buf, size, _("upper-case '%c' is not allowed: use '%c'"), c, c - 'A' + 'a');
        else if (c == ' ')
            snprintf(buf, size, _("spaces are not allowed: use a-z, 0-9 and '-'"));
        else if (c < 0x20 || c == 0x7f)
            snprintf(buf, size, _("control characters are not allowed: use a-z, 0-9 and '-'"));
        else if (c < 0x80)
            snprintf(buf, size, _("'%c' is not allowed: use a-z, 0-9 and '-'"), c);
        else
            snprintf(buf, size,
                     _("only a-z, 0-9 and '-' are allowed (no accents or "
                       "other alphabets)"));
        return buf;
    }
    if (s[0] == '-' || s[n - 1] == '-')
        return _("cannot start or end with '-'");
    if (n > RULES_LABEL_MAX) {
        /* TRANSLATORS: the largest number of characters allowed, then the number the label has. */
        snprintf(buf, size, _("at most %d characters (this has %zu)"), RULES_LABEL_MAX, n);
        return buf;
    }
    return NULL;
}
