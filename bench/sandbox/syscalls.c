// The syscall-heavy program of bench/sandbox: N calls of one kind, timed by the program itself.
//   syscalls getppid N    N getppid() (allowed outright by the filter)
//   syscalls open N       N open()+close() of /etc/hostname
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: syscalls getppid|open COUNT\n");
        return 2;
    }
    long count = atol(argv[2]);
    int opens = strcmp(argv[1], "open") == 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < count; i++) {
        if (opens) {
            int fd = open("/etc/hostname", O_RDONLY);
            if (fd < 0) { perror("open"); return 1; }
            close(fd);
        } else {
            // The raw syscall: glibc does not cache getppid, but be explicit.
            syscall(SYS_getppid);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%.6f\n", seconds);
    return 0;
}
