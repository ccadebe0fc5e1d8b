#!/usr/bin/env python3
"""Independent reference implementation of the DigestSync row key, version 1.

Written from the specification in Sources/Digest/RowKeyEncoder.swift (the doc comment),
not from the Swift code, so that the tests comparing the two catch a mistake in either.

Input (standard input), JSON:
  {"tables": {TABLE: {COLUMN: <OVSDB column type JSON>, ...}, ...},
   "rows": [{"table": TABLE, "uuid": UUID-TEXT, "columns": [COLUMN, ...],
             "row": {COLUMN: <OVSDB datum JSON>, ...}}, ...]}
A column absent from "row" holds its type's default value (RFC 7047 section 5.1).

Output (standard output): one line per row, "<key hex> <encoding hex>", where the key
is the first 16 bytes of SHA-256 over the encoding.
"""
import hashlib
import json
import struct
import sys

INTEGER, REAL, BOOLEAN, STRING, UUID = "integer", "real", "boolean", "string", "uuid"
TYPE_BYTE = {INTEGER: 1, REAL: 2, BOOLEAN: 3, STRING: 4, UUID: 5}


def parse_type(type_json):
    """(key atomic type, value atomic type or None, min)."""
    if isinstance(type_json, str):
        return type_json, None, 1
    def base(b):
        return b if isinstance(b, str) else b["type"]
    value = type_json.get("value")
    return base(type_json["key"]), (base(value) if value is not None else None), type_json.get("min", 1)


def uuid_bytes(text):
    digits = text.replace("-", "")
    assert len(digits) == 32
    return bytes.fromhex(digits)


def parse_atom(atomic, atom_json):
    if atomic == INTEGER:
        assert isinstance(atom_json, int) and not isinstance(atom_json, bool)
        return atom_json
    if atomic == REAL:
        assert isinstance(atom_json, (int, float)) and not isinstance(atom_json, bool)
        return float(atom_json)
    if atomic == BOOLEAN:
        assert isinstance(atom_json, bool)
        return atom_json
    if atomic == STRING:
        assert isinstance(atom_json, str)
        return atom_json
    assert atom_json[0] == "uuid"
    return uuid_bytes(atom_json[1])


def sort_key(atomic, atom):
    """OVSDB atom order: numbers numerically, false before true, strings by UTF-8
    bytes, UUIDs by their bytes (the same as their text)."""
    if atomic == STRING:
        return atom.encode("utf-8")
    return atom


def default_atom(atomic):
    return {INTEGER: 0, REAL: 0.0, BOOLEAN: False, STRING: "", UUID: bytes(16)}[atomic]


def parse_datum(column_type, datum_json):
    """A list of atoms (set) or of (key, value) pairs (map), sorted by key."""
    key_type, value_type, minimum = column_type
    if datum_json is None:
        if minimum == 0:
            return []
        if value_type is None:
            return [default_atom(key_type)]
        return [(default_atom(key_type), default_atom(value_type))]
    if value_type is not None:
        assert datum_json[0] in ("map", "set")
        pairs = [(parse_atom(key_type, k), parse_atom(value_type, v)) for k, v in datum_json[1]]
        return sorted(pairs, key=lambda pair: sort_key(key_type, pair[0]))
    if isinstance(datum_json, list) and datum_json and datum_json[0] == "set":
        atoms = [parse_atom(key_type, a) for a in datum_json[1]]
    else:
        atoms = [parse_atom(key_type, datum_json)]
    return sorted(atoms, key=lambda atom: sort_key(key_type, atom))


def u32(value):
    return struct.pack(">I", value)


def length_prefixed(data):
    return u32(len(data)) + data


def encode_atom(atomic, atom):
    out = bytes([TYPE_BYTE[atomic]])
    if atomic == INTEGER:
        return out + struct.pack(">q", atom)
    if atomic == REAL:
        text = "%.15g" % atom
        if text == "-0":
            text = "0"
        return out + length_prefixed(text.encode("ascii"))
    if atomic == BOOLEAN:
        return out + bytes([1 if atom else 0])
    if atomic == STRING:
        return out + length_prefixed(atom.encode("utf-8"))
    return out + atom


def encode_row(table, columns_types, uuid_text, columns, row):
    out = b"DSRK" + bytes([1]) + length_prefixed(table.encode("utf-8")) + uuid_bytes(uuid_text)
    names = sorted((c for c in columns if c not in ("_uuid", "_version")), key=lambda c: c.encode("utf-8"))
    out += u32(len(names))
    for name in names:
        column_type = parse_type(columns_types[name])
        key_type, value_type, _ = column_type
        elements = parse_datum(column_type, row.get(name))
        out += length_prefixed(name.encode("utf-8"))
        out += bytes([1 if value_type is not None else 0])
        out += u32(len(elements))
        for element in elements:
            if value_type is None:
                out += encode_atom(key_type, element)
            else:
                out += encode_atom(key_type, element[0]) + encode_atom(value_type, element[1])
    return out


def main():
    document = json.load(sys.stdin)
    for entry in document["rows"]:
        table = entry["table"]
        encoding = encode_row(table, document["tables"][table], entry["uuid"], entry["columns"], entry["row"])
        key = hashlib.sha256(encoding).digest()[:16]
        print(key.hex(), encoding.hex())


if __name__ == "__main__":
    main()
