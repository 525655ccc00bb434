import Foundation

/// Every wall-clock bound of the tests: the time bounds the issues set, for the tests that hold
/// the daemon to them, and the waits that only catch a hang.
///
/// All of them are stretched by `KR_TIME_SCALE`, so a slower build (the sanitizers') keeps the
/// same tests.
public enum TimeBound {
    /// `KR_TIME_SCALE`, a whole factor the bounds are stretched by: `scripts/sanitize` sets it,
    /// its instrumented daemons being several times slower. Unset, every bound is the issue's.
    private static let scale = ProcessInfo.processInfo.environment["KR_TIME_SCALE"].flatMap { Int($0) }.map { max($0, 1) } ?? 1

    /// A SIGTERM shutdown: the daemon exits, its runs and services stopped, within 3 s. The
    /// parts of it (stopping every service, closing the transport) each fit in it too.
    public static let shutdown: Duration = .seconds(3) * scale

    /// An `interrupt` ends what it interrupts within 1 s: a busy loop, a blocking call, a
    /// program in `sleep`, or a program that ignores SIGINT once the interrupt is repeated.
    public static let interrupt: Duration = .seconds(1) * scale

    /// A completion answered while a run is busy: the agent waits 100 ms; 400 ms leaves a
    /// margin for a loaded machine without hiding a completion that waits for the run.
    public static let busyCompletion: Duration = .milliseconds(400) * scale

    /// A `status` sent while a run is busy is answered within 1 s, not after the run.
    public static let busyStatus: Duration = .seconds(1) * scale

    /// A process group the daemon killed at its shutdown is gone 1 s after the daemon exited.
    public static let killedGroupGone: Duration = .seconds(1) * scale

    /// After a SIGTERM shutdown no process of any run is left, nor an unreaped child of the
    /// daemon, 2 s after the daemon exited (killing a fork bomb's processes takes a moment).
    public static let runLeftoversGone: Duration = .seconds(2) * scale

    /// A service `shutdownAll` stopped (it waits for each) is gone 500 ms after it returned.
    public static let stoppedServiceGone: Duration = .milliseconds(500) * scale

    /// A pending service start gives up at its launch timeout (1 s in that test): the failure
    /// comes within 5 s, with the service stopped, instead of waiting for the port forever.
    public static let launchFailure: Duration = .seconds(5) * scale

    /// A prestart command that outlives its 200 ms timeout is killed: the action fails within
    /// 5 s instead of waiting for the command's 30 s.
    public static let prestartTimeout: Duration = .seconds(5) * scale

    /// A run that leaves a process in the background ends with its main process: within 5 s,
    /// not with the background process's 100 s.
    public static let backgroundLeftover: Duration = .seconds(5) * scale

    /// Stopping the container boot ends a bootstrap script in `sleep 60` within 2 s.
    public static let bootstrapStop: Duration = .seconds(2) * scale

    /// A SIGINT ends a process group whose programs do not ignore it within 2 s, without the
    /// escalation its 3 s grace would bring; the escalation after a 200 ms grace, a kill, a run
    /// whose background process outlives it, and a run whose escaped process holds its output
    /// open (the drain timeout) end within 2 s too.
    public static let signalledGroupEnds: Duration = .seconds(2) * scale

    /// An ``OrderedOutput`` wait for a marker that never comes gives up at its 100 ms timeout,
    /// well within 1 s.
    public static let missingMarker: Duration = .seconds(1) * scale

    /// `Task.value(within: 20 ms)` gives up at its deadline, well before the task's 2 s end.
    public static let taskValueDeadline: Duration = .milliseconds(1500) * scale

    /// A wait showing that something does not happen within `duration` (nothing more arrives, a
    /// flush cannot finish): it can only miss a late event, never fail a correct daemon, and it
    /// is stretched like every bound so a slower build is watched as long, relatively.
    public static func quiet(for duration: Duration) -> Duration {
        duration * scale
    }

    /// A wait that only catches a hang — what it waits for normally takes a fraction of it — and
    /// checks no promise of the issues: `duration`, stretched like every bound.
    public static func hang(after duration: Duration) -> Duration {
        duration * scale
    }
}
