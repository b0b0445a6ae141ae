/* message: the message of a handle's last failure. */
#ifndef PRESSCUT_MESSAGE_H
#define PRESSCUT_MESSAGE_H

#include <stdarg.h>

/* Replaces the message in *slot (caller frees it with free()) by the
 * formatted one; *slot becomes NULL when there is no memory for it. */
void pc_message_set(char **slot, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pc_message_vset(char **slot, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
