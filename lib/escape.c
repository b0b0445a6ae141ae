/* escape: text from articles, file names and queries made safe to print. */
#include "presscut.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* The longest any one byte of the input can become: "\xNN" or U+FFFD
 * (3 bytes) per byte, "\u00NN" per two-byte C1 control. */
#define MAX_GROWTH 4

char *presscut_escape(const char *s, size_t len, unsigned flags)
{
    if (len > (SIZE_MAX - 1) / MAX_GROWTH)
        return NULL;
    char *out = malloc(MAX_GROWTH * len + 1), *o = out;
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = pc_utf8_seqlen(p + i, len - i);
        if (n == 0 && (flags & PRESSCUT_ESCAPE_REPLACE)) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else if (n == 0) {
            o += sprintf(o, "\\x%02x", p[i++]);
        } else if ((flags & PRESSCUT_ESCAPE_CONTROLS) && (p[i] < 0x20 || p[i] == 0x7F)) {
            o += sprintf(o, "\\x%02x", p[i++]);
        } else if ((flags & PRESSCUT_ESCAPE_CONTROLS) && p[i] == 0xC2 && p[i + 1] < 0xA0) {
            o += sprintf(o, "\\u%04x", p[i + 1]);   /* C1: U+0080 .. U+009F */
            i += 2;
        } else if ((flags & PRESSCUT_ESCAPE_BACKSLASH) && p[i] == '\\') {
            memcpy(o, "\\\\", 2);
            o += 2;
            i++;
        } else {
            memcpy(o, p + i, n);
            o += n;
            i += n;
        }
    }
    *o = '\0';
    return out;
}
