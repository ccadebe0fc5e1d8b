/// The shape of a generated OVN_Southbound database (``SouthboundWorkload``): a target
/// number of Logical_Flow rows and the topology that produces them.
///
/// The topology is a set of identical "pods", each one logical router connected to
/// ``switchesPerRouter`` logical switches of ``portsPerSwitch`` VM ports; VM ports are
/// bound to ``chassis`` hypervisors. Pods are added until their flows (together with
/// the flows every switch and router shares) reach ``logicalFlows``; the last pod's
/// flows are cut so the Logical_Flow table has exactly that many rows.
public struct SouthboundSizes: Hashable, Sendable {
    /// Logical_Flow rows to generate (exactly).
    public var logicalFlows: Int
    /// VM ports per logical switch (at most 240: their addresses share a /24).
    public var portsPerSwitch: Int
    /// Logical switches per logical router.
    public var switchesPerRouter: Int
    /// Hypervisors (Chassis rows); nil for one per ``portsPerChassis`` VM ports.
    public var chassis: Int?
    /// ACL flows per logical switch (security-group rules).
    public var aclFlowsPerSwitch: Int
    /// MAC_Binding rows per router port.
    public var macBindingsPerRouterPort: Int

    /// VM ports per hypervisor when ``chassis`` is nil.
    public static let portsPerChassis = 50

    /// Sizes with the given parameters. With the defaults, 100,000 flows make a
    /// 61 MB standalone file (124,462 rows) and 60,000 flows a 37 MB one: northd's
    /// flows average about 440 bytes each in the file.
    public init(logicalFlows: Int = 100_000, portsPerSwitch: Int = 10, switchesPerRouter: Int = 8,
                chassis: Int? = nil, aclFlowsPerSwitch: Int = 8, macBindingsPerRouterPort: Int = 4) {
        self.logicalFlows = logicalFlows
        self.portsPerSwitch = portsPerSwitch
        self.switchesPerRouter = switchesPerRouter
        self.chassis = chassis
        self.aclFlowsPerSwitch = aclFlowsPerSwitch
        self.macBindingsPerRouterPort = macBindingsPerRouterPort
    }

    /// Throws if a size is out of range.
    public func validate() throws(WorkloadError) {
        guard logicalFlows > 0 else { throw .invalidSize("logical flows must be positive") }
        guard (1...240).contains(portsPerSwitch) else { throw .invalidSize("ports per switch must be 1 to 240") }
        guard switchesPerRouter > 0 else { throw .invalidSize("switches per router must be positive") }
        guard (chassis ?? 1) > 0 else { throw .invalidSize("chassis must be positive") }
        guard aclFlowsPerSwitch >= 0, macBindingsPerRouterPort >= 0 else {
            throw .invalidSize("ACL flows and MAC bindings per port must not be negative")
        }
        guard switches <= 65_000 else { throw .invalidSize("more than 65,000 switches: use more ports per switch") }
    }

    /// Flows shared by all switches or all routers (one row each, on a datapath group).
    static var sharedFlows: Int {
        LogicalFlowSpec.sharedSwitchFlows.count + LogicalFlowSpec.sharedRouterFlows.count
    }

    /// Flows a switch adds with its ports and its router port (on both datapaths).
    var flowsPerSwitch: Int {
        let link = RouterLink(routerPort: "", switchPort: "", mac: "", ip: "", subnet: "", broadcast: "",
                              linkLocal: "", solicitedNode: "", hint: "")
        let port = VirtualPort(name: "", mac: "", ip: "", hint: "")
        return LogicalFlowSpec.switchLinkFlows(link).count + LogicalFlowSpec.routerLinkFlows(link).count
            + aclFlowsPerSwitch + portsPerSwitch * (LogicalFlowSpec.portFlows(port).count + 1)
    }

    /// Logical routers (pods).
    public var routers: Int {
        let perPod = flowsPerSwitch * switchesPerRouter
        return max(1, (logicalFlows - Self.sharedFlows + perPod - 1) / perPod)
    }

    /// Logical switches.
    public var switches: Int { routers * switchesPerRouter }

    /// VM ports.
    public var virtualPorts: Int { switches * portsPerSwitch }

    /// Chassis rows.
    public var chassisCount: Int { chassis ?? max(1, virtualPorts / Self.portsPerChassis) }
}
