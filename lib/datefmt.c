#include "datefmt.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* Reads YYYY[-MM[-DD]] at s; returns how many of the three parts it found
 * (0 for none), which must be followed by end, 'T' or white space. */
static int parse_iso(const char *s, size_t len, int *y, int *m, int *d)
{
    if (len < 4 || (*y = digits(s, 4)) < 0)
        return 0;
    int parts = 1;
    size_t i = 4;
    if (len >= 7 && s[4] == '-' && (*m = digits(s + 5, 2)) >= 1 && *m <= 12) {
        parts = 2;
        i = 7;
        if (len >= 10 && s[7] == '-' && (*d = digits(s + 8, 2)) >= 1 &&
            *d <= days_in_month(*y, *m)) {
            parts = 3;
            i = 10;
        }
    }
    if (i < len && s[i] != 'T' && s[i] != ' ' && s[i] != '\t')
        return 0;
    return parts;
}

void pc_date_iso(const char *date, char *out, size_t cap)
{
    static const char *const formats[] = {
        "%d %B %Y", "%B %d, %Y", "%B %d %Y", "%a, %d %b %Y", "%d %b %Y", "%b %d, %Y",
    };
    int y, m, d;
    out[0] = '\0';
    if (!date || cap < 11)
        return;
    while (isspace((unsigned char)*date))
        date++;
    switch (parse_iso(date, strlen(date), &y, &m, &d)) {
    case 3: snprintf(out, cap, "%04d-%02d-%02d", y, m, d); return;
    case 2: snprintf(out, cap, "%04d-%02d", y, m); return;
    case 1: snprintf(out, cap, "%04d", y); return;
    default: break;
    }
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        const char *end = strptime(date, formats[i], &tm);
        if (end && (*end == '\0' || isspace((unsigned char)*end))) {
            snprintf(out, cap, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
            return;
        }
    }
}

bool pc_date_bound(const char *s, size_t len, bool upper, char out[11])
{
    int y, m = upper ? 12 : 1, d = 1;
    int parts = parse_iso(s, len, &y, &m, &d);
    size_t want = parts == 1 ? 4 : parts == 2 ? 7 : 10;
    if (parts == 0 || len != want)
        return false;
    if (parts < 3)
        d = upper ? days_in_month(y, m) : 1;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return true;
}
