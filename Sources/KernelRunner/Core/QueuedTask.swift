/// A request on the FIFO task queue.
enum QueuedTask: Sendable {
    case clean(String)
    case build(String)
    case exec(String)
    case code(String)
}
