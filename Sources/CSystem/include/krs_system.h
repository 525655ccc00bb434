#ifndef KRS_SYSTEM_H
#define KRS_SYSTEM_H

#include <sys/types.h>

/// Creates a close-on-exec pipe. Returns 0, or an errno value.
int krs_pipe(int *read_end, int *write_end);

/// Sets O_NONBLOCK on `fd`, an end of a pipe just made by `krs_pipe`, in one call (no F_GETFL
/// first). Returns 0, or an errno value.
int krs_make_new_pipe_end_nonblocking(int fd);

/// Creates a non-blocking, close-on-exec eventfd. Returns the fd, or -1 (errno set).
int krs_eventfd(void);

/// Makes the calling process a child subreaper. Returns 0, or an errno value.
int krs_become_subreaper(void);

/// An exited child, left unreaped, without waiting: its pid, 0 when none has exited, -1 with
/// errno set otherwise (ECHILD: no child at all).
pid_t krs_exited_child(void);

/// Whether the child `pid` has exited and is not reaped yet (1) or not (0).
int krs_child_has_exited(pid_t pid);

/// Reaps the child `pid`. Returns 0, or an errno value.
int krs_reap_child(pid_t pid);

/// Installs a SIGCHLD handler that signals the eventfd `wakeup`. Returns 0, or an errno value.
int krs_notify_child_exits(int wakeup);

/// Blocks SIGCHLD in the calling thread and in the threads it starts afterwards. Where every
/// thread blocks it, a child's exit only marks the signal pending (see
/// `krs_child_exit_descriptor`) instead of interrupting a thread to run the handler.
void krs_block_child_exits(void);

/// A non-blocking, close-on-exec signalfd that is readable while SIGCHLD is pending for the
/// process. Returns the fd, or -1 (errno set).
int krs_child_exit_descriptor(void);

/// Takes every pending SIGCHLD from the signalfd `fd`.
void krs_drain_child_exits(int fd);

/// Returns 1 when input waits to be read from `fd`, 0 when not, -1 on error.
/// Uses poll rather than FIONREAD: on a terminal, poll first waits for input
/// still travelling from the master to the line discipline.
int krs_has_unread_input(int fd);

/// Blocks every signal in the calling thread except the synchronous fault
/// signals, so helper threads never run handlers or receive SIGPIPE.
void krs_block_asynchronous_signals(void);

/// Names the calling thread (at most 15 bytes are kept), for debuggers and `ps`.
void krs_name_current_thread(const char *name);

/// Returns the heap's free memory to the system (`malloc_trim(0)`).
void krs_trim_heap(void);

/// Fixes glibc's mmap threshold at its default (128 KiB). Left dynamic, it grows to the size of
/// the largest block freed so far (and the trim threshold to twice that), after which large
/// blocks come from the heaps and their memory stays resident once freed.
void krs_fix_mmap_threshold(void);

/// In a sanitizer build, starts the sanitizer's symbolizer process now, while descriptors are
/// plentiful: it is otherwise started at the first report, and a report made while the daemon is
/// out of descriptors could then not be symbolized, hence not matched against the suppressions.
/// Does nothing in other builds.
void krs_start_sanitizer_symbolizer(void);

/// Installs a handler for each of `signals` (SA_RESTART) that records the signal and adds 1 to
/// the eventfd `wakeup`, whatever thread the signal lands on: no signal is lost to a thread that
/// does not block it, and the handler does nothing but async-signal-safe writes. Returns 0, or an
/// errno value.
int krs_forward_signals(int wakeup, const int *signals, int count);

/// The last signal the handler of `krs_forward_signals` recorded, or 0.
int krs_last_forwarded_signal(void);

/// Removes `path` and everything below it without following symbolic links. Returns 0, or an
/// errno value (what could be removed is gone).
int krs_remove_tree(const char *path);

#endif
