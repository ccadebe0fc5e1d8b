extension DatabaseSchema {
    /// The schema of the `_Server` database that every `ovsdb-server` serves alongside
    /// its own databases (OVS's `ovsdb/_server.ovsschema`, version 1.2.0 as in OVS 3.1):
    /// one root table, `Database`, with a row per database describing its name, storage
    /// model, connection and leadership state, schema, and cluster ids. Clients monitor
    /// it before their own database.
    public static let server = DatabaseSchema(
        name: "_Server", version: "1.2.0", cksum: "3009684573 744",
        tables: [
            TableSchema(name: "Database", userColumns: [
                ColumnSchema(name: "name", index: 2, type: .scalar(.string)),
                ColumnSchema(name: "model", index: 3, type: ColumnType(key: modelType)),
                ColumnSchema(name: "connected", index: 4, type: .scalar(.boolean)),
                ColumnSchema(name: "leader", index: 5, type: .scalar(.boolean)),
                ColumnSchema(name: "schema", index: 6, type: .optional(.string)),
                ColumnSchema(name: "cid", index: 7, type: .optional(.uuid)),
                ColumnSchema(name: "sid", index: 8, type: .optional(.uuid)),
                ColumnSchema(name: "index", index: 9, type: .optional(.integer)),
            ], isRoot: true),
        ])

    /// `Database.model`: a string among "standalone", "clustered" and "relay".
    private static var modelType: BaseType {
        var base = BaseType(.string)
        base.enumeration = Datum(uniquing: ["standalone", "clustered", "relay"].map { Atom.string($0) })
        return base
    }
}
