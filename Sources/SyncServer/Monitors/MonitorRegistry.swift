import OVSDB

/// The monitor groups of one hosted database, by shape: where a new monitor finds the
/// group to join, and what a commit walks to send its updates. Lives on the database
/// loop.
final class MonitorRegistry {
    private let schema: DatabaseSchema
    private var groups: [MonitorShape: MonitorGroup] = [:]

    init(schema: DatabaseSchema) {
        self.schema = schema
    }

    /// The number of groups (distinct shapes with at least one monitor).
    var groupCount: Int { groups.count }

    /// The group of `shape`, created if no monitor has that shape yet.
    func group(for shape: MonitorShape) -> MonitorGroup {
        if let group = groups[shape] { return group }
        let group = MonitorGroup(shape: shape, schema: schema)
        groups[shape] = group
        return group
    }

    /// Adds `monitor` to its group.
    func add(_ monitor: Monitor) {
        monitor.group.add(monitor)
    }

    /// Removes `monitor` from its group, and the group once empty.
    func remove(_ monitor: Monitor) {
        monitor.group.remove(monitor)
        if monitor.group.isEmpty, groups[monitor.group.shape] === monitor.group {
            groups[monitor.group.shape] = nil
        }
    }

    /// Sends the updates of a commit to every monitor.
    func publish(_ changes: ChangeSet, transactionID: OVSDBUUID) {
        for group in groups.values {
            group.publish(changes, transactionID: transactionID)
        }
    }
}
