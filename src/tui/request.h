/* request.h: every action of the console, from one X-macro table: the enum, the names the
 * keymap uses ("move-down") and the help text. Default keys live in etc/keys.conf. */
#ifndef TENANTRY_REQUEST_H
#define TENANTRY_REQUEST_H

/* X(ID, name in the keymap, help group, help text); groups: REQ_GROUP_*. */
#define TUI_REQUESTS(X)                                                                        \
    X(MOVE_DOWN, "move-down", MOVE, N_("Move the selection down"))                            \
    X(MOVE_UP, "move-up", MOVE, N_("Move the selection up"))                                  \
    X(PAGE_DOWN, "page-down", MOVE, N_("Move one screen down"))                               \
    X(PAGE_UP, "page-up", MOVE, N_("Move one screen up"))                                     \
    X(FIRST, "first", MOVE, N_("Go to the first row"))                                        \
    X(LAST, "last", MOVE, N_("Go to the last row, loading the rest of the list"))             \
    X(NEXT_PANE, "next-pane", PANES, N_("Focus the next pane"))                               \
    X(PREV_PANE, "prev-pane", PANES, N_("Focus the previous pane"))                           \
    X(ENTER, "enter", PANES, N_("Drill into the selection (details on a client)"))            \
    X(BACK, "back", PANES, N_("Go back; cancel a long load"))                                 \
    X(DETAILS, "details", VIEW, N_("Show every field of the selection"))                      \
    X(FILTER, "filter", VIEW, N_("Filter the pane as you type (search in a detail view)"))    \
    X(SEARCH_NEXT, "search-next", VIEW, N_("Next match of the search"))                       \
    X(SEARCH_PREV, "search-prev", VIEW, N_("Previous match of the search"))                   \
    X(SORT, "sort", VIEW, N_("Sort by the next column"))                                      \
    X(SORT_REVERSE, "sort-reverse", VIEW, N_("Reverse the sort order"))                       \
    X(REFRESH, "refresh", VIEW, N_("Reload the pane from the first page"))                    \
    X(COPY, "copy", VIEW, N_("Copy the selected ID to the clipboard"))                        \
    X(CREATE, "create", CHANGE, N_("Create a tenant or a client (in its pane; a system tenant in $EDITOR)")) \
    X(EDIT, "edit", CHANGE, N_("Edit the selected client's name and roles, or a system tenant's data in $EDITOR")) \
    X(DELETE, "delete", CHANGE, N_("Delete the selection (type its label or name to confirm)")) \
    X(COMMAND, "command", PROGRAM, N_("Open the command line (:tenants, :filter, :profile NAME, :q)")) \
    X(PROFILES, "profiles", PROGRAM, N_("List the profiles and switch between them"))         \
    X(PROFILE_ADD, "profile-add", PROGRAM, N_("In the profiles list: add a profile"))          \
    X(PROFILE_REMOVE, "profile-remove", PROGRAM, N_("In the profiles list: remove one"))       \
    X(PROFILE_DEFAULT, "profile-default", PROGRAM, N_("In the profiles list: make it the default")) \
    X(HELP, "help", PROGRAM, N_("Show this help"))                                            \
    X(REDRAW, "redraw", PROGRAM, N_("Redraw the screen"))                                     \
    X(QUIT, "quit", PROGRAM, N_("Quit"))

enum request {
    REQ_NONE = 0,
#define REQ_ENUM(id, name, group, help) REQ_##id,
    TUI_REQUESTS(REQ_ENUM)
#undef REQ_ENUM
        REQ_COUNT
};

/* The groups help sorts requests into. */
enum request_group { REQ_GROUP_MOVE, REQ_GROUP_PANES, REQ_GROUP_VIEW, REQ_GROUP_CHANGE,
                     REQ_GROUP_PROGRAM, REQ_GROUP_COUNT };

/* The keymap name of r ("move-down"). */
const char *request_name(enum request r);
/* The translated help text of r. */
const char *request_help(enum request r);
/* The group of r. */
enum request_group request_group(enum request r);
/* The translated title of group g ("Moving"). */
const char *request_group_title(enum request_group g);
/* The request called name, or REQ_NONE. */
enum request request_find(const char *name);

#endif
