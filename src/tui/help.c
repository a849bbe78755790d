/* help.c: the help view, generated from the action table (tui/action.h) and the live keymap,
 * so that it always shows the keys in use. */
#include "config.h"

#include "tui/help.h"

#include <stdlib.h>

#include "core/intl.h"
#include "core/util.h"
#include "tui/draw.h"

#define KEYS_CELLS 18 /* the keys column */

/* Add a line: left padded to the keys column (at least two spaces after it), then text,
 * wrapped under itself when the view is narrower. */
static void add_row(struct textview *t, const char *left, const char *text)
{
    struct strbuf sb = SB_INIT;
    int cells = draw_width(left);
    sb_adds(&sb, left);
    do
        sb_addc(&sb, ' ');
    while (++cells < KEYS_CELLS || cells < draw_width(left) + 2);
    sb_adds(&sb, text);
    textview_add_wrapped(t, sb_str(&sb), TH_NORMAL, cells); /* continued under the text */
    sb_free(&sb);
}

struct textview *help_new(const struct keymap *km, bool (*hidden)(void *ud, enum action act),
                          void *ud, const struct help_command *cmds, size_t n,
                          const struct help_command *plugins, size_t nplugins)
{
    struct textview *t = textview_new(_("Help"));
    struct strbuf keys = SB_INIT;
    for (int g = 0; g < ACT_GROUP_COUNT; g++) {
        bool titled = false;
        for (int i = ACT_NONE + 1; i < ACT_COUNT; i++) {
            enum action r = (enum action)i;
            if (action_group(r) != (enum action_group)g || (hidden && hidden(ud, r)))
                continue;
            if (!titled) { /* a group whose actions are all hidden gets no title */
                if (textview_lines(t))
                    textview_add(t, "", TH_NORMAL);
                textview_add(t, action_group_title((enum action_group)g), TH_TITLE);
                titled = true;
            }
            sb_reset(&keys);
            keymap_describe(km, r, &keys);
            /* TRANSLATORS: in the help's key column, for an action that has no key. */
            add_row(t, keys.len ? sb_str(&keys) : _("(unbound)"), action_help(r));
        }
    }
    sb_free(&keys);
    if (!hidden || !hidden(ud, ACT_COMMAND)) {
        textview_add(t, "", TH_NORMAL);
        textview_add(t, _("Commands"), TH_TITLE);
        for (size_t i = 0; i < n; i++)
            add_row(t, _(cmds[i].usage), _(cmds[i].help));
    }
    if (nplugins) { /* the operator's own words: not translated */
        textview_add(t, "", TH_NORMAL);
        textview_add(t, _("Plugins (the plugins list of the profiles file)"), TH_TITLE);
        for (size_t i = 0; i < nplugins; i++)
            add_row(t, plugins[i].usage, plugins[i].help);
    }
    textview_add(t, "", TH_NORMAL);
    textview_add(t, _("Change keys in a keys group of the config file:"), TH_DIM);
    textview_add(t, _("keys.conf (with the documentation) lists the actions; see man tenantry."),
                 TH_DIM);
    return t;
}
