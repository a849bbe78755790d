/* system_lib.h: requests, assertions and list walks shared by the /system/tenants sandbox
 * tests (test_system.c, test_system_write.c, test_system_list.c). */
#ifndef TENANTRY_TEST_SYSTEM_LIB_H
#define TENANTRY_TEST_SYSTEM_LIB_H

#include <stdbool.h>
#include <time.h>

#include "harness.h"

#define SYS "/system/tenants"
#define JSON "application/json"
#define LD "application/ld+json"
#define PROBLEM_TYPE "https://tools.ietf.org/html/rfc2616#section-10"
#define PARALLEL 16

/* method path as user:password with this Accept (NULL: curl's default, any type; "": none)
 * and, when body is not NULL, a body of content type ctype. */
struct resp *sys_as(struct sandbox *sb, const char *user, const char *password,
                    const char *method, const char *path, const char *accept,
                    const char *body, const char *ctype);

/* method path with the default credentials and, when body is not NULL, a JSON body. */
struct resp *sys(struct sandbox *sb, const char *method, const char *path,
                 const char *accept, const char *body);

/* Is the media type of Content-Type ct exactly type (parameters aside)? */
bool type_is(const char *ct, const char *type);

/* Fail unless r's Content-Type is type (parameters aside). */
#define assert_type(r, type) assert_type_at((r), (type), __FILE__, __LINE__)
void assert_type_at(const struct resp *r, const char *type, const char *file, int line);

/* Fail unless r is an application/problem+json answer of this status with the type, title and
 * a detail of API Platform; return the body. */
#define assert_problem(r, status) assert_problem_at((r), (status), __FILE__, __LINE__)
cJSON *assert_problem_at(struct resp *r, long status, const char *file, int line);

/* Fail unless r is a 400 whose violations hold one for path (with this message unless NULL),
 * and whose detail holds "path: message". */
#define assert_violation(r, path, message) \
    assert_violation_at((r), (path), (message), __FILE__, __LINE__)
void assert_violation_at(struct resp *r, const char *path, const char *message,
                         const char *file, int line);

/* The whole-number member key of obj; fails the test otherwise. */
long long member_int(const cJSON *obj, const char *key);

/* Is s a time as "2018-07-31T14:57:10+00:00"? */
bool is_time(const char *s);

/* Seconds since the epoch of a time as is_time() accepts. */
time_t time_of(const char *s);

/* Fail unless t is a tenant {id, uuid, createdAt, updatedAt, data?, version}, with @id and
 * @type when ld, with data unless write_only. */
void assert_tenant(const cJSON *t, bool ld, bool write_only);

/* GET path with Accept accept; fail unless 200 with a hydra:Collection (JSON-LD) or an array
 * (JSON) of tenants. */
struct resp *list_get(struct sandbox *sb, const char *path, const char *accept);

/* The tenants of a list answer. */
const cJSON *members(struct resp *r);

/* The hydra:view of a list answer, or NULL. */
const cJSON *view(struct resp *r);

/* The ids of a list answer's tenants, as "1,2,3". */
char *ids_of(struct resp *r);

/* Fail unless GET path (JSON-LD) lists exactly the tenants ids ("" for none). */
#define assert_ids(sb, path, ids) assert_ids_at((sb), (path), (ids), __FILE__, __LINE__)
void assert_ids_at(struct sandbox *sb, const char *path, const char *ids,
                   const char *file, int line);

/* hydra:totalItems of GET path. */
long long total_of(struct sandbox *sb, const char *path);

/* All tenants (GET ?limit=1000 as JSON), a copy the caller deletes. */
cJSON *all_tenants(struct sandbox *sb);

/* The tenant with this id among all. */
const cJSON *tenant_at(const cJSON *all, long long id);

/* The page number a view link ends with ("...page=K"). */
long long link_page(const char *iri, const char *name);

/* Walk the JSON-LD list from path by hydra:next, adding each uuid to uuids and checking every
 * page: the same hydra:totalItems, @id of the view the page fetched, first at page 1, last the
 * same everywhere, previous on all but the first, next on all but the last. Return the number
 * of pages; *total gets hydra:totalItems. */
long long walk_hydra(struct sandbox *sb, const char *path, const char *page_name,
                     struct strlist *uuids, long long *total);

/* Wait for the nth (from 0) line named name and return it; fail when it does not come. */
char *event_nth(struct sandbox *sb, const char *name, int nth);

#endif
