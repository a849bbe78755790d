/* detail.c: one object's every field as pretty JSON in a textview, or why it failed. */
#include "config.h"

#include "tui/detail.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/json.h"
#include "core/util.h"

struct textview *detail_view_new(const char *title)
{
    struct textview *t = textview_new(title);
    textview_add(t, _("Loading..."), TH_DIM);
    return t;
}

/* Add cJSON_Print's output line by line: leading tabs become two spaces each and any other
 * tab (after a key's colon) one space. Tabs inside strings are escaped by cJSON, so every
 * raw tab is layout. */
static void detail_add_pretty(struct textview *t, const char *text)
{
    struct strbuf line = SB_INIT;
    const char *p = text;
    while (*p) {
        sb_reset(&line);
        bool lead = true;
        for (; *p && *p != '\n'; p++) {
            if (*p == '\t') {
                sb_adds(&line, lead ? "  " : " ");
            } else {
                lead = false;
                sb_addc(&line, *p);
            }
        }
        textview_add(t, sb_str(&line), TH_NORMAL);
        if (*p == '\n')
            p++;
    }
    sb_free(&line);
}

void detail_set_json(struct textview *t, const char *raw)
{
    textview_clear(t);
    if (!raw)
        raw = "";
    cJSON *root = json_parse(raw, strlen(raw));
    char *pretty = root ? cJSON_Print(root) : NULL;
    bool parsed = root != NULL;
    cJSON_Delete(root);
    if (!pretty) {
        /* cJSON_Print fails only when out of memory: then the raw text will do */
        if (!parsed)
            textview_add(t, _("The server's answer is not valid JSON; shown as received:"),
                         TH_ERROR);
        textview_add_text(t, raw, TH_NORMAL);
        return;
    }
    detail_add_pretty(t, pretty);
    cJSON_free(pretty);
}

void detail_set_error(struct textview *t, const struct tn_error *err)
{
    textview_clear(t);
    if (!err) {
        textview_add(t, _("The object could not be loaded."), TH_ERROR);
        return;
    }
    char *text = err_format(err); /* the message with status and code, then the hint */
    textview_add_text(t, text, TH_ERROR);
    free(text);
}
