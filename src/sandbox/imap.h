/* imap.h: an open-addressing hash index from keys to row numbers; the rows keep the keys. */
#ifndef TENANTRY_SANDBOX_IMAP_H
#define TENANTRY_SANDBOX_IMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMAP_NONE UINT32_MAX

/* Decides whether row number row has the key being looked for. */
typedef bool (*imap_eq_fn)(uint32_t row, const void *key, void *ctx);

struct imap {
    struct imap_slot *slots;
    size_t cap;  /* a power of two, or 0 */
    size_t used; /* live entries */
    size_t dead; /* tombstones */
};

/* The FNV-1a hash of n bytes, to combine with imap_hash_more(). */
uint64_t imap_hash(const void *data, size_t n);
/* Continue hash h over n more bytes. */
uint64_t imap_hash_more(uint64_t h, const void *data, size_t n);
/* Add row under hash (the caller makes sure the key is not present yet). */
void imap_insert(struct imap *m, uint64_t hash, uint32_t row);
/* The row whose key eq() accepts, or IMAP_NONE. */
uint32_t imap_find(const struct imap *m, uint64_t hash, imap_eq_fn eq, const void *key, void *ctx);
/* Remove row, stored under hash; false when it was not there. */
bool imap_remove(struct imap *m, uint64_t hash, uint32_t row);
/* Free the index. */
void imap_free(struct imap *m);

#endif
