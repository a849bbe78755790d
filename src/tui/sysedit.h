/* sysedit.h: a system tenant's data edited in $EDITOR: e reads the tenant afresh, hands the
 * file to the editor (the console suspended) and saves the data with the version read; c
 * creates a tenant from a template the same way. A conflict (someone saved in between) opens
 * the conflict view (tui/conflict): r re-applies the edit on the server's version, e edits
 * again, d or Esc discards. The edit's file is deleted only once it was saved or discarded;
 * after any failure it is kept and its path shown. The edit is a layer (tui/layer), shown while
 * the conflict view waits for the operator's choice; its tick runs the editor. */
#ifndef TENANTRY_SYSEDIT_H
#define TENANTRY_SYSEDIT_H

#include <stdbool.h>


struct tui;

/* e on the system tenants pane: edit the selected tenant's data (again, from its kept file,
 * when its last save failed). */
void sysedit_edit(struct tui *t);
/* c on the system tenants pane: a new tenant's data (again, from the kept file, when the last
 * create failed). */
void sysedit_create(struct tui *t);
/* True while a request is in flight or the editor is due. */
bool sysedit_busy(const struct tui *t);
/* Esc: stop reading a tenant for editing; true when that was under way. */
bool sysedit_cancel(struct tui *t);
/* Forget the edit (profile switch, quit), cancelling what is in flight; the path of the file
 * that still holds an unsaved edit (to free), or NULL. */
char *sysedit_close(struct tui *t);

#endif
