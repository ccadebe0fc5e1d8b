/// The parser's stack of finished values (and of member names): the elements of a
/// closing array or object are moved out into a new array in one step, without the
/// retain/release pair per element that copying a slice and then removing it costs.
///
/// Its indices are the parser's own bookkeeping (frame start positions), never input.
final class ParserStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// Number of elements on the stack.
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Pushes `element`.
    func push(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Removes and returns the top element; the stack must not be empty.
    func pop() -> Element {
        count -= 1
        return (base + count).move()
    }

    /// Moves the elements from `start` to the top out, in order, into a new array.
    func moveOut(from start: Int) -> [Element] {
        let moved = count - start
        guard moved > 0 else { return [] }
        let source = base + start
        count = start
        return Array(unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: source, count: moved)
            initialized = moved
        }
    }

    /// Moves the elements from `start` to the top out, paired in order with those of
    /// `other` from `otherStart` to its top (both ranges have the same length).
    func moveOut<Other>(from start: Int, pairedWith other: ParserStack<Other>, from otherStart: Int) -> [(Element, Other)] {
        let moved = count - start
        guard moved > 0 else { return [] }
        let source = base + start
        let otherSource = other.base + otherStart
        count = start
        other.count = otherStart
        return Array(unsafeUninitializedCapacity: moved) { buffer, initialized in
            for offset in 0..<moved {
                buffer.initializeElement(at: offset, to: ((source + offset).move(), (otherSource + offset).move()))
            }
            initialized = moved
        }
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
