#include "count.h"

#include "message.h"
#include "schema.h"

presscut_status_t pc_count_matches(xc_rdb_t *db, const xc_query_t *q, unsigned check,
                                   bool boolean, presscut_totals_t *out, char **msg)
{
    xc_enquire_t *enq = xc_enquire_new(db);
    xc_mset_t *passages = NULL, *articles = NULL;
    presscut_status_t st = enq ? xc_enquire_set_query(enq, q) : PRESSCUT_NOMEM;
    if (st == PRESSCUT_OK && boolean)
        st = xc_enquire_set_boolean(enq);
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, 0, check, &passages);
    /* A collapse counts only what its MSet could hold. */
    if (st == PRESSCUT_OK)
        st = xc_enquire_set_collapse(enq, PC_SLOT_ARTICLE, 1);
    if (st == PRESSCUT_OK)
        st = xc_enquire_mset(enq, 0, check, check, &articles);
    if (st == PRESSCUT_OK) {
        xc_mset_counts(passages, &out->passages);
        xc_mset_counts(articles, &out->articles);
    } else if (st != PRESSCUT_NOMEM) {
        pc_message_set(msg, "%s", xc_enquire_error(enq));
    }
    xc_mset_destroy(passages);
    xc_mset_destroy(articles);
    xc_enquire_destroy(enq);
    return st;
}
