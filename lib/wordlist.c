#include "wordlist.h"

#include <string.h>

bool pc_wordlist_has(const char *const *list, size_t n, const char *s, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t m = strlen(list[mid]);
        int c = memcmp(s, list[mid], len < m ? len : m);
        if (c == 0)
            c = len < m ? -1 : len > m;
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}
