import OVSDB

/// A synthetic OVN_Southbound database snapshot, shaped like the snapshot record that
/// `ovsdb-tool compact` writes for a database filled by `ovn-northd` (tables of rows
/// keyed by UUID: `{"Logical_Flow": {"<uuid>": {row}, ...}, ...}`), for measuring JSON
/// speed without running OVN.
///
/// For each logical switch it makes a Datapath_Binding, two Multicast_Groups, 40
/// switch-level Logical_Flows, and per port a Port_Binding and 4 port-level flows, with
/// values in the style northd writes (match and action expressions, `external_ids`
/// with `source`, `stage-hint` and `stage-name`, references between rows). With 200
/// switches of 12 ports the row counts and sizes are close to those northd produced
/// for the same topology (about 370 bytes per Logical_Flow). Deterministic for a seed.
public struct SouthboundSnapshot {
    /// Number of logical switches.
    public var switches: Int
    /// Ports per switch.
    public var portsPerSwitch: Int
    /// Seed of the pseudo-random values.
    public var seed: UInt64

    /// A snapshot description; call ``generate()`` for the bytes.
    public init(switches: Int, portsPerSwitch: Int, seed: UInt64 = 1) {
        self.switches = switches
        self.portsPerSwitch = portsPerSwitch
        self.seed = seed
    }

    private static let stages = ["ls_in_port_sec_l2", "ls_in_acl", "ls_in_acl_after_lb", "ls_in_arp_rsp", "ls_in_dhcp_options",
                                 "ls_in_l2_lkup", "ls_out_acl", "ls_out_port_sec_l2", "ls_in_lb", "ls_in_stateful"]

    /// The snapshot as compact JSON.
    public func generate() -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var datapaths = JSONObject()
        var bindings = JSONObject()
        var groups = JSONObject()
        var flows = JSONObject()
        for switchNumber in 0..<switches {
            let datapath = OVSDBUUID.random(using: &random)
            datapaths[datapath.description] = [
                "tunnel_key": .integer(Int64(switchNumber + 1)),
                "external_ids": ["map", [["logical-switch", .string(OVSDBUUID.random(using: &random).description)],
                                         ["name", .string("ls\(switchNumber)")]]],
            ]
            var ports: [JSON] = []
            for port in 0..<portsPerSwitch {
                let name = "p\(switchNumber)-\(port)"
                let address = "10.\(switchNumber / 250).\(switchNumber % 250).\(port + 10)"
                let uuid = OVSDBUUID.random(using: &random)
                ports.append(["uuid", .string(uuid.description)])
                bindings[uuid.description] = [
                    "logical_port": .string(name), "tunnel_key": .integer(Int64(port + 1)), "up": false,
                    "datapath": ["uuid", .string(datapath.description)],
                    "mac": .string("00:00:00:\(hex(switchNumber)):\(hex(port)):02 \(address)"),
                ]
                for _ in 0..<4 {
                    let match = "inport == \"\(name)\" && eth.src == {00:00:00:\(hex(switchNumber)):\(hex(port)):02}"
                        + " && ip4.src == {\(address)}"
                    flows[OVSDBUUID.random(using: &random).description] = flow(datapath, match: match,
                        actions: "next;", using: &random)
                }
            }
            for (offset, name) in ["_MC_flood", "_MC_unknown"].enumerated() {
                groups[OVSDBUUID.random(using: &random).description] = [
                    "name": .string(name), "tunnel_key": .integer(Int64(32768 + offset)),
                    "datapath": ["uuid", .string(datapath.description)], "ports": ["set", .array(ports)],
                ]
            }
            for index in 0..<40 {
                let subnet = "10.\(switchNumber / 250).\(switchNumber % 250).0/24"
                let match = index % 3 == 0 ? "ip4 && ip4.dst == \(subnet) && tcp.dst == \(1000 + index)"
                    : "nd_ns && ip6.dst == {fe80::200:ff:fe00:\(hex(index)), ff02::1:ff00:\(hex(index))}"
                let actions = index % 2 == 0 ? "reg0[\(index % 16)] = 1; next;"
                    : "eth.dst = eth.src; eth.src = 00:00:00:00:ff:\(hex(index)); outport = inport; flags.loopback = 1; output;"
                flows[OVSDBUUID.random(using: &random).description] = flow(datapath, match: match, actions: actions, using: &random)
            }
        }
        let snapshot: JSON = ["Datapath_Binding": .object(datapaths), "Port_Binding": .object(bindings),
                              "Multicast_Group": .object(groups), "Logical_Flow": .object(flows)]
        return snapshot.serialized()
    }

    private func flow(_ datapath: OVSDBUUID, match: String, actions: String, using random: inout SplitMix64) -> JSON {
        let stage = Self.stages[Int(random.next() % UInt64(Self.stages.count))]
        return [
            "logical_datapath": ["uuid", .string(datapath.description)],
            "pipeline": .string(stage.hasPrefix("ls_out") ? "egress" : "ingress"),
            "table_id": .integer(Int64(random.next() % 29)),
            "priority": .integer([0, 50, 90, 100, 110, 1000, 65535][Int(random.next() % 7)]),
            "match": .string(match), "actions": .string(actions),
            "external_ids": ["map", [["source", .string("northd.c:\(8000 + random.next() % 2000)")],
                                     ["stage-hint", .string(String(random.next() & 0xFFFF_FFFF, radix: 16))],
                                     ["stage-name", .string(stage)]]],
        ]
    }

    private func hex(_ value: Int) -> String {
        let digits = String(value & 0xFF, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
}
