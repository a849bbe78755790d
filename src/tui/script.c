/* script.c: scripted keys for headless screen tests. */
#include "config.h"

#include "tui/script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/text.h"
#include "core/util.h"
#include "tui/keys.h"

struct script {
    struct script_step *steps;
    size_t n, cap, at;
    char **paths;
    size_t npaths;
};

static void add(struct script *s, struct script_step st)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 32;
        s->steps = xreallocarray(s->steps, s->cap, sizeof(*s->steps));
    }
    s->steps[s->n++] = st;
}

/* Parse one line into steps; false with err set. */
static bool parse_line(struct script *s, char *line, struct tn_error *err)
{
    char *cmd = line + strspn(line, " \t");
    if (!*cmd || *cmd == '#')
        return true;
    char *rest = cmd + strcspn(cmd, " \t");
    if (*rest)
        *rest++ = '\0';
    if (!strcmp(cmd, "keys")) {
        for (char *tok = strtok(rest, " \t"); tok; tok = strtok(NULL, " \t")) {
            int key, alt;
            if (!keys_parse(tok, &key, &alt)) {
                err_set(err, ST_USAGE, _("unknown key name \"%s\""), tok);
                return false;
            }
            add(s, (struct script_step){.op = SCRIPT_KEY, .key = key});
        }
    } else if (!strcmp(cmd, "type")) {
        for (const char *p = rest; *p;) {
            uint32_t key;
            size_t n = text_decode(p, &key);
            if (!n) {
                err_set(err, ST_USAGE, _("invalid UTF-8 in \"type\""));
                return false;
            }
            add(s, (struct script_step){.op = SCRIPT_KEY, .key = (int)key});
            p += n;
        }
    } else if (!strcmp(cmd, "wait")) {
        add(s, (struct script_step){.op = SCRIPT_WAIT});
    } else if (!strcmp(cmd, "waitfor") && *rest) {
        s->paths = xreallocarray(s->paths, s->npaths + 1, sizeof(*s->paths));
        char *text = s->paths[s->npaths++] = xstrdup(rest);
        add(s, (struct script_step){.op = SCRIPT_WAITFOR, .path = text});
    } else if (!strcmp(cmd, "dump") && *rest) {
        s->paths = xreallocarray(s->paths, s->npaths + 1, sizeof(*s->paths));
        char *path = s->paths[s->npaths++] = xstrdup(rest);
        add(s, (struct script_step){.op = SCRIPT_DUMP, .path = path});
    } else if (!strcmp(cmd, "resize")) {
        int cols = 0, lines = 0;
        if (sscanf(rest, "%d %d", &cols, &lines) != 2 || cols < 1 || lines < 1 ||
            cols > 1000 || lines > 1000) {
            err_set(err, ST_USAGE, _("resize takes COLUMNS LINES"));
            return false;
        }
        add(s, (struct script_step){.op = SCRIPT_RESIZE, .cols = cols, .lines = lines});
    } else {
        /* TRANSLATORS: %s is the command as written; keep keys, type, wait, waitfor, dump and
         * resize (the script's commands) as they are. */
        err_set(err, ST_USAGE, _("unknown script command \"%s\": use keys, type, wait, waitfor, "
                                 "dump or resize"),
                cmd);
        return false;
    }
    return true;
}

struct script *script_load(const char *path, struct tn_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        /* TRANSLATORS: the script file's path, then the system's error message. */
        err_set(err, ST_USAGE, _("cannot read the script %s: %s"), path, strerror(errno));
        return NULL;
    }
    struct script *s = xcalloc(1, sizeof(*s));
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    bool ok = true;
    while (ok && getline(&line, &cap, f) >= 0) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        ok = parse_line(s, line, err);
    }
    free(line);
    fclose(f);
    if (!ok) {
        err_prefix(err, "%s:%u", path, lineno);
        script_free(s);
        return NULL;
    }
    add(s, (struct script_step){.op = SCRIPT_END});
    return s;
}

const struct script_step *script_peek(const struct script *s)
{
    return &s->steps[s->at];
}

void script_advance(struct script *s)
{
    if (s->at + 1 < s->n)
        s->at++;
}

void script_free(struct script *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->npaths; i++)
        free(s->paths[i]);
    free(s->paths);
    free(s->steps);
    free(s);
}
