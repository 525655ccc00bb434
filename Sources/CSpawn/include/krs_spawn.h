#ifndef KRS_SPAWN_H
#define KRS_SPAWN_H

#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

/// The child-side step that failed during `krs_spawn`.
typedef enum __attribute__((enum_extensibility(closed))) krs_spawn_step {
    KRS_SPAWN_STEP_NONE = 0,
    /// Creating the error-report pipe or cloning the child (parent side).
    KRS_SPAWN_STEP_CLONE,
    /// Resetting signal dispositions or the signal mask.
    KRS_SPAWN_STEP_SIGNALS,
    /// `setsid()`.
    KRS_SPAWN_STEP_SESSION,
    /// Joining the run's control groups.
    KRS_SPAWN_STEP_CONTROL_GROUP,
    /// `ioctl(TIOCSCTTY)` on the new standard input.
    KRS_SPAWN_STEP_CONTROLLING_TERMINAL,
    /// Installing the standard descriptors 0, 1 and 2.
    KRS_SPAWN_STEP_STDIO,
    /// Closing every descriptor above 2.
    KRS_SPAWN_STEP_CLOSE_DESCRIPTORS,
    /// `setrlimit()`.
    KRS_SPAWN_STEP_LIMITS,
    /// `chdir()`.
    KRS_SPAWN_STEP_WORKING_DIRECTORY,
    /// `prctl(PR_SET_NO_NEW_PRIVS)`.
    KRS_SPAWN_STEP_NO_NEW_PRIVILEGES,
    /// `landlock_restrict_self()`.
    KRS_SPAWN_STEP_LANDLOCK,
    /// Installing the seccomp filter, or handing its notification listener to the parent.
    KRS_SPAWN_STEP_SECCOMP,
    /// `execve()`.
    KRS_SPAWN_STEP_EXEC,
} krs_spawn_step;

/// A resource that `krs_spawn` can limit in the child.
typedef enum __attribute__((enum_extensibility(closed))) krs_limit_resource {
    KRS_LIMIT_CPU_SECONDS,
    KRS_LIMIT_ADDRESS_SPACE,
    KRS_LIMIT_OPEN_FILES,
    KRS_LIMIT_PROCESSES,
    KRS_LIMIT_FILE_SIZE,
} krs_limit_resource;

/// One resource limit applied in the child before `execve`.
struct krs_resource_limit {
    krs_limit_resource resource;
    unsigned long long soft;
    unsigned long long hard;
};

/// Everything the child needs; all pointers must stay valid during the call.
struct krs_spawn_request {
    /// The program to execute: a path, or with `search_path` a name to look for.
    const char *path;
    /// NULL, or a colon-separated list of directories the child searches for `path` as execvp
    /// does: the first entry where execve succeeds wins; entries without the file are skipped,
    /// one where it is not executable too, but then "not executable" (EACCES) is the failure
    /// rather than "not found" (ENOENT); an empty entry is the working directory.
    const char *search_path;
    /// NULL-terminated argument vector.
    char *const *argv;
    /// NULL-terminated environment.
    char *const *envp;
    /// The child's working directory, or NULL to inherit the caller's.
    const char *working_directory;
    /// Descriptors installed as the child's 0, 1 and 2.
    int stdin_fd;
    int stdout_fd;
    int stderr_fd;
    /// Non-zero: make the new standard input the session's controlling terminal.
    int set_controlling_terminal;
    /// Open `cgroup.procs` files of the run's control groups (one per hierarchy) the child
    /// joins; may be NULL when the count is 0.
    const int *control_group_fds;
    size_t control_group_count;
    /// A cgroup v2 directory the child is created in (`clone3` with CLONE_INTO_CGROUP: nothing
    /// migrates, which costs an RCU grace period, milliseconds, once spawns are a while apart),
    /// or -1. Its `cgroup.procs`, which the child writes where `clone3` cannot do that (older
    /// kernels, sandboxes that refuse it), is `birth_group_procs_fd`.
    int birth_group_fd;
    int birth_group_procs_fd;
    const struct krs_resource_limit *limits;
    size_t limit_count;
    /// The sandbox, applied after everything above, right before `execve`:
    /// non-zero sets no_new_privs (always, when a ruleset or filter follows);
    int no_new_privileges;
    /// a Landlock ruleset the child restricts itself to, or -1;
    int landlock_ruleset_fd;
    /// a seccomp filter (`struct sock_filter` instructions), or NULL;
    const void *seccomp_filter;
    unsigned short seccomp_filter_length;
    /// where the filter's notification listener is sent (SCM_RIGHTS), or -1 for a filter
    /// without notifications;
    int seccomp_listener_socket;
    /// the value the child's own system calls after the filter (sending the listener,
    /// `execve`, reporting a failure) carry in their sixth argument, which the filter lets
    /// through whatever the policy allows.
    unsigned long long seccomp_cookie;
};

/// Starts a program in a new session with default signal dispositions, an empty
/// signal mask, only descriptors 0-2 open and the requested limits applied.
///
/// Returns 0 and stores the pid and a pidfd (close-on-exec) on success: poll the pidfd to learn
/// of the child's end, and reap it with `krs_reap`.
/// Returns -1 when any step failed; `errno_out` and `failed_step_out` then say why, and a
/// child that was created has exited and been reaped.
///
/// Calls must not overlap (ProcessSupervision's ChildRegistry serialises them): the child
/// runs on one stack shared by every spawn.
///
/// Signals the daemon ignores are looked up at the first call: one ignored later keeps being
/// ignored in children until `krs_spawn_signal_dispositions_changed` is called.
int krs_spawn(const struct krs_spawn_request *request,
              pid_t *pid_out,
              int *pidfd_out,
              int *errno_out,
              krs_spawn_step *failed_step_out);

/// 1 while children with a birth group are created in it (clone3), 0 once clone3 was refused and
/// they join it by writing `cgroup.procs` instead.
int krs_spawn_creates_in_group(void);

/// Reaps the exited child behind `pidfd` (see `krs_spawn`): its status in `wait(2)`'s encoding
/// and its resource usage. Returns 0, or an errno value.
int krs_reap(int pidfd, int *wait_status, struct rusage *usage);

/// Creates a close-on-exec Unix datagram-ordered socket pair (SOCK_SEQPACKET), for handing a
/// descriptor from a child to the daemon. Returns 0, or an errno value.
int krs_descriptor_channel(int *daemon_end, int *child_end);

/// Receives one descriptor sent with SCM_RIGHTS on `socket`, without waiting. Returns it
/// (close-on-exec), or -1 (errno set; EAGAIN when none was sent).
int krs_receive_descriptor(int socket);

/// Makes the next `krs_spawn` look up again which signals the daemon ignores (after a
/// signal's disposition was set to, or from, SIG_IGN).
void krs_spawn_signal_dispositions_changed(void);

#endif
