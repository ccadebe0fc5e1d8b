import OVSDB

/// The contents of the `_Server` database (OVS's `ovsdb/_server.ovsschema`, schema
/// ``OVSDB/DatabaseSchema/server``): one `Database` row per served database, `_Server`
/// itself included, as `ovsdb-server`'s `update_server_status()` writes them for
/// standalone databases.
///
/// Each row has `name`, `model` "standalone", `connected` and `leader` true, `schema`
/// the database's schema as compact JSON with sorted keys (the C IDL reads the schema
/// from there instead of calling `get_schema`), and `cid`, `sid`, `index` empty. Clients
/// may read and monitor it; the engine refuses writes to a database whose name starts
/// with `_` ("not allowed").
enum ServerDatabase {
    /// The `_Server` contents describing `schemas` and `_Server` itself, in that order.
    static func make(describing schemas: [DatabaseSchema]) throws(OVSDBError) -> Database {
        let table = DatabaseSchema.server.tables[0]
        var transaction = Transaction(database: Database(schema: .server))
        for schema in schemas + [.server] {
            var row = Row(table: table, uuid: .random())
            row.values[Column.name] = Datum(.string(schema.name))
            row.values[Column.model] = Datum(.string("standalone"))
            row.values[Column.connected] = Datum(.boolean(true))
            row.values[Column.leader] = Datum(.boolean(true))
            row.values[Column.schema] = Datum(.string(schema.json.serializedString(sortingKeys: true)))
            transaction.insert(row, into: 0)
        }
        return try transaction.commit().database
    }

    /// The column indexes of `Database`, as ``OVSDB/DatabaseSchema/server`` defines them.
    private enum Column {
        static let name = 2
        static let model = 3
        static let connected = 4
        static let leader = 5
        static let schema = 6
    }
}
