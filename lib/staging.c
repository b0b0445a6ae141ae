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
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

static presscut_status_t io_error(char **msg, const char *what, const char *path)
{
    if (asprintf(msg, "%s '%s': %s", what, path, strerror(errno)) < 0)
        *msg = NULL;
    return PRESSCUT_IO;
}

/* A staging directory is marked as presscut's when it is made; whatever
 * is in a marked one is what a run left behind. */
#define STAGING_MARK "presscut-staging"

/* The mark goes last (see remove_tree()): the top directory's entry is
 * left for then. */
static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    if (ftw->level == 0 || (ftw->level == 1 && strcmp(path + ftw->base, STAGING_MARK) == 0))
        return 0;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Removes a staging directory and what it holds, its mark last: a run
 * killed on the way leaves a directory that is still marked.  Never
 * followed: links, other file systems mounted inside. */
static void remove_tree(const char *path)
{
    char *mark = NULL;
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
    if (asprintf(&mark, "%s/" STAGING_MARK, path) >= 0) {
        unlink(mark);
        free(mark);
    }
    rmdir(path);
}

static bool marked(const char *dir)
{
    struct stat sb;
    char *mark = NULL;
    if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
        asprintf(&mark, "%s/" STAGING_MARK, dir) < 0)
        return false;
    bool ours = lstat(mark, &sb) == 0 && S_ISREG(sb.st_mode);
    free(mark);
    return ours;
}

/* Removes what a killed run left at dir: a marked staging directory, or
 * the empty one of a run killed before it marked it.  Anything else by
 * that name (a folder of the user's) is left alone and refused. */
static presscut_status_t clear_stale(const char *dir, char **msg)
{
    if (rmdir(dir) == 0 || errno == ENOENT)
        return PRESSCUT_OK;
    if (!marked(dir)) {
        if (asprintf(msg, "'%s' is in the way of the staging directory and is not "
                     "presscut's: move it away", dir) < 0)
            *msg = NULL;
        return PRESSCUT_IO;
    }
    remove_tree(dir);
    return PRESSCUT_OK;
}

static presscut_status_t make_marked(const char *dir, char **msg)
{
    char *mark = NULL;
    if (mkdir(dir, 0777) != 0)
        return io_error(msg, "cannot create", dir);
    if (asprintf(&mark, "%s/" STAGING_MARK, dir) < 0) {
        rmdir(dir);
        return PRESSCUT_NOMEM;
    }
    int fd = open(mark, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    presscut_status_t st = fd < 0 ? io_error(msg, "cannot create", mark) : PRESSCUT_OK;
    if (fd >= 0)
        close(fd);
    free(mark);
    if (st != PRESSCUT_OK)
        rmdir(dir);
    return st;
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
    presscut_status_t st = clear_stale(s->dir, msg);
    if (st == PRESSCUT_OK)
        st = make_marked(s->dir, msg);
    if (st != PRESSCUT_OK) {
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
