import OVSDB

/// Splits the bytes of a log file into records, as OVS's `ovsdb_log_read()` parses them:
/// a header line `OVSDB JSON <length> <sha1>` of at most 128 bytes, then `length` bytes
/// whose SHA-1 must match and which must hold one JSON object.
///
/// A record that fails any check is the end of the good data. If no valid record can be
/// found after it, it is a torn or corrupt last record (a crash mid-write, garbage
/// appended) and is returned as ``LogContents/damage``; if a valid record follows, the
/// damage is in the middle of the log and reading fails with
/// ``LogFileError/damagedBeforeEnd(record:cause:)``.
struct LogReader {
    let path: String
    let bytes: [UInt8]

    /// The longest header line OVS reads (`fgets` into 128 bytes).
    static let maxHeaderLength = 128

    func read() throws(LogFileError) -> LogContents {
        var records: [LogRecord] = []
        var offset = 0
        while offset < bytes.count {
            switch parse(at: offset, number: records.count) {
            case .success(let record):
                records.append(record)
                offset = record.position.end
            case .failure(let error):
                if case .clustered = error { throw error }
                if validRecordExists(after: offset) {
                    throw .damagedBeforeEnd(record: records.count, cause: error)
                }
                return LogContents(records: records, damage: error)
            }
        }
        return LogContents(records: records, damage: nil)
    }

    /// True if a complete, valid record starts anywhere after `offset`.
    private func validRecordExists(after offset: Int) -> Bool {
        let magic = Array("OVSDB JSON ".utf8)
        var start = offset + 1
        while start + magic.count <= bytes.count {
            if bytes[start] == magic[0], Array(bytes[start..<start + magic.count]) == magic,
               case .success = parse(at: start, number: 0) {
                return true
            }
            start += 1
        }
        return false
    }

    private func parse(at offset: Int, number: Int) -> Result<LogRecord, LogFileError> {
        let limit = min(bytes.count, offset + Self.maxHeaderLength)
        guard let newline = bytes[offset..<limit].firstIndex(of: UInt8(ascii: "\n")) else {
            return .failure(.badHeader(path: path, offset: offset, text: text(offset..<limit)))
        }
        let header = text(offset..<newline)
        let fields = header.split(separator: " ", omittingEmptySubsequences: false)
        if fields.count >= 2, fields[0] == "OVSDB", fields[1] == "CLUSTER" {
            return .failure(.clustered(path: path))
        }
        guard fields.count == 4, fields[0] == "OVSDB", fields[1] == "JSON",
              let length = Int(fields[2]), length > 0, fields[2].allSatisfy(\.isNumber),
              fields[3].utf8.count == 40, fields[3].allSatisfy(\.isHexDigit) else {
            return .failure(.badHeader(path: path, offset: offset, text: header))
        }
        let start = newline + 1
        guard length <= bytes.count - start else {
            return .failure(.torn(path: path, offset: start, expected: length))
        }
        let expected = fields[3].lowercased()
        let actual = bytes[start..<start + length].withUnsafeBytes { SHA1.hex($0) }
        guard actual == expected else {
            return .failure(.checksum(path: path, offset: start, length: length, actual: actual, expected: expected))
        }
        let parsed = bytes[start..<start + length].withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSON in try JSON(parsing: buffer) }
        }
        let json: JSON
        switch parsed {
        case .success(let value): json = value
        case .failure(let error): return .failure(.notJSON(path: path, offset: start, length: length, message: error.description))
        }
        guard case .object(let object) = json else {
            return .failure(.notObject(path: path, offset: start, length: length))
        }
        let position = LogRecord.Position(number: number, offset: offset, length: start + length - offset, sha1: expected)
        return .success(LogRecord(position: position, json: object))
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
