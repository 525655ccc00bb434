/// System calls a thread can be blocked in while waiting for input, by number
/// for the architecture the daemon was built for.
enum WaitingSyscall {
    /// read, readv, pread64, preadv, preadv2: argument 0 is the descriptor.
    case read
    /// epoll_wait, epoll_pwait, epoll_pwait2: argument 0 is the epoll descriptor.
    case epoll
    /// poll, ppoll: arguments 0 and 1 are the pollfd array and its length.
    case poll
    /// select, pselect6: arguments 0 and 1 are nfds and the read set.
    case select

    init?(number: Int) {
        #if arch(x86_64)
            switch number {
            case 0, 17, 19, 295, 327: self = .read
            case 232, 281, 441: self = .epoll
            case 7, 271: self = .poll
            case 23, 270: self = .select
            default: return nil
            }
        #elseif arch(arm64)
            switch number {
            case 63, 65, 67, 69, 286: self = .read
            case 22, 441: self = .epoll
            case 73: self = .poll
            case 72: self = .select
            default: return nil
            }
        #else
            return nil
        #endif
    }
}
