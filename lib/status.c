#include "presscut.h"

const char *presscut_status_to_string(presscut_status_t status)
{
    static const char *const names[PRESSCUT_STATUS_LAST] = {
        [PRESSCUT_OK] = "no error",
        [PRESSCUT_NOMEM] = "out of memory",
        [PRESSCUT_IO] = "input/output error",
        [PRESSCUT_BAD_INPUT] = "input is not an article presscut can read",
        [PRESSCUT_EMPTY] = "nothing to search for",
        [PRESSCUT_NO_INDEX] = "no index there",
        [PRESSCUT_LOCKED] = "index is locked by another writer",
        [PRESSCUT_RETRY] = "index changed while reading it",
        [PRESSCUT_CORRUPT] = "index is damaged",
        [PRESSCUT_VERSION] = "index was written by an incompatible presscut",
        [PRESSCUT_BAD_QUERY] = "malformed query",
        [PRESSCUT_BAD_ARG] = "invalid argument",
        [PRESSCUT_NETWORK] = "remote index unreachable",
        [PRESSCUT_INTERNAL] = "internal error",
        [PRESSCUT_NOT_INDEX] = "not a presscut index",
        [PRESSCUT_WILDCARD] = "a wildcard matches too many words",
    };
    if ((unsigned)status >= PRESSCUT_STATUS_LAST)
        return "unknown status";
    return names[status];
}
