/* action.c: names, groups and help texts of the actions, from the X-macro table. */
#include "config.h"

#include "tui/action.h"

#include <string.h>

#include "core/intl.h"

static const struct {
    const char *name;
    enum action_group group;
    const char *help;
} actions[ACT_COUNT] = {
#define ACT_ROW(id, name, group, help) [ACT_##id] = {name, ACT_GROUP_##group, help},
    TUI_ACTIONS(ACT_ROW)
#undef ACT_ROW
};

static const char *const group_titles[ACT_GROUP_COUNT] = {
    /* TRANSLATORS: the titles of the help's groups of keys. */
    [ACT_GROUP_MOVE] = N_("Moving"),
    [ACT_GROUP_PANES] = N_("Panes"),
    [ACT_GROUP_VIEW] = N_("Viewing"),
    [ACT_GROUP_CHANGE] = N_("Changing"),
    [ACT_GROUP_CONFLICT] = N_("In a conflict (a system tenant changed meanwhile)"),
    [ACT_GROUP_PROGRAM] = N_("Program"),
};

const char *action_name(enum action r)
{
    return r > ACT_NONE && r < ACT_COUNT ? actions[r].name : "";
}

const char *action_help(enum action r)
{
    return r > ACT_NONE && r < ACT_COUNT ? _(actions[r].help) : "";
}

enum action_group action_group(enum action r)
{
    return r > ACT_NONE && r < ACT_COUNT ? actions[r].group : ACT_GROUP_PROGRAM;
}

const char *action_group_title(enum action_group g)
{
    return g < ACT_GROUP_COUNT ? _(group_titles[g]) : "";
}

enum action action_find(const char *name)
{
    for (int r = ACT_NONE + 1; r < ACT_COUNT; r++)
        if (!strcmp(actions[r].name, name))
            return (enum action)r;
    return ACT_NONE;
}
