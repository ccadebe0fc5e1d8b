extension Condition {
    /// Parses the clauses of a `"where"` array against `table` (OVS's
    /// `ovsdb_condition_from_json()`); the caller has checked that `"where"` is an array.
    ///
    /// Each clause is `true`, `false`, or `[column, function, value]` where the value is
    /// a datum of the column's type, relaxed as OVS relaxes it: `includes` accepts an
    /// empty or partial set or map, `excludes` any number of elements, and `<`, `<=`,
    /// `>`, `>=` apply only to integer and real columns holding at most one value.
    /// Errors are OVS's: "Parse error in condition.", "unknown column", "unknown
    /// function", "Type mismatch", and the datum errors of the value.
    public init(json clauses: [JSON], table: TableSchema, resolver: NamedUUIDResolver? = nil) throws(OVSDBError) {
        var parsed: [Clause] = []
        parsed.reserveCapacity(clauses.count)
        for clause in clauses {
            parsed.append(try Clause(json: clause, table: table, resolver: resolver))
        }
        self.init(clauses: parsed)
    }
}

extension Clause {
    /// Parses one clause against `table` (OVS's `ovsdb_clause_from_json()`).
    public init(json: JSON, table: TableSchema, resolver: NamedUUIDResolver? = nil) throws(OVSDBError) {
        if case .bool(let constant) = json {
            let uuid = table.columns[TableSchema.uuidColumn]
            self.init(function: constant ? .true : .false, column: uuid, argument: .defaultValue(for: uuid.type))
            return
        }
        guard case .array(let parts) = json, parts.count == 3,
              case .string(let columnName) = parts[0], case .string(let functionName) = parts[1] else {
            throw OVSDBError.syntax(json, "Parse error in condition.")
        }
        guard let column = table.column(named: columnName) else {
            throw OVSDBError.syntax(json, "No column \(columnName) in table \(table.name).", tag: .unknownColumn)
        }
        // OVS names the constants like functions, but a clause cannot use them as one.
        guard let function = ConditionFunction(rawValue: functionName), function != .true, function != .false else {
            throw OVSDBError(.unknownFunction, "No function named \(functionName).")
        }
        let argumentType = try Self.argumentType(function, column: column, clause: json)
        self.init(function: function, column: column,
                  argument: try Datum(json: parts[2], type: argumentType, resolver: resolver))
    }

    /// The type a clause's value must have: the column's, relaxed per function.
    private static func argumentType(_ function: ConditionFunction, column: ColumnSchema, clause: JSON) throws(OVSDBError) -> ColumnType {
        let type = column.type
        switch function {
        case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual:
            guard type.isScalar || type.isOptionalScalar, type.key.type == .integer || type.key.type == .real else {
                throw OVSDBError.syntax(clause, "Type mismatch: \"\(function.rawValue)\" operator may not be applied to column \(column.name) of type \(type.englishDescription).")
            }
            return type.withSize(min: 1, max: type.max)
        case .excludes:
            return type.isScalar ? type : type.withSize(min: 0, max: ColumnType.unlimited)
        case .includes:
            return type.isScalar ? type : type.withSize(min: 0, max: type.max)
        case .equal, .notEqual, .true, .false:
            return type
        }
    }
}
