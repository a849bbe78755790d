/* display.c: the loop: one wait (http_wait) for keys and network, the keys read, the
 * script's steps run, the screen drawn when something changed. The terminal is terminal.c's. */
#include "config.h"

#include "tui/display.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "core/http.h"
#include "core/intl.h"
#include "core/util.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/script.h"
#include "tui/terminal.h"
#include "tui/tui.h"

#define TICK_BUSY_MS 100  /* the spinner turns while requests are in flight */
#define TICK_IDLE_MS 1000 /* the token countdown; signals are seen within this */
#define HANGUP_PASSES 50  /* readable stdin with no key this many times: the terminal is gone */

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
        case SCRIPT_WAITFOR: {
            tui_draw(t);
            struct strbuf sb = SB_INIT;
            draw_screen_text(&sb);
            bool shown = strstr(sb_str(&sb), st->path) != NULL;
            sb_free(&sb);
            if (!shown)
                return true;
            break;
        }
        case SCRIPT_KEY:
            tui_key(t, st->key);
            break;
        case SCRIPT_DUMP:
            tui_tick(t);
            tui_draw(t);
            draw_flush();
            if (!draw_dump(st->path))
                /* TRANSLATORS: the dump file's path, then the system's error message. */
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
    if (!terminal_start(script != NULL))
        return 2; /* as without a terminal: the console cannot run here */
    terminal_catch_signals();
    int idle_reads = 0;
    int64_t drawn = 0;
    while (!tui_quitting(t) && !terminal_signal()) {
        tui_tick(t);
        if (script && !run_script(t, script))
            break;
        bool more = tui_work(t); /* an export's next rows, between keys */
        int64_t now = util_now_ms();
        /* busy: the spinner turns every TICK_BUSY_MS, however often the loop passes */
        if (tui_needs_draw(t) || (tui_busy(t) && now - drawn >= TICK_BUSY_MS)) {
            tui_draw(t);
            draw_flush();
            drawn = now;
        }
        int wait = more ? 0 : tui_busy(t) ? TICK_BUSY_MS : TICK_IDLE_MS;
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
    terminal_stop();
    int sig = terminal_signal();
    if (sig == SIGINT)
        return 130;
    return sig ? 128 + sig : 0;
}
