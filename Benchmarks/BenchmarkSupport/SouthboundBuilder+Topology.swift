import OVSDB

extension SouthboundBuilder {
    /// Adds one router with its switches: datapaths, port bindings (VM ports and both
    /// ends of each router connection), multicast groups and MAC bindings.
    mutating func addPod(_ index: Int) {
        let router = addDatapath(kind: "router", label: "router-\(index)")
        let routerName = uuid().description
        var switches: [Switch] = []
        for position in 0..<sizes.switchesPerRouter {
            switches.append(addSwitch(number: index * sizes.switchesPerRouter + position, routerKey: position + 1,
                                      router: router, routerName: routerName))
        }
        pods.append(Pod(router: router, switches: switches))
    }

    private mutating func addSwitch(number: Int, routerKey: Int, router: WorkloadRow, routerName: String) -> Switch {
        let datapath = addDatapath(kind: "switch", label: "private-net-\(number)")
        let network = "neutron-\(uuid())"
        let prefix = "10.\(number / 256).\(number % 256)"
        let link = makeLink(prefix: prefix)
        let securityGroup = uuid().description
        let project = uuid().description.replacingOccurrences(of: "-", with: "")
        var ports: [VirtualPort] = []
        var portRows: [WorkloadRow] = []
        for position in 0..<sizes.portsPerSwitch {
            let port = VirtualPort(name: uuid().description, mac: mac(), ip: "\(prefix).\(position + 10)", hint: hint())
            ports.append(port)
            portRows.append(addVirtualPort(port, datapath: datapath, key: position + 1, network: network,
                                           securityGroup: securityGroup, project: project))
        }
        let switchSide = add("Port_Binding", [
            "logical_port": .string(link.switchPort), "type": "patch", "datapath": datapath.reference,
            "tunnel_key": .integer(Int64(sizes.portsPerSwitch + 1)), "mac": "router",
            "options": ["map", [["peer", .string(link.routerPort)]]],
            "external_ids": ["map", [["neutron:device_id", .string(routerName)],
                                     ["neutron:device_owner", "network:router_interface"],
                                     ["neutron:network_name", .string(network)], ["neutron:revision_number", "3"]]],
        ])
        add("Port_Binding", [
            "logical_port": .string(link.routerPort), "type": "patch", "datapath": router.reference,
            "tunnel_key": .integer(Int64(routerKey)), "mac": .string("\(link.mac) \(link.ip)/24"),
            "options": ["map", [["peer", .string(link.switchPort)]]],
            "external_ids": ["map", [["neutron:network_name", .string(network)], ["neutron:revision_number", "3"],
                                     ["neutron:router_name", .string(routerName)],
                                     ["neutron:subnet_ids", .string(uuid().description)]]],
        ])
        add("Multicast_Group", ["datapath": datapath.reference, "name": "_MC_flood", "tunnel_key": 32768,
                                "ports": ["set", .array((portRows + [switchSide]).map(\.reference))]])
        add("Multicast_Group", ["datapath": datapath.reference, "name": "_MC_flood_l2", "tunnel_key": 32772,
                                "ports": ["set", .array(portRows.map(\.reference))]])
        for number in 0..<sizes.macBindingsPerRouterPort {
            addMACBinding(port: link.routerPort, ip: "172.16.\(number / 256).\(number % 256)", router: router)
        }
        return Switch(datapath: datapath, link: link, ports: ports, portGroup: "pg_" + securityGroup.replacingOccurrences(of: "-", with: "_"),
                      aclHints: (0..<max(1, sizes.aclFlowsPerSwitch / 2)).map { _ in hint() })
    }

    private mutating func makeLink(prefix: String) -> RouterLink {
        let id = uuid().description
        let address = mac()
        let octets = address.split(separator: ":").compactMap { UInt8($0, radix: 16) }
        let (linkLocal, solicited) = Self.ipv6Addresses(mac: octets)
        return RouterLink(routerPort: "lrp-\(id)", switchPort: id, mac: address, ip: "\(prefix).1", subnet: "\(prefix).0/24",
                          broadcast: "\(prefix).255", linkLocal: linkLocal, solicitedNode: solicited, hint: hint())
    }

    /// The EUI-64 link-local address of `mac` and its solicited-node multicast group,
    /// as OVN prints them (`fe80::f816:3eff:feaa:bbcc`, `ff02::1:ffaa:bbcc`).
    static func ipv6Addresses(mac: [UInt8]) -> (linkLocal: String, solicitedNode: String) {
        guard mac.count == 6 else { return ("fe80::", "ff02::1:ff00:0") }
        func group(_ high: UInt8, _ low: UInt8) -> String { String(UInt16(high) << 8 | UInt16(low), radix: 16) }
        let linkLocal = "fe80::" + [group(mac[0] ^ 0x02, mac[1]), group(mac[2], 0xFF), group(0xFE, mac[3]),
                                   group(mac[4], mac[5])].joined(separator: ":")
        return (linkLocal, "ff02::1:" + group(0xFF, mac[3]) + ":" + group(mac[4], mac[5]))
    }

    private mutating func addVirtualPort(_ port: VirtualPort, datapath: WorkloadRow, key: Int, network: String,
                                         securityGroup: String, project: String) -> WorkloadRow {
        let bound = random.next() % 20 != 0
        let host = chassis[Int(random.next() % UInt64(chassis.count))]
        let hostname = host.columns["hostname"] ?? ""
        var columns: JSONObject = [
            "logical_port": .string(port.name), "datapath": datapath.reference, "tunnel_key": .integer(Int64(key)),
            "mac": .string("\(port.mac) \(port.ip)"), "port_security": .string("\(port.mac) \(port.ip)"),
            "requested_chassis": host.reference, "options": ["map", [["requested-chassis", hostname]]],
            "up": .bool(bound),
            "external_ids": ["map", [["neutron:cidrs", .string("\(port.ip)/24")], ["neutron:device_id", .string(uuid().description)],
                                     ["neutron:device_owner", "compute:nova"], ["neutron:host_id", hostname],
                                     ["neutron:network_name", .string(network)], ["neutron:port_name", ""],
                                     ["neutron:project_id", .string(project)], ["neutron:revision_number", "4"],
                                     ["neutron:security_group_ids", .string(securityGroup)]]],
        ]
        if bound { columns["chassis"] = host.reference }
        return add("Port_Binding", columns)
    }

    mutating func addMACBinding(port: String, ip: String, router: WorkloadRow) {
        add("MAC_Binding", ["logical_port": .string(port), "ip": .string(ip), "mac": .string(mac()),
                            "timestamp": .integer(timestamp()), "datapath": router.reference])
    }
}
