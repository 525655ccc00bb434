extension String {
    /// The text without terminal escape sequences (CSI such as colours, OSC such as titles):
    /// kernels colour tracebacks for notebooks, the agent's consoles show plain text.
    var removingANSIEscapes: String {
        var result = String.UnicodeScalarView()
        var scalars = unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                result.append(scalar)
                continue
            }
            switch scalars.next() {
            case "[":
                // Parameters and intermediates up to a final byte in @...~.
                while let next = scalars.next(), !("@"..."~").contains(next) {}
            case "]":
                // Up to BEL or ESC \.
                while let next = scalars.next(), next != "\u{07}" {
                    if next == "\u{1B}" {
                        _ = scalars.next()
                        break
                    }
                }
            default:
                break
            }
        }
        return String(result)
    }
}
