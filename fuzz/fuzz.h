/* fuzz: what every libFuzzer harness of fuzz/ shares.
 *
 * A harness checks invariants as well as surviving: CHECK() prints the
 * broken one and abort()s, which libFuzzer reports as a crash and saves
 * the input that did it. */
#ifndef PRESSCUT_FUZZ_H
#define PRESSCUT_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "%s:%d: invariant broken: %s: ", __FILE__, __LINE__, \
                    #cond);                                                     \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
            abort();                                                            \
        }                                                                       \
    } while (0)

/* Also what libFuzzer declares; prototypes for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static inline bool fuzz_utf8(const char *s, size_t len)
{
    return pc_utf8_valid(s, len, NULL);
}

/* A NUL-terminated, valid UTF-8 string (what every string out promises). */
static inline bool fuzz_str(const char *s)
{
    return s && fuzz_utf8(s, strlen(s));
}

/* A copy of data as a NUL-terminated string; caller frees with free(). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Does [a, b) start and end on character boundaries of the valid UTF-8
 * text s[0..len)? */
static inline bool fuzz_on_chars(const char *s, size_t len, size_t a, size_t b)
{
    return a <= b && b <= len && (a == len || ((unsigned char)s[a] & 0xC0) != 0x80) &&
           (b == len || ((unsigned char)s[b] & 0xC0) != 0x80);
}

static inline size_t fuzz_chars(const char *s, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

#endif
