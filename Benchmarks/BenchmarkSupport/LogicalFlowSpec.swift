import OVSDB

/// The pipeline stages of OVN 23.03's logical switches and routers, in table order per
/// pipeline (`ovn-northd`'s `enum ovn_stage`): a Logical_Flow row's `pipeline`,
/// `table_id` and `external_ids:stage-name`.
enum LogicalFlowStage: String, CaseIterable, Sendable {
    case lsInCheckPortSec = "ls_in_check_port_sec", lsInApplyPortSec = "ls_in_apply_port_sec"
    case lsInLookupFdb = "ls_in_lookup_fdb", lsInPutFdb = "ls_in_put_fdb", lsInPreAcl = "ls_in_pre_acl"
    case lsInPreLb = "ls_in_pre_lb", lsInPreStateful = "ls_in_pre_stateful", lsInAclHint = "ls_in_acl_hint"
    case lsInAcl = "ls_in_acl", lsInQosMark = "ls_in_qos_mark", lsInQosMeter = "ls_in_qos_meter"
    case lsInLbAffCheck = "ls_in_lb_aff_check", lsInLb = "ls_in_lb", lsInLbAffLearn = "ls_in_lb_aff_learn"
    case lsInPreHairpin = "ls_in_pre_hairpin", lsInNatHairpin = "ls_in_nat_hairpin", lsInHairpin = "ls_in_hairpin"
    case lsInAclAfterLb = "ls_in_acl_after_lb", lsInStateful = "ls_in_stateful", lsInArpRsp = "ls_in_arp_rsp"
    case lsInDhcpOptions = "ls_in_dhcp_options", lsInDhcpResponse = "ls_in_dhcp_response"
    case lsInDnsLookup = "ls_in_dns_lookup", lsInDnsResponse = "ls_in_dns_response"
    case lsInExternalPort = "ls_in_external_port", lsInL2Lkup = "ls_in_l2_lkup", lsInL2Unknown = "ls_in_l2_unknown"
    case lsOutPreAcl = "ls_out_pre_acl", lsOutPreLb = "ls_out_pre_lb", lsOutPreStateful = "ls_out_pre_stateful"
    case lsOutAclHint = "ls_out_acl_hint", lsOutAcl = "ls_out_acl", lsOutQosMark = "ls_out_qos_mark"
    case lsOutQosMeter = "ls_out_qos_meter", lsOutStateful = "ls_out_stateful"
    case lsOutCheckPortSec = "ls_out_check_port_sec", lsOutApplyPortSec = "ls_out_apply_port_sec"
    case lrInAdmission = "lr_in_admission", lrInLookupNeighbor = "lr_in_lookup_neighbor"
    case lrInLearnNeighbor = "lr_in_learn_neighbor", lrInIpInput = "lr_in_ip_input", lrInUnsnat = "lr_in_unsnat"
    case lrInDefrag = "lr_in_defrag", lrInLbAffCheck = "lr_in_lb_aff_check", lrInDnat = "lr_in_dnat"
    case lrInLbAffLearn = "lr_in_lb_aff_learn", lrInEcmpStateful = "lr_in_ecmp_stateful"
    case lrInNdRaOptions = "lr_in_nd_ra_options", lrInNdRaResponse = "lr_in_nd_ra_response"
    case lrInIpRoutingPre = "lr_in_ip_routing_pre", lrInIpRouting = "lr_in_ip_routing"
    case lrInIpRoutingEcmp = "lr_in_ip_routing_ecmp", lrInPolicy = "lr_in_policy", lrInPolicyEcmp = "lr_in_policy_ecmp"
    case lrInArpResolve = "lr_in_arp_resolve", lrInChkPktLen = "lr_in_chk_pkt_len", lrInLargerPkts = "lr_in_larger_pkts"
    case lrInGwRedirect = "lr_in_gw_redirect", lrInArpRequest = "lr_in_arp_request"
    case lrOutChkDnatLocal = "lr_out_chk_dnat_local", lrOutUndnat = "lr_out_undnat"
    case lrOutPostUndnat = "lr_out_post_undnat", lrOutSnat = "lr_out_snat", lrOutPostSnat = "lr_out_post_snat"
    case lrOutEgrLoop = "lr_out_egr_loop", lrOutDelivery = "lr_out_delivery"

    /// `ingress` or `egress`.
    var pipeline: String { rawValue.dropFirst(2).hasPrefix("_in_") ? "ingress" : "egress" }

    /// The stage's table number: its position among the stages of its datapath kind and
    /// pipeline.
    var tableID: Int {
        Self.tableIDs[self] ?? 0
    }

    private static let tableIDs: [LogicalFlowStage: Int] = {
        var ids: [LogicalFlowStage: Int] = [:]
        var next: [String: Int] = [:]
        for stage in allCases {
            let group = "\(stage.rawValue.prefix(2))-\(stage.pipeline)"
            ids[stage] = next[group, default: 0]
            next[group, default: 0] += 1
        }
        return ids
    }()
}

/// One logical flow as `ovn-northd` writes it, before it is placed on a datapath: the
/// generator's unit of Logical_Flow content.
struct LogicalFlowSpec: Sendable {
    var stage: LogicalFlowStage
    var priority: Int
    /// The northd source line (`external_ids:source`).
    var source: Int
    var match: String
    var actions: String
    /// `external_ids:stage-hint`: the first 8 hex digits of the NB row the flow is for.
    var hint: String?
    /// `tags:in_out_port`, for flows about one port.
    var inOutPort: String?

    init(_ stage: LogicalFlowStage, _ priority: Int, _ source: Int, _ match: String, _ actions: String,
         hint: String? = nil, inOutPort: String? = nil) {
        self.stage = stage
        self.priority = priority
        self.source = source
        self.match = match
        self.actions = actions
        self.hint = hint
        self.inOutPort = inOutPort
    }

    /// The Logical_Flow row's columns, the flow placed by `placement`
    /// (`logical_datapath` or `logical_dp_group`, a reference).
    func columns(placement: (column: String, reference: JSON)) -> JSONObject {
        var externalIDs: [JSON] = [["source", .string("northd.c:\(source)")]]
        if let hint { externalIDs.append(["stage-hint", .string(hint)]) }
        externalIDs.append(["stage-name", .string(stage.rawValue)])
        var columns: JSONObject = [
            placement.column: placement.reference,
            "pipeline": .string(stage.pipeline), "table_id": .integer(Int64(stage.tableID)),
            "priority": .integer(Int64(priority)), "match": .string(match), "actions": .string(actions),
            "external_ids": ["map", .array(externalIDs)],
        ]
        if let inOutPort { columns["tags"] = ["map", [["in_out_port", .string(inOutPort)]]] }
        return columns
    }
}
