/* theme.h: semantic colours. Monochrome (NO_COLOR, or a terminal without colours) keeps
 * every role distinguishable through bold, reverse video and underline. */
#ifndef TENANTRY_THEME_H
#define TENANTRY_THEME_H

enum theme_role {
    TH_NORMAL,
    TH_HEADER,      /* the top line */
    TH_TITLE,       /* a pane's title */
    TH_TITLE_FOCUS, /* the focused pane's title */
    TH_COLUMNS,     /* column headings */
    TH_SELECTED,    /* the selection in the focused pane */
    TH_SELECTED_DIM,/* the selection in other panes */
    TH_BORDER,
    TH_STATUS,      /* the bottom line */
    TH_ERROR,
    TH_BADGE_RO,    /* READ-ONLY */
    TH_BADGE_PROD,  /* PRODUCTION */
    TH_MATCH,       /* a search match */
    TH_DIM,         /* hints, placeholders */
    TH_COUNT
};

/* Set up colours after initscr: none when NO_COLOR is set or the terminal has none. */
void theme_init(void);
/* The curses attributes (colour pair included) of role. */
int theme_attr(enum theme_role role);
/* True when colours are in use. */
int theme_has_colors(void);

#endif
