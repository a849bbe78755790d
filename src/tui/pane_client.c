/* pane_client.c: the clients pane: the clients of the tenant selected in the tenants pane. */
#include "config.h"

#include "core/intl.h"
#include "tui/pane.h"
#include "tui/tui.h"

static const char *const client_columns[] = {"name", "roles", "clientId"};

/* List the selected tenant's clients. */
static bool open_clients(struct pane *p, struct api_target *t, const char **why)
{
    struct pane *tenants = tui_pane(pane_app(p), "tenants");
    t->parent = tenants ? pane_selected_id(tenants) : NULL;
    if (!t->parent)
        *why = N_("Select a tenant to list its clients");
    return t->parent != NULL;
}

const struct pane_ops client_pane_ops = {
    .kind = "clients",
    .title = N_("Clients"),
    .columns = client_columns,
    .ncolumns = ARRAY_SIZE(client_columns),
    .crumb = "name",
    .open = open_clients,
};
