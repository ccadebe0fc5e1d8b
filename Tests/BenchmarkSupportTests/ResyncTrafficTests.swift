import Testing
import Digest
import OVSDB
@testable import BenchmarkSupport

@Suite(.serialized) struct ResyncTrafficTests {
    @Test func bytesUpLeaveOutTheMonitorRequestsObjectAndCountEveryRoundTrip() {
        let requests: JSON = ["Logical_Flow": [["columns": ["match", "actions"]]], "Chassis": [[:]]]
        func message(_ requests: JSON) -> Int {
            JSONRPCMessage.request(method: "monitor_cond", params: ["OVN_Southbound", "m", requests], id: "raw-1")
                .json.serialized().count
        }
        var traffic = ResyncTraffic()
        traffic.record(sent: message(requests), received: 1000, carrying: requests)
        traffic.record(sent: 70, received: 30)
        // The same request with an empty object where the requests were: what is left.
        #expect(traffic.bytesUp == message(.object(JSONObject())) - 2 + 70)
        #expect(traffic.bytesDown == 1030)
        #expect(traffic.roundTrips == 2)
    }

    @Test func foundFlagIsReadFromTheReplyHead() {
        #expect(ResyncProbe.foundFlag(head: Array(#"{"id":"raw-3","result":[true,"0000"#.utf8)) == true)
        #expect(ResyncProbe.foundFlag(head: Array(#"{"id":"raw-3", "result": [ false,"#.utf8)) == false)
        #expect(ResyncProbe.foundFlag(head: Array(#"{"id":"raw-3","result":{"T""#.utf8)) == nil)
    }

    @Test func aDigestFullReplyIsToldFromTheReplyHead() {
        #expect(ResyncProbe.isFullReply(head: Array(#"{"id":"raw-4","result":{"full":"0b5c","reason":"large","#.utf8)))
        #expect(ResyncProbe.isFullReply(head: Array(#"{"id":"raw-4", "result": {"full": "0b5c""#.utf8)))
        #expect(!ResyncProbe.isFullReply(head: Array(#"{"id":"raw-4","result":{"done":"0b5c","#.utf8)))
        #expect(!ResyncProbe.isFullReply(head: Array(#"{"id":"raw-4","error":{"error":"syntax error"}"#.utf8)))
    }

    @Test func probesAgainstOVSDBServerCountOneRoundTripAndDigestIsRefused() async throws {
        let sizes = SouthboundSizes(logicalFlows: 1000, portsPerSwitch: 5, switchesPerRouter: 4)
        try await LoadedServer.with(sizes) { loaded, client, group in
            let name = SouthboundDatabase.name
            let snapshot = try await client.snapshot(database: name, schema: loaded.schema, timeout: .seconds(60))
            let requests = RawJSONRPCClient.monitorRequests(everyTableOf: loaded.schema)
            let probe = ResyncProbe(database: name, requests: requests,
                                    view: try ViewDigest(snapshot: snapshot.updates, schema: loaded.schema),
                                    schema: loaded.schema.digestFingerprint, lastTransactionID: snapshot.lastTransactionID)
            let other = try await RawJSONRPCClient.connect(to: loaded.server.clientRemote, group: group)
            let result = try await probe.run(.ovsdbServerStandalone, on: other, seed: 1, timeout: .seconds(60))
            #expect(result.outcome == "found=false")
            #expect(result.traffic.roundTrips == 1)
            // The whole database came down: more than the rows' JSON alone.
            #expect(result.traffic.bytesDown > snapshot.updates.serialized().count)
            await #expect(throws: ProbeError.self) { try await probe.run(.digest, on: other, seed: 2, timeout: .seconds(60)) }
            await other.close()
        }
    }

    @Test func viewOfASnapshotHasARowPerSnapshotRow() async throws {
        try await LoadedServer.with(SouthboundSizes(logicalFlows: 500, portsPerSwitch: 5, switchesPerRouter: 2)) { loaded, client, _ in
            let snapshot = try await client.snapshot(database: SouthboundDatabase.name, schema: loaded.schema,
                                                     timeout: .seconds(60))
            let view = try ViewDigest(snapshot: snapshot.updates, schema: loaded.schema)
            #expect(view.rowCount == loaded.database.totalRows)
            #expect(view.tables.count == loaded.schema.tables.count)
        }
    }
}
