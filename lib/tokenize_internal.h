/* tokenize_internal: hooks for tests only, not for the library's callers. */
#ifndef PRESSCUT_TOKENIZE_INTERNAL_H
#define PRESSCUT_TOKENIZE_INTERNAL_H

#include <stdbool.h>

#include "tokenize.h"

/* With on set, every text goes through ICU as one piece, so tests can
 * check that the ASCII fast path and the piecewise split give the same
 * tokens as ICU alone. */
void pc_tokenizer_force_icu(pc_tokenizer_t *tk, bool on);

#endif
