import OVSDB

/// A generated OVN_Southbound database held as the rows the generator inserted: what
/// ``SouthboundWorkload`` makes, what is loaded into every server under test (through
/// ``loadTransactions(maxOperations:)``), and what ``SouthboundChanges`` changes.
///
/// Rows carry their own UUIDs, so any server loaded from the same database holds the
/// same rows under the same UUIDs.
public struct SouthboundDatabase: Sendable {
    /// The database's name in the schema.
    public static let name = "OVN_Southbound"

    /// The generated tables, referenced tables before the tables that refer to them.
    public static let tableNames = ["SB_Global", "Chassis", "Encap", "Chassis_Private", "Datapath_Binding", "Port_Binding",
                                    "Multicast_Group", "MAC_Binding", "Logical_DP_Group", "Logical_Flow"]

    /// The rows of each generated table.
    public internal(set) var tables: [String: WorkloadTable]
    /// A counter that makes the values of later generated rows unique (MAC_Binding
    /// addresses, flow matches).
    var serial = 0

    /// An empty database.
    init() {
        tables = Dictionary(uniqueKeysWithValues: Self.tableNames.map { ($0, WorkloadTable()) })
    }

    /// The rows of `table` (empty for a table the generator does not fill).
    public subscript(table: String) -> WorkloadTable {
        tables[table] ?? WorkloadTable()
    }

    /// The number of rows per generated table.
    public var rowCounts: [String: Int] {
        tables.mapValues(\.count)
    }

    /// The number of rows in all tables.
    public var totalRows: Int {
        tables.values.reduce(0) { $0 + $1.count }
    }

    /// The Datapath_Binding rows of logical switches (`logicalRouter` false) or of
    /// logical routers (true), told apart by their `external_ids`.
    public func datapaths(logicalRouter: Bool) -> [WorkloadRow] {
        let key = logicalRouter ? "logical-router" : "logical-switch"
        return self["Datapath_Binding"].rows.filter { $0.mapValue("external_ids", key: key) != nil }
    }

    mutating func insert(_ row: WorkloadRow) {
        tables[row.table, default: WorkloadTable()].append(row)
    }

    /// The database as `transact` operation lists (one list per transaction, without
    /// the database name) of at most `maxOperations` inserts each, in an order that
    /// any server accepts: every row after the rows it references strongly, and each
    /// row of a non-root table (Encap, Logical_DP_Group) in the same transaction as a
    /// row that references it, so it is not garbage-collected at commit.
    public func loadTransactions(maxOperations: Int = 20_000) -> [[JSON]] {
        var transactions: [[JSON]] = []
        var current: [JSON] = []
        for unit in loadUnits() {
            if !current.isEmpty, current.count + unit.count > maxOperations {
                transactions.append(current)
                current = []
            }
            current += unit.map(\.insertOperation)
        }
        if !current.isEmpty { transactions.append(current) }
        return transactions
    }

    /// The rows in loading order, grouped with the non-root rows they must be
    /// inserted with.
    private func loadUnits() -> [[WorkloadRow]] {
        var units: [[WorkloadRow]] = []
        var placedGroups: Set<OVSDBUUID> = []
        for name in Self.tableNames where name != "Encap" && name != "Logical_DP_Group" {
            for row in self[name].rows {
                var unit = [row]
                if name == "Chassis" {
                    unit += Self.references(in: row.columns["encaps"]).compactMap { self["Encap"][$0] }
                }
                if name == "Logical_Flow" {
                    for group in Self.references(in: row.columns["logical_dp_group"]) where placedGroups.insert(group).inserted {
                        if let groupRow = self["Logical_DP_Group"][group] { unit.insert(groupRow, at: 0) }
                    }
                }
                units.append(unit)
            }
        }
        return units
    }

    /// The UUIDs in a reference value: `["uuid", U]` or `["set", [["uuid", U], ...]]`.
    static func references(in value: JSON?) -> [OVSDBUUID] {
        guard let value else { return [] }
        if value[0] == "uuid", let text = value[1]?.stringValue { return OVSDBUUID(text).map { [$0] } ?? [] }
        if value[0] == "set", let elements = value[1]?.arrayValue { return elements.flatMap { references(in: $0) } }
        return []
    }
}
