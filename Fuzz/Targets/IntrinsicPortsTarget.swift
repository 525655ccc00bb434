import Foundation
import KernelRunner

extension FuzzTarget {
    /// `intrinsic-ports.json`: whatever it holds, a port the daemon accepts is one it can bind.
    static let intrinsicPorts = FuzzTarget("intrinsic-ports", dictionary: "json.dict") { input throws(InvariantViolation) in
        guard let ports = try? IntrinsicPorts(json: Data(input)) else { return }
        for port in [ports.replIn, ports.replOut, ports.sshd, ports.ttyd].compactMap(\.self) {
            try require((1...65535).contains(port), "accepted port \(port)")
        }
    }
}
