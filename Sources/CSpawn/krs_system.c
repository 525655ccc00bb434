#define _GNU_SOURCE
#include "krs_system.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
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

int krs_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
        return errno;
    }
    return 0;
}

int krs_eventfd(void) {
    return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

int krs_become_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ? 0 : errno;
}

pid_t krs_wait_for_exited_child(void) {
    siginfo_t info;
    info.si_pid = 0;
    if (waitid(P_ALL, 0, &info, WEXITED | WNOWAIT) != 0) {
        return -1;
    }
    return info.si_pid;
}

int krs_readable_bytes(int fd) {
    int count = 0;
    return ioctl(fd, FIONREAD, &count) == 0 ? count : -1;
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
