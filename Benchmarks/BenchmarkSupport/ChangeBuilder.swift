import OVSDB

/// Chooses and writes the operations of a ``SouthboundChanges``, keeping the model in
/// step; every choice comes from one seeded generator, in a fixed order.
struct ChangeBuilder {
    var random: SplitMix64
    private var operations: [JSON] = []
    private var tables: [String: SouthboundChanges.Counts] = [:]
    private var touched: Set<OVSDBUUID> = []

    init(random: SplitMix64) {
        self.random = random
    }

    /// Deletes `count` rows that nothing references: flows on one datapath and MAC
    /// bindings.
    mutating func delete(_ count: Int, from database: inout SouthboundDatabase) throws(WorkloadError) {
        let candidates = database["Logical_Flow"].rows.filter { $0.columns["logical_datapath"] != nil }
            + database["MAC_Binding"].rows
        for row in try sample(count, from: candidates, kind: "deletable rows (flows on one datapath, MAC bindings)") {
            operations.append(["op": "delete", "table": .string(row.table), "where": row.whereClause])
            database.tables[row.table]?.remove(row.uuid)
            record(row, \.deleted)
        }
    }

    /// Modifies `count` rows among VM port bindings, flows, MAC bindings and chassis.
    mutating func modify(_ count: Int, in database: inout SouthboundDatabase) throws(WorkloadError) {
        let chassis = database["Chassis"].rows
        let candidates = (database["Port_Binding"].rows.filter { $0.columns["type"] == nil } + database["Logical_Flow"].rows
            + database["MAC_Binding"].rows + database["Chassis_Private"].rows + chassis).filter { !touched.contains($0.uuid) }
        for row in try sample(count, from: candidates, kind: "modifiable rows") {
            let changes = change(of: row, chassis: chassis)
            operations.append(["op": "update", "table": .string(row.table), "where": row.whereClause, "row": .object(changes)])
            database.tables[row.table]?.update(row.uuid, with: changes)
            record(row, \.modified)
        }
    }

    /// Inserts `count` rows: flows on logical switches and MAC bindings on router
    /// ports, in proportion to the two tables' sizes.
    mutating func insert(_ count: Int, into database: inout SouthboundDatabase) throws(WorkloadError) {
        guard count > 0 else { return }
        let switches = database.datapaths(logicalRouter: false)
        let routerPorts = database["Port_Binding"].rows.filter {
            $0.columns["logical_port"]?.stringValue?.hasPrefix("lrp-") == true
        }
        guard !switches.isEmpty else { throw .tooManyChanges("no logical switch to add flows to") }
        for _ in 0..<count {
            database.serial += 1
            let macs = UInt64(database["MAC_Binding"].count)
            let flows = UInt64(database["Logical_Flow"].count)
            let row: WorkloadRow
            if !routerPorts.isEmpty, macs > 0, random.next() % (macs + flows) < macs {
                row = newMACBinding(serial: database.serial, port: routerPorts[pick(routerPorts.count)])
            } else {
                row = newFlow(serial: database.serial, datapath: switches[pick(switches.count)])
            }
            operations.append(row.insertOperation)
            database.insert(row)
            record(row, \.inserted)
        }
    }

    /// The operations in a seeded random order, split into `transactions` parts of
    /// about equal size (fewer if there are fewer operations).
    mutating func finish(transactions: Int) -> SouthboundChanges {
        for index in operations.indices.reversed() where index > 0 {
            operations.swapAt(index, pick(index + 1))
        }
        let parts = min(transactions, operations.count)
        let batches = (0..<parts).map { part in
            Array(operations[(operations.count * part / parts)..<(operations.count * (part + 1) / parts)])
        }
        return SouthboundChanges(transactions: batches, tables: tables)
    }

    private mutating func change(of row: WorkloadRow, chassis: [WorkloadRow]) -> JSONObject {
        switch row.table {
        case "Port_Binding":
            let current = SouthboundDatabase.references(in: row.columns["chassis"]).first
            let others = chassis.filter { $0.uuid != current }
            guard current == nil || chassis.count > 1, !others.isEmpty else {
                return ["chassis": ["set", []], "up": false]
            }
            let target = others[pick(others.count)]
            return ["chassis": target.reference, "requested_chassis": target.reference, "up": true,
                    "options": ["map", [["requested-chassis", target.columns["hostname"] ?? ""]]]]
        case "Logical_Flow":
            let actions = row.columns["actions"]?.stringValue ?? ""
            let marker = "reg9[5] = 1; "
            return ["actions": .string(actions.hasPrefix(marker) ? String(actions.dropFirst(marker.count)) : marker + actions)]
        case "MAC_Binding":
            var address = openStackMAC(random.next())
            while .string(address) == row.columns["mac"] { address = openStackMAC(random.next()) }
            let timestamp = row.columns["timestamp"]?.integerValue ?? 0
            return ["mac": .string(address), "timestamp": .integer(timestamp + 1000 + Int64(random.next() % 60_000))]
        case "Chassis_Private":
            return ["nb_cfg": .integer((row.columns["nb_cfg"]?.integerValue ?? 0) + 1),
                    "nb_cfg_timestamp": .integer((row.columns["nb_cfg_timestamp"]?.integerValue ?? 0) + 1000)]
        default:
            return ["nb_cfg": .integer((row.columns["nb_cfg"]?.integerValue ?? 0) + 1)]
        }
    }

    private mutating func newMACBinding(serial: Int, port: WorkloadRow) -> WorkloadRow {
        let ip = "100.\(64 + (serial >> 16) & 63).\((serial >> 8) & 255).\(serial & 255)"
        return WorkloadRow(table: "MAC_Binding", uuid: .random(using: &random), columns: [
            "logical_port": port.columns["logical_port"] ?? "", "ip": .string(ip), "mac": .string(openStackMAC(random.next())),
            "timestamp": .integer(SouthboundBuilder.epochMilliseconds + 86_400_000 + Int64(serial)),
            "datapath": port.columns["datapath"] ?? .null,
        ])
    }

    private mutating func newFlow(serial: Int, datapath: WorkloadRow) -> WorkloadRow {
        let hint = String(OVSDBUUID.random(using: &random).description.prefix(8))
        let spec = LogicalFlowSpec.aclFlows(portGroup: "pg_added_\(serial)", count: 1, hints: [hint])[0]
        return WorkloadRow(table: "Logical_Flow", uuid: .random(using: &random),
                           columns: spec.columns(placement: ("logical_datapath", datapath.reference)))
    }

    /// `count` distinct rows of `candidates`, chosen at random.
    private mutating func sample(_ count: Int, from candidates: [WorkloadRow], kind: String) throws(WorkloadError) -> [WorkloadRow] {
        guard count <= candidates.count else {
            throw .tooManyChanges("\(count) changes asked for, but only \(candidates.count) \(kind)")
        }
        var pool = candidates
        for index in 0..<count {
            pool.swapAt(index, index + pick(pool.count - index))
        }
        return Array(pool.prefix(count))
    }

    private mutating func pick(_ count: Int) -> Int {
        Int(random.next() % UInt64(count))
    }

    private mutating func record(_ row: WorkloadRow, _ field: WritableKeyPath<SouthboundChanges.Counts, Int>) {
        touched.insert(row.uuid)
        tables[row.table, default: SouthboundChanges.Counts()][keyPath: field] += 1
    }
}
