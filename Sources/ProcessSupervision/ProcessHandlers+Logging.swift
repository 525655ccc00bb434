public import Logging

extension ProcessHandlers {
    /// Handlers that write a background program's output to the daemon's log (services and
    /// `bootstrap.sh` are not part of any run, so the agent would drop their frames).
    public static func logging(to logger: Logger, source: String) -> ProcessHandlers {
        ProcessHandlers(output: { output in
            let (stream, bytes) =
                switch output {
                case .stdout(let bytes): ("stdout", bytes)
                case .stderr(let bytes): ("stderr", bytes)
                }
            var text = Substring(String(decoding: bytes, as: UTF8.self))
            while let last = text.last, last.isNewline { text.removeLast() }
            while let first = text.first, first.isNewline { text.removeFirst() }
            guard !text.isEmpty else { return }
            logger.info("\(text)", metadata: ["source": "\(source)", "stream": "\(stream)"])
        })
    }
}
