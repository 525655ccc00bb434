#define _GNU_SOURCE
#include "krs_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/// The child only runs system-call wrappers before execve, so a small stack suffices.
#define KRS_CHILD_STACK_SIZE (64 * 1024)

/// The kernel's sigset size; the raw call also covers the signals glibc reserves.
#define KRS_KERNEL_SIGSET_SIZE (_NSIG / 8)

/// Code that runs in the child before execve. Under ThreadSanitizer the child is a copy of the
/// process made behind the runtime's back (a raw clone), so its accesses are not instrumented.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KRS_CHILD_CODE __attribute__((no_sanitize("thread")))
#endif
#endif
#ifndef KRS_CHILD_CODE
#define KRS_CHILD_CODE
#endif

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
    /// A child that shares the parent's memory writes its failure into `report`; a copy of the
    /// parent writes it into this pipe (-1 until a copy is made).
    int report_fd;
    int report_read_fd;
    struct krs_child_report report;
    /// The child was created in the request's birth group.
    int is_born_in_group;
    /// The kernel reset every handled signal at the clone (CLONE_CLEAR_SIGHAND): the child
    /// only has the ignored ones (`ignored_signals`, bit n-1 for signal n) to reset.
    int are_handlers_cleared;
    uint64_t ignored_signals;
};

/// The signals the daemon ignores, looked up at the first spawn (and again after
/// krs_spawn_signal_dispositions_changed). Spawns are serialised.
static uint64_t krs_ignored_signals = 0;
static int krs_are_ignored_signals_known = 0;

void krs_spawn_signal_dispositions_changed(void) {
    krs_are_ignored_signals_known = 0;
}

static uint64_t krs_current_ignored_signals(void) {
    if (!krs_are_ignored_signals_known) {
        krs_ignored_signals = 0;
        for (int signal_number = 1; signal_number < _NSIG && signal_number <= 64; signal_number++) {
            struct krs_kernel_sigaction current;
            if (syscall(SYS_rt_sigaction, signal_number, NULL, &current, KRS_KERNEL_SIGSET_SIZE) == 0
                && current.handler == SIG_IGN) {
                krs_ignored_signals |= UINT64_C(1) << (signal_number - 1);
            }
        }
        krs_are_ignored_signals_known = 1;
    }
    return krs_ignored_signals;
}

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

KRS_CHILD_CODE static int krs_close_descriptors_from(unsigned int first, unsigned int last) {
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
    if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &open_files) != 0) {
        return -1;
    }
    unsigned int end = open_files.rlim_cur < last ? (unsigned int)open_files.rlim_cur : last;
    for (unsigned int fd = first; fd <= end && fd != 0; fd++) {
        syscall(SYS_close, fd);
    }
    return 0;
}

/// Reports the failed step to the parent and exits; never returns. Once the seccomp filter is
/// installed, `cookie` gets these calls through it (0 before).
KRS_CHILD_CODE static void krs_child_fail_with_cookie(struct krs_child_context *context, krs_spawn_step step,
                                                      unsigned long long cookie) {
    struct krs_child_report report = {errno, (int)step};
    if (context->report_fd < 0) {
        // The parent reads it once the child is gone (CLONE_VFORK).
        context->report = report;
    }
    while (context->report_fd >= 0 &&
           syscall(SYS_write, context->report_fd, &report, sizeof report, 0, 0, cookie) < 0 && errno == EINTR) {
    }
    syscall(SYS_exit_group, 127, 0, 0, 0, 0, cookie);
    __builtin_unreachable();
}

KRS_CHILD_CODE static void krs_child_fail(struct krs_child_context *context, krs_spawn_step step) {
    krs_child_fail_with_cookie(context, step, 0);
}

/// Closes every descriptor above 2 except the `keep` ones (ascending, -1 entries ignored).
KRS_CHILD_CODE static int krs_close_descriptors_except(const int *keep, size_t count) {
    unsigned int next = 3;
    for (size_t index = 0; index < count; index++) {
        if (keep[index] < (int)next) {
            continue;
        }
        if (krs_close_descriptors_from(next, (unsigned int)keep[index] - 1) != 0) {
            return -1;
        }
        next = (unsigned int)keep[index] + 1;
    }
    return krs_close_descriptors_from(next, ~0U);
}

/// One byte of data and room for one descriptor: what the spawn's descriptor channel carries.
struct krs_descriptor_message {
    char byte;
    struct iovec data;
    struct msghdr header;
    union {
        char buffer[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
};

static void krs_descriptor_message_init(struct krs_descriptor_message *message) {
    memset(message, 0, sizeof *message);
    message->data.iov_base = &message->byte;
    message->data.iov_len = 1;
    message->header.msg_iov = &message->data;
    message->header.msg_iovlen = 1;
    message->header.msg_control = message->control.buffer;
    message->header.msg_controllen = sizeof message->control.buffer;
}

/// Sends `fd` over the Unix socket `socket_fd` (SCM_RIGHTS), through the filter by `cookie`.
KRS_CHILD_CODE static int krs_send_descriptor(int socket_fd, int fd, unsigned long long cookie) {
    struct krs_descriptor_message message;
    krs_descriptor_message_init(&message);
    struct cmsghdr *header = CMSG_FIRSTHDR(&message.header);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(header), &fd, sizeof(int));
    long sent;
    do {
        sent = syscall(SYS_sendmsg, socket_fd, &message.header, MSG_NOSIGNAL, 0, 0, cookie);
    } while (sent < 0 && errno == EINTR);
    return sent == 1 ? 0 : -1;
}

int krs_descriptor_channel(int *daemon_end, int *child_end) {
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0) {
        return errno;
    }
    *daemon_end = fds[0];
    *child_end = fds[1];
    return 0;
}

int krs_receive_descriptor(int socket_fd) {
    struct krs_descriptor_message message;
    krs_descriptor_message_init(&message);
    ssize_t received;
    do {
        received = recvmsg(socket_fd, &message.header, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    } while (received < 0 && errno == EINTR);
    if (received < 0) {
        return -1;
    }
    struct cmsghdr *header = CMSG_FIRSTHDR(&message.header);
    if (header == NULL || header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) {
        errno = EPROTO;
        return -1;
    }
    int fd;
    memcpy(&fd, CMSG_DATA(header), sizeof(int));
    return fd;
}

/// The sandbox, last before execve: no_new_privs, then Landlock, then the seccomp filter and
/// its listener. Returns the cookie the remaining calls must carry.
KRS_CHILD_CODE static unsigned long long krs_child_confine(struct krs_child_context *context) {
    const struct krs_spawn_request *request = context->request;
    int confined = request->landlock_ruleset_fd >= 0 || request->seccomp_filter != NULL;
    if ((request->no_new_privileges || confined) && syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        krs_child_fail(context, KRS_SPAWN_STEP_NO_NEW_PRIVILEGES);
    }
    if (request->landlock_ruleset_fd >= 0) {
        if (syscall(SYS_landlock_restrict_self, request->landlock_ruleset_fd, 0) != 0) {
            krs_child_fail(context, KRS_SPAWN_STEP_LANDLOCK);
        }
        syscall(SYS_close, request->landlock_ruleset_fd);
    }
    if (request->seccomp_filter == NULL) {
        return 0;
    }
    struct sock_fprog program = {request->seccomp_filter_length, (struct sock_filter *)request->seccomp_filter};
    unsigned long flags = request->seccomp_listener_socket >= 0 ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
    long listener = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &program);
    if (listener < 0) {
        krs_child_fail(context, KRS_SPAWN_STEP_SECCOMP);
    }
    unsigned long long cookie = request->seccomp_cookie;
    if (request->seccomp_listener_socket >= 0) {
        if (krs_send_descriptor(request->seccomp_listener_socket, (int)listener, cookie) != 0) {
            krs_child_fail_with_cookie(context, KRS_SPAWN_STEP_SECCOMP, cookie);
        }
        syscall(SYS_close, listener, 0, 0, 0, 0, cookie);
    }
    return cookie;
}

/// Executes the request's program (see `search_path`); returns only when that failed, with errno
/// set. Copies by hand: the child calls no library function a sanitizer intercepts.
KRS_CHILD_CODE static void krs_child_exec(const struct krs_spawn_request *request, unsigned long long cookie) {
    if (request->search_path == NULL) {
        syscall(SYS_execve, request->path, request->argv, request->envp, 0, 0, cookie);
        return;
    }
    char candidate[PATH_MAX];
    int denied = 0;
    const char *entry = request->search_path;
    for (;;) {
        size_t length = 0;
        while (entry[length] != '\0' && entry[length] != ':') {
            length++;
        }
        size_t at = 0;
        if (length == 0) {
            candidate[at++] = '.';
        }
        for (size_t index = 0; index < length && at < sizeof candidate; index++) {
            candidate[at++] = entry[index];
        }
        if (at < sizeof candidate) {
            candidate[at++] = '/';
        }
        for (const char *name = request->path; *name != '\0' && at < sizeof candidate; name++) {
            candidate[at++] = *name;
        }
        if (at < sizeof candidate) {
            candidate[at] = '\0';
            syscall(SYS_execve, candidate, request->argv, request->envp, 0, 0, cookie);
            if (errno == EACCES) {
                denied = 1;
            } else if (errno != ENOENT && errno != ENOTDIR) {
                return;
            }
        }
        if (entry[length] == '\0') {
            break;
        }
        entry += length + 1;
    }
    errno = denied ? EACCES : ENOENT;
}

/// Runs in the child, which shares the parent's memory until execve
/// (CLONE_VM|CLONE_VFORK), or is a copy of it made without the C library's knowledge: raw
/// system calls only, no library wrapper a sanitizer intercepts.
KRS_CHILD_CODE static int krs_child_main(void *argument) {
    struct krs_child_context *context = argument;
    const struct krs_spawn_request *request = context->request;

    // Dispositions first, while every signal is still blocked, so no parent
    // handler can ever run on the shared memory. The raw call also resets the
    // real-time signals glibc reserves, which it would refuse and which
    // execve keeps ignored if they were ignored. Where the kernel already reset the
    // handled ones, only the ignored ones are left (one call each, not one per signal).
    struct krs_kernel_sigaction default_action;
    memset(&default_action, 0, sizeof default_action);
    default_action.handler = SIG_DFL;
    for (int signal_number = 1; signal_number < _NSIG; signal_number++) {
        if (signal_number == SIGKILL || signal_number == SIGSTOP) {
            continue;
        }
        if (context->are_handlers_cleared
            && (signal_number > 64 || (context->ignored_signals & (UINT64_C(1) << (signal_number - 1))) == 0)) {
            continue;
        }
        if (syscall(SYS_rt_sigaction, signal_number, &default_action, NULL, KRS_KERNEL_SIGSET_SIZE) != 0) {
            krs_child_fail(context, KRS_SPAWN_STEP_SIGNALS);
        }
    }
    sigset_t empty;
    sigemptyset(&empty);
    krs_set_signal_mask(SIG_SETMASK, &empty, NULL);

    if (syscall(SYS_setsid) < 0) {
        krs_child_fail(context, KRS_SPAWN_STEP_SESSION);
    }

    // "0" means the writer itself; joining before exec puts every descendant in the groups.
    size_t group_count = request->control_group_count;
    for (size_t index = 0; index <= group_count; index++) {
        int procs_fd = index < group_count ? request->control_group_fds[index] : request->birth_group_procs_fd;
        if (index == group_count && (procs_fd < 0 || context->is_born_in_group)) {
            break;
        }
        ssize_t written;
        do {
            written = syscall(SYS_write, procs_fd, "0", 1);
        } while (written < 0 && errno == EINTR);
        if (written != 1) {
            krs_child_fail(context, KRS_SPAWN_STEP_CONTROL_GROUP);
        }
    }

    // Move sources out of 0-2 first so installing one cannot clobber another.
    int sources[3] = {request->stdin_fd, request->stdout_fd, request->stderr_fd};
    for (int index = 0; index < 3; index++) {
        if (sources[index] < 3) {
            sources[index] = (int)syscall(SYS_fcntl, sources[index], F_DUPFD, 3);
            if (sources[index] < 0) {
                krs_child_fail(context, KRS_SPAWN_STEP_STDIO);
            }
        }
    }
    for (int index = 0; index < 3; index++) {
        if (syscall(SYS_dup3, sources[index], index, 0) < 0) {
            krs_child_fail(context, KRS_SPAWN_STEP_STDIO);
        }
    }
    if (request->set_controlling_terminal && syscall(SYS_ioctl, STDIN_FILENO, TIOCSCTTY, 0) < 0) {
        krs_child_fail(context, KRS_SPAWN_STEP_CONTROLLING_TERMINAL);
    }

    // Everything above 2 goes, except the report pipe and the sandbox's descriptors (all
    // close-on-exec).
    int keep[3] = {context->report_fd, request->landlock_ruleset_fd, request->seccomp_listener_socket};
    for (int pass = 0; pass < 2; pass++) {
        for (int index = 0; index + 1 < 3; index++) {
            if (keep[index] > keep[index + 1]) {
                int swapped = keep[index];
                keep[index] = keep[index + 1];
                keep[index + 1] = swapped;
            }
        }
    }
    if (krs_close_descriptors_except(keep, 3) != 0) {
        krs_child_fail(context, KRS_SPAWN_STEP_CLOSE_DESCRIPTORS);
    }

    for (size_t index = 0; index < request->limit_count; index++) {
        const struct krs_resource_limit *limit = &request->limits[index];
        struct rlimit value = {limit->soft, limit->hard};
        if (syscall(SYS_prlimit64, 0, krs_resource_number(limit->resource), &value, NULL) != 0) {
            krs_child_fail(context, KRS_SPAWN_STEP_LIMITS);
        }
    }

    if (request->working_directory != NULL && syscall(SYS_chdir, request->working_directory) != 0) {
        krs_child_fail(context, KRS_SPAWN_STEP_WORKING_DIRECTORY);
    }

    unsigned long long cookie = krs_child_confine(context);
    krs_child_exec(request, cookie);
    krs_child_fail_with_cookie(context, KRS_SPAWN_STEP_EXEC, cookie);
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
// aborts in the child): under it, every child is a copy of the process.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KRS_SPAWN_BY_COPY_ONLY 1
#endif
#endif

#ifndef KRS_SPAWN_BY_COPY_ONLY
/// The stack of every child until its execve: spawns do not overlap (see krs_spawn), and
/// CLONE_VFORK suspends the spawning thread until the child has called execve or exited. A
/// stack mapped and unmapped per spawn cost a TLB shootdown on every CPU running a daemon
/// thread; one on the spawning thread's own stack pushed its deeper frames onto new pages.
static _Alignas(16) char krs_child_stack[KRS_CHILD_STACK_SIZE];
#endif

#ifndef KRS_SPAWN_BY_COPY_ONLY
/// clone3 with the child on `stack`: the child calls `fn(argument)` and exits with its result;
/// the parent gets the pid or -errno. C cannot start a function on a new stack, hence assembly
/// (the C library has no clone3 wrapper). The registers used survive the system call.
long krs_clone3_on_stack(struct clone_args *arguments, size_t size, int (*fn)(void *), void *argument);
#if defined(__x86_64__)
__asm__(".text\n"
        ".globl krs_clone3_on_stack\n"
        ".hidden krs_clone3_on_stack\n"
        ".type krs_clone3_on_stack, @function\n"
        "krs_clone3_on_stack:\n"
        "    mov %rdx, %r8\n"
        "    mov %rcx, %r9\n"
        "    mov $435, %eax\n"
        "    syscall\n"
        "    test %rax, %rax\n"
        "    jnz 1f\n"
        "    xor %ebp, %ebp\n"
        "    mov %r9, %rdi\n"
        "    call *%r8\n"
        "    mov %eax, %edi\n"
        "    mov $231, %eax\n"
        "    syscall\n"
        "    hlt\n"
        "1:  ret\n"
        ".size krs_clone3_on_stack, .-krs_clone3_on_stack\n");
#elif defined(__aarch64__)
__asm__(".text\n"
        ".globl krs_clone3_on_stack\n"
        ".hidden krs_clone3_on_stack\n"
        ".type krs_clone3_on_stack, %function\n"
        "krs_clone3_on_stack:\n"
        "    mov x8, #435\n"
        "    svc #0\n"
        "    cbnz x0, 1f\n"
        "    mov x29, xzr\n"
        "    mov x0, x3\n"
        "    blr x2\n"
        "    mov x8, #94\n"
        "    svc #0\n"
        "    brk #0\n"
        "1:  ret\n"
        ".size krs_clone3_on_stack, .-krs_clone3_on_stack\n");
#else
#error "krs_clone3_on_stack: x86_64 and aarch64 only"
#endif
#endif

/// Opens the pipe a child that is a copy of the parent reports its failure through (one that
/// shares the parent's memory writes it there); 0, or -1 with errno set.
static int krs_open_report_pipe(struct krs_child_context *context) {
    if (context->report_fd >= 0) {
        return 0;
    }
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        return -1;
    }
    report[0] = krs_move_above_stdio(report[0]);
    report[1] = krs_move_above_stdio(report[1]);
    if (report[0] < 0 || report[1] < 0) {
        int error = errno;
        if (report[0] >= 0) close(report[0]);
        if (report[1] >= 0) close(report[1]);
        errno = error;
        return -1;
    }
    context->report_read_fd = report[0];
    context->report_fd = report[1];
    return 0;
}

/// Whether clone3 into a control group was refused for good (ENOSYS: an old kernel or a
/// sandbox's filter; EPERM: a filter): later spawns go straight to clone. Spawns are serialised.
static int krs_clone3_refused = 0;

int krs_spawn_creates_in_group(void) {
    return !krs_clone3_refused;
}

/// Creates the child in `birth_group_fd` with clone3; -1 with errno when clone3 cannot.
static pid_t krs_start_child_in_group(struct krs_child_context *context, int *pidfd) {
    if (krs_clone3_refused) {
        errno = ENOSYS;
        return -1;
    }
    struct clone_args arguments;
    memset(&arguments, 0, sizeof arguments);
    arguments.flags = CLONE_VFORK | CLONE_PIDFD | CLONE_INTO_CGROUP | CLONE_CLEAR_SIGHAND;
    arguments.pidfd = (uint64_t)(uintptr_t)pidfd;
    arguments.exit_signal = SIGCHLD;
    arguments.cgroup = (uint64_t)context->request->birth_group_fd;
    context->is_born_in_group = 1;
    context->are_handlers_cleared = 1;
    long pid;
#ifndef KRS_SPAWN_BY_COPY_ONLY
    arguments.flags |= CLONE_VM;
    arguments.stack = (uint64_t)(uintptr_t)krs_child_stack;
    arguments.stack_size = sizeof krs_child_stack;
    pid = krs_clone3_on_stack(&arguments, sizeof arguments, krs_child_main, context);
    if (pid < 0) {
        errno = (int)-pid;
        pid = -1;
    }
#else
    if (krs_open_report_pipe(context) != 0) {
        context->is_born_in_group = 0;
        return -1;
    }
    pid = syscall(SYS_clone3, &arguments, sizeof arguments);
    if (pid == 0) {
        krs_child_main(context);
    }
#endif
    if (pid < 0) {
        context->is_born_in_group = 0;
        context->are_handlers_cleared = 0;
        if (errno == ENOSYS || errno == EPERM) {
            krs_clone3_refused = 1;
        }
    }
    return (pid_t)pid;
}

/// Starts the child and opens its pidfd, how its end is known and how it is reaped.
static pid_t krs_start_child(struct krs_child_context *context, int *pidfd) {
    if (context->request->birth_group_fd >= 0) {
        pid_t born = krs_start_child_in_group(context, pidfd);
        if (born >= 0) {
            return born;
        }
    }
#ifndef KRS_SPAWN_BY_COPY_ONLY
    pid_t cloned = clone(krs_child_main, krs_child_stack + sizeof krs_child_stack,
                         CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD, context, pidfd);
    if (cloned >= 0) {
        return cloned;
    }
#endif
    // Sandboxes may refuse clone flags; a copy of the process is slower but equivalent here.
    // The raw call (both ABIs take the pidfd's address third) bypasses the C library's fork.
    if (krs_open_report_pipe(context) != 0) {
        return -1;
    }
    long pid = syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, 0, pidfd, 0, 0);
    if (pid == 0) {
        krs_child_main(context);
    }
    return (pid_t)pid;
}

int krs_spawn(const struct krs_spawn_request *request,
              pid_t *pid_out,
              int *pidfd_out,
              int *errno_out,
              krs_spawn_step *failed_step_out) {
    struct krs_child_context context = {request, -1, -1, {0, KRS_SPAWN_STEP_NONE}, 0, 0, krs_current_ignored_signals()};
    // Not sigfillset: glibc leaves its reserved signals out of that.
    sigset_t all, previous;
    memset(&all, 0xff, sizeof all);
    krs_set_signal_mask(SIG_BLOCK, &all, &previous);
    int pidfd = -1;
    pid_t pid = krs_start_child(&context, &pidfd);
    int clone_error = errno;
    krs_set_signal_mask(SIG_SETMASK, &previous, NULL);
    if (context.report_fd >= 0) {
        close(context.report_fd);
    }

    if (pid < 0) {
        if (context.report_read_fd >= 0) {
            close(context.report_read_fd);
        }
        *errno_out = clone_error;
        *failed_step_out = KRS_SPAWN_STEP_CLONE;
        return -1;
    }

    if (context.report_read_fd >= 0) {
        // EOF means execve succeeded (close-on-exec); a record means a step failed.
        ssize_t received;
        do {
            received = read(context.report_read_fd, &context.report, sizeof context.report);
        } while (received < 0 && errno == EINTR);
        close(context.report_read_fd);
        if (received != (ssize_t)sizeof context.report) {
            context.report.step = KRS_SPAWN_STEP_NONE;
        }
    }

    if (context.report.step != KRS_SPAWN_STEP_NONE) {
        // The child has exited (127); the caller holds off the reaper of orphans meanwhile.
        siginfo_t info;
        while (waitid(P_PIDFD, (id_t)pidfd, &info, WEXITED | __WALL) != 0 && errno == EINTR) {
        }
        close(pidfd);
        *errno_out = context.report.error;
        *failed_step_out = (krs_spawn_step)context.report.step;
        return -1;
    }
    *pid_out = pid;
    *pidfd_out = pidfd;
    *errno_out = 0;
    *failed_step_out = KRS_SPAWN_STEP_NONE;
    return 0;
}

int krs_reap(int pidfd, int *wait_status, struct rusage *usage) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    // The raw call: the C library's waitid has no rusage argument.
    long reaped;
    do {
        reaped = syscall(SYS_waitid, P_PIDFD, pidfd, &info, WEXITED | __WALL, usage);
    } while (reaped < 0 && errno == EINTR);
    if (reaped < 0) {
        return errno;
    }
    switch (info.si_code) {
    case CLD_EXITED: *wait_status = (info.si_status & 0xff) << 8; break;
    case CLD_DUMPED: *wait_status = (info.si_status & 0x7f) | 0x80; break;
    default: *wait_status = info.si_status & 0x7f; break;
    }
    return 0;
}
