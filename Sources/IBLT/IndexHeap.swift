/// A binary min-heap of (symbol index, slot) pairs: the rateless decoder's queue of
/// recovered keys ordered by the next symbol index each must be removed from.
struct IndexHeap {
    private var entries: [(index: Int, slot: Int)] = []

    /// The entry with the smallest index.
    var minimum: (index: Int, slot: Int)? { entries.first }

    mutating func push(index: Int, slot: Int) {
        entries.append((index, slot))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].index < entries[parent].index else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Replaces the minimum's index with a larger one and restores the heap order.
    mutating func replaceMinimumIndex(with index: Int) {
        entries[0].index = index
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            let right = left + 1
            let smaller = right < entries.count && entries[right].index < entries[left].index ? right : left
            guard entries[smaller].index < entries[parent].index else { return }
            entries.swapAt(smaller, parent)
            parent = smaller
        }
    }
}
