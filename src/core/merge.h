/* merge.h: the three-way comparison of a JSON object's top-level keys (the object as read,
 * the operator's edit of it, and the server's object now), and the merge built on it: the
 * server's object with the operator's changes applied key by key, the keys both sides changed
 * listed apart. Plain cJSON: no rows, no curses. */
#ifndef TENANTRY_MERGE_H
#define TENANTRY_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* Who changed a key since the object was read. */
enum merge_who { MERGE_NOBODY, MERGE_YOURS, MERGE_SERVER, MERGE_BOTH };

/* One key: its values (compact JSON; NULL when absent) as read, yours and the server's. */
struct merge_key {
    char *key;
    char *base, *yours, *server;
    bool differs;       /* yours and the server's are not the same JSON */
    enum merge_who who; /* who changed it since base (MERGE_NOBODY when base is unknown) */
};

/* The comparison of every key of yours or the server's. */
struct merge_diff {
    struct merge_key *keys;
    size_t n;
};

/* Compare yours and server, both from base, key by key: the server's keys in its order, then
 * those only yours has. base NULL: not known (no key says who changed it); server NULL: not
 * shown (nothing differs). Non-objects count as NULL. */
void merge_diff(const cJSON *base, const cJSON *yours, const cJSON *server,
                struct merge_diff *out);
void merge_diff_free(struct merge_diff *d);
/* True when the key is a conflict: both changed it, to different values (or, base unknown,
 * the two differ). */
bool merge_key_conflicts(const struct merge_key *k, bool know_base);

/* A new object: server with your changes since base applied key by key (a key you removed
 * is removed). A key in conflict keeps the server's value and is added to *conflicts (a new
 * object, NULL when there is none) as KEY: {"yours": V, "server": V, "base": V}, a side
 * without the key having no member. base NULL: every key that differs is a conflict. */
cJSON *merge_objects(const cJSON *base, const cJSON *yours, const cJSON *server,
                     cJSON **conflicts);

#endif
