extension JailPolicy {
    /// The syscalls a policy allows when it does not list its own (and extends with
    /// `diff_to_default`): every x86-64 syscall up to `set_mempolicy_home_node` (Linux 6.1) but
    /// ``defaultRefusedSyscalls``. Newer syscalls fail with `ENOSYS`, as on an older kernel, so
    /// that programs fall back to the older calls they replace.
    ///
    /// The Backend.AI jail's own list is not published with its policies; this one is ours,
    /// written down here and in `policy/README.md`.
    public static let defaultAllowedSyscalls: [String] = [
        "read", "write", "open", "close", "stat", "fstat", "lstat", "poll", "lseek", "mmap", "mprotect",
        "munmap", "brk", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "ioctl", "pread64", "pwrite64",
        "readv", "writev", "access", "pipe", "select", "sched_yield", "mremap", "msync", "mincore",
        "madvise", "shmget", "shmat", "shmctl", "dup", "dup2", "pause", "nanosleep", "getitimer", "alarm",
        "setitimer", "getpid", "sendfile", "socket", "connect", "accept", "sendto", "recvfrom", "sendmsg",
        "recvmsg", "shutdown", "bind", "listen", "getsockname", "getpeername", "socketpair", "setsockopt",
        "getsockopt", "clone", "fork", "vfork", "execve", "exit", "wait4", "kill", "uname", "semget",
        "semop", "semctl", "shmdt", "msgget", "msgsnd", "msgrcv", "msgctl", "fcntl", "flock", "fsync",
        "fdatasync", "truncate", "ftruncate", "getdents", "getcwd", "chdir", "fchdir", "rename", "mkdir",
        "rmdir", "creat", "link", "unlink", "symlink", "readlink", "chmod", "fchmod", "chown", "fchown",
        "lchown", "umask", "gettimeofday", "getrlimit", "getrusage", "sysinfo", "times", "getuid", "getgid",
        "setuid", "setgid", "geteuid", "getegid", "setpgid", "getppid", "getpgrp", "setsid", "setreuid",
        "setregid", "getgroups", "setgroups", "setresuid", "getresuid", "setresgid", "getresgid", "getpgid",
        "setfsuid", "setfsgid", "getsid", "capget", "capset", "rt_sigpending", "rt_sigtimedwait",
        "rt_sigqueueinfo", "rt_sigsuspend", "sigaltstack", "utime", "mknod", "personality", "ustat",
        "statfs", "fstatfs", "sysfs", "getpriority", "setpriority", "sched_setparam", "sched_getparam",
        "sched_setscheduler", "sched_getscheduler", "sched_get_priority_max", "sched_get_priority_min",
        "sched_rr_get_interval", "mlock", "munlock", "mlockall", "munlockall", "prctl", "arch_prctl",
        "setrlimit", "sync", "gettid", "readahead", "setxattr", "lsetxattr", "fsetxattr", "getxattr",
        "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr", "removexattr", "lremovexattr",
        "fremovexattr", "tkill", "time", "futex", "sched_setaffinity", "sched_getaffinity", "io_setup",
        "io_destroy", "io_getevents", "io_submit", "io_cancel", "epoll_create", "getdents64",
        "set_tid_address", "restart_syscall", "semtimedop", "fadvise64", "timer_create", "timer_settime",
        "timer_gettime", "timer_getoverrun", "timer_delete", "clock_gettime", "clock_getres",
        "clock_nanosleep", "exit_group", "epoll_wait", "epoll_ctl", "tgkill", "utimes", "mbind",
        "set_mempolicy", "get_mempolicy", "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive",
        "mq_notify", "mq_getsetattr", "waitid", "ioprio_set", "ioprio_get", "inotify_init",
        "inotify_add_watch", "inotify_rm_watch", "migrate_pages", "openat", "mkdirat", "mknodat", "fchownat",
        "futimesat", "newfstatat", "unlinkat", "renameat", "linkat", "symlinkat", "readlinkat", "fchmodat",
        "faccessat", "pselect6", "ppoll", "set_robust_list", "get_robust_list", "splice", "tee",
        "sync_file_range", "vmsplice", "move_pages", "utimensat", "epoll_pwait", "signalfd",
        "timerfd_create", "eventfd", "fallocate", "timerfd_settime", "timerfd_gettime", "accept4",
        "signalfd4", "eventfd2", "epoll_create1", "dup3", "pipe2", "inotify_init1", "preadv", "pwritev",
        "rt_tgsigqueueinfo", "recvmmsg", "fanotify_mark", "prlimit64", "syncfs", "sendmmsg", "getcpu",
        "sched_setattr", "sched_getattr", "renameat2", "seccomp", "getrandom", "memfd_create", "execveat",
        "membarrier", "mlock2", "copy_file_range", "preadv2", "pwritev2", "pkey_mprotect", "pkey_alloc",
        "pkey_free", "statx", "io_pgetevents", "rseq", "pidfd_send_signal", "pidfd_open", "clone3",
        "close_range", "openat2", "faccessat2", "process_madvise", "epoll_pwait2", "landlock_create_ruleset",
        "landlock_add_rule", "landlock_restrict_self", "memfd_secret", "process_mrelease", "futex_waitv",
        "set_mempolicy_home_node",
    ]

    /// The x86-64 syscalls up to Linux 6.1 that the default list leaves out: a program in a
    /// container has no business making them. They are privileged (modules, reboot, mounts,
    /// clocks, swap, accounting, the kernel log), reach into other processes, change
    /// namespaces, are large attack surfaces a program can do without, or are not implemented.
    public static let defaultRefusedSyscalls: [String] = [
        // privileged
        "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot", "swapon",
        "swapoff", "mount", "umount2", "pivot_root", "chroot", "fsopen", "fsconfig", "fsmount", "fspick",
        "move_mount", "open_tree", "mount_setattr", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
        "acct", "syslog", "quotactl", "quotactl_fd", "lookup_dcookie", "vhangup", "iopl", "ioperm", "sethostname",
        "setdomainname",
        // other processes
        "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
        // namespaces
        "setns", "unshare",
        // attack surface
        "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "keyctl",
        "add_key", "request_key", "open_by_handle_at", "name_to_handle_at", "fanotify_init", "modify_ldt",
        "remap_file_pages", "set_thread_area", "get_thread_area",
        // not implemented
        "create_module", "get_kernel_syms", "query_module", "nfsservctl", "uselib", "_sysctl", "afs_syscall",
        "tuxcall", "security", "putpmsg", "getpmsg", "vserver", "epoll_ctl_old", "epoll_wait_old",
    ]

    /// `whitelist_paths` of the jail's default policy, also used for an operation a policy's
    /// `whitelist_paths` leaves out.
    public static let defaultWhitelist: [PathOperation: [String]] = [
        .open: ["*"], .access: ["*"], .exec: ["*"], .stat: ["*"], .chmod: ["/home/work/*", "/tmp/*"],
    ]

    /// The syscalls the sandbox lets through: `allowed_syscalls`, the defaults when the key is
    /// left out, or both with `diff_to_default`; never `ptrace`.
    public var effectiveAllowedSyscalls: Set<String> {
        let defaults = Set(Self.defaultAllowedSyscalls)
        let listed = allowedSyscalls.map(Set.init) ?? defaults
        return (diffToDefault ? defaults.union(listed) : listed).subtracting(["ptrace"])
    }

    /// The patterns of `operation`: the policy's, or the default when it says nothing.
    public func patterns(for operation: PathOperation) -> [String] {
        whitelistPaths?[operation] ?? Self.defaultWhitelist[operation] ?? []
    }

    /// `exec_allowance`, 0 (the jail's default) when left out; -1 means unlimited.
    public var effectiveExecAllowance: Int { execAllowance ?? 0 }

    /// `fork_allowance`, -1 (unlimited, the jail's default) when left out.
    public var effectiveForkAllowance: Int { forkAllowance ?? -1 }
}
