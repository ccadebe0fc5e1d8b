/// A database schema, as read from an `.ovsschema` file or a `get_schema` reply (RFC
/// 7047 section 3.2, `<database-schema>`; OVS's `struct ovsdb_schema`).
///
/// Tables keep the order of the schema text. Like OVS, construction applies two rules:
/// if no table is in the root set, every table is (schemas older than garbage
/// collection); and a column holding strong references to a non-root table is never
/// ephemeral.
public struct DatabaseSchema: Hashable, Sendable {
    /// The database name.
    public var name: String
    /// The `x.y.z` version, or "" if the schema has none.
    public var version: String
    /// The checksum string (`"<crc32> <length>"`, as `ovsdb-tool` writes it), or "" if
    /// the schema has none. It is carried, not verified.
    public var cksum: String
    /// The tables, in schema order.
    public private(set) var tables: [TableSchema]
    private var indexByName: [String: Int]

    /// A schema with `tables`, after the root-set and persistence rules above. Does not
    /// check that referenced tables exist (``init(json:)`` does).
    public init(name: String, version: String = "", cksum: String = "", tables: [TableSchema]) {
        self.name = name
        self.version = version
        self.cksum = cksum
        self.tables = tables
        indexByName = [:]
        for (index, table) in tables.enumerated() {
            indexByName[table.name] = index
        }
        if !tables.contains(where: \.isRoot) {
            for index in self.tables.indices { self.tables[index].isRoot = true }
        }
        forcePersistentStrongReferences()
    }

    /// True if both schemas describe the same database, whatever the order of their
    /// tables and columns (OVS's `ovsdb_schema_equal()` compares the JSON forms).
    /// `==` also compares the order, which decides column indexes and so row layout.
    public func isEquivalent(to other: DatabaseSchema) -> Bool {
        json == other.json
    }

    /// The table called `name`.
    public func table(named name: String) -> TableSchema? {
        indexByName[name].map { tables[$0] }
    }

    /// The position of the table called `name` in ``tables``.
    public func tableIndex(named name: String) -> Int? {
        indexByName[name]
    }

    /// OVS's `ovsdb_schema_check_ref_table()`: a strong reference to a non-root table
    /// must survive a restart, or replaying the log would garbage-collect its target.
    private mutating func forcePersistentStrongReferences() {
        for tableIndex in tables.indices {
            for column in tables[tableIndex].columns {
                let bases = [column.type.key] + (column.type.value.map { [$0] } ?? [])
                let pinned = bases.contains { base in
                    base.isStrongReference && base.refTable.flatMap { table(named: $0) }.map { !$0.isRoot } == true
                }
                if pinned { tables[tableIndex].makePersistent(column.index) }
            }
        }
    }

    /// Throws OVS's error for the first column that references a table the schema does
    /// not define.
    func checkReferences() throws(OVSDBError) {
        for table in tables {
            for column in table.columns {
                for (base, role) in [(column.type.key, "key"), (column.type.value, "value")] {
                    guard let refTable = base?.refTable, base?.type == .uuid, self.table(named: refTable) == nil else {
                        continue
                    }
                    throw OVSDBError(.syntaxError, "column \(column.name) \(role) refers to undefined table \(refTable)")
                }
            }
        }
    }
}
