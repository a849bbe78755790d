/* pane_systenant.c: the tenants pane of the system API (/system/tenants): UUID, number, dates
 * and version; ':filter' terms (created>DATE, id=N...) are read by core/filter. */
#include "config.h"

#include "core/intl.h"
#include "tui/pane.h"

static const char *const systenant_columns[] = {"uuid", "id", "createdAt", "updatedAt",
                                                "version"};

const struct pane_ops systenant_pane_ops = {
    .kind = "tenants",
    .title = N_("Tenants"),
    .columns = systenant_columns,
    .ncolumns = ARRAY_SIZE(systenant_columns),
    .crumb = "uuid",
    .server_filter = filter_parse,
};
