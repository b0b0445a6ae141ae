/* staging: a database made beside an index, then put in the index's place. */
#include "staging.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* The staging directory is presscut's own (its name says so): whatever is
 * in it is what a run left behind. */
static void remove_tree(const char *path)
{
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int sync_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    int fd = open(path, O_RDONLY | (flag == FTW_DP ? O_DIRECTORY : 0));
    int r = fd < 0 || fsync(fd) != 0 ? -1 : 0;
    if (fd >= 0)
        close(fd);
    return r;
}

static presscut_status_t io_error(char **msg, const char *what, const char *path)
{
    if (asprintf(msg, "%s '%s': %s", what, path, strerror(errno)) < 0)
        *msg = NULL;
    return PRESSCUT_IO;
}

presscut_status_t pc_staging_begin(pc_staging_t *s, const char *index, char **msg)
{
    *s = (pc_staging_t){ NULL, NULL };
    if (!(s->index = realpath(index, NULL)))
        return io_error(msg, "cannot resolve", index);
    char *d = strdup(s->index), *n = strdup(s->index);
    if (d && n && asprintf(&s->dir, "%s/.%s.presscut-build", dirname(d), basename(n)) < 0)
        s->dir = NULL;
    free(d);
    free(n);
    if (!s->dir) {
        pc_staging_end(s);
        return PRESSCUT_NOMEM;
    }
    remove_tree(s->dir);
    if (mkdir(s->dir, 0777) != 0) {
        presscut_status_t st = io_error(msg, "cannot create", s->dir);
        free(s->dir);
        s->dir = NULL;   /* not ours to remove */
        pc_staging_end(s);
        return st;
    }
    return PRESSCUT_OK;
}

presscut_status_t pc_staging_swap(pc_staging_t *s, const char *fresh, bool old_is_empty,
                                  char **msg)
{
    /* Compaction and the parts' writers may not sync: the new database
     * must be on disk before it is the index. */
    if (nftw(fresh, sync_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
        return io_error(msg, "cannot sync", fresh);
    if (renameat2(AT_FDCWD, fresh, AT_FDCWD, s->index, RENAME_EXCHANGE) != 0) {
        if ((errno != EINVAL && errno != ENOSYS) || !old_is_empty)
            return io_error(msg, "cannot exchange the new database with", s->index);
        /* Without the exchange, the index is missing between two renames:
         * fine for an empty database only. */
        char *old = NULL;
        if (asprintf(&old, "%s/empty", s->dir) < 0)
            return PRESSCUT_NOMEM;
        int ok = rename(s->index, old) == 0 && rename(fresh, s->index) == 0;
        free(old);
        if (!ok)
            return io_error(msg, "cannot move the new database to", s->index);
    }
    /* The parent's entry for the index now names the new database. */
    char *parent = strdup(s->index);
    if (!parent)
        return PRESSCUT_NOMEM;
    presscut_status_t st = PRESSCUT_OK;
    if (sync_one(dirname(parent), NULL, FTW_DP, NULL) != 0)
        st = io_error(msg, "cannot sync the directory of", s->index);
    free(parent);
    return st;
}

void pc_staging_end(pc_staging_t *s)
{
    if (s->dir)
        remove_tree(s->dir);
    free(s->dir);
    free(s->index);
    *s = (pc_staging_t){ NULL, NULL };
}

uint64_t pc_db_bytes(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    uint64_t n = 0;
    struct dirent *e;
    struct stat sb;
    while ((e = readdir(d)))
        if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode))
            n += (uint64_t)sb.st_size;
    closedir(d);
    return n;
}
