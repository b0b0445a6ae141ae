/* datefmt: article dates as found -> ISO 8601, and query date bounds. */
#ifndef PRESSCUT_DATEFMT_H
#define PRESSCUT_DATEFMT_H

#include <stdbool.h>
#include <stddef.h>

/* Room for the longest ISO form written: "2024-03-07T10:00:00+01:00". */
#define PC_DATE_ISO_MAX 26

typedef enum pc_date_kind {
    PC_DATE_OK,              /* out holds the date */
    PC_DATE_NONE,            /* not a date presscut reads (or none) */
    PC_DATE_AMBIGUOUS        /* a slashed date both day/month and month/day */
} pc_date_kind_t;

/* Writes date's ISO 8601 form into out[cap] ("" unless OK): the date
 * ("2024-03-07"; "2024-03" or "2024" when that is all it says), then the
 * time to the second when given ("T15:01:01", fractions dropped), then
 * the zone when given ("Z" for UTC, else "+01:00").  Reads ISO 8601 (with
 * or without time and zone), RFC 2822 ("Thu, 07 Mar 2024 10:00:00
 * +0000"), "7 March 2024", "March 7, 2024", Reuters' "26-FEB-1987
 * 15:01:01.79", and slashed dates "07/03/2024" when only one reading is a
 * date (day first, as in most of the world, or month first when the day
 * comes second: "12/25/2024"); both "3/7/2024" readings being dates, it
 * is AMBIGUOUS.  Month names are English, in any case.  What follows the
 * date (and time and zone) after white space is ignored. */
pc_date_kind_t pc_date_iso(const char *date, char *out, size_t cap);

/* Parses one end of a date range as typed in a query: YYYY, YYYY-MM or
 * YYYY-MM-DD.  On success writes the first (upper=false) or last
 * (upper=true) day it covers as "YYYY-MM-DD" into out[11]. */
bool pc_date_bound(const char *s, size_t len, bool upper, char out[11]);

#endif
