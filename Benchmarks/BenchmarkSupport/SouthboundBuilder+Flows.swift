import OVSDB

extension SouthboundBuilder {
    /// Adds exactly `sizes.logicalFlows` Logical_Flow rows: first the flows every
    /// switch and every router shares (each on a Logical_DP_Group of all switches or
    /// all routers, made when its first flow is added), then per switch its own flows
    /// and those of its router connection and ports, until the count is reached.
    mutating func addFlows() {
        var remaining = sizes.logicalFlows
        let switchDatapaths = pods.flatMap { $0.switches.map(\.datapath) }
        let routerDatapaths = pods.map(\.router)
        for (flows, members) in [(LogicalFlowSpec.sharedSwitchFlows, switchDatapaths),
                                 (LogicalFlowSpec.sharedRouterFlows, routerDatapaths)] where remaining > 0 {
            let group = add("Logical_DP_Group", ["datapaths": ["set", .array(members.map(\.reference))]])
            for flow in flows.prefix(remaining) {
                add("Logical_Flow", flow.columns(placement: ("logical_dp_group", group.reference)))
                remaining -= 1
            }
        }
        for pod in pods {
            for logicalSwitch in pod.switches where remaining > 0 {
                let onSwitch = LogicalFlowSpec.switchLinkFlows(logicalSwitch.link)
                    + LogicalFlowSpec.aclFlows(portGroup: logicalSwitch.portGroup, count: sizes.aclFlowsPerSwitch,
                                               hints: logicalSwitch.aclHints)
                    + logicalSwitch.ports.flatMap(LogicalFlowSpec.portFlows)
                let onRouter = LogicalFlowSpec.routerLinkFlows(logicalSwitch.link)
                    + logicalSwitch.ports.map { LogicalFlowSpec.portResolveFlow($0, link: logicalSwitch.link) }
                for (flows, datapath) in [(onSwitch, logicalSwitch.datapath), (onRouter, pod.router)] {
                    for flow in flows.prefix(remaining) {
                        add("Logical_Flow", flow.columns(placement: ("logical_datapath", datapath.reference)))
                        remaining -= 1
                    }
                }
            }
        }
    }
}
