#define _GNU_SOURCE
#include "krs_system.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

int krs_pipe(int *read_end, int *write_end) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        return errno;
    }
    *read_end = fds[0];
    *write_end = fds[1];
    return 0;
}

int krs_make_new_pipe_end_nonblocking(int fd) {
    // A new pipe end has no other status flag to keep (F_SETFL ignores the access mode).
    return fcntl(fd, F_SETFL, O_NONBLOCK) == 0 ? 0 : errno;
}

int krs_eventfd(void) {
    return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

int krs_become_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ? 0 : errno;
}

pid_t krs_exited_child(void) {
    siginfo_t info;
    info.si_pid = 0;
    int result;
    do {
        result = waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT);
    } while (result != 0 && errno == EINTR);
    return result == 0 ? info.si_pid : -1;
}

int krs_child_has_exited(pid_t pid) {
    siginfo_t info;
    info.si_pid = 0;
    int result;
    do {
        result = waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT);
    } while (result != 0 && errno == EINTR);
    return result == 0 && info.si_pid == pid;
}

int krs_reap_child(pid_t pid) {
    siginfo_t info;
    int result;
    do {
        result = waitid(P_PID, (id_t)pid, &info, WEXITED);
    } while (result != 0 && errno == EINTR);
    return result == 0 ? 0 : errno;
}

/// Signals an eventfd from a signal handler.
static void krs_wake_from_handler(int wakeup) {
    int saved = errno;
    uint64_t one = 1;
    if (write(wakeup, &one, sizeof one) < 0) {
        // Nothing to do from a handler; a full counter is already a wake-up.
    }
    errno = saved;
}

static int krs_child_wakeup = -1;

static void krs_note_child_exit(int signal_number) {
    (void)signal_number;
    krs_wake_from_handler(krs_child_wakeup);
}

int krs_notify_child_exits(int wakeup) {
    krs_child_wakeup = wakeup;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = krs_note_child_exit;
    action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGCHLD, &action, NULL) == 0 ? 0 : errno;
}

void krs_block_child_exits(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int krs_child_exit_descriptor(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

void krs_drain_child_exits(int fd) {
    struct signalfd_siginfo infos[16];
    while (read(fd, infos, sizeof infos) > 0) {
    }
}

int krs_has_unread_input(int fd) {
    struct pollfd descriptor = {.fd = fd, .events = POLLIN};
    int ready;
    do {
        ready = poll(&descriptor, 1, 0);
    } while (ready < 0 && errno == EINTR);
    if (ready < 0) {
        return -1;
    }
    return (descriptor.revents & POLLIN) != 0;
}

void krs_block_asynchronous_signals(void) {
    sigset_t set;
    sigfillset(&set);
    // Blocking these would turn a real fault into an unexplained kill.
    int faults[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT, SIGSYS};
    for (unsigned index = 0; index < sizeof faults / sizeof faults[0]; index++) {
        sigdelset(&set, faults[index]);
    }
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

void krs_name_current_thread(const char *name) {
    char truncated[16];
    strncpy(truncated, name, sizeof truncated - 1);
    truncated[sizeof truncated - 1] = '\0';
    pthread_setname_np(pthread_self(), truncated);
}

void krs_trim_heap(void) {
    malloc_trim(0);
}

void krs_fix_mmap_threshold(void) {
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define KRS_SANITIZED 1
void __sanitizer_symbolize_pc(void *pc, const char *format, char *output, size_t size);
#endif
#endif

void krs_start_sanitizer_symbolizer(void) {
#ifdef KRS_SANITIZED
    char frame[256];
    __sanitizer_symbolize_pc((void *)krs_start_sanitizer_symbolizer, "%f", frame, sizeof frame);
#endif
}

static int krs_remove_entry(const char *path, const struct stat *status, int type, struct FTW *position) {
    (void)status;
    (void)type;
    (void)position;
    remove(path);
    return 0;
}

int krs_remove_tree(const char *path) {
    // Depth first, so directories are empty when their turn comes; 16 descriptors at most.
    return nftw(path, krs_remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : errno;
}

static int krs_signal_wakeup = -1;
static volatile sig_atomic_t krs_last_signal = 0;

static void krs_forward_signal(int signal_number) {
    krs_last_signal = signal_number;
    krs_wake_from_handler(krs_signal_wakeup);
}

int krs_forward_signals(int wakeup, const int *signals, int count) {
    krs_signal_wakeup = wakeup;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = krs_forward_signal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int index = 0; index < count; index++) {
        if (sigaction(signals[index], &action, NULL) != 0) {
            return errno;
        }
    }
    return 0;
}

int krs_last_forwarded_signal(void) {
    return krs_last_signal;
}
