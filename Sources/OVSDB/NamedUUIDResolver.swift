/// Turns the `["named-uuid", name]` references of a transaction into UUIDs (RFC 7047
/// section 5.1).
///
/// Datum, row and condition parsing call it for every `named-uuid` they meet; without a
/// resolver such references are rejected, as OVS rejects them without a symbol table.
/// The transaction engine provides one per transaction (typically ``SymbolTable``).
public protocol NamedUUIDResolver: AnyObject {
    /// The UUID that `name` stands for, creating it on first use (OVS's
    /// `ovsdb_symbol_table_insert()`), noting that a column of type `base` referenced it.
    func uuid(forName name: String, referencedAs base: BaseType) -> OVSDBUUID
}

/// The named UUIDs of one transaction, as OVS's `struct ovsdb_symbol_table` keeps them.
public final class SymbolTable: NamedUUIDResolver {
    /// What the table knows about one name.
    public struct Symbol: Hashable, Sendable {
        /// The UUID the name stands for.
        public var uuid: OVSDBUUID
        /// True once an `insert` operation has created the row with this UUID.
        public var created: Bool
        /// True if a strong reference to the row was parsed.
        public var strongReference = false
        /// True if a weak reference to the row was parsed.
        public var weakReference = false
    }

    /// The symbols by name.
    public private(set) var symbols: [String: Symbol] = [:]

    /// An empty table.
    public init() {}

    /// The symbol for `name`, if defined or referenced.
    public subscript(name: String) -> Symbol? { symbols[name] }

    /// Defines `name` as `uuid` (an `insert` with `uuid-name`); returns false if the
    /// name is already defined, which the engine reports as "duplicate uuid name".
    @discardableResult
    public func define(_ name: String, as uuid: OVSDBUUID, created: Bool) -> Bool {
        guard symbols[name] == nil else { return false }
        symbols[name] = Symbol(uuid: uuid, created: created)
        return true
    }

    /// The UUID of the row an `insert` with `"uuid-name": name` creates (OVS's
    /// `ovsdb_execute_insert()`): the name's UUID (made on first mention, so forward
    /// references work), or `explicit` when the insert gives its own `"uuid"`, which the
    /// name then stands for from here on. Nil if an earlier insert already created
    /// `name`, which the engine reports as "duplicate uuid-name".
    public func createRow(named name: String, uuid explicit: OVSDBUUID?) -> OVSDBUUID? {
        var symbol = symbols[name] ?? Symbol(uuid: .random(), created: false)
        guard !symbol.created else { return nil }
        if let explicit { symbol.uuid = explicit }
        symbol.created = true
        symbols[name] = symbol
        return symbol.uuid
    }

    /// The UUID for `name`, a fresh random one on first use; records the reference kind.
    public func uuid(forName name: String, referencedAs base: BaseType) -> OVSDBUUID {
        var symbol = symbols[name] ?? Symbol(uuid: .random(), created: false)
        if base.refTable != nil {
            switch base.refType {
            case .strong: symbol.strongReference = true
            case .weak: symbol.weakReference = true
            }
        }
        symbols[name] = symbol
        return symbol.uuid
    }
}
