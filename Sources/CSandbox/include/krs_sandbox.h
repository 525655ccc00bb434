#ifndef KRS_SANDBOX_H
#define KRS_SANDBOX_H

#include <stdint.h>
#include <sys/types.h>

/// The Landlock ABI version the kernel offers; 0 when Landlock is unavailable or disabled.
int krs_landlock_abi(void);

/// A new Landlock ruleset handling the `handled` filesystem rights (and, from ABI 6, the
/// `scoped` IPC scopes; 0 for none). Returns its descriptor (close-on-exec), or -1 (errno set).
int krs_landlock_create_ruleset(uint64_t handled, uint64_t scoped);

/// Allows `access` beneath the directory or file `path` in `ruleset`. Returns 0, or an errno value.
int krs_landlock_allow_beneath(int ruleset, const char *path, uint64_t access);

/// Whether the kernel supports seccomp user notification (SECCOMP_RET_USER_NOTIF and the
/// listener ioctls): 1, or 0.
int krs_seccomp_notifications_available(void);

/// Writes the filter compiled into `context` (a libseccomp `scmp_filter_ctx`) as `struct
/// sock_filter` instructions into a new buffer; stores its size in bytes. Returns NULL (errno
/// set) on failure; the caller frees the buffer.
void *krs_seccomp_export(void *context, size_t *size_out);

/// Asks the kernel to switch straight to the supervisor (on the same CPU) when a notification
/// arrives on `listener`, and straight back once it is answered (Linux 6.6): a round trip
/// then costs a few microseconds instead of two scheduler wake-ups. Returns 0, or an errno
/// value (EINVAL on older kernels, which then wake the supervisor as usual).
int krs_seccomp_listener_wake_synchronously(int listener);

/// Reads `length` bytes at `address` in process `pid` (`process_vm_readv`). Returns how many
/// were read, or -1 (errno set).
ssize_t krs_read_process_memory(pid_t pid, uint64_t address, void *buffer, size_t length);

/// Makes the calling process undumpable (`PR_SET_DUMPABLE` 0): processes of the same user can no
/// longer read or write its memory or open most of `/proc/<pid>`. Returns 0, or an errno value.
int krs_make_undumpable(void);

#endif
