/* json.h: safe parsing and typed getters over cJSON. */
#ifndef TENANTRY_JSON_H
#define TENANTRY_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* Parse exactly len bytes of buf (which need not be NUL-terminated) as one JSON value;
 * trailing bytes other than white space, a NUL byte or a \u0000 escape (which would cut a
 * C string short) make it fail. NULL on failure. */
cJSON *json_parse(const char *buf, size_t len);
/* True when len bytes of buf have the shape of one whole JSON object or array: it opens with
 * '{' or '[' and closes, strings closed, at its last byte that is not white space. A quick
 * check, with no allocation, that an answer was not cut short (json_parse decides the rest). */
bool json_looks_whole(const char *buf, size_t len);
/* The same for a server's answer, except that a \u0000 escape reads as U+FFFD: one such
 * value shows as U+FFFD instead of failing the whole answer. */
cJSON *json_parse_answer(const char *buf, size_t len);
/* The string member key of obj, or NULL when missing or not a string. */
const char *json_get_string(const cJSON *obj, const char *key);
/* The object member key of obj, or NULL when missing or not an object. */
cJSON *json_get_object(const cJSON *obj, const char *key);
/* The array member key of obj, or NULL when missing or not an array. */
cJSON *json_get_array(const cJSON *obj, const char *key);
/* Read the integer member key of obj in [min, max] into out; false when missing,
 * not a number, not whole, or out of range. */
bool json_get_int(const cJSON *obj, const char *key, long long min, long long max,
                  long long *out);
/* True when every element of array is a string (an empty array counts). */
bool json_is_string_array(const cJSON *array);
/* Print item without white space into a new string, or die on allocation failure. */
char *json_print(const cJSON *item);
/* The same for an item holding a secret: no copy is left in freed memory (free the result
 * with util_free_secret). */
char *json_print_secret(const cJSON *item);
/* Add a string member, dying on allocation failure; a NULL value adds null. */
void json_add_string(cJSON *obj, const char *key, const char *value);
/* Create an object, array or string item, dying on allocation failure. */
cJSON *json_new_object(void);
cJSON *json_new_array(void);
cJSON *json_new_string(const char *s);
/* A new number (a whole number up to 2^53 stays exact). */
cJSON *json_new_number(double v);
/* Append item to array (or add it to object under key), dying on failure. */
void json_append(cJSON *array, cJSON *item);
void json_add(cJSON *obj, const char *key, cJSON *item);

/* Overwrite every string (keys and values) of item with zeroes, then delete it. NULL is
 * fine. For trees that held a secret. */
void json_delete_wiped(cJSON *item);

#endif
