/*
 * The least a runner can do for `exec`: one thread owns a PULL and a PUSH socket on loopback,
 * answers `status`, and runs each `exec` payload as a program name (posix_spawnp, no shell, no
 * pipes, no terminal, no control group), waits for it and sends `finished` with its exit code.
 * The benchmark measures it beside ours (bench/README.md, rows 3 and 3b): what is left above it
 * is what ours does besides.
 *
 * Usage: minimal-runner READY-FILE   (writes {"input": ..., "output": ...} once bound)
 */
#include <spawn.h>
#include <sys/wait.h>

#include "reference-runner.h"

extern char **environ;

static int run(char *program) {
    char *arguments[] = {program, NULL};
    pid_t pid;
    int status = 0;
    if (posix_spawnp(&pid, program, NULL, NULL, arguments, environ) != 0 || waitpid(pid, &status, 0) != pid) {
        return 127;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: minimal-runner READY-FILE\n");
        return 2;
    }
    return serve("minimal-runner", argv[1], run);
}
