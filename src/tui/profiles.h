/* profiles.h: the profiles overlay (P): each profile with its API and URL, the one in use
 * and the default marked; Enter switches; the keys that add, remove or make the default open edit.c's dialogs. */
#ifndef TENANTRY_PROFILES_H
#define TENANTRY_PROFILES_H

struct tui;
struct view;

/* A profiles view over t's profiles (loading the file if needed). */
struct view *profiles_new(struct tui *t);
/* Read t's profiles again (after a change). */
void profiles_reload(struct view *v, struct tui *t);
/* Select the profile called name, when listed. */
void profiles_select(struct view *v, const char *name);
/* The name chosen in v (after it returned TR_SELECT), to free; NULL when none. */
char *profiles_take_choice(struct view *v);

#endif
