import Testing
@testable import OVSDB
@testable import SyncServer

/// Every mutator on integers, reals, sets and maps, and every mutation error.
@Suite struct MutateTests {
    private func fixture() throws -> EngineFixture {
        var fixture = try EngineFixture()
        fixture.transact(["op": "insert", "table": "Root", "row": [
            "name": "a", "i": 31, "bigi": 9_223_372_036_854_775_807, "r": 1.5, "si": ["set", [1, 2, 3]],
            "s3": ["set", ["x"]], "m": ["map", [["x", 1]]], "rs": ["set", [0.5]]]])
        return fixture
    }

    private func mutate(_ fixture: inout EngineFixture, _ mutations: JSON...) -> JSON {
        fixture.transact(["op": "mutate", "table": "Root", "where": [], "mutations": .array(mutations)])
    }

    @Test func arithmeticAppliesToScalarsAndEveryElementOfASet() throws {
        var fixture = try fixture()
        #expect(mutate(&fixture, ["i", "/=", -3], ["si", "*=", 10], ["r", "*=", 2], ["rs", "-=", 1]) == [["count": 1]])
        #expect(fixture.rows("Root", ["i", "si", "r", "rs"]) == [["i": -10, "si": ["set", [10, 20, 30]], "r": 3.0, "rs": -0.5]])
        #expect(mutate(&fixture, ["i", "%=", 4], ["i", "+=", 1], ["i", "-=", 2]) == [["count": 1]])
        #expect(fixture.rows("Root", ["i"]) == [["i": -3]])
        #expect(mutate(&fixture, ["r", "/=", 4]) == [["count": 1]])
        #expect(fixture.rows("Root", ["r"]) == [["r": 0.75]])
    }

    @Test func arithmeticErrorsAreDomainRangeAndConstraintViolations() throws {
        var fixture = try fixture()
        #expect(mutate(&fixture, ["i", "/=", 0]) == [["error": "domain error", "details": "Division by zero."]])
        #expect(mutate(&fixture, ["r", "/=", 0]) == [["error": "domain error", "details": "Division by zero."]])
        #expect(mutate(&fixture, ["i", "%=", 0]) == [["error": "domain error", "details": "Division by zero."]])
        #expect(mutate(&fixture, ["bigi", "+=", 1]) == [["error": "range error", "details": #"Result of "+=" operation is out of range."#]])
        #expect(mutate(&fixture, ["bigi", "*=", 2]) == [["error": "range error", "details": #"Result of "*=" operation is out of range."#]])
        #expect(mutate(&fixture, ["r", "*=", 1e308], ["r", "*=", 1e308]) == [["error": "range error", "details": #"Result of "*=" operation is out of range."#]])
        #expect(mutate(&fixture, ["i", "+=", 999]) == [["error": "constraint violation", "details": "1030 is not in the valid range -10 to 1000 (inclusive)"]])
        #expect(mutate(&fixture, ["si", "*=", 0]) == [["error": "constraint violation", "details": #"Result of "*=" operation contains duplicates."#]])
        #expect(mutate(&fixture, ["r", "%=", 2])[0]?["details"] == #"Type mismatch: "%=" operator may not be applied to column r of type real."#)
        #expect(mutate(&fixture, ["m", "+=", 1])[0]?["details"] == #"Type mismatch: "+=" operator may not be applied to column m of type map of (string, integer) pairs."#)
        #expect(mutate(&fixture, ["si", "+=", ["set", [1, 2]]])[0]?["details"] == "set must have exactly one member but 2 are present")
        #expect(mutate(&fixture, ["i", "+=", 1.5])[0]?["details"] == "expected integer")
    }

    @Test func integerMultiplicationIsExactWhereOVSIsNot() throws {
        var fixture = try fixture()
        #expect(mutate(&fixture, ["bigi", "*=", 1]) == [["count": 1]])
        #expect(mutate(&fixture, ["bigi", "*=", -1], ["bigi", "-=", 1], ["bigi", "/=", 2]) == [["count": 1]])
        #expect(fixture.rows("Root", ["bigi"]) == [["bigi": -4_611_686_018_427_387_904]])
        #expect(mutate(&fixture, ["bigi", "*=", -4])[0]?["error"] == "range error")
        #expect(mutate(&fixture, ["bigi", "*=", 0]) == [["count": 1]])
        #expect(fixture.rows("Root", ["bigi"]) == [["bigi": 0]])
    }

    @Test func insertAndDeleteWorkOnSetsAndMaps() throws {
        var fixture = try fixture()
        #expect(mutate(&fixture, ["si", "insert", ["set", [3, 4]]], ["si", "delete", 1], ["m", "insert", ["map", [["x", 99], ["y", 2]]]]) == [["count": 1]])
        #expect(fixture.rows("Root", ["si", "m"]) == [["si": ["set", [2, 3, 4]], "m": ["map", [["x", 1], ["y", 2]]]]])
        #expect(mutate(&fixture, ["m", "delete", ["map", [["x", 5], ["y", 2]]]]) == [["count": 1]])
        #expect(fixture.rows("Root", ["m"]) == [["m": ["map", [["x", 1]]]]])
        #expect(mutate(&fixture, ["m", "delete", "x"]) == [["count": 1]])
        #expect(fixture.rows("Root", ["m"]) == [["m": ["map", []]]])
        #expect(mutate(&fixture, ["s3", "insert", ["set", ["a", "b", "c"]]]) == [["error": "constraint violation", "details": "Attempted to store 4 elements in set of up to 3 strings."]])
        #expect(mutate(&fixture, ["s1n", "delete", 0]) == [["error": "constraint violation", "details": "Attempted to store 0 elements in set of 1 or more integers."]])
        #expect(mutate(&fixture, ["s3", "insert", ["set", ["a", "b", "c", "d"]]])[0]?["details"] == "set must have 0 to 3 members but 4 are present")
        #expect(mutate(&fixture, ["m", "insert", ["set", ["q"]]])[0]?["details"] == #"expected ["map", <array>]"#)
        #expect(mutate(&fixture, ["i", "insert", 1])[0]?["details"] == #"Type mismatch: "insert" operator may not be applied to column i of type integer."#)
    }

    @Test func mutationParseErrorsComeInOVSOrder() throws {
        var fixture = try fixture()
        #expect(mutate(&fixture, ["i", 1]) == [["error": "syntax error", "details": "Parse error in mutation.", "syntax": #"["i",1]"#]])
        #expect(mutate(&fixture, ["nope", "+=", 1]) == [["error": "unknown column", "details": "No column nope in table Root.", "syntax": #"["nope","+=",1]"#]])
        #expect(mutate(&fixture, ["imm", "+", 1]) == [["error": "constraint violation", "details": "Cannot mutate immutable column imm in table Root.", "syntax": #"["imm","+",1]"#]])
        #expect(mutate(&fixture, ["i", "+", 1]) == [["error": "unknown mutator", "details": "No mutator named +."]])
        #expect(mutate(&fixture, ["i", "+=", 1], ["i", "+", 1]) == [["error": "unknown mutator", "details": "No mutator named +."]])
        #expect(fixture.rows("Root", ["i"]) == [["i": 31]])
    }
}
