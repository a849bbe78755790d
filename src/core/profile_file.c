/* profile_file.c: the profiles file on disk: a careful read (size, NUL bytes, owner and mode,
 * integer literals beyond 32 bits) and the atomic save (0600 temp file, fsync, config~ backup,
 * rename, fsync of the folder). Private to core/profile.c (core/profile_file.h), but for
 * profile_group_strings (core/profile.h), which walks a group of the tree for core's users. */
#include "config.h"

#include "core/profile_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <time.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/profile.h"
#include "core/xdg.h"

#define FILE_MAX_BYTES (1024 * 1024) /* a profiles file is a few KiB */

/* s quoted for a shell command line when it needs quoting (for hints). */
static char *shell_quote(const char *s)
{
    if (*s && strspn(s, LETTERS DIGITS "/._-+:@%,=~") == strlen(s))
        return xstrdup(s);
    struct strbuf sb = SB_INIT;
    sb_addc(&sb, '\'');
    for (; *s; s++)
        sb_adds(&sb, *s == '\'' ? "'\\''" : (char[]){*s, '\0'});
    sb_addc(&sb, '\'');
    return sb_steal(&sb);
}

/* True when c is not NUL and in set. */
static bool is_in(char c, const char *set)
{
    return c && strchr(set, c);
}

/* True when the n-byte token s is an integer literal without "L" that needs more than 32 bits. */
static bool int_too_big(const char *s, size_t n)
{
    char *tok = xstrndup(s, n);
    const char *d = tok + (*tok == '-' || *tok == '+');
    bool hex = d[0] == '0' && (d[1] == 'x' || d[1] == 'X'), big = false;
    size_t len = hex ? 2 + strspn(d + 2, DIGITS "abcdefABCDEF") : strspn(d, DIGITS);
    errno = 0;
    if (hex && len > 2 && !d[len]) {
        unsigned long long u = strtoull(d, NULL, 16);
        big = errno == ERANGE || u > INT_MAX;
    } else if (!hex && len && !d[len]) {
        long long v = strtoll(tok, NULL, 10);
        big = errno == ERANGE || v > INT_MAX || v < INT_MIN;
    }
    free(tok);
    return big;
}

/* Copy text to out, marking with "L" every integer literal beyond 32 bits: libconfig 1.5 would
 * cut it to an int silently (4294967396 reads as 100), while as a 64-bit literal the range
 * check sees its real value. Strings and comments are copied as they are. */
static void widen_int_literals(const char *text, struct strbuf *out)
{
    for (const char *p = text; *p;) {
        const char *start = p;
        bool big = false;
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                p += *p == '\\' && p[1];
            p += *p != '\0';
        } else if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else if (is_in(*p, LETTERS "*@")) {
            p += 1 + strspn(p + 1, LETTERS DIGITS "-_*");
        } else if (is_in(*p, DIGITS) || (is_in(*p, "+-") && is_in(p[1], DIGITS))) {
            for (p++; is_in(*p, LETTERS DIGITS ".") || (is_in(*p, "+-") && is_in(p[-1], "eE"));)
                p++;
            big = int_too_big(start, (size_t)(p - start));
        } else {
            p++;
        }
        sb_add(out, start, (size_t)(p - start));
        if (big)
            sb_addc(out, 'L');
    }
}

/* Refuse a file others own or can write (the ssh rule), before reading it. */
static bool check_owner(const char *path, const struct stat *st, struct tn_error *err)
{
    char *q = shell_quote(path);
    bool ok = false;
    if (st->st_uid != geteuid() && st->st_uid != 0) {
        /* TRANSLATORS: the file's path, then the user ID of its owner. */
        err_set(err, ST_USAGE, _("%s is owned by another user (uid %lu); refusing to use it"),
                path, (unsigned long)st->st_uid);
        /* TRANSLATORS: the user's own user ID, then the file's path (quoted for the shell); keep
         * -c FILE and the command as they are. */
        err_hint(err, _("Use a profiles file of your own (-c FILE), or run: chown %lu %s"),
                 (unsigned long)geteuid(), q);
    } else if (st->st_mode & 022) {
        err_set(err, ST_USAGE,
                /* TRANSLATORS: the file's path, then its permission bits in octal (e.g. 0664). */
                _("%s can be changed by other users (mode %04o); refusing to use it"), path,
                (unsigned)(st->st_mode & 07777));
        /* TRANSLATORS: %s is the file's path, quoted for the shell; keep the command as it is. */
        err_hint(err, _("Run: chmod go-w %s"), q);
    } else {
        ok = true;
    }
    free(q);
    return ok;
}

/* Read the whole of fd (at most FILE_MAX_BYTES, no NUL) into sb, sized for hint bytes. */
static bool read_all(int fd, const char *path, struct strbuf *sb, size_t hint,
                     struct tn_error *err)
{
    sb_grow(sb, hint + 4096); /* one allocation: no stray copies of a secret */
    for (;;) {
        if (sb->len + 1 == sb->cap)
            sb_grow(sb, 4096);
        ssize_t n = read(fd, sb->buf + sb->len, sb->cap - sb->len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err_set(err, ST_OTHER, _("%s: %s"), path, strerror(errno));
            return false;
        }
        if (n == 0)
            return true;
        if (memchr(sb->buf + sb->len, '\0', (size_t)n)) {
            err_set(err, ST_USAGE, _("%s: holds a NUL byte; is it the right file?"), path);
            return false;
        }
        sb->len += (size_t)n;
        sb->buf[sb->len] = '\0';
        if (sb->len > FILE_MAX_BYTES) {
            /* TRANSLATORS: the file's path, then the largest size in KiB. */
            err_set(err, ST_USAGE, _("%s: larger than %d KiB; is it the right file?"), path,
                    FILE_MAX_BYTES / 1024);
            return false;
        }
    }
}

char *profile_file_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    return !slash ? xstrdup(".") : slash == path ? xstrdup("/")
                                                 : xstrndup(path, (size_t)(slash - path));
}

bool profile_file_read(const char *path, bool *exists, struct stat *st, struct strbuf *text,
                       struct tn_error *err)
{
    *exists = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK); /* a FIFO must not hang */
    if (fd < 0 && errno == ENOENT)
        return true;
    struct strbuf raw = SB_INIT;
    bool ok = false;
    *exists = true;
    if (fd < 0 || fstat(fd, st) != 0) {
        err_set(err, ST_OTHER, _("%s: %s"), path, strerror(errno));
    } else if (!S_ISREG(st->st_mode)) {
        err_set(err, ST_USAGE, _("%s: not a regular file"), path);
    } else if (check_owner(path, st, err) && read_all(fd, path, &raw, (size_t)st->st_size, err)) {
        sb_grow(text, raw.len + raw.len / 8 + 16); /* no realloc: no stray copies */
        widen_int_literals(sb_str(&raw), text);
        ok = true;
    }
    if (fd >= 0)
        close(fd);
    sb_wipe(&raw);
    return ok;
}

#define INCLUDE_DEPTH_MAX 10 /* as libconfig */

/* The file name of an "@include" line starting at line (a new string), or NULL when the line
 * is not one. */
static char *include_name(const char *line)
{
    line += strspn(line, " \t");
    if (strncmp(line, "@include", 8) != 0 || !strchr(" \t", line[8]) || !line[8])
        return NULL;
    line += 8 + strspn(line + 8, " \t");
    if (*line++ != '"')
        return NULL;
    struct strbuf sb = SB_INIT;
    for (; *line && *line != '"' && *line != '\n'; line++) {
        if (*line == '\\' && line[1] && line[1] != '\n')
            line++;
        sb_addc(&sb, *line);
    }
    return sb_steal(&sb);
}

/* profile_file_check_includes at a depth. */
static bool check_includes(const char *text, const char *dir, int depth, struct tn_error *err)
{
    bool ok = true;
    for (const char *line = text; ok && line && *line;) {
        char *name = include_name(line);
        line = strchr(line, '\n');
        line += line != NULL;
        if (!name)
            continue;
        char *path = name[0] == '/' ? xstrdup(name) : xasprintf("%s/%s", dir, name);
        bool exists;
        struct stat st;
        struct strbuf sub = SB_INIT;
        if (depth >= INCLUDE_DEPTH_MAX) {
            /* TRANSLATORS: the included file's path, then the deepest nesting allowed; keep
             * @include as it is. */
            err_set(err, ST_USAGE, _("%s: @include nested more than %d deep"), path,
                    INCLUDE_DEPTH_MAX);
            ok = false;
        } else if (!profile_file_read(path, &exists, &st, &sub, err)) {
            ok = false;
        } else if (!exists) {
            ok = true; /* libconfig says that it cannot open it, with the line */
        } else {
            ok = check_includes(sb_str(&sub), dir, depth + 1, err);
        }
        sb_wipe(&sub);
        free(path);
        free(name);
    }
    return ok;
}

bool profile_file_check_includes(const char *text, const char *dir, struct tn_error *err)
{
    return check_includes(text, dir, 0, err);
}

bool profile_file_check_private(const char *path, const struct stat *st, struct tn_error *err)
{
    if (!(st->st_mode & 077))
        return true;
    char *q = shell_quote(path);
    /* TRANSLATORS: the file's path, then its permission bits in octal (e.g. 0644); keep
     * client_secret and password untranslated (settings' names). */
    err_set(err, ST_USAGE, _("%s holds an inline secret (client_secret, password, or a proxy with a password) but others can read it (mode %04o)"),
            path, (unsigned)(st->st_mode & 07777));
    /* TRANSLATORS: %s is the file's path, quoted for the shell; keep the command as it is. */
    err_hint(err, _("Run: chmod 600 %s"), q);
    free(q);
    return false;
}

/* Make backup a copy (a hard link where the file system allows) of path, replacing an older
 * backup; a copy is 0600. */
static bool keep_backup(const char *path, const char *backup)
{
    if (link(path, backup) == 0)
        return true;
    if (errno == EEXIST && (unlink(backup) == 0 || errno == ENOENT) && link(path, backup) == 0)
        return true;
    if (errno != EPERM && errno != EXDEV && errno != EMLINK && errno != ENOTSUP && errno != ENOSYS)
        return false; /* a real problem, not a file system without hard links */
    int in = open(path, O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : open(backup, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    bool ok = out >= 0 && fchmod(out, 0600) == 0;
    ssize_t n = 1;
    while (ok && n != 0)
        if ((n = sendfile(out, in, NULL, 1 << 20)) < 0)
            ok = errno == EINTR;
    ok = ok && fsync(out) == 0;
    int saved = errno;
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    errno = saved;
    return ok;
}

/* Write cfg into the open temp file fd (0600 first, then the bytes, then fsync); closes fd. */
static bool write_temp(int fd, const config_t *cfg)
{
    FILE *f = fchmod(fd, 0600) == 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        int saved = errno;
        close(fd);
        errno = saved;
        return false;
    }
    char iobuf[BUFSIZ]; /* ours, so that it can be wiped */
    setvbuf(f, iobuf, _IOFBF, sizeof(iobuf));
    config_write(cfg, f);
    bool ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
    int saved = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    util_wipe(iobuf, sizeof(iobuf));
    errno = saved;
    return ok;
}

/* The steps of profile_save once the real file name is known. */
static bool save_to(const char *target, const config_t *cfg, struct tn_error *err)
{
    char *dir = profile_file_dir(target);
    const char *slash = strrchr(target, '/');
    char *tmp = xasprintf("%s/.%s.XXXXXX", dir, slash ? slash + 1 : target);
    char *backup = xasprintf("%s~", target);
    struct stat st;
    bool ok = false, had_old = false;
    int fd = -1, dfd = -1;
    if (!xdg_make_dirs(dir, err))
        goto out;
    fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        /* TRANSLATORS: the file's path, then the system's error message. */
        err_set(err, ST_OTHER, _("cannot write %s: %s"), target, strerror(errno));
        goto out;
    }
    if (!write_temp(fd, cfg)) {
        err_set(err, ST_OTHER, _("cannot write %s: %s"), tmp, strerror(errno));
        goto fail;
    }
    had_old = lstat(target, &st) == 0;
    if (had_old && !keep_backup(target, backup)) {
        /* TRANSLATORS: the backup file's path (the file's name with "~"), then the system's
         * error message. */
        err_set(err, ST_OTHER, _("cannot keep the previous file as %s: %s"), backup, strerror(errno));
        goto fail;
    }
    if (rename(tmp, target) != 0) {
        /* TRANSLATORS: the file's path, then the system's error message. */
        err_set(err, ST_OTHER, _("cannot replace %s: %s"), target, strerror(errno));
        goto fail;
    }
    if (had_old)
        (void)chmod(backup, 0600); /* it may be a hard link to a 0644 file */
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL && errno != ENOTSUP))
        /* TRANSLATORS: the file's path, then the system's error message. */
        err_set(err, ST_OTHER, _("%s was written, but syncing its folder failed: %s"), target,
                strerror(errno));
    else
        ok = true;
    if (dfd >= 0)
        close(dfd);
    goto out;
fail:
    unlink(tmp);
out:
    free(backup);
    free(tmp);
    free(dir);
    return ok;
}

/* The file a save of path replaces: path, or where it points when it is a symbolic link
 * (dotfile managers); NULL with err set. */
static char *target_of(const char *path, struct tn_error *err)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return xstrdup(path);
    char *target = realpath(path, NULL);
    if (!target)
        err_set(err, ST_OTHER, _("%s: %s"), path, strerror(errno));
    return target;
}

bool profile_file_save(const char *path, const config_t *cfg, struct tn_error *err)
{
    char *target = target_of(path, err);
    bool ok = target && save_to(target, cfg, err);
    free(target);
    return ok;
}

/* Sleep ms milliseconds (again after a signal). */
static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, ms % 1000 * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* An age in seconds as a person says it. */
static char *age_text(long long s)
{
    if (s < 120)
        /* TRANSLATORS: an age in seconds, used in "made %s ago" and "left %s ago"; keep it
         * short. */
        return xasprintf(_("%lld s"), s < 0 ? 0 : s);
    if (s < 2 * 3600)
        /* TRANSLATORS: an age in minutes, used in "made %s ago" and "left %s ago"; keep it
         * short. */
        return xasprintf(_("%lld min"), s / 60);
    if (s < 2 * 86400)
        /* TRANSLATORS: an age in hours, used in "made %s ago" and "left %s ago"; keep it short. */
        return xasprintf(_("%lld h"), s / 3600);
    /* TRANSLATORS: an age in days (2 or more), used in "made %s ago" and "left %s ago"; keep it
     * short. */
    return xasprintf(ngettext("%lld day", "%lld days", s / 86400), s / 86400);
}

/* The process ID written in the lock file, or 0. */
static long lock_holder(const char *lock)
{
    char buf[32] = "";
    int fd = open(lock, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
    if (fd >= 0)
        close(fd);
    buf[n > 0 ? n : 0] = '\0';
    long long pid = 0;
    buf[strcspn(buf, "\n")] = '\0';
    return str_to_llong(buf, 1, INT_MAX, &pid) ? (long)pid : 0;
}

/* Set err for a lock file that is still there: left behind by a process that is gone, or
 * held longer than we wait. */
static void lock_refused(const char *target, const char *lock, long holder, bool gone,
                         struct tn_error *err)
{
    struct stat st;
    char *age = age_text(stat(lock, &st) == 0 ? (long long)(time(NULL) - st.st_mtime) : 0);
    char *q = shell_quote(lock);
    if (gone)
        /* TRANSLATORS: the profiles file's path, the lock file's path, how long ago (e.g. "3
         * min"), then the process ID of the tenantry that left it. */
        err_set(err, ST_OTHER, _("%s is locked by %s, left %s ago by a tenantry that is no "
                                 "longer running (pid %ld): a save was interrupted"),
                target, lock, age, holder);
    else
        /* TRANSLATORS: the profiles file's path, the lock file's path, how long ago (e.g. "3
         * min"); the 4th %s is ", by a process that is still running" or empty. */
        err_set(err, ST_OTHER, _("%s is locked by %s (made %s ago%s): another program is "
                                 "changing the profiles"),
                /* TRANSLATORS: added inside "(made %s ago%s)" of the lock message; keep the
                 * comma and the space at the start. */
                target, lock, age, holder ? _(", by a process that is still running") : "");
    /* TRANSLATORS: %s is the lock file's path, quoted for the shell; keep the command as it is. */
    err_hint(err, _("If no other tenantry is changing the profiles, remove the lock: rm %s"), q);
    free(q);
    free(age);
}

char *profile_file_lock(const char *path, struct tn_error *err)
{
    char *target = target_of(path, err);
    if (!target)
        return NULL;
    char *dir = profile_file_dir(target), *lock = xasprintf("%s.lock", target);
    int64_t deadline = util_now_ms() + PROFILE_LOCK_WAIT_MS;
    long nap = 1;
    bool ok = xdg_make_dirs(dir, err);
    while (ok) {
        int fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd >= 0) {
            char pid[32];
            int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
            (void)util_write_all(fd, pid, (size_t)n);
            close(fd);
            break;
        }
        if (errno != EEXIST) {
            /* TRANSLATORS: the lock file's path, then the system's error message. */
            err_set(err, ST_OTHER, _("cannot create the lock file %s: %s"), lock,
                    strerror(errno));
            ok = false;
            break;
        }
        long holder = lock_holder(lock);
        bool gone = holder > 0 && kill((pid_t)holder, 0) != 0 && errno == ESRCH &&
                    lock_holder(lock) == holder; /* not a new lock since */
        if (gone || util_now_ms() >= deadline) {
            lock_refused(target, lock, holder, gone, err);
            ok = false;
            break;
        }
        nap_ms(nap);
        nap = nap < 64 ? nap * 2 : 64;
    }
    free(dir);
    free(target);
    if (!ok) {
        free(lock);
        return NULL;
    }
    return lock;
}

void profile_file_unlock(char *lock)
{
    if (lock)
        unlink(lock);
    free(lock);
}

/* True when name is one that save_to gives a temp file for base: ".BASE.XXXXXX". */
static bool is_temp_of(const char *name, const char *base)
{
    size_t n = strlen(base);
    return name[0] == '.' && !strncmp(name + 1, base, n) && name[n + 1] == '.' &&
           strlen(name + n + 2) == 6 && strspn(name + n + 2, LETTERS DIGITS) == 6;
}

void profile_file_clean_temps(const char *path)
{
    struct tn_error err = {0};
    char *target = target_of(path, &err);
    err_clear(&err);
    if (!target)
        return;
    char *dir = profile_file_dir(target);
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        struct stat st;
        if (is_temp_of(e->d_name, base) &&
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode) && st.st_uid == geteuid())
            unlinkat(dirfd(d), e->d_name, 0);
    }
    if (d)
        closedir(d);
    free(dir);
    free(target);
}

/* Pass each string setting of the group g to fn (see profile_group_strings); label names
 * the file in messages. */
static bool walk_group(const config_setting_t *g, const char *label, const char *group,
                       profile_setting_fn fn, void *ud, struct tn_error *err)
{
    if (!config_setting_is_group(g)) {
        /* TRANSLATORS: the settings file's path (or "built-in keys"), the line number, then the
         * group's name twice (e.g. "keys"); keep the example { name = "value"; }; as it is
         * (settings syntax). */
        err_set(err, ST_USAGE, _("%s:%u: \"%s\" must be a group: %s = { name = \"value\"; };"),
                label, config_setting_source_line(g), group, group);
        return false;
    }
    bool ok = true;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(s);
        if (config_setting_type(s) != CONFIG_TYPE_STRING) {
            if (ok)
                /* TRANSLATORS: the settings file's path (or "built-in keys"), the line number,
                 * the setting's name, then the group's name (e.g. "keys"). */
                err_set(err, ST_USAGE, _("%s:%u: %s in the %s group must be a string in double "
                                         "quotes"),
                        label, config_setting_source_line(s), name ? name : "?", group);
            ok = false;
            continue;
        }
        if (!fn(ud, name ? name : "", config_setting_get_string(s), err))
            return false;
    }
    return ok;
}

bool profile_group_strings(const struct profile_set *set, const char *text, const char *group,
                           profile_setting_fn fn, void *ud, struct tn_error *err)
{
    config_t local;
    const config_t *cfg = set ? set->cfg : NULL;
    /* TRANSLATORS: where built-in settings come from; %s is the group, e.g. "keys". */
    char *label = text ? xasprintf(_("built-in %s"), group)
                       : xstrdup(set && set->path ? set->path : "?");
    bool ok = false;
    if (text) {
        config_init(&local);
        cfg = &local;
        if (!config_read_string(&local, text)) {
            err_set(err, ST_USAGE, "%s:%d: %s", label, config_error_line(&local),
                    config_error_text(&local));
            goto out;
        }
    }
    const config_setting_t *g =
        cfg ? config_setting_get_member(config_root_setting(cfg), group) : NULL;
    ok = !g || walk_group(g, label, group, fn, ud, err);
out:
    if (text)
        config_destroy(&local);
    free(label);
    return ok;
}
