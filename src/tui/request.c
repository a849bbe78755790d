/* request.c: names, groups and help texts of the actions, from the X-macro table. */
#include "config.h"

#include "tui/request.h"

#include <string.h>

#include "core/intl.h"

static const struct {
    const char *name;
    enum request_group group;
    const char *help;
} requests[REQ_COUNT] = {
#define REQ_ROW(id, name, group, help) [REQ_##id] = {name, REQ_GROUP_##group, help},
    TUI_REQUESTS(REQ_ROW)
#undef REQ_ROW
};

static const char *const group_titles[REQ_GROUP_COUNT] = {
    [REQ_GROUP_MOVE] = N_("Moving"),
    [REQ_GROUP_PANES] = N_("Panes"),
    [REQ_GROUP_VIEW] = N_("Viewing"),
    [REQ_GROUP_CHANGE] = N_("Changing"),
    [REQ_GROUP_PROGRAM] = N_("Program"),
};

const char *request_name(enum request r)
{
    return r > REQ_NONE && r < REQ_COUNT ? requests[r].name : "";
}

const char *request_help(enum request r)
{
    return r > REQ_NONE && r < REQ_COUNT ? _(requests[r].help) : "";
}

enum request_group request_group(enum request r)
{
    return r > REQ_NONE && r < REQ_COUNT ? requests[r].group : REQ_GROUP_PROGRAM;
}

const char *request_group_title(enum request_group g)
{
    return g < REQ_GROUP_COUNT ? _(group_titles[g]) : "";
}

enum request request_find(const char *name)
{
    for (int r = REQ_NONE + 1; r < REQ_COUNT; r++)
        if (!strcmp(requests[r].name, name))
            return (enum request)r;
    return REQ_NONE;
}
