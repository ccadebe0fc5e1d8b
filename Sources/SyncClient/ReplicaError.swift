import OVSDB

/// Why an update from the server could not be applied to the replica. The client then
/// treats the replica as inconsistent, as OVS's C IDL does (`ovsdb_cs_flag_inconsistency`):
/// it forgets its transaction id and reconnects for a full resync, and the update is not
/// applied at all, so readers never see half of it.
enum ReplicaError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The update is not valid table-updates JSON.
    case malformed(String)
    /// The update names a table the client does not monitor.
    case unknownTable(String)
    /// A row's value does not fit its column (OVS's error).
    case invalidValue(table: String, uuid: OVSDBUUID, error: OVSDBError)
    /// An insert of a row the replica has, or a change of a row it lacks.
    case inconsistent(String)

    var description: String {
        switch self {
        case .malformed(let details): return "malformed update: \(details)"
        case .unknownTable(let table): return "update for table \(table), which is not monitored"
        case .invalidValue(let table, let uuid, let error): return "invalid value in row \(uuid) of table \(table): \(error)"
        case .inconsistent(let details): return details
        }
    }
}
