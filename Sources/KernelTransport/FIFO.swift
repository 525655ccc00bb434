/// A first-in first-out queue with amortized O(1) push and pop.
package struct FIFO<Element> {
    private var storage: [Element] = []
    private var head = 0

    /// Creates an empty queue.
    package init() {}

    /// Whether the queue holds no elements.
    package var isEmpty: Bool { head == storage.count }

    /// The number of queued elements.
    package var count: Int { storage.count - head }

    /// The oldest element, if any.
    package var first: Element? { isEmpty ? nil : storage[head] }

    /// Appends an element at the back.
    package mutating func append(_ element: Element) {
        storage.append(element)
    }

    /// Removes and returns the oldest element, if any.
    package mutating func popFirst() -> Element? {
        guard !isEmpty else { return nil }
        let element = storage[head]
        head += 1
        // Reclaim the consumed prefix once it dominates, keeping pops amortized O(1).
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }

    /// Removes every element.
    package mutating func removeAll() {
        storage.removeAll()
        head = 0
    }
}

extension FIFO: Sendable where Element: Sendable {}
