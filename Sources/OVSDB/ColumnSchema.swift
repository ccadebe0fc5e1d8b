/// One column of a table schema (RFC 7047 section 3.2, `<column-schema>`; OVS's
/// `struct ovsdb_column`).
public struct ColumnSchema: Hashable, Sendable {
    /// The column name.
    public var name: String
    /// The column's position in its table: rows store their values by this index.
    /// `_uuid` is 0 and `_version` 1, then the schema's columns in file order.
    public var index: Int
    /// The column type.
    public var type: ColumnType
    /// False if the column may only be set by `insert` (`"mutable": false`). A column
    /// holding weak references is always mutable, as in OVS: deleting a referenced row
    /// must be able to change it.
    public var isMutable: Bool
    /// True if the column is not written to disk (`"ephemeral": true`). A column holding
    /// strong references to a non-root table is never ephemeral (enforced by
    /// ``DatabaseSchema``), as in OVS.
    public var isEphemeral: Bool

    /// A column with the given properties.
    public init(name: String, index: Int, type: ColumnType, isMutable: Bool = true, isEphemeral: Bool = false) {
        self.name = name
        self.index = index
        self.type = type
        self.isMutable = isMutable
        self.isEphemeral = isEphemeral
    }

    /// Parses the `<column-schema>` of the column `name` at `index` (OVS's
    /// `ovsdb_column_from_json()`).
    public init(json: JSON, name: String, index: Int) throws(OVSDBError) {
        var parser = MemberParser(json, name: "schema for column \(name)")
        let mutable = parser.member("mutable", [.boolean, .optional])
        let ephemeral = parser.member("ephemeral", [.boolean, .optional])
        let typeJSON = parser.member("type", [.string, .object])
        try parser.finish()
        let type = try ColumnType(json: typeJSON ?? .null)
        let holdsWeakReferences = type.key.isWeakReference || type.value?.isWeakReference == true
        self.init(name: name, index: index, type: type,
                  isMutable: mutable?.boolValue != false || holdsWeakReferences,
                  isEphemeral: ephemeral?.boolValue == true)
    }

    /// The `<column-schema>` JSON as OVS writes it (`ovsdb_column_to_json()`):
    /// `"mutable": false` and `"ephemeral": true` only when they apply, then `"type"`.
    public var json: JSON {
        var object = JSONObject()
        if !isMutable { object.appendUnchecked(false, forKey: "mutable") }
        if isEphemeral { object.appendUnchecked(true, forKey: "ephemeral") }
        object.appendUnchecked(type.json, forKey: "type")
        return .object(object)
    }
}
