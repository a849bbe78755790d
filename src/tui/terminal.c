/* terminal.c: the terminal: curses started (on the terminal, or headless for a script) and
 * restored (on quit, on SIGTERM/SIGHUP/SIGINT/SIGQUIT, on a crash), lent to another program and taken
 * back, the clipboard. */
#include "config.h"

#include "tui/terminal.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/util.h"
#include "tui/draw.h"
#include "tui/theme.h"

static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t suspended; /* the terminal is another program's (an editor's) */
static bool active;
static SCREEN *screen;
static FILE *headless_in, *headless_out;

/* Restore the terminal (idempotent; also the die() hook). */
static void restore(void)
{
    if (!active)
        return;
    active = false;
    curs_set(1);
    endwin();
}

static void on_signal(int sig)
{
    if ((sig == SIGINT || sig == SIGQUIT) && suspended)
        return; /* C-c, C-\ in the editor are the editor's (it shares our process group) */
    got_signal = sig;
}

/* A crash: give the terminal back, then die of the same signal. */
static void on_crash(int sig)
{
    restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

void terminal_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL); /* Ctrl-\: its default leaves the terminal unusable */
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
}

bool terminal_start(bool headless)
{
    if (headless) {
        const char *term = getenv("TERM");
        if (!term || !*term || !strcmp(term, "dumb") || !strcmp(term, "unknown"))
            term = "xterm";
        headless_in = fopen("/dev/null", "r");
        headless_out = fopen("/dev/null", "w");
        if (!headless_in || !headless_out)
            return false;
        screen = newterm(term, headless_out, headless_in);
        if (!screen)
            return false;
        set_term(screen);
    } else {
        const char *term = getenv("TERM");
        screen = newterm(NULL, stdout, stdin);
        if (!screen) {
            /* TRANSLATORS: the program's name, then the terminal type (the TERM variable); keep
             * TERM and TERM=xterm as they are. */
            fprintf(stderr, _("%s: cannot use the terminal type \"%s\": set TERM, e.g. "
                              "TERM=xterm\n"),
                    util_progname(), term ? term : "");
            return false;
        }
        set_term(screen);
        const char *cup = tigetstr("cup");
        if (!cup || cup == (char *)-1 || tigetflag("hc") > 0) { /* TERM=dumb, a printer */
            endwin();
            delscreen(screen);
            screen = NULL;
            /* TRANSLATORS: the program's name (three times: before the colon and in two
             * commands); keep TERM, TERM=xterm-256color and the commands in `...` as they are. */
            fprintf(stderr, _("%s: the console cannot run here: this terminal (TERM=%s) "
                              "cannot move the cursor; set TERM to your terminal's type (e.g. "
                              "TERM=xterm-256color), or use the commands (e.g. `%s tenants "
                              "list`; `%s --help` lists them)\n"),
                    util_progname(), term ? term : "", util_progname(), util_progname());
            return false;
        }
    }
    active = true;
    util_set_die_hook(restore);
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    /* rows that moved up or down are scrolled by the terminal (insert/delete line) instead of
     * being written again: a one-row scroll costs a few bytes over SSH, as less's does */
    idlok(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    theme_init();
    draw_init();
    return true;
}

void terminal_stop(void)
{
    restore();
    if (screen)
        delscreen(screen);
    screen = NULL;
    if (headless_in)
        fclose(headless_in);
    if (headless_out)
        fclose(headless_out);
    headless_in = headless_out = NULL;
}

void terminal_suspend(void)
{
    if (!active)
        return;
    def_prog_mode();
    endwin();
    suspended = 1;
}

void terminal_resume(void)
{
    if (!active)
        return;
    suspended = 0;
    reset_prog_mode();
    flushinp(); /* keys meant for the other program are not the console's */
    clearok(curscr, TRUE);
    refresh();
}

void terminal_redraw(void)
{
    clearok(curscr, TRUE);
}

bool terminal_clipboard(const char *text)
{
    return !headless_out && draw_clipboard(text);
}

int terminal_signal(void)
{
    return got_signal;
}
