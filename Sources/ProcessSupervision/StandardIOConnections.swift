import CSystem
import Glibc

/// The descriptors of one run: the child's three standard descriptors and the
/// ends the daemon keeps. All are close-on-exec in the daemon.
struct StandardIOConnections {
    /// The pseudo-terminal's initial window size.
    static let terminalColumns: UInt16 = 80
    static let terminalRows: UInt16 = 24

    var childInput: Int32 = -1
    var childOutput: Int32 = -1
    var childErrorOutput: Int32 = -1
    var isTerminal = false

    /// Where the daemon reads stdout: a pipe's read end or the terminal master.
    var output: Int32 = -1
    /// The terminal master when it is not ``output`` (``StandardIO/terminalInput``): what the
    /// program writes to its terminal, read as stdout too.
    var terminalOutput: Int32 = -1
    /// Where the daemon reads stderr.
    var errorOutput: Int32 = -1
    /// Where the daemon writes input: a pipe's write end or the terminal master.
    var inputWriter: Int32 = -1
    /// The daemon's copy of the child's stdin (pipe read end or terminal slave),
    /// kept to count unread input and to identify stdin in other processes.
    var inputReader: Int32 = -1

    init(_ mode: StandardIO) throws(SpawnError) {
        do throws(SpawnError) {
            (errorOutput, childErrorOutput) = try Self.outputPipe()
            switch mode {
            case .pipes:
                (output, childOutput) = try Self.outputPipe()
                childInput = open("/dev/null", O_RDONLY | O_CLOEXEC)
                guard childInput >= 0 else { throw SpawnError(code: .pipe, errno: errno) }
            case .interactivePipes:
                (output, childOutput) = try Self.outputPipe()
                // Only the daemon's end is non-blocking: the flag belongs to the
                // open file, and the child's stdin must block.
                (inputReader, inputWriter) = try Self.pipe()
                try Self.makeNonBlocking(inputWriter)
                childInput = inputReader
            case .pseudoTerminal, .terminalInput:
                let (master, slave) = try TerminalReserve.take()
                (inputWriter, inputReader, childInput) = (master, slave, slave)
                isTerminal = true
                if mode == .pseudoTerminal {
                    (output, childOutput) = (master, slave)
                } else {
                    terminalOutput = master
                    (output, childOutput) = try Self.outputPipe()
                }
            }
        } catch {
            closeAll()
            throw error
        }
    }

    /// After the spawn, closes what only the child needed.
    func closeChildSide() {
        for fd in Set([childInput, childOutput, childErrorOutput]) where fd >= 0 && fd != inputReader {
            close(fd)
        }
    }

    /// Closes the daemon's ends.
    func closeDaemonSide() {
        for fd in Set([output, terminalOutput, errorOutput, inputWriter, inputReader]) where fd >= 0 {
            close(fd)
        }
    }

    func closeAll() {
        closeChildSide()
        closeDaemonSide()
    }

    /// Returns (read end, write end).
    private static func pipe() throws(SpawnError) -> (Int32, Int32) {
        var readEnd: Int32 = -1
        var writeEnd: Int32 = -1
        let error = krs_pipe(&readEnd, &writeEnd)
        guard error == 0 else { throw SpawnError(code: .pipe, errno: error) }
        return (readEnd, writeEnd)
    }

    /// A pipe the child writes to; returns (daemon's non-blocking read end, child's end).
    private static func outputPipe() throws(SpawnError) -> (Int32, Int32) {
        let (readEnd, writeEnd) = try pipe()
        do {
            try makeNonBlocking(readEnd)
        } catch {
            close(readEnd)
            close(writeEnd)
            throw error
        }
        return (readEnd, writeEnd)
    }

    private static func makeNonBlocking(_ fd: Int32) throws(SpawnError) {
        let error = krs_make_new_pipe_end_nonblocking(fd)
        guard error == 0 else { throw SpawnError(code: .pipe, errno: error) }
    }
}
