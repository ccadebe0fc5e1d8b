extension Atom {
    /// Checks this atom against the constraints of `base` (OVS's
    /// `ovsdb_atom_check_constraints()`): the enumeration, the integer or real range,
    /// the string length in Unicode scalars. Throws "constraint violation" errors with
    /// OVS's messages. Whether a referenced row exists is the transaction engine's check.
    public func checkConstraints(_ base: BaseType) throws(OVSDBError) {
        if let allowed = base.enumeration, !allowed.contains(self) {
            throw OVSDBError(.constraintViolation, "\(self) is not one of the allowed values (\(allowed.text(type: .enumeration(of: base.type))))")
        }
        switch self {
        case .integer(let value):
            try Self.checkRange(value, base.minInteger, base.maxInteger,
                                unboundedMin: .min, unboundedMax: .max, format: String.init)
        case .real(let value):
            try Self.checkRange(value, base.minReal, base.maxReal,
                                unboundedMin: -.greatestFiniteMagnitude, unboundedMax: .greatestFiniteMagnitude,
                                format: JSONSerializer.formatReal)
        case .string(let value):
            let length = value.unicodeScalars.count
            if length < base.minLength {
                throw OVSDBError(.constraintViolation, "\"\(value)\" length \(length) is less than minimum allowed length \(base.minLength)")
            }
            if length > base.maxLength {
                throw OVSDBError(.constraintViolation, "\"\(value)\" length \(length) is greater than maximum allowed length \(base.maxLength)")
            }
        case .boolean, .uuid:
            break
        }
    }

    private static func checkRange<Value: Comparable>(
        _ value: Value, _ low: Value, _ high: Value,
        unboundedMin: Value, unboundedMax: Value, format: (Value) -> String
    ) throws(OVSDBError) {
        if value >= low && value <= high { return }
        let text: String
        if low != unboundedMin && high != unboundedMax {
            text = "\(format(value)) is not in the valid range \(format(low)) to \(format(high)) (inclusive)"
        } else if low != unboundedMin {
            text = "\(format(value)) is less than minimum allowed value \(format(low))"
        } else {
            text = "\(format(value)) is greater than maximum allowed value \(format(high))"
        }
        throw OVSDBError(.constraintViolation, text)
    }
}
