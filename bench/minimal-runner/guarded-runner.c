/*
 * minimal-runner plus the guarantees kernel-runner keeps around every `exec`, in plain C, to
 * show what they cost on their own (bench/README.md, rows 3 and 3b): the program gets a new
 * session, a terminal as stdin (the slave reopened for each run) and pipes as stdout and stderr;
 * a second thread, handed each run, waits on its pidfd and pipes, reads both to EOF, kills what
 * is left of its process group and reaps it, then wakes the main thread. Not kept: control
 * groups, input detection, limits, sandboxing, output frames (the output is read and dropped).
 *
 * Usage: guarded-runner READY-FILE   (writes {"input": ..., "output": ...} once bound)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reference-runner.h"

extern char **environ;

/* One run handed from the main thread to the I/O thread. */
struct run {
    pid_t pid;
    int pidfd, output, error, terminal;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t handed = PTHREAD_COND_INITIALIZER;
static struct run pending;
static int has_pending;
static int finished_event;
static int exit_code;
/* The terminal whose slave each run gets as stdin. */
static int terminal_master;

/* Reads what `fd` holds; returns 0 once it reached EOF. */
static int drain(int fd) {
    char buffer[65536];
    ssize_t count;
    while ((count = read(fd, buffer, sizeof buffer)) > 0) {
    }
    return count < 0;
}

static void follow(struct run run) {
    int exited = 0, output_open = 1, error_open = 1;
    while (!exited || output_open || error_open) {
        struct pollfd fds[3] = {
            {exited ? -1 : run.pidfd, POLLIN, 0},
            {output_open ? run.output : -1, POLLIN, 0},
            {error_open ? run.error : -1, POLLIN, 0},
        };
        if (poll(fds, 3, -1) < 0) {
            continue;
        }
        if (fds[0].revents) {
            /* The zombie still holds the group's id: nothing else can have taken it. */
            kill(-run.pid, SIGKILL);
            siginfo_t info = {0};
            waitid(P_PIDFD, run.pidfd, &info, WEXITED);
            exit_code = info.si_code == CLD_EXITED ? info.si_status : 128 + info.si_status;
            close(run.pidfd);
            close(run.terminal);
            exited = 1;
        }
        if (fds[1].revents) {
            output_open = drain(run.output);
        }
        if (fds[2].revents) {
            error_open = drain(run.error);
        }
    }
    close(run.output);
    close(run.error);
    uint64_t one = 1;
    (void)!write(finished_event, &one, sizeof one);
}

static void *io_thread(void *unused) {
    (void)unused;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (!has_pending) {
            pthread_cond_wait(&handed, &lock);
        }
        struct run run = pending;
        has_pending = 0;
        pthread_mutex_unlock(&lock);
        follow(run);
    }
    return NULL;
}

/* Starts `program` in a new session with the terminal and pipes; returns its exit code. */
static int run_program(char *program) {
    int output[2], error[2];
    if (pipe2(output, O_CLOEXEC) != 0 || pipe2(error, O_CLOEXEC) != 0) {
        return 127;
    }
    fcntl(output[0], F_SETFL, O_NONBLOCK);
    fcntl(error[0], F_SETFL, O_NONBLOCK);
    int terminal = ioctl(terminal_master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, terminal, 0);
    posix_spawn_file_actions_adddup2(&actions, output[1], 1);
    posix_spawn_file_actions_adddup2(&actions, error[1], 2);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
    char *arguments[] = {program, NULL};
    pid_t pid;
    int spawned = posix_spawnp(&pid, program, &actions, &attributes, arguments, environ) == 0;
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(output[1]);
    close(error[1]);
    if (!spawned) {
        close(output[0]);
        close(error[0]);
        close(terminal);
        return 127;
    }
    pthread_mutex_lock(&lock);
    pending = (struct run){pid, (int)syscall(SYS_pidfd_open, pid, 0), output[0], error[0], terminal};
    has_pending = 1;
    pthread_cond_signal(&handed);
    pthread_mutex_unlock(&lock);
    uint64_t count;
    while (read(finished_event, &count, sizeof count) < 0) {
    }
    return exit_code;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: guarded-runner READY-FILE\n");
        return 2;
    }
    terminal_master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    finished_event = eventfd(0, EFD_CLOEXEC);
    pthread_t thread;
    if (terminal_master < 0 || grantpt(terminal_master) != 0 || unlockpt(terminal_master) != 0 || finished_event < 0
        || pthread_create(&thread, NULL, io_thread, NULL) != 0) {
        perror("guarded-runner: setup");
        return 1;
    }
    return serve("guarded-runner", argv[1], run_program);
}
