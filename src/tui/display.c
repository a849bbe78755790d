/* display.c: curses lifecycle and the loop: one wait (http_wait) for keys and network. */
#include "config.h"

#include "tui/display.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/http.h"
#include "core/intl.h"
#include "core/util.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/script.h"
#include "tui/theme.h"
#include "tui/tui.h"

#define TICK_BUSY_MS 100  /* the spinner turns while requests are in flight */
#define TICK_IDLE_MS 1000 /* the token countdown; signals are seen within this */
#define HANGUP_PASSES 50  /* readable stdin with no key this many times: the terminal is gone */

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

static void install_signals(void)
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

/* curses on the terminal, or on /dev/null with a fixed size for a script. */
static bool start(bool headless)
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
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    theme_init();
    draw_init();
    return true;
}

static void stop(void)
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

void display_suspend(void)
{
    if (!active)
        return;
    def_prog_mode();
    endwin();
    suspended = 1;
}

void display_resume(void)
{
    if (!active)
        return;
    suspended = 0;
    reset_prog_mode();
    flushinp(); /* keys meant for the other program are not the console's */
    clearok(curscr, TRUE);
    refresh();
}

void display_redraw(void)
{
    clearok(curscr, TRUE);
}

bool display_clipboard(const char *text)
{
    return !headless_out && draw_clipboard(text);
}

/* Read every key waiting; the number read. */
static int read_keys(struct tui *t)
{
    int n = 0;
    wint_t wc;
    int rc;
    while (!tui_quitting(t) && (rc = get_wch(&wc)) != ERR) {
        n++;
        if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
            tui_dirty(t);
            continue;
        }
        tui_key(t, rc == KEY_CODE_YES ? KEYS_FN + (int)wc : (int)wc);
    }
    return n;
}

/* True when standard input has hung up (the terminal is gone). */
static bool hung_up(void)
{
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* Run script steps until one must wait; false at the end of the script. */
static bool run_script(struct tui *t, struct script *s)
{
    for (;;) {
        const struct script_step *st = script_peek(s);
        switch (st->op) {
        case SCRIPT_END:
            return false;
        case SCRIPT_WAIT:
            if (tui_busy(t))
                return true;
            break;
        case SCRIPT_KEY:
            tui_key(t, st->key);
            break;
        case SCRIPT_DUMP:
            tui_tick(t);
            tui_draw(t);
            draw_flush();
            if (!draw_dump(st->path))
                die(_("cannot write the screen dump %s: %s"), st->path, strerror(errno));
            break;
        case SCRIPT_RESIZE:
            resizeterm(st->lines, st->cols);
            tui_dirty(t);
            break;
        }
        script_advance(s);
        if (tui_quitting(t))
            return false;
        tui_tick(t);
    }
}

int display_run(struct tui *t, struct script *script)
{
    if (!start(script != NULL))
        return 2; /* as without a terminal: the console cannot run here */
    install_signals();
    int idle_reads = 0;
    while (!tui_quitting(t) && !got_signal) {
        tui_tick(t);
        if (script && !run_script(t, script))
            break;
        if (tui_needs_draw(t) || tui_busy(t)) {
            tui_draw(t);
            draw_flush();
        }
        int wait = tui_busy(t) ? TICK_BUSY_MS : TICK_IDLE_MS;
        int ready = http_wait(tui_engine(t), script ? -1 : STDIN_FILENO, wait);
        http_dispatch(tui_engine(t));
        if (script)
            continue;
        int keys = read_keys(t);
        if (!ready && !keys && wait == TICK_IDLE_MS)
            tui_dirty(t); /* a quiet second: the token's countdown moves on */
        if (ready && !keys) {
            /* a hung-up terminal polls readable forever: leave instead of spinning */
            if (hung_up() || ++idle_reads > HANGUP_PASSES)
                break;
        } else {
            idle_reads = 0;
        }
    }
    stop();
    if (got_signal == SIGINT)
        return 130;
    return got_signal ? 128 + got_signal : 0;
}
