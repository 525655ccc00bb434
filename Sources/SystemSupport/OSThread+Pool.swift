extension OSThread {
    /// Detached threads that finished their work and wait for more.
    enum Pool {
        private struct State {
            var idleThreads = 0
            /// Work handed to waiting threads that none has taken yet.
            var handedOver: [Work] = []
        }

        private static let state = ConditionLock(State())

        /// Gives `work` to a waiting thread; false when none waits.
        static func handOver(_ work: Work) -> Bool {
            let isHandedOver = state.withLock { state in
                guard state.idleThreads > state.handedOver.count else { return false }
                state.handedOver.append(work)
                return true
            }
            if isHandedOver { state.broadcast() }
            return isHandedOver
        }

        /// Waits until a thread waits for work that no work was handed to yet (tests check that
        /// threads are reused with it); false if none did within `timeout`.
        static func waitForIdleThread(timeout: Duration) -> Bool {
            state.wait(until: { $0.idleThreads > $0.handedOver.count }, timeout: timeout)
        }

        /// The next work handed over, or nil when enough threads wait already.
        static func waitForWork() -> Work? {
            let mayWait = state.withLock { state in
                guard state.idleThreads < OSThread.idleLimit else { return false }
                state.idleThreads += 1
                return true
            }
            guard mayWait else { return nil }
            // For ``waitForIdleThread(timeout:)``; the other waiters look again and wait on.
            state.broadcast()
            return state.withLock(when: { !$0.handedOver.isEmpty }) { state in
                state.idleThreads -= 1
                return state.handedOver.removeFirst()
            }
        }
    }
}
