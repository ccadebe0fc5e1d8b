import IBLT
import OVSDB

/// The keys of one table's view, ordered, with a Merkle commitment over them: the
/// "commitment" of ../shared/DESIGN.md that both sides keep up to date so that "nothing
/// changed" costs one comparison of 32 bytes per view.
///
/// Definition (version 1), the same on every side for the same set of keys, whatever the
/// order they were inserted in:
///
/// - A key's bucket is its first `bucketBits` (10) bits: byte 0 and the top two bits of
///   byte 1, big-endian. There are 1,024 buckets.
/// - Leaf `b` = SHA-256(0x00 || the keys of bucket `b`, 16 bytes each, in ascending
///   bytewise order). An empty bucket's leaf is SHA-256(0x00).
/// - Inner node = SHA-256(0x01 || left child || right child), over the complete binary
///   tree whose leaves are the buckets in order; the root is the commitment (32 bytes).
///
/// The 0x00/0x01 prefixes keep a leaf from ever being read as an inner node (as RFC 6962
/// does), and keys have a fixed length, so two different sets give two different roots
/// unless SHA-256 collides. Nobody can choose keys that cancel out, as they could in an
/// XOR or sum of keys.
///
/// Cost: inserting or removing a key is a binary search and an insertion in its bucket's
/// sorted array (O(bucket) memory moves, about n / 1,024 entries) and marks the bucket's
/// path dirty; reading `root` recomputes only dirty leaves and the inner nodes above them,
/// so an unchanged commitment costs O(1) and one changed row about one leaf (16 KB of
/// SHA-256 at a million keys) plus 10 inner hashes. 1,024 buckets, rather than 4,096,
/// keep a view's fixed cost at about 72 KB (bucket array headers and 2,047 node hashes),
/// which matters on a server holding a view per distinct monitor condition.
///
/// Each entry also holds its row's UUID, so the keys a peer lacks or sends can be mapped
/// back to rows (`uuid(forKey:)`) in O(log n) without a second index.
public struct KeyCommitment: Sendable {
    /// One key and the row it stands for.
    public struct Entry: Hashable, Sendable {
        /// The row key.
        public var key: Key128
        /// The row's UUID.
        public var uuid: OVSDBUUID

        /// An entry from its parts.
        public init(key: Key128, uuid: OVSDBUUID) {
            self.key = key
            self.uuid = uuid
        }
    }

    /// Bits of a key that choose its bucket.
    public static let bucketBits = 10
    /// Number of buckets (leaves).
    public static let bucketCount = 1 << bucketBits

    /// The entries of each bucket, sorted by key bytes.
    private var buckets: [[Entry]]
    /// Node hashes in heap order: node 1 is the root, node `i` has children `2i` and
    /// `2i + 1`, leaf `b` is node `bucketCount + b`. Index 0 is unused.
    private var nodes: [SHA256Digest]
    /// Nodes whose hash is stale.
    private var dirty: [Bool]
    /// Number of keys.
    public private(set) var count = 0

    /// An empty set of keys.
    public init() {
        buckets = Array(repeating: [], count: Self.bucketCount)
        nodes = EmptyTree.nodes
        dirty = Array(repeating: false, count: 2 * Self.bucketCount)
    }

    /// The set of `entries` (whose keys must be distinct), built in one pass: each
    /// bucket is sorted once.
    public init(entries: some Sequence<Entry>) {
        self.init()
        for entry in entries {
            buckets[Self.bucket(of: entry.key)].append(entry)
            count += 1
        }
        for bucket in buckets.indices where !buckets[bucket].isEmpty {
            buckets[bucket].sort { Self.precedes($0.key, $1.key) }
            markDirty(bucket)
        }
    }

    /// True if the set holds `key`.
    public func contains(_ key: Key128) -> Bool {
        uuid(forKey: key) != nil
    }

    /// The UUID of the row whose key is `key`, if the set holds it.
    public func uuid(forKey key: Key128) -> OVSDBUUID? {
        let entries = buckets[Self.bucket(of: key)]
        let position = Self.insertionPoint(of: key, in: entries)
        guard position < entries.count, entries[position].key == key else { return nil }
        return entries[position].uuid
    }

    /// Adds `entry`; returns false (and changes nothing) if its key is already there.
    @discardableResult
    public mutating func insert(_ entry: Entry) -> Bool {
        let bucket = Self.bucket(of: entry.key)
        let position = Self.insertionPoint(of: entry.key, in: buckets[bucket])
        if position < buckets[bucket].count, buckets[bucket][position].key == entry.key { return false }
        buckets[bucket].insert(entry, at: position)
        count += 1
        markDirty(bucket)
        return true
    }

    /// Removes `key`; returns false if it was not there.
    @discardableResult
    public mutating func remove(_ key: Key128) -> Bool {
        let bucket = Self.bucket(of: key)
        let position = Self.insertionPoint(of: key, in: buckets[bucket])
        guard position < buckets[bucket].count, buckets[bucket][position].key == key else { return false }
        buckets[bucket].remove(at: position)
        count -= 1
        markDirty(bucket)
        return true
    }

    /// Every entry, bucket by bucket, each bucket in key order: ascending bytewise key
    /// order over the whole set.
    public var entries: some Sequence<Entry> {
        buckets.lazy.joined()
    }

    /// The Merkle root (see the type's documentation). Recomputes the dirty paths, so it
    /// is a mutating read; O(1) when nothing changed since the last read.
    public var root: SHA256Digest {
        mutating get {
            refresh(node: 1)
            return nodes[1]
        }
    }

    private mutating func refresh(node: Int) {
        guard dirty[node] else { return }
        dirty[node] = false
        if node >= Self.bucketCount {
            nodes[node] = Self.leafHash(buckets[node - Self.bucketCount])
        } else {
            refresh(node: 2 * node)
            refresh(node: 2 * node + 1)
            nodes[node] = Self.innerHash(nodes[2 * node], nodes[2 * node + 1])
        }
    }

    /// Marks the bucket's leaf and its ancestors stale, stopping at the first one that
    /// already is (its ancestors already are too).
    private mutating func markDirty(_ bucket: Int) {
        var node = Self.bucketCount + bucket
        while node >= 1, !dirty[node] {
            dirty[node] = true
            node /= 2
        }
    }

    /// The bucket of `key`: its first `bucketBits` bits.
    static func bucket(of key: Key128) -> Int {
        Int(truncatingIfNeeded: key.low.byteSwapped >> UInt64(64 - bucketBits))
    }

    /// Bytewise order of two keys (their bytes compared as unsigned, first byte first).
    static func precedes(_ left: Key128, _ right: Key128) -> Bool {
        let leftFirst = left.low.byteSwapped
        let rightFirst = right.low.byteSwapped
        return leftFirst != rightFirst ? leftFirst < rightFirst : left.high.byteSwapped < right.high.byteSwapped
    }

    private static func insertionPoint(of key: Key128, in entries: [Entry]) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if precedes(entries[middle].key, key) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// SHA-256(0x00 || keys), the keys written in their 16-byte order.
    static func leafHash(_ entries: [Entry]) -> SHA256Digest {
        let byteCount = 1 + 16 * entries.count
        return withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: 8) { buffer in
            buffer[0] = 0x00
            var offset = 1
            for entry in entries {
                buffer.storeBytes(of: entry.key.low.littleEndian, toByteOffset: offset, as: UInt64.self)
                buffer.storeBytes(of: entry.key.high.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
                offset += 16
            }
            return SHA256Digest(of: UnsafeRawBufferPointer(buffer))
        }
    }

    /// SHA-256(0x01 || left || right).
    static func innerHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 0x01
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
            right.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
            return SHA256Digest(of: UnsafeRawBufferPointer(buffer))
        }
    }

    /// The node hashes of the tree of the empty set, computed once.
    private enum EmptyTree {
        static let nodes: [SHA256Digest] = {
            var nodes = Array(repeating: KeyCommitment.leafHash([]), count: 2 * KeyCommitment.bucketCount)
            for node in stride(from: KeyCommitment.bucketCount - 1, through: 1, by: -1) {
                nodes[node] = KeyCommitment.innerHash(nodes[2 * node], nodes[2 * node + 1])
            }
            return nodes
        }()
    }
}
