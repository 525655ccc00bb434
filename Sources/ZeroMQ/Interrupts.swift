/// Runs a libzmq call that returns `-1` on failure, retrying while it fails with `EINTR`.
///
/// Signals (SIGCHLD from supervised processes, SIGTERM) interrupt blocking libzmq calls;
/// none of those interruptions is an error for the caller.
@discardableResult
func retryingInterrupts(_ code: ZMQError.Code, _ call: () -> Int32) throws(ZMQError) -> Int32 {
    while true {
        let result = call()
        if result != -1 {
            return result
        }
        let error = ZMQError(code)
        if !error.isInterrupted {
            throw error
        }
    }
}
