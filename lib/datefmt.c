#include "datefmt.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* UTC+14 (Kiribati) is the widest zone offset in use. */
#define MAX_ZONE_HOURS 14

/* A date as read: month and day 0 when not given, hour -1 when no time. */
typedef struct when {
    int y, m, d;
    int hh, mi, ss;
    bool zoned;              /* zone known: minutes east of UTC in zone */
    int zone;
} when_t;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* A number of min..max digits at *p (not followed by another digit):
 * its value, *p moved past it; -1 (and *p unmoved) when there is none. */
static int number(const char **p, int min, int max)
{
    const char *s = *p;
    int v = 0, n = 0;
    while (n < max && is_digit(s[n]))
        v = v * 10 + (s[n++] - '0');
    if (n < min || is_digit(s[n]))
        return -1;
    *p = s + n;
    return v;
}

static const char *skip_spaces(const char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

static int days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* The word at *p if it is one of names (whole, or its first three
 * letters, any case; "Sept" too): its index + 1, *p moved past it (and a
 * '.' after an abbreviation); 0 otherwise. */
static int name_of(const char **p, const char *const *names, int n)
{
    const char *s = *p;
    size_t len = 0;
    while (is_alpha(s[len]))
        len++;
    for (int i = 0; i < n; i++) {
        bool whole = len == strlen(names[i]) && strncasecmp(s, names[i], len) == 0;
        bool abbr = (len == 3 || (len == 4 && i == 8)) && strncasecmp(s, names[i], len) == 0;
        if (whole || abbr) {
            *p = s + len + (abbr && s[len] == '.');
            return i + 1;
        }
    }
    return 0;
}

static int month_name(const char **p)
{
    static const char *const months[] = {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    };
    return name_of(p, months, 12);
}

/* "Thu, " or "Thursday " before a date, skipped. */
static const char *skip_weekday(const char *s)
{
    static const char *const days[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    };
    const char *p = s;
    if (!name_of(&p, days, 7) || (*p != ',' && !is_space(*p)))
        return s;
    return skip_spaces(p + (*p == ','));
}

/* YYYY[-MM[-DD]] at s: where it ends, NULL when s does not start so. */
static const char *iso_ymd(const char *s, when_t *w)
{
    const char *p = s;
    if ((w->y = number(&p, 4, 4)) < 0)
        return NULL;
    const char *q = p + 1;
    if (*p != '-' || (w->m = number(&q, 2, 2)) < 1 || w->m > 12) {
        w->m = 0;
        return p;
    }
    p = q++;
    if (*p != '-' || (w->d = number(&q, 2, 2)) < 1) {
        w->d = 0;
        return p;
    }
    return q;
}

/* "7 March 2024", "07 Mar 2024" (RFC 2822), "26-FEB-1987" (Reuters). */
static const char *day_month_year(const char *s, when_t *w)
{
    const char *p = s;
    if ((w->d = number(&p, 1, 2)) < 1)
        return NULL;
    bool dashed = *p == '-';
    const char *q = dashed ? p + 1 : skip_spaces(p);
    if ((!dashed && q == p) || !(w->m = month_name(&q)))
        return NULL;
    if (dashed && *q++ != '-')
        return NULL;
    if (!dashed)
        q = skip_spaces(q + (*q == ','));
    return (w->y = number(&q, 4, 4)) < 0 ? NULL : q;
}

/* "March 7, 2024", "Mar 7 2024". */
static const char *month_day_year(const char *s, when_t *w)
{
    const char *p = s;
    if (!(w->m = month_name(&p)))
        return NULL;
    const char *q = skip_spaces(p);
    if (q == p || (w->d = number(&q, 1, 2)) < 1)
        return NULL;
    q = skip_spaces(q + (*q == ','));
    return (w->y = number(&q, 4, 4)) < 0 ? NULL : q;
}

/* "07/03/2024" and "7.3.2024": dotted dates are always day first;
 * slashed ones whichever way is a date, AMBIGUOUS when both are. */
static const char *numeric_dmy(const char *s, when_t *w, pc_date_kind_t *kind)
{
    const char *p = s;
    int a = number(&p, 1, 2);
    char sep = *p;
    if (a < 0 || (sep != '/' && sep != '.'))
        return NULL;
    p++;
    int b = number(&p, 1, 2);
    if (b < 0 || *p++ != sep || (w->y = number(&p, 4, 4)) < 0)
        return NULL;
    bool dm = a >= 1 && b >= 1 && b <= 12, md = sep == '/' && b >= 1 && a >= 1 && a <= 12;
    if (!dm && !md)
        return NULL;
    if (dm && md && a != b) {
        *kind = PC_DATE_AMBIGUOUS;
        return NULL;
    }
    w->d = dm ? a : b;
    w->m = dm ? b : a;
    return p;
}

/* RFC 2822's zone names besides numeric ones; "-0000" and unknown names
 * say the zone is not known. */
static const char *zone(const char *s, when_t *w)
{
    static const struct { const char *name; int hours; } names[] = {
        { "Z", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "UT", 0 },
        { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
        { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
    };
    const char *p = s;
    if (*p == '+' || *p == '-') {
        p++;
        if (!is_digit(p[0]) || !is_digit(p[1]))
            return s;
        int h = (p[0] - '0') * 10 + (p[1] - '0'), m = 0;
        p += 2;
        p += *p == ':';
        if (is_digit(*p) && (m = number(&p, 2, 2)) < 0)
            return s;
        if (h > MAX_ZONE_HOURS || m > 59)
            return s;
        w->zone = (*s == '-' ? -1 : 1) * (h * 60 + m);
        w->zoned = !(*s == '-' && w->zone == 0);
        return p;
    }
    size_t len = 0;
    while (is_alpha(p[len]))
        len++;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (len == strlen(names[i].name) && strncmp(p, names[i].name, len) == 0) {
            w->zoned = true;
            w->zone = names[i].hours * 60;
            return p + len;
        }
    return s;
}

/* HH:MM[:SS[.frac]] [zone] at s, after a date; NULL when there is no
 * time there. */
static const char *time_of_day(const char *s, when_t *w)
{
    const char *p = s;
    int hh = number(&p, 1, 2), mi, ss = 0;
    if (hh < 0 || hh > 23 || *p++ != ':' || (mi = number(&p, 2, 2)) < 0 || mi > 59)
        return NULL;
    if (*p == ':') {
        p++;
        if ((ss = number(&p, 2, 2)) < 0 || ss > 60)
            return NULL;
        if ((*p == '.' || *p == ',') && is_digit(p[1]))
            for (p++; is_digit(*p); p++)
                ;
    }
    w->hh = hh;
    w->mi = mi;
    w->ss = ss;
    const char *z = skip_spaces(p);
    const char *after = zone(z, w);
    return after == z ? p : after;
}

static bool ends(const char *p)
{
    return *p == '\0' || is_space(*p);
}

/* Reads date (and time) into w. */
static pc_date_kind_t read_date(const char *date, when_t *w)
{
    *w = (when_t){ .hh = -1 };
    pc_date_kind_t kind = PC_DATE_NONE;
    const char *s = skip_weekday(skip_spaces(date)), *p;
    if (!(p = iso_ymd(s, w)) || (!ends(p) && *p != 'T')) {
        *w = (when_t){ .hh = -1 };
        if (!(p = day_month_year(s, w)) && !(p = month_day_year(s, w)) &&
            !(p = numeric_dmy(s, w, &kind)))
            return kind;
    }
    if (w->d > (w->m ? days_in_month(w->y, w->m) : 0))
        return PC_DATE_NONE;
    if (w->d && (*p == 'T' || is_space(*p))) {
        const char *t = time_of_day(p[0] == 'T' ? p + 1 : skip_spaces(p), w);
        if (t)
            p = t;
    }
    return ends(p) ? PC_DATE_OK : PC_DATE_NONE;
}

pc_date_kind_t pc_date_iso(const char *date, char *out, size_t cap)
{
    when_t w;
    if (cap < PC_DATE_ISO_MAX)
        return cap ? (out[0] = '\0', PC_DATE_NONE) : PC_DATE_NONE;
    out[0] = '\0';
    pc_date_kind_t kind = date ? read_date(date, &w) : PC_DATE_NONE;
    if (kind != PC_DATE_OK)
        return kind;
    int n = snprintf(out, cap, "%04d", w.y);
    if (w.m)
        n += snprintf(out + n, cap - n, "-%02d", w.m);
    if (w.d)
        n += snprintf(out + n, cap - n, "-%02d", w.d);
    if (w.hh >= 0)
        n += snprintf(out + n, cap - n, "T%02d:%02d:%02d", w.hh, w.mi, w.ss);
    if (w.hh >= 0 && w.zoned && w.zone == 0)
        snprintf(out + n, cap - n, "Z");
    else if (w.hh >= 0 && w.zoned)
        snprintf(out + n, cap - n, "%c%02d:%02d", w.zone < 0 ? '-' : '+',
                 (w.zone < 0 ? -w.zone : w.zone) / 60, (w.zone < 0 ? -w.zone : w.zone) % 60);
    return PC_DATE_OK;
}

bool pc_date_bound(const char *s, size_t len, bool upper, char out[11])
{
    when_t w = { 0 };
    char buf[11];
    if (len < 4 || len > 10)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    const char *end = iso_ymd(buf, &w);
    if (!end || (size_t)(end - buf) != len || (w.d && w.d > days_in_month(w.y, w.m)))
        return false;
    int m = w.m ? w.m : upper ? 12 : 1;
    int d = w.d ? w.d : upper ? days_in_month(w.y, m) : 1;
    snprintf(out, 11, "%04d-%02d-%02d", w.y, m, d);
    return true;
}
