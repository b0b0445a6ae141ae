/* The versions a user asks for with --version. */
#include "presscut.h"
#include "schema.h"

/* PC_VERSION comes from the file VERSION, by the Makefile. */
const char *presscut_version(void)
{
    return PC_VERSION;
}

const char *presscut_schema_version(void)
{
    return PC_SCHEMA_VERSION;
}
