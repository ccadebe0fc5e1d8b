import OVSDB

/// One mutation of a `mutate` operation, `[column, mutator, value]` (RFC 7047 section
/// 5.1, `<mutation>`; OVS's `struct ovsdb_mutation`).
struct Mutation {
    /// The column it changes.
    let column: ColumnSchema
    /// The mutator.
    let mutator: Mutator
    /// The parsed value: one unconstrained atom for arithmetic, a set or map for
    /// `insert` and `delete`.
    let argument: Datum

    /// Parses a mutation against `table` with OVS's checks, in OVS's order: shape,
    /// column, mutability (before the mutator name), mutator, type rules, then the
    /// value. Arithmetic needs an integer or real scalar or set (`%=` integers only) and
    /// one atom without the column's constraints; `insert` and `delete` need a set or
    /// map and a value of the column's type with no minimum size (`delete` also no
    /// maximum, and for a map a set of keys is accepted too).
    init(json: JSON, table: TableSchema, resolver: NamedUUIDResolver) throws(OVSDBError) {
        guard case .array(let parts) = json, parts.count == 3,
              case .string(let columnName) = parts[0], case .string(let mutatorName) = parts[1] else {
            throw OVSDBError.syntax(json, "Parse error in mutation.")
        }
        guard let column = table.column(named: columnName) else {
            throw OVSDBError.syntax(json, "No column \(columnName) in table \(table.name).", tag: .unknownColumn)
        }
        guard column.isMutable else {
            throw OVSDBError.syntax(json, "Cannot mutate immutable column \(columnName) in table \(table.name).", tag: .constraintViolation)
        }
        guard let mutator = Mutator(rawValue: mutatorName) else {
            throw OVSDBError(.unknownMutator, "No mutator named \(mutatorName).")
        }
        self.column = column
        self.mutator = mutator
        argument = try Self.parseArgument(parts[2], column: column, mutator: mutator, mutation: json, resolver: resolver)
    }

    private static func parseArgument(_ value: JSON, column: ColumnSchema, mutator: Mutator, mutation: JSON,
                                      resolver: NamedUUIDResolver) throws(OVSDBError) -> Datum {
        let type = column.type
        let mismatch = OVSDBError.syntax(mutation, "Type mismatch: \"\(mutator.rawValue)\" operator may not be applied to column \(column.name) of type \(type.englishDescription).")
        if mutator.isArithmetic {
            let numeric = type.key.type == .integer || (type.key.type == .real && mutator != .modulo)
            guard type.isScalar || type.isSet, numeric else { throw mismatch }
            return try Datum(json: value, type: ColumnType(key: type.key.unconstrained), resolver: resolver)
        }
        guard type.isSet || type.isMap else { throw mismatch }
        let relaxed = type.withSize(min: 0, max: mutator == .delete ? ColumnType.unlimited : type.max)
        do {
            return try Datum(json: value, type: relaxed, resolver: resolver)
        } catch {
            guard mutator == .delete, type.isMap else { throw error }
            return try Datum(json: value, type: ColumnType(key: type.key, min: 0, max: ColumnType.unlimited), resolver: resolver)
        }
    }

    /// The column's new value after applying the mutation to `datum` (OVS's
    /// `ovsdb_mutation_set_execute()` for one mutation).
    func apply(to datum: Datum) throws(OVSDBError) -> Datum {
        switch mutator {
        case .insert:
            return try checkedSize(datum.union(argument))
        case .delete:
            return try checkedSize(datum.subtracting(argument))
        default:
            return try arithmetic(on: datum)
        }
    }

    /// Arithmetic on every element, then the column's atom constraints, then the
    /// re-sorted set, whose elements must still be distinct.
    private func arithmetic(on datum: Datum) throws(OVSDBError) -> Datum {
        guard let operand = argument.first else { return datum }
        var atoms: [Atom] = []
        atoms.reserveCapacity(datum.count)
        for atom in datum.keys {
            switch (atom, operand) {
            case (.integer(let x), .integer(let y)): atoms.append(.integer(try mutator.apply(x, y)))
            case (.real(let x), .real(let y)): atoms.append(.real(try mutator.apply(x, y)))
            default: atoms.append(atom)
            }
        }
        for atom in atoms {
            try atom.checkConstraints(column.type.key)
        }
        do {
            return try Datum(set: atoms)
        } catch {
            throw OVSDBError(.constraintViolation, "Result of \"\(mutator.rawValue)\" operation contains duplicates.")
        }
    }

    /// `datum` if its size fits the column type (OVS's `ovsdb_mutation_check_count()`).
    private func checkedSize(_ datum: Datum) throws(OVSDBError) -> Datum {
        guard column.type.conforms(datum) else {
            throw OVSDBError(.constraintViolation, "Attempted to store \(datum.count) elements in \(column.type.englishDescription).")
        }
        return datum
    }
}
