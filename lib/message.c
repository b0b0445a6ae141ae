#include "message.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void pc_message_vset(char **slot, const char *fmt, va_list ap)
{
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    free(*slot);
    *slot = msg;
}

void pc_message_set(char **slot, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pc_message_vset(slot, fmt, ap);
    va_end(ap);
}
