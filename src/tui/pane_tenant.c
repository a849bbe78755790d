/* pane_tenant.c: the tenants pane, narrowed to the environment selected in the environments pane
 * (the API lists every tenant, so the narrowing happens here). */
#include "config.h"

#include <string.h>

#include "core/intl.h"
#include "tui/pane.h"
#include "tui/tui.h"

static const char *const tenant_columns[] = {"name", "subdomain", "environment.name", "id"};

/* Keep the tenants of the selected environment (all when none is selected). */
static bool in_environment(void *ud, const struct list *l, size_t i)
{
    const char *env = tui_environment(pane_app(ud));
    if (!env)
        return true;
    int f = model_field_index(list_kind(l), "environment.id");
    return f >= 0 && !strcmp(list_value(l, i, (size_t)f), env);
}

/* Rows that name their environment can be narrowed to one. */
static bool names_environment(const struct api_kind_def *k)
{
    return model_field_index(k, "environment.id") >= 0;
}

const struct pane_ops tenant_pane_ops = {
    .kind = "tenants",
    .title = N_("Tenants"),
    .columns = tenant_columns,
    .ncolumns = ARRAY_SIZE(tenant_columns),
    .crumb = "name",
    .label = "subdomain",
    .label_with = "environment.name",
    .fits = names_environment,
    .keep = in_environment,
};
