import Testing
@testable import OVSDB
@testable import SyncServer

/// The commit checks: strong references, garbage collection, maxRows, weak references,
/// index uniqueness; and the bookkeeping that keeps them incremental.
@Suite struct ReferenceTests {
    @Test func strongReferencesMustPointToRowsThatExist() throws {
        var fixture = try EngineFixture()
        let reply = fixture.transact(["op": "insert", "table": "Root", "uuid": .string(EngineFixture.uuid(1)), "row": ["name": "a", "child": EngineFixture.ref(9)]])
        #expect(reply[1] == ["error": "referential integrity violation",
                             "details": .string("Table Root column child row \(EngineFixture.uuid(1)) references nonexistent row \(EngineFixture.uuid(9)) in table Child.")])
    }

    @Test func referencedRowsCannotBeDeletedAndUnreferencedOnesAreCollected() throws {
        var fixture = try EngineFixture()
        fixture.transact(["op": "insert", "table": "Child", "uuid": .string(EngineFixture.uuid(9)), "row": ["n": 1]],
                         ["op": "insert", "table": "Root", "row": ["name": "a", "child": EngineFixture.ref(9)]],
                         ["op": "insert", "table": "Root", "row": ["name": "b", "child": EngineFixture.ref(9)]])
        #expect(fixture.database.table(named: "Child")?.strongReferenceCount(of: try #require(OVSDBUUID(EngineFixture.uuid(9)))) == 2)
        let reply = fixture.transact(["op": "delete", "table": "Child", "where": []])
        #expect(reply[1] == ["error": "referential integrity violation",
                             "details": .string("cannot delete Child row \(EngineFixture.uuid(9)) because of 2 remaining reference(s)")])
        #expect(fixture.transact(["op": "delete", "table": "Root", "where": [["name", "==", "a"]]]) == [["count": 1]])
        #expect(fixture.rows("Child", ["n"]).count == 1)
        #expect(fixture.transact(["op": "mutate", "table": "Root", "where": [], "mutations": [["child", "delete", EngineFixture.ref(9)]]]) == [["count": 1]])
        #expect(fixture.rows("Child", ["n"]).isEmpty)
        let orphan = fixture.transact(["op": "insert", "table": "Child", "row": ["n": 99]])
        #expect(orphan[0]?["uuid"] != nil)
        #expect(fixture.rows("Child", ["n"]).isEmpty)
    }

    @Test func garbageCollectionFollowsChainsButNotSelfReferences() throws {
        var fixture = try EngineFixture()
        var operations: [JSON] = []
        for link in 1...300 {
            operations.append(["op": "insert", "table": "Child", "uuid": .string(EngineFixture.uuid(link)),
                               "row": ["n": .integer(Int64(link)), "peer": link < 300 ? EngineFixture.ref(link + 1) : EngineFixture.ref(link)]])
        }
        operations.append(["op": "insert", "table": "Root", "row": ["name": "head", "child": EngineFixture.ref(1)]])
        #expect(EngineFixture.tags(fixture.outcome(operations).reply).allSatisfy { $0 == nil })
        #expect(fixture.database.table(named: "Child")?.count == 300)
        fixture.transact(["op": "delete", "table": "Root", "where": []])
        #expect(fixture.database.table(named: "Child")?.count == 0)
    }

    @Test func maxRowsIsCheckedAfterGarbageCollection() throws {
        var fixture = try EngineFixture()
        let inserts = (1...4).map { JSON.object(["op": "insert", "table": "Holder", "row": ["label": .string("h\($0)")]]) }
        #expect(fixture.outcome(inserts).reply[4]
                == ["error": "constraint violation", "details": #"transaction causes "Holder" table to contain 4 rows, greater than the schema-defined limit of 3 row(s)"#])
        #expect(fixture.outcome(Array(inserts.prefix(3))).reply.arrayValue?.count == 3)
        #expect(fixture.database.table(named: "Holder")?.count == 3)
    }

    @Test func weakReferencesToDeletedRowsAreRemoved() throws {
        var fixture = try EngineFixture()
        fixture.transact(["op": "insert", "table": "Root", "uuid": .string(EngineFixture.uuid(1)), "row": ["name": "p"]],
                         ["op": "insert", "table": "Root", "uuid": .string(EngineFixture.uuid(2)), "row": ["name": "q", "weak": EngineFixture.ref(1)]],
                         ["op": "insert", "table": "Root", "uuid": .string(EngineFixture.uuid(3)), "row": ["name": "s", "weak": ["set", [EngineFixture.ref(1), EngineFixture.ref(9)]]]])
        #expect(fixture.rows("Root", ["name", "weak"], where: [["name", "==", "s"]]) == [["name": "s", "weak": EngineFixture.ref(1)]])
        let outcome = fixture.outcome([["op": "delete", "table": "Root", "where": [["name", "==", "p"]]]])
        guard case .committed(_, let committed) = outcome else { Issue.record("\(outcome.reply)"); return }
        #expect(committed.changes.rowCount == 3)
        #expect(fixture.rows("Root", ["name", "weak"], where: [["name", "!=", "x"]]).count == 2)
        #expect(fixture.rows("Root", ["weak"], where: [["weak", "!=", ["set", []]]]).isEmpty)
        #expect(fixture.database.table(named: "Root")?.weakReferrers.isEmpty == true)
    }

    @Test func weakReferencesThatMustNotBeEmptyFailTheCommit() throws {
        var fixture = try EngineFixture()
        let reply = fixture.transact(["op": "insert", "table": "W1", "uuid": .string(EngineFixture.uuid(5)), "row": ["x": 1]])
        #expect(reply[1] == ["error": "constraint violation", "details": .string("Weak reference column \"w\" in \"W1\" row \(EngineFixture.uuid(5)) (inserted within this transaction) contained all-zeros UUID (probably as the default value for this column) but deleting this value caused a constraint volation because this column is not allowed to be empty.")])
        fixture.transact(["op": "insert", "table": "Child", "uuid": .string(EngineFixture.uuid(9)), "row": ["n": 1]],
                         ["op": "insert", "table": "Root", "row": ["name": "keep", "child": EngineFixture.ref(9)]],
                         ["op": "insert", "table": "W1", "uuid": .string(EngineFixture.uuid(5)), "row": ["w": EngineFixture.ref(9)]])
        let delete = fixture.transact(["op": "delete", "table": "Root", "where": []])
        #expect(delete[1] == ["error": "constraint violation", "details": .string("Deletion of 1 weak reference(s) to deleted (or never-existing) rows from column \"w\" in \"W1\" row \(EngineFixture.uuid(5)) caused this column to become empty, but constraints on this column disallow an empty column.")])
    }

    @Test func indexesRejectDuplicatesButAllowSwaps() throws {
        var fixture = try EngineFixture()
        fixture.transact(["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(1)), "row": ["k": "a", "v": 1]],
                         ["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(2)), "row": ["k": "b", "v": 1]])
        let duplicate = fixture.transact(["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(3)), "row": ["k": "a", "v": 1]])
        #expect(duplicate[1] == ["error": "constraint violation", "details": .string("Transaction causes multiple rows in \"Other\" table to have identical values (a and 1) for index on columns \"k\" and \"v\".  First row, with UUID \(EngineFixture.uuid(3)), was inserted by this transaction.  Second row, with UUID \(EngineFixture.uuid(1)), existed in the database before this transaction and was not modified by the transaction.")])
        let swap = fixture.transact(["op": "update", "table": "Other", "where": [["k", "==", "a"]], "row": ["k": "b"]],
                                    ["op": "update", "table": "Other", "where": [["_uuid", "==", EngineFixture.ref(2)]], "row": ["k": "a"]])
        #expect(swap == [["count": 1], ["count": 1]])
        let modified = fixture.transact(["op": "update", "table": "Other", "where": [["k", "==", "a"]], "row": ["k": "b"]])
        #expect(modified[1]?["details"]?.stringValue?.contains("had the following index values before the transaction: a and 1.") == true)
        #expect(fixture.transact(["op": "insert", "table": "Root", "row": ["name": "n"]], ["op": "insert", "table": "Root", "row": ["name": "n"]])[2]?["details"]?
            .stringValue?.hasPrefix(#"Transaction causes multiple rows in "Root" table to have identical values (n) for index on column "name"."#) == true)
    }

    @Test func aSnapshotIsUnaffectedByLaterCommits() throws {
        var fixture = try EngineFixture()
        fixture.transact(["op": "insert", "table": "Other", "row": ["k": "a"]])
        let snapshot = fixture.database
        fixture.transact(["op": "insert", "table": "Other", "row": ["k": "b"]], ["op": "delete", "table": "Other", "where": [["k", "==", "a"]]])
        #expect(snapshot.table(named: "Other")?.rows.values.map { $0.values[2] } == [Datum(.string("a"))])
        #expect(fixture.database.table(named: "Other")?.rows.values.map { $0.values[2] } == [Datum(.string("b"))])
    }
}
