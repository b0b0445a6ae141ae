#include "querydesc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

char *describe_strict(pc_tokenizer_t *tk, xc_stem_t *stem, const pc_synonyms_t *syn,
                      const char *text, pc_query_t *q)
{
    char *msg = NULL;
    presscut_status_t st = pc_query_parse(tk, stem, syn, text, q, &msg);
    if (st != PRESSCUT_OK)
        fail_msg("parsing '%s': %s (%s)", text, presscut_status_to_string(st), msg ? msg : "");
    char *d = xc_query_describe(q->strict);
    assert_non_null(d);
    return d;
}

void assert_has(const char *desc, const char *part)
{
    if (!strstr(desc, part))
        fail_msg("'%s' not in %s", part, desc ? desc : "(none)");
}

void assert_lacks(const char *desc, const char *part)
{
    if (strstr(desc, part))
        fail_msg("'%s' unexpectedly in %s", part, desc ? desc : "(none)");
}
