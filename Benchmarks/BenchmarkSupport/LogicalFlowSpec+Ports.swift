/// A logical switch's connection to its router: the router port (`lrp-<id>`, on the
/// router datapath) and its peer on the switch (`<id>`), with the router port's
/// addresses.
struct RouterLink: Sendable {
    var routerPort: String
    var switchPort: String
    var mac: String
    /// The router's address on the switch's subnet (`10.a.b.1`).
    var ip: String
    /// The switch's subnet (`10.a.b.0/24`).
    var subnet: String
    var broadcast: String
    /// The router port's IPv6 link-local address, derived from `mac` (EUI-64).
    var linkLocal: String
    /// Its solicited-node multicast address.
    var solicitedNode: String
    /// stage-hint of flows about the router port.
    var hint: String
}

/// A VM's port on a logical switch (a Port_Binding of type "").
struct VirtualPort: Sendable {
    var name: String
    var mac: String
    var ip: String
    /// stage-hint of flows about the port.
    var hint: String
}

/// The logical flows `ovn-northd` writes for one port: its matches, actions, stages and
/// priorities follow northd's output (OVN 23.03) for a VM port and for a router
/// connected to a switch.
extension LogicalFlowSpec {
    /// Flows on a switch about its router port (ARP/ND responder for the router,
    /// forwarding to it, load-balancer bypass).
    static func switchLinkFlows(_ link: RouterLink) -> [LogicalFlowSpec] {
        let port = link.switchPort
        let neighbor = "nd_ns && ip6.dst == {\(link.linkLocal), \(link.solicitedNode)} && nd.target == \(link.linkLocal)"
        return [
            .init(.lsOutPreLb, 110, 5809, "ip && outport == \"\(port)\"", "ct_clear; next;", hint: link.hint, inOutPort: port),
            .init(.lsInPreLb, 110, 5806, "ip && inport == \"\(port)\"", "next;", hint: link.hint, inOutPort: port),
            .init(.lsInArpRsp, 100, 8667, "\(neighbor) && inport == \"\(port)\"", "next;", hint: link.hint, inOutPort: port),
            .init(.lsInArpRsp, 100, 8620, "arp.tpa == \(link.ip) && arp.op == 1 && inport == \"\(port)\"", "next;",
                  hint: link.hint, inOutPort: port),
            .init(.lsInArpRsp, 50, 8601, "arp.tpa == \(link.ip) && arp.op == 1", arpReply(mac: link.mac, ip: link.ip),
                  hint: link.hint),
            .init(.lsInArpRsp, 50, 8654, neighbor,
                  "nd_na_router { eth.src = \(link.mac); ip6.src = \(link.linkLocal); nd.target = \(link.linkLocal); "
                      + "nd.tll = \(link.mac); outport = inport; flags.loopback = 1; output; };", hint: link.hint),
            .init(.lsInL2Lkup, 80, 8022, "flags[1] == 0 && nd_ns && nd.target == \(link.linkLocal)",
                  "clone {outport = \"\(port)\"; output; }; outport = \"_MC_flood_l2\"; output;", hint: link.hint),
            .init(.lsInL2Lkup, 80, 8022, "flags[1] == 0 && arp.op == 1 && arp.tpa == \(link.ip)",
                  "clone {outport = \"\(port)\"; output; }; outport = \"_MC_flood_l2\"; output;", hint: link.hint),
            .init(.lsInL2Lkup, 75, 7938, "eth.src == {\(link.mac)} && (arp.op == 1 || rarp.op == 3 || nd_ns)",
                  "outport = \"_MC_flood_l2\"; output;"),
            .init(.lsInL2Lkup, 50, 9193, "eth.dst == \(link.mac)", "outport = \"\(port)\"; output;", hint: link.hint),
        ]
    }

    /// Flows on a router about one of its ports (admission, neighbor learning, ICMP
    /// and ARP/ND replies, unreachables, routing to the subnet, delivery).
    static func routerLinkFlows(_ link: RouterLink) -> [LogicalFlowSpec] {
        let port = link.routerPort
        let hint = link.hint
        var flows: [LogicalFlowSpec] = [
            .init(.lrOutDelivery, 100, 12995, "outport == \"\(port)\"", "output;"),
            .init(.lrInAdmission, 50, 11554, "eth.dst == \(link.mac) && inport == \"\(port)\"",
                  "xreg0[0..47] = \(link.mac); next;", hint: hint),
            .init(.lrInAdmission, 50, 11554, "eth.mcast && inport == \"\(port)\"", "xreg0[0..47] = \(link.mac); next;",
                  hint: hint),
            .init(.lrInLookupNeighbor, 100, 11827, "inport == \"\(port)\" && arp.spa == \(link.subnet) && arp.op == 1",
                  "reg9[2] = lookup_arp(inport, arp.spa, arp.sha); next;", hint: hint),
            .init(.lrInIpInput, 100, 13098, "ip6.dst == \(link.linkLocal) && udp.src == 547 && udp.dst == 546",
                  "reg0 = 0; handle_dhcpv6_reply;"),
            .init(.lrInIpInput, 100, 13340, "ip4.src == {\(link.ip), \(link.broadcast)} && reg9[0] == 0", "drop;", hint: hint),
            .init(.lrInIpInput, 90, 13129, "ip6.dst == \(link.linkLocal) && icmp6.type == 128 && icmp6.code == 0",
                  "ip6.dst <-> ip6.src; ip.ttl = 255; icmp6.type = 129; flags.loopback = 1; next; ", hint: hint),
            .init(.lrInIpInput, 90, 13359, "ip4.dst == \(link.ip) && icmp4.type == 8 && icmp4.code == 0",
                  "ip4.dst <-> ip4.src; ip.ttl = 255; icmp4.type = 0; flags.loopback = 1; next; ", hint: hint),
            .init(.lrInIpInput, 90, 11171,
                  "inport == \"\(port)\" && ip6.dst == {\(link.linkLocal), \(link.solicitedNode)} && nd_ns && nd.target == \(link.linkLocal)",
                  "nd_na_router { eth.src = xreg0[0..47]; ip6.src = nd.target; nd.tll = xreg0[0..47]; outport = inport; "
                      + "flags.loopback = 1; output; };", hint: hint),
            .init(.lrInIpInput, 90, 11115,
                  "inport == \"\(port)\" && arp.op == 1 && arp.tpa == \(link.ip) && arp.spa == \(link.subnet)",
                  "eth.dst = eth.src; eth.src = xreg0[0..47]; arp.op = 2; /* ARP reply */ arp.tha = arp.sha; "
                      + "arp.sha = xreg0[0..47]; arp.tpa <-> arp.spa; outport = inport; flags.loopback = 1; output;", hint: hint),
        ]
        for (family, address) in [("ip4", link.ip), ("ip6", link.linkLocal)] {
            let prefix = "\(family) && \(family).dst == \(address) && !ip.later_frag"
            let (icmp, type, udpCode, otherCode) = family == "ip4" ? ("icmp4", 3, 3, 2) : ("icmp6", 1, 4, 3)
            let unreachable = "\(icmp) {eth.dst <-> eth.src; \(family).dst <-> \(family).src; ip.ttl = 255; \(icmp).type = \(type); "
            flows += [
                .init(.lrInIpInput, 80, 13526, "\(prefix) && sctp",
                      "sctp_abort {eth.dst <-> eth.src; \(family).dst <-> \(family).src; next; };", hint: hint),
                .init(.lrInIpInput, 80, 13510, "\(prefix) && tcp",
                      "tcp_reset {eth.dst <-> eth.src; \(family).dst <-> \(family).src; next; };", hint: hint),
                .init(.lrInIpInput, 80, 13494, "\(prefix) && udp", unreachable + "\(icmp).code = \(udpCode); next; };",
                      hint: hint),
                .init(.lrInIpInput, 70, 13545, prefix, unreachable + "\(icmp).code = \(otherCode); next; };", hint: hint),
                .init(.lrInIpInput, 60, 11304, "\(family).dst == {\(address)}", "drop;", hint: hint),
            ]
        }
        flows += [
            .init(.lrInIpInput, 31, 13390, "inport == \"\(port)\" && ip4 && ip.ttl == {0, 1} && !ip.later_frag",
                  "icmp4 {eth.dst <-> eth.src; icmp4.type = 11; /* Time exceeded */ icmp4.code = 0; /* TTL exceeded in transit */ "
                      + "ip4.dst = ip4.src; ip4.src = \(link.ip) ; ip.ttl = 254; outport = \"\(port)\"; flags.loopback = 1; output; };",
                  hint: hint),
            .init(.lrInIpRouting, 194, 10388, "inport == \"\(port)\" && ip6.dst == fe80::/64",
                  "ip.ttl--; reg8[0..15] = 0; xxreg0 = ip6.dst; xxreg1 = \(link.linkLocal); eth.src = \(link.mac); "
                      + "outport = \"\(port)\"; flags.loopback = 1; next;", hint: hint),
            .init(.lrInIpRouting, 74, 10388, "ip4.dst == \(link.subnet)",
                  "ip.ttl--; reg8[0..15] = 0; reg0 = ip4.dst; reg1 = \(link.ip); eth.src = \(link.mac); "
                      + "outport = \"\(port)\"; flags.loopback = 1; next;", hint: hint),
        ]
        return flows
    }

    /// Flows on a switch about one VM port: ARP responder and L2 forwarding.
    static func portFlows(_ port: VirtualPort) -> [LogicalFlowSpec] {
        [
            .init(.lsInArpRsp, 100, 8620, "arp.tpa == \(port.ip) && arp.op == 1 && inport == \"\(port.name)\"", "next;",
                  hint: port.hint, inOutPort: port.name),
            .init(.lsInArpRsp, 50, 8601, "arp.tpa == \(port.ip) && arp.op == 1", arpReply(mac: port.mac, ip: port.ip),
                  hint: port.hint),
            .init(.lsInL2Lkup, 50, 9122, "eth.dst == \(port.mac)", "outport = \"\(port.name)\"; output;", hint: port.hint),
        ]
    }

    /// The flow on the router that resolves a VM port's address behind `link`.
    static func portResolveFlow(_ port: VirtualPort, link: RouterLink) -> LogicalFlowSpec {
        .init(.lrInArpResolve, 100, 12419, "outport == \"\(link.routerPort)\" && reg0 == \(port.ip)",
              "eth.dst = \(port.mac); next;", hint: port.hint)
    }

    /// The ACL flows of a security group applied to a switch's ports: allow rules for a
    /// few services, each as a port group (`@pg_...`) and address set (`$pg_..._ip4`)
    /// match, as OpenStack Neutron's ACLs produce.
    static func aclFlows(portGroup: String, count: Int, hints: [String]) -> [LogicalFlowSpec] {
        let services = [22, 80, 443, 3306, 5432, 6379, 8080, 9090, 53, 123, 5672, 11211]
        return (0..<count).map { index in
            let service = services[index % services.count] + 10_000 * (index / services.count)
            let hint = hints.isEmpty ? nil : hints[index % hints.count]
            if index % 2 == 0 {
                return .init(.lsOutAcl, 2002, 6535,
                             "reg0[7] == 1 && (outport == @\(portGroup) && ip4 && ip4.src == $\(portGroup)_ip4 && tcp && tcp.dst == \(service))",
                             "reg0[1] = 1; next;", hint: hint)
            }
            return .init(.lsInAcl, 2002, 6535,
                         "reg0[8] == 1 && (inport == @\(portGroup) && ip4 && ip4.dst == 0.0.0.0/0 && udp && udp.dst == \(service))",
                         "next;", hint: hint)
        }
    }

    private static func arpReply(mac: String, ip: String) -> String {
        "eth.dst = eth.src; eth.src = \(mac); arp.op = 2; /* ARP reply */ arp.tha = arp.sha; arp.sha = \(mac); "
            + "arp.tpa = arp.spa; arp.spa = \(ip); outport = inport; flags.loopback = 1; output;"
    }
}
