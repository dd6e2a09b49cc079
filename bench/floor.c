/* The floor under `export-ics --invitations`: writing COUNT files of SIZE bytes into FOLDER
 * the way convene does (a temporary name created with O_EXCL, one write, close, rename over
 * the final name), or with "plain" as a fourth argument straight to the final name (open with
 * O_TRUNC, write, close), as a script would. Nothing else: no calendar, no database.
 *
 *   cc -O2 -o floor bench/floor.c && ./floor 10000 1500 out [plain]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: floor COUNT SIZE FOLDER [plain]\n");
        return 2;
    }
    const long count = atol(argv[1]);
    const size_t size = (size_t)atol(argv[2]);
    const char* folder = argv[3];
    const int plain = argc > 4 && strcmp(argv[4], "plain") == 0;
    char* data = malloc(size);
    memset(data, 'x', size);
    mkdir(folder, 0777);
    char name[4096], temporary[4096];
    for (long i = 0; i < count; ++i) {
        snprintf(name, sizeof name, "%s/person.%ld-0123abcd.ics", folder, i);
        snprintf(temporary, sizeof temporary, "%s/.person.%ld-0123abcd.ics.%d-%ld.tmp", folder,
                 i, (int)getpid(), i);
        const char* path = plain ? name : temporary;
        const int flags = plain ? O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
                                : O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;
        const int fd = open(path, flags, 0666);
        if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) != 0) {
            perror(path);
            return 1;
        }
        if (!plain && rename(temporary, name) != 0) {
            perror(name);
            return 1;
        }
    }
    free(data);
    return 0;
}
