/* pane_env.c: the environments pane. Its first row, "All environments", selects none. */
#include "config.h"

#include "core/intl.h"
#include "tui/pane.h"

static const char *const env_columns[] = {"name", "region.name", "domain", "deploymentModel"};

const struct pane_ops env_pane_ops = {
    .kind = "environments",
    .title = N_("Environments"),
    .columns = env_columns,
    .ncolumns = ARRAY_SIZE(env_columns),
    .crumb = "name",
    .all = N_("All environments"),
};
