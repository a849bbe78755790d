/* action.h: every action of the console, from one X-macro table: the enum, the names the
 * keymap uses ("move-down") and the help text. Default keys live in etc/keys.conf. */
#ifndef TENANTRY_ACTION_H
#define TENANTRY_ACTION_H

/* X(ID, name in the keymap, help group, help text); groups: ACT_GROUP_*. The actions of the
 * CONFLICT group are read only in the conflict view, and the profile-* ones only in the
 * profiles list (keys.c's scopes), so their keys may also be another's. */
#define TUI_ACTIONS(X)                                                                        \
    X(MOVE_DOWN, "move-down", MOVE, N_("Move the selection down"))                            \
    X(MOVE_UP, "move-up", MOVE, N_("Move the selection up"))                                  \
    X(PAGE_DOWN, "page-down", MOVE, N_("Move one screen down"))                               \
    X(PAGE_UP, "page-up", MOVE, N_("Move one screen up"))                                     \
    X(FIRST, "first", MOVE, N_("Go to the first row"))                                        \
    X(LAST, "last", MOVE, N_("Go to the last row, loading the rest of the list"))             \
    X(LOAD_ON, "load-on", MOVE, N_("Load the rest of the list, staying on the row")) \
    X(NEXT_PANE, "next-pane", PANES, N_("Focus the next pane (in details: scroll right)"))    \
    X(PREV_PANE, "prev-pane", PANES, N_("Focus the previous pane (in details: scroll left)")) \
    X(ZOOM, "zoom", PANES, N_("Zoom the focused pane to the full width, and back"))          \
    X(ENTER, "enter", PANES, N_("Drill into the selection (details on a client)"))            \
    X(BACK, "back", PANES, N_("Go back; cancel a long load"))                                 \
    X(DETAILS, "details", VIEW, N_("Show every field of the selection"))                      \
    X(FILTER, "filter", VIEW, N_("Filter the pane as you type (search in a detail view)"))    \
    X(SEARCH_NEXT, "search-next", VIEW, N_("Next match of the search"))                       \
    X(SEARCH_PREV, "search-prev", VIEW, N_("Previous match of the search"))                   \
    X(SORT, "sort", VIEW, N_("Sort by the next column"))                                      \
    X(SORT_REVERSE, "sort-reverse", VIEW, N_("Reverse the sort order"))                       \
    X(REFRESH, "refresh", VIEW, N_("Reload the pane from the first page"))                    \
    X(COPY_MENU, "copy-menu", VIEW, N_("Copy the ID, name, subdomain or row as JSON (a menu)")) \
    X(COPY, "copy", VIEW, N_("Copy the selected ID to the clipboard (in details: the JSON)")) \
    X(MARK, "mark", VIEW, N_("Mark or unmark the selected row, move down (d deletes them)")) \
    X(MARK_ALL, "mark-all", VIEW, N_("Mark every row the filter shows (:mark none clears)")) \
    X(CREATE, "create", CHANGE, N_("Create a tenant or a client (in its pane; a system tenant in $EDITOR)")) \
    X(EDIT, "edit", CHANGE, N_("Edit the selected client's name and roles, or a system tenant's data in $EDITOR")) \
    X(DELETE, "delete", CHANGE, N_("Delete the selection or the marked rows (typed confirmation)")) \
    X(ROTATE, "rotate", CHANGE, N_("Rotate the selected client's secret (a new client)")) \
    X(CONFLICT_REAPPLY, "conflict-reapply", CONFLICT, N_("Save your edit on the server's newer version")) \
    X(CONFLICT_EDIT, "conflict-edit", CONFLICT, N_("Edit again, both versions merged in the file")) \
    X(CONFLICT_DISCARD, "conflict-discard", CONFLICT, N_("Discard your edit, keep the server's")) \
    X(COMMAND, "command", PROGRAM, N_("Open the command line (:tenants, :filter, :profile NAME, :q)")) \
    X(PROFILES, "profiles", PROGRAM, N_("List the profiles and switch between them"))         \
    X(PROFILE_ADD, "profile-add", PROGRAM, N_("In the profiles list: add a profile"))          \
    X(PROFILE_REMOVE, "profile-remove", PROGRAM, N_("In the profiles list: remove one"))       \
    X(PROFILE_DEFAULT, "profile-default", PROGRAM, N_("In the profiles list: make it the default")) \
    X(HELP, "help", PROGRAM, N_("Show this help"))                                            \
    X(REDRAW, "redraw", PROGRAM, N_("Redraw the screen"))                                     \
    X(QUIT, "quit", PROGRAM, N_("Quit"))

enum action {
    ACT_NONE = 0,
#define ACT_ENUM(id, name, group, help) ACT_##id,
    TUI_ACTIONS(ACT_ENUM)
#undef ACT_ENUM
        ACT_COUNT
};

/* The groups help sorts actions into. */
enum action_group { ACT_GROUP_MOVE, ACT_GROUP_PANES, ACT_GROUP_VIEW, ACT_GROUP_CHANGE,
                     ACT_GROUP_CONFLICT, ACT_GROUP_PROGRAM, ACT_GROUP_COUNT };

/* The keymap name of r ("move-down"). */
const char *action_name(enum action r);
/* The translated help text of r. */
const char *action_help(enum action r);
/* The group of r. */
enum action_group action_group(enum action r);
/* The translated title of group g ("Moving"). */
const char *action_group_title(enum action_group g);
/* The action called name, or ACT_NONE. */
enum action action_find(const char *name);

#endif
