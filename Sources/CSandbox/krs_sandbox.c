#define _GNU_SOURCE
#include "krs_sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

// The kernel's structures as of Landlock ABI 6, which Debian 12's headers predate.
struct krs_landlock_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

int krs_landlock_abi(void) {
    long version = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return version < 0 ? 0 : (int)version;
}

int krs_landlock_create_ruleset(uint64_t handled, uint64_t scoped) {
    struct krs_landlock_ruleset_attr attributes = {handled, 0, scoped};
    // The kernel accepts a shorter structure from older callers: only as long as needed.
    size_t size = scoped != 0 ? sizeof attributes : sizeof(uint64_t);
    return (int)syscall(SYS_landlock_create_ruleset, &attributes, size, 0);
}

int krs_landlock_allow_beneath(int ruleset, const char *path, uint64_t access) {
    int parent = open(path, O_PATH | O_CLOEXEC);
    if (parent < 0) {
        return errno;
    }
    struct landlock_path_beneath_attr rule = {access, parent};
    long result = syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    int error = result == 0 ? 0 : errno;
    close(parent);
    return error;
}

int krs_seccomp_notifications_available(void) {
    struct seccomp_notif_sizes sizes;
    return syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) == 0;
}

void *krs_seccomp_export(void *context, size_t *size_out) {
    int memory = memfd_create("kernel-runner-seccomp", MFD_CLOEXEC);
    if (memory < 0) {
        return NULL;
    }
    int error = seccomp_export_bpf((scmp_filter_ctx)context, memory);
    if (error != 0) {
        close(memory);
        errno = -error;
        return NULL;
    }
    off_t size = lseek(memory, 0, SEEK_END);
    void *buffer = size > 0 ? malloc((size_t)size) : NULL;
    if (buffer == NULL || pread(memory, buffer, (size_t)size, 0) != size) {
        int saved = buffer == NULL ? ENOMEM : errno;
        free(buffer);
        close(memory);
        errno = saved;
        return NULL;
    }
    close(memory);
    *size_out = (size_t)size;
    return buffer;
}

int krs_make_undumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : errno;
}

// Linux 6.6; the headers of older distributions lack them.
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

int krs_seccomp_listener_wake_synchronously(int listener) {
    return ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP, 0) == 0 ? 0 : errno;
}

ssize_t krs_read_process_memory(pid_t pid, uint64_t address, void *buffer, size_t length) {
    struct iovec local = {buffer, length};
    struct iovec remote = {(void *)(uintptr_t)address, length};
    return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}
