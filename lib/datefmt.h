/* datefmt: article dates as found -> sortable ISO dates. */
#ifndef PRESSCUT_DATEFMT_H
#define PRESSCUT_DATEFMT_H

#include <stdbool.h>
#include <stddef.h>

/* Writes date's ISO form ("2025-03-22", or "2025-03" / "2025" when that is
 * all it says) into out; "" when date is not a date presscut reads: ISO
 * 8601 (time ignored), "22 March 2025", "March 22, 2025", RFC 2822. */
void pc_date_iso(const char *date, char *out, size_t cap);

/* Parses one end of a date range as typed in a query: YYYY, YYYY-MM or
 * YYYY-MM-DD.  On success writes the first (upper=false) or last
 * (upper=true) day it covers as "YYYY-MM-DD" into out[11]. */
bool pc_date_bound(const char *s, size_t len, bool upper, char out[11]);

#endif
