/// One table of a database schema (RFC 7047 section 3.2, `<table-schema>`; OVS's
/// `struct ovsdb_table_schema`).
///
/// Columns are kept in a stable order with an index per name: the implicit `_uuid`
/// (index 0) and `_version` (index 1) columns that OVS adds to every table, then the
/// schema's columns in the order the schema file lists them. Rows hold their values by
/// that index.
public struct TableSchema: Hashable, Sendable {
    /// Index of the `_uuid` column in every table.
    public static let uuidColumn = 0
    /// Index of the `_version` column in every table.
    public static let versionColumn = 1

    /// The table name.
    public var name: String
    /// All columns, `_uuid` and `_version` first; `columns[i].index == i`.
    public private(set) var columns: [ColumnSchema]
    private var indexByName: [String: Int]
    /// The default value of every column, by index: a new row's values.
    private(set) var defaultValues: [Datum]
    /// What the row serializer needs of every column, by index. Like `defaultValues`
    /// it is computed once: column names and types never change after construction.
    private(set) var formats: [ColumnFormat]
    /// False if rows may not be modified after insertion (`"mutable": false`).
    public var isMutable: Bool
    /// True if rows are kept even when nothing references them (RFC 7047's root set).
    public var isRoot: Bool
    /// Maximum number of rows, or nil for no limit.
    public var maxRows: Int?
    /// The indexes (sets of columns whose values must be unique across rows), each a
    /// list of column indexes in the order the schema gives them.
    public var indexes: [[Int]]

    /// A table with `userColumns`, whose `index` fields are reassigned in order after
    /// `_uuid` and `_version` (so the first user column is 2); `indexes` hold those
    /// positions.
    public init(name: String, userColumns: [ColumnSchema], isMutable: Bool = true, isRoot: Bool = false,
                maxRows: Int? = nil, indexes: [[Int]] = []) {
        self.name = name
        self.isMutable = isMutable
        self.isRoot = isRoot
        self.maxRows = maxRows
        self.indexes = indexes
        columns = [
            ColumnSchema(name: "_uuid", index: Self.uuidColumn, type: .scalar(.uuid), isMutable: false),
            ColumnSchema(name: "_version", index: Self.versionColumn, type: .scalar(.uuid), isMutable: false, isEphemeral: true),
        ]
        indexByName = [:]
        defaultValues = []
        formats = []
        for column in userColumns {
            var column = column
            column.index = columns.count
            columns.append(column)
        }
        for column in columns {
            indexByName[column.name] = column.index
        }
        defaultValues = columns.map { Datum.defaultValue(for: $0.type) }
        formats = columns.map(ColumnFormat.init)
    }

    /// The schema's own columns, without `_uuid` and `_version`.
    public var userColumns: ArraySlice<ColumnSchema> { columns.dropFirst(2) }

    /// The index of the column called `name` (including `_uuid` and `_version`).
    public func columnIndex(named name: String) -> Int? {
        indexByName[name]
    }

    /// The column called `name` (including `_uuid` and `_version`).
    public func column(named name: String) -> ColumnSchema? {
        indexByName[name].map { columns[$0] }
    }

    /// Makes the column at `index` persistent (see ``DatabaseSchema``).
    mutating func makePersistent(_ index: Int) {
        columns[index].isEphemeral = false
    }
}

/// What writing a column's value needs, without the column's full type: the quoted
/// name followed by a colon, whether values are written as maps, and the minimum size
/// (which decides the default value).
struct ColumnFormat: Hashable, Sendable {
    var quotedName: [UInt8]
    var isMap: Bool
    var minimumCount: Int

    init(_ column: ColumnSchema) {
        quotedName = []
        JSONSerializer.appendString(column.name, to: &quotedName)
        quotedName.append(UInt8(ascii: ":"))
        isMap = column.type.isMap
        minimumCount = column.type.min
    }
}
