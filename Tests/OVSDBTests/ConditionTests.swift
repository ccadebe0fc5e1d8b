import Testing
@testable import OVSDB

@Suite struct ConditionTests {
    private func row(_ json: JSON) throws -> Row {
        var row = Row(table: try KindsSchema.table, uuid: KindsSchema.uuids[4])
        try row.update(json: json, table: try KindsSchema.table)
        return row
    }

    private func condition(_ json: JSON) throws -> Condition {
        try Condition(json: try #require(json.arrayValue), table: try KindsSchema.table)
    }

    @Test func scalarComparisonsFollowRFC7047() throws {
        let sample = try row(["i": 5, "r": 2.5, "s": "b", "oi": ["set", []], "or": 1])
        let holding: [JSON] = [
            ["i", "==", 5], ["i", "!=", 4], ["i", "<", 6], ["i", "<=", 5], ["i", ">", 4], ["i", ">=", 5],
            ["i", "includes", 5], ["i", "excludes", 4], ["r", ">", 2], ["r", "<", 2.6], ["s", "==", "b"],
            ["or", "==", 1], ["or", "includes", ["set", [1]]], ["oi", "==", ["set", []]], ["oi", "!=", 1],
            ["oi", "includes", ["set", []]], ["oi", "excludes", 3], ["_uuid", "==", ["uuid", "12345678-9abc-4def-8123-456789abcdef"]],
        ]
        for clause in holding {
            #expect(try condition([clause]).matchesAll(sample), "\(clause)")
        }
        let failing: [JSON] = [["i", "==", 4], ["i", "<", 5], ["oi", "<", 3], ["oi", ">=", 3], ["oi", "includes", 3], ["s", "!=", "b"]]
        for clause in failing {
            #expect(try !condition([clause]).matchesAll(sample), "\(clause)")
        }
    }

    @Test func setAndMapFunctionsCompareElements() throws {
        let sample = try row(["ss": ["set", ["a", "b", "c"]], "m": ["map", [["x", 1], ["y", 2]]]])
        let holding: [JSON] = [
            ["ss", "includes", ["set", ["a", "c"]]], ["ss", "includes", ["set", []]], ["ss", "excludes", ["set", ["d", "e"]]],
            ["ss", "==", ["set", ["c", "b", "a"]]], ["ss", "!=", ["set", ["a", "b"]]], ["ss", "includes", "b"],
            ["m", "includes", ["map", [["x", 1]]]], ["m", "excludes", ["map", [["x", 2]]]],
            ["m", "==", ["map", [["y", 2], ["x", 1]]]], ["m", "excludes", ["map", [["z", 1]]]],
        ]
        for clause in holding {
            #expect(try condition([clause]).matchesAll(sample), "\(clause)")
        }
        let failing: [JSON] = [["ss", "includes", ["set", ["a", "d"]]], ["ss", "excludes", "a"],
                               ["m", "includes", ["map", [["x", 2]]]], ["m", "excludes", ["map", [["y", 2], ["z", 3]]]]]
        for clause in failing {
            #expect(try !condition([clause]).matchesAll(sample), "\(clause)")
        }
    }

    @Test func transactionsUseConjunctionAndMonitorsDisjunction() throws {
        let sample = try row(["i": 5])
        let mixed = try condition([["i", "==", 5], ["i", "==", 6]])
        #expect(!mixed.matchesAll(sample) && mixed.matchesAny(sample))
        #expect(Condition.all.matchesAll(sample) && Condition.all.matchesAny(sample) && Condition.all.isTrue)
        #expect(try condition([false]).isFalse && !condition([false]).matchesAny(sample))
        #expect(try condition([true, ["i", "==", 6]]).isTrue)
        #expect(try condition([true, false]).matchesAny(sample) && !condition([true, false]).matchesAll(sample))
    }

    @Test func clausesAreKeptInOVSOrder() throws {
        let parsed = try condition([["s", "!=", "x"], ["i", "==", 2], false, ["b", "==", true], ["_uuid", "==", ["uuid", "00000000-0000-0000-0000-000000000001"]],
                                    ["i", "==", 1], ["is", "includes", 3], true])
        let expected: JSON = [false, true, ["_uuid", "==", ["uuid", "00000000-0000-0000-0000-000000000001"]], ["b", "==", true],
                              ["i", "==", 1], ["i", "==", 2], ["is", "includes", 3], ["s", "!=", "x"]]
        #expect(parsed.json == expected)
        #expect(try condition([["i", "==", 2], ["i", "==", 1]]) == condition([["i", "==", 1], ["i", "==", 2]]))
    }

    /// OVS parses `select` conditions with the transaction's symbol table, so a
    /// `named-uuid` there is accepted; the engine passes its resolver to do the same.
    @Test func namedUUIDsInConditionsNeedAResolver() throws {
        let symbols = SymbolTable()
        let clause: JSON = ["u", "==", ["named-uuid", "n"]]
        let parsed = try Condition(json: [clause], table: try KindsSchema.table, resolver: symbols)
        #expect(parsed.clauses.first?.argument == Datum(.uuid(try #require(symbols["n"]).uuid)))
        #expect(throws: OVSDBError.self) { try condition([clause]) }
    }

    @Test func constantsAreNotFunctions() throws {
        #expect(throws: OVSDBError(.unknownFunction, "No function named true.")) { try condition([["i", "true", 1]]) }
        #expect(throws: OVSDBError(.unknownFunction, "No function named ~.")) { try condition([["i", "~", 1]]) }
    }
}
