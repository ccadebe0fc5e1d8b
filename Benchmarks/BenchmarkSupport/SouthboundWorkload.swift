import OVSDB

/// A deterministic generator of realistic OVN_Southbound databases: the data that the
/// server benchmarks (`digestsync-bench server`, `digestsync-bench resync`) load into
/// `ovsdb-server` and `digestsync serve`.
///
/// The database is what `ovn-northd` (OVN 23.03) and `ovn-controller` write for an
/// OpenStack-style cloud: SB_Global; per hypervisor a Chassis with its Encap and
/// Chassis_Private; per logical switch and router a Datapath_Binding; per VM port, and
/// per router-to-switch connection (both ends), a Port_Binding with Neutron's
/// `external_ids`, chassis bindings and tunnel keys; per switch its Multicast_Groups;
/// MAC_Bindings learned on router ports; and Logical_Flows with northd's matches,
/// actions and `external_ids`, the flows shared by every switch (and every router)
/// placed on a Logical_DP_Group. All rows satisfy the installed schema's constraints,
/// references and indexes. The same sizes and seed always give the same rows, with the
/// same UUIDs.
public struct SouthboundWorkload: Sendable {
    /// The database's shape.
    public let sizes: SouthboundSizes
    /// The seed of every pseudo-random choice.
    public let seed: UInt64

    /// A generator for `sizes` and `seed`; throws if a size is out of range.
    public init(sizes: SouthboundSizes = SouthboundSizes(), seed: UInt64 = 1) throws(WorkloadError) {
        try sizes.validate()
        self.sizes = sizes
        self.seed = seed
    }

    /// Generates the database.
    public func generate() -> SouthboundDatabase {
        var builder = SouthboundBuilder(sizes: sizes, seed: seed)
        builder.build()
        return builder.database
    }
}

/// Builds the rows of a ``SouthboundWorkload``, drawing every choice from one
/// generator in a fixed order.
struct SouthboundBuilder {
    /// One logical switch and what hangs off it.
    struct Switch {
        var datapath: WorkloadRow
        var link: RouterLink
        var ports: [VirtualPort]
        var portGroup: String
        var aclHints: [String]
    }

    /// One logical router and its switches.
    struct Pod {
        var router: WorkloadRow
        var switches: [Switch]
    }

    let sizes: SouthboundSizes
    var random: SplitMix64
    var database = SouthboundDatabase()
    var chassis: [WorkloadRow] = []
    var pods: [Pod] = []
    var nextDatapathKey = 1

    /// A fixed point in time (milliseconds since 1970) that timestamps count from.
    static let epochMilliseconds: Int64 = 1_764_000_000_000
    static let northdVersion = "23.03.1-20.27.0-70.6"

    init(sizes: SouthboundSizes, seed: UInt64) {
        self.sizes = sizes
        random = SplitMix64(seed: seed)
    }

    mutating func build() {
        addGlobal()
        for index in 0..<sizes.chassisCount { addChassis(index) }
        for index in 0..<sizes.routers { addPod(index) }
        addFlows()
    }

    mutating func uuid() -> OVSDBUUID {
        OVSDBUUID.random(using: &random)
    }

    /// The first 8 hex digits of a fresh UUID, as northd's `stage-hint`.
    mutating func hint() -> String {
        String(uuid().description.prefix(8))
    }

    /// A MAC address with OpenStack's `fa:16:3e` prefix.
    mutating func mac() -> String {
        openStackMAC(random.next())
    }

    mutating func timestamp() -> Int64 {
        Self.epochMilliseconds + Int64(random.next() % 86_400_000)
    }

    @discardableResult
    mutating func add(_ table: String, _ columns: JSONObject, uuid: OVSDBUUID? = nil) -> WorkloadRow {
        let row = WorkloadRow(table: table, uuid: uuid ?? self.uuid(), columns: columns)
        database.insert(row)
        return row
    }

    mutating func addGlobal() {
        add("SB_Global", [
            "nb_cfg": 1, "ipsec": false,
            "options": ["map", [["mac_prefix", "8e:43:ee"], ["max_tunid", "16711680"],
                                ["northd_internal_version", .string(Self.northdVersion)],
                                ["svc_monitor_mac", .string(mac())]]],
        ])
    }

    mutating func addChassis(_ index: Int) {
        let name = uuid().description
        let hostname = "compute-\(index).cloud.example.org"
        let encap = add("Encap", [
            "type": "geneve", "ip": .string("192.168.\(index / 250).\(index % 250 + 1)"),
            "chassis_name": .string(name), "options": ["map", [["csum", "true"]]],
        ])
        let row = add("Chassis", [
            "name": .string(name), "hostname": .string(hostname), "encaps": ["set", [encap.reference]], "nb_cfg": 1,
            "other_config": ["map", .array(Self.chassisConfig(hostname: hostname).map { [.string($0.0), .string($0.1)] })],
        ])
        chassis.append(row)
        add("Chassis_Private", [
            "name": .string(name), "chassis": row.reference, "nb_cfg": 1, "nb_cfg_timestamp": .integer(timestamp()),
        ])
    }

    /// What `ovn-controller` 23.03 writes into a Chassis' `other_config`.
    static func chassisConfig(hostname: String) -> [(String, String)] {
        [("ct-no-masked-label", "true"), ("datapath-type", "system"),
         ("iface-types", "bareudp,erspan,geneve,gre,gtpu,internal,ip6erspan,ip6gre,lisp,patch,stt,system,tap,vxlan"),
         ("is-interconn", "false"), ("mac-binding-timestamp", "true"), ("ovn-bridge-mappings", "physnet1:br-ex"),
         ("ovn-chassis-mac-mappings", ""), ("ovn-cms-options", ""), ("ovn-ct-lb-related", "true"),
         ("ovn-enable-lflow-cache", "true"), ("ovn-limit-lflow-cache", ""), ("ovn-memlimit-lflow-cache-kb", ""),
         ("ovn-monitor-all", "false"), ("ovn-trim-limit-lflow-cache", ""), ("ovn-trim-timeout-ms", ""),
         ("ovn-trim-wmark-perc-lflow-cache", ""), ("port-up-notif", "true"), ("system-id-override", hostname)]
    }

    mutating func addDatapath(kind: String, label: String) -> WorkloadRow {
        defer { nextDatapathKey += 1 }
        return add("Datapath_Binding", [
            "tunnel_key": .integer(Int64(nextDatapathKey)),
            "external_ids": ["map", [[.string("logical-\(kind)"), .string(uuid().description)],
                                     ["name", .string("neutron-\(uuid())")], ["name2", .string(label)]]],
        ])
    }
}

/// A MAC address with OpenStack's `fa:16:3e` prefix and the low 24 bits of `bits`.
func openStackMAC(_ bits: UInt64) -> String {
    "fa:16:3e:" + [16, 8, 0].map { hex2(Int((bits >> UInt64($0)) & 0xFF)) }.joined(separator: ":")
}

/// Two lowercase hex digits.
func hex2(_ value: Int) -> String {
    let digits = String(value & 0xFF, radix: 16)
    return digits.count == 1 ? "0" + digits : digits
}
