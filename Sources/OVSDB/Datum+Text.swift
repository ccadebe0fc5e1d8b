extension Datum {
    /// The datum in OVS's human-readable syntax (`ovsdb_datum_to_string()`, as
    /// `ovs-vsctl` prints values and OVS's constraint messages quote them): atoms as
    /// ``Atom/description`` writes them, separated by ", ", maps as `key=value`, inside
    /// `[...]` (sets) or `{...}` (maps) when the type may hold several elements or the
    /// datum is empty.
    public func text(type: ColumnType) -> String {
        let bracketed = type.max > 1 || isEmpty
        var text = bracketed ? (type.isMap ? "{" : "[") : ""
        for index in 0..<count {
            if index > 0 { text += ", " }
            text += keys[index].description
            if let values {
                text += "=" + values[index].description
            }
        }
        if bracketed { text += type.isMap ? "}" : "]" }
        return text
    }
}
