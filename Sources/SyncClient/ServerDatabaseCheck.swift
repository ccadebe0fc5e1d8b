import OVSDB

/// Whether the server's `_Server.Database` row for the client's database makes it a
/// server worth using: OVS's `ovsdb_cs_check_server_db` (server-client.md section 7).
///
/// - No row: the server does not have the database (yet).
/// - clustered: the member must have joined (a schema), be connected to the cluster, be
///   the leader when `leaderOnly`, and not be behind an index already seen (stale data).
/// - relay: it must be connected to its source, and `leaderOnly` must be off (a relay is
///   never the leader).
/// - standalone: it must have a schema.
struct ServerDatabaseCheck {
    /// What the row says.
    enum Verdict: Equatable {
        /// Usable; `schema` is the database schema the row carries and `index` the Raft
        /// index to remember (clustered only).
        case usable(schema: String, index: Int64?)
        /// Not usable, and why (OVS's messages).
        case unusable(String)
    }

    let database: String
    let leaderOnly: Bool

    /// Judges the `Database` rows of `server` (a replica of `_Server`), knowing that an
    /// index of `minimumIndex` was already seen.
    func verdict(server: ReplicaTable?, minimumIndex: Int64) -> Verdict {
        guard let row = server?.allRows.first(where: { $0.string("name") == database }) else {
            return .unusable("server does not have \(database) database")
        }
        let schema = row.string("schema")
        switch row.string("model") ?? "" {
        case "clustered":
            guard let schema, !schema.isEmpty else {
                return .unusable("clustered database server has not yet joined cluster")
            }
            guard row.boolean("connected") == true else {
                return .unusable("clustered database server is disconnected from cluster")
            }
            guard !leaderOnly || row.boolean("leader") == true else {
                return .unusable("clustered database server is not cluster leader")
            }
            let index = row.integer("index") ?? 0
            guard index >= minimumIndex else { return .unusable("clustered database server has stale data") }
            return .usable(schema: schema, index: index)
        case "relay":
            guard let schema, !schema.isEmpty else { return .unusable("relay database server is not connected") }
            guard row.boolean("connected") == true else {
                return .unusable("relay database server is disconnected from its source")
            }
            guard !leaderOnly else { return .unusable("relay database server cannot be a leader") }
            return .usable(schema: schema, index: nil)
        default:
            guard let schema, !schema.isEmpty else { return .unusable("database \(database) has no schema") }
            return .usable(schema: schema, index: nil)
        }
    }

    /// The `_Server` columns OVS's C IDL monitors (not `sid`).
    static let columns = ["name", "model", "connected", "leader", "schema", "cid", "index"]
}
