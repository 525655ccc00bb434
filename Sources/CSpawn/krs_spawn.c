#define _GNU_SOURCE
#include "krs_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/// The child only runs system-call wrappers before execve, so a small stack suffices.
#define KRS_CHILD_STACK_SIZE (64 * 1024)

/// The kernel's sigset size; the raw call also covers the signals glibc reserves.
#define KRS_KERNEL_SIGSET_SIZE (_NSIG / 8)

struct krs_child_report {
    int error;
    int step;
};

/// The kernel's struct sigaction (x86_64 and arm64 layout), not glibc's.
struct krs_kernel_sigaction {
    __sighandler_t handler;
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};

struct krs_child_context {
    const struct krs_spawn_request *request;
    int report_fd;
};

static void krs_set_signal_mask(int how, const sigset_t *set, sigset_t *old) {
    syscall(SYS_rt_sigprocmask, how, set, old, KRS_KERNEL_SIGSET_SIZE);
}

static int krs_resource_number(krs_limit_resource resource) {
    switch (resource) {
    case KRS_LIMIT_CPU_SECONDS: return RLIMIT_CPU;
    case KRS_LIMIT_ADDRESS_SPACE: return RLIMIT_AS;
    case KRS_LIMIT_OPEN_FILES: return RLIMIT_NOFILE;
    case KRS_LIMIT_PROCESSES: return RLIMIT_NPROC;
    case KRS_LIMIT_FILE_SIZE: return RLIMIT_FSIZE;
    }
    return -1;
}

static int krs_close_descriptors_from(unsigned int first, unsigned int last) {
    if (first > last) {
        return 0;
    }
    if (syscall(SYS_close_range, first, last, 0) == 0) {
        return 0;
    }
    if (errno != ENOSYS) {
        return -1;
    }
    struct rlimit open_files;
    if (getrlimit(RLIMIT_NOFILE, &open_files) != 0) {
        return -1;
    }
    unsigned int end = open_files.rlim_cur < last ? (unsigned int)open_files.rlim_cur : last;
    for (unsigned int fd = first; fd <= end && fd != 0; fd++) {
        close((int)fd);
    }
    return 0;
}

/// Reports the failed step to the parent and exits; never returns.
static void krs_child_fail(int report_fd, krs_spawn_step step) {
    struct krs_child_report report = {errno, (int)step};
    while (write(report_fd, &report, sizeof report) < 0 && errno == EINTR) {
    }
    _exit(127);
}

/// Runs in the child, which shares the parent's memory until execve
/// (CLONE_VM|CLONE_VFORK): only async-signal-safe system-call wrappers here.
static int krs_child_main(void *argument) {
    const struct krs_child_context *context = argument;
    const struct krs_spawn_request *request = context->request;
    int report_fd = context->report_fd;

    // Dispositions first, while every signal is still blocked, so no parent
    // handler can ever run on the shared memory. The raw call also resets the
    // real-time signals glibc reserves, which it would refuse and which
    // execve keeps ignored if they were ignored.
    struct krs_kernel_sigaction default_action;
    memset(&default_action, 0, sizeof default_action);
    default_action.handler = SIG_DFL;
    for (int signal_number = 1; signal_number < _NSIG; signal_number++) {
        if (signal_number == SIGKILL || signal_number == SIGSTOP) {
            continue;
        }
        if (syscall(SYS_rt_sigaction, signal_number, &default_action, NULL, KRS_KERNEL_SIGSET_SIZE) != 0) {
            krs_child_fail(report_fd, KRS_SPAWN_STEP_SIGNALS);
        }
    }
    sigset_t empty;
    sigemptyset(&empty);
    krs_set_signal_mask(SIG_SETMASK, &empty, NULL);

    if (setsid() < 0) {
        krs_child_fail(report_fd, KRS_SPAWN_STEP_SESSION);
    }

    // "0" means the writer itself; joining before exec puts every descendant in the groups.
    for (size_t index = 0; index < request->control_group_count; index++) {
        ssize_t written;
        do {
            written = write(request->control_group_fds[index], "0", 1);
        } while (written < 0 && errno == EINTR);
        if (written != 1) {
            krs_child_fail(report_fd, KRS_SPAWN_STEP_CONTROL_GROUP);
        }
    }

    // Move sources out of 0-2 first so installing one cannot clobber another.
    int sources[3] = {request->stdin_fd, request->stdout_fd, request->stderr_fd};
    for (int index = 0; index < 3; index++) {
        if (sources[index] < 3) {
            sources[index] = fcntl(sources[index], F_DUPFD, 3);
            if (sources[index] < 0) {
                krs_child_fail(report_fd, KRS_SPAWN_STEP_STDIO);
            }
        }
    }
    for (int index = 0; index < 3; index++) {
        if (dup2(sources[index], index) < 0) {
            krs_child_fail(report_fd, KRS_SPAWN_STEP_STDIO);
        }
    }
    if (request->set_controlling_terminal && ioctl(STDIN_FILENO, TIOCSCTTY, 0) < 0) {
        krs_child_fail(report_fd, KRS_SPAWN_STEP_CONTROLLING_TERMINAL);
    }

    // Everything above 2 goes, except the report pipe (close-on-exec).
    if (krs_close_descriptors_from(3, (unsigned int)report_fd - 1) != 0
        || krs_close_descriptors_from((unsigned int)report_fd + 1, ~0U) != 0) {
        krs_child_fail(report_fd, KRS_SPAWN_STEP_CLOSE_DESCRIPTORS);
    }

    for (size_t index = 0; index < request->limit_count; index++) {
        const struct krs_resource_limit *limit = &request->limits[index];
        struct rlimit value = {limit->soft, limit->hard};
        if (setrlimit(krs_resource_number(limit->resource), &value) != 0) {
            krs_child_fail(report_fd, KRS_SPAWN_STEP_LIMITS);
        }
    }

    if (request->working_directory != NULL && chdir(request->working_directory) != 0) {
        krs_child_fail(report_fd, KRS_SPAWN_STEP_WORKING_DIRECTORY);
    }

    execve(request->path, request->argv, request->envp);
    krs_child_fail(report_fd, KRS_SPAWN_STEP_EXEC);
    return 127;
}

/// Keeps the report pipe above the standard descriptors the child installs.
static int krs_move_above_stdio(int fd) {
    if (fd >= 3) {
        return fd;
    }
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    int saved = errno;
    close(fd);
    errno = saved;
    return moved;
}

// ThreadSanitizer cannot follow a child that shares the parent's memory (its clone interceptor
// aborts in the child): under it, children are forked.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KRS_SPAWN_WITH_FORK_ONLY 1
#endif
#endif

static pid_t krs_start_child(struct krs_child_context *context) {
#ifndef KRS_SPAWN_WITH_FORK_ONLY
    void *stack = mmap(NULL, KRS_CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack != MAP_FAILED) {
        pid_t pid = clone(krs_child_main, (char *)stack + KRS_CHILD_STACK_SIZE,
                          CLONE_VM | CLONE_VFORK | SIGCHLD, context);
        int saved = errno;
        munmap(stack, KRS_CHILD_STACK_SIZE);
        if (pid >= 0) {
            return pid;
        }
        errno = saved;
    }
#endif
    // Sandboxes may refuse clone flags; fork is slower but equivalent here.
    pid_t pid = fork();
    if (pid == 0) {
        krs_child_main(context);
    }
    return pid;
}

int krs_spawn(const struct krs_spawn_request *request,
              pid_t *pid_out,
              int *errno_out,
              krs_spawn_step *failed_step_out) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        *errno_out = errno;
        *failed_step_out = KRS_SPAWN_STEP_CLONE;
        return -1;
    }
    report[0] = krs_move_above_stdio(report[0]);
    report[1] = krs_move_above_stdio(report[1]);
    if (report[0] < 0 || report[1] < 0) {
        *errno_out = errno;
        *failed_step_out = KRS_SPAWN_STEP_CLONE;
        if (report[0] >= 0) close(report[0]);
        if (report[1] >= 0) close(report[1]);
        return -1;
    }

    struct krs_child_context context = {request, report[1]};
    // Not sigfillset: glibc leaves its reserved signals out of that.
    sigset_t all, previous;
    memset(&all, 0xff, sizeof all);
    krs_set_signal_mask(SIG_BLOCK, &all, &previous);
    pid_t pid = krs_start_child(&context);
    int clone_error = errno;
    krs_set_signal_mask(SIG_SETMASK, &previous, NULL);
    close(report[1]);

    if (pid < 0) {
        close(report[0]);
        *errno_out = clone_error;
        *failed_step_out = KRS_SPAWN_STEP_CLONE;
        return -1;
    }

    // EOF means execve succeeded (close-on-exec); a record means a step failed.
    struct krs_child_report child_report;
    ssize_t received;
    do {
        received = read(report[0], &child_report, sizeof child_report);
    } while (received < 0 && errno == EINTR);
    close(report[0]);

    *pid_out = pid;
    if (received == (ssize_t)sizeof child_report) {
        *errno_out = child_report.error;
        *failed_step_out = (krs_spawn_step)child_report.step;
        return -1;
    }
    *errno_out = 0;
    *failed_step_out = KRS_SPAWN_STEP_NONE;
    return 0;
}
