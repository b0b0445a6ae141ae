/* buf: a growing response body, and the one HTML escaping. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static bool reserve(sbuf_t *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void sb_put(sbuf_t *b, const char *s, size_t len)
{
    if (!reserve(b, len))
        return;
    memcpy(b->p + b->len, s, len);
    b->len += len;
    b->p[b->len] = '\0';
}

void sb_puts(sbuf_t *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

void sb_printf(sbuf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

#define REPLACEMENT "\xEF\xBF\xBD"

void sb_html(sbuf_t *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t n = pc_utf8_seqlen(p + i, len - i);
        const char *ref = NULL;
        switch (n == 1 ? p[i] : 0) {
        case '&': ref = "&amp;"; break;
        case '<': ref = "&lt;"; break;
        case '>': ref = "&gt;"; break;
        case '"': ref = "&quot;"; break;
        case '\'': ref = "&#39;"; break;
        }
        bool control = n == 1 && ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
                                   p[i] != '\r') || p[i] == 0x7F);
        bool c1 = n == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0;
        if (ref)
            sb_puts(b, ref);
        else if (n == 0 || control || c1)
            sb_puts(b, REPLACEMENT);
        else
            sb_put(b, s + i, n);
        i += n ? n : 1;
    }
}

void sb_html_str(sbuf_t *b, const char *s)
{
    sb_html(b, s, strlen(s));
}

void sb_html_cut(sbuf_t *b, const char *s, size_t max)
{
    size_t len = strlen(s);
    if (len <= max) {
        sb_html(b, s, len);
        return;
    }
    /* Back to the first byte of the character the limit falls in. */
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    sb_html(b, s, max);
    sb_puts(b, "…");
}

void sb_url(sbuf_t *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            sb_put(b, (const char *)p, 1);
        } else {
            char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
            sb_put(b, e, 3);
        }
    }
}
