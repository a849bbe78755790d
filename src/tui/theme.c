/* theme.c: semantic colours; monochrome keeps roles apart with bold/reverse/underline. */
#include "config.h"

#include "tui/theme.h"

#include <curses.h>
#include <stdlib.h>

static int attrs[TH_COUNT];
static int colors;

/* One role: its monochrome attributes, and its colours (-1: the terminal's default). */
struct role_def {
    int mono;
    short fg, bg;
    int extra; /* attributes added to the colour pair */
};

static const struct role_def roles[TH_COUNT] = {
    [TH_NORMAL] = {A_NORMAL, -1, -1, 0},
    [TH_HEADER] = {A_REVERSE, COLOR_WHITE, COLOR_BLUE, A_BOLD},
    [TH_TITLE] = {A_BOLD, COLOR_CYAN, -1, A_BOLD},
    [TH_TITLE_FOCUS] = {A_REVERSE | A_BOLD, COLOR_BLACK, COLOR_CYAN, A_BOLD},
    [TH_COLUMNS] = {A_BOLD | A_UNDERLINE, COLOR_YELLOW, -1, A_BOLD},
    [TH_SELECTED] = {A_REVERSE | A_BOLD, COLOR_BLACK, COLOR_CYAN, 0},
    [TH_SELECTED_DIM] = {A_REVERSE, COLOR_BLACK, COLOR_WHITE, 0},
    [TH_BORDER] = {A_NORMAL, COLOR_BLUE, -1, 0},
    [TH_STATUS] = {A_REVERSE, COLOR_WHITE, COLOR_BLUE, 0},
    [TH_ERROR] = {A_BOLD | A_REVERSE, COLOR_WHITE, COLOR_RED, A_BOLD},
    [TH_BADGE_RO] = {A_BOLD | A_REVERSE, COLOR_WHITE, COLOR_RED, A_BOLD},
    [TH_BADGE_PROD] = {A_BOLD | A_REVERSE | A_BLINK, COLOR_YELLOW, COLOR_RED, A_BOLD},
    [TH_MATCH] = {A_REVERSE | A_UNDERLINE, COLOR_BLACK, COLOR_YELLOW, 0},
    [TH_DIM] = {A_DIM, COLOR_WHITE, -1, A_DIM},
};

void theme_init(void)
{
    const char *no_color = getenv("NO_COLOR");
    colors = has_colors() && !(no_color && *no_color) && start_color() == OK;
    if (colors)
        colors = use_default_colors() == OK || COLORS >= 8;
    for (int r = 0; r < TH_COUNT; r++) {
        attrs[r] = roles[r].mono;
        if (!colors || (roles[r].fg < 0 && roles[r].bg < 0))
            continue;
        if (init_pair((short)(r + 1), roles[r].fg, roles[r].bg) == OK)
            attrs[r] = (int)COLOR_PAIR(r + 1) | roles[r].extra;
    }
    /* the selection stays visible even where colour pairs fail */
    if (!colors)
        attrs[TH_SELECTED] |= (int)A_REVERSE;
}

int theme_attr(enum theme_role role)
{
    return (unsigned)role < TH_COUNT ? attrs[role] : (int)A_NORMAL;
}

int theme_has_colors(void)
{
    return colors;
}
