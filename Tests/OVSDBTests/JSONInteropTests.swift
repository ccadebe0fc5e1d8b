import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport

/// The parser and serializer against OVS 3.1's own, through `ovsdb-tool`: the same text
/// must be accepted or rejected alike, numbers must get the same type and value, and
/// values must be written back byte for byte as OVS writes them.
@Suite struct JSONInteropTests {
    private static let schema: JSON = [
        "name": "T",
        "tables": ["A": ["columns": ["i": ["type": "integer"], "r": ["type": "real"], "s": ["type": "string"]]]],
    ]

    /// Inserts `{column: text}` with OVS, reads the row back, and returns the raw text
    /// OVS writes for the column, or OVS's error. Uses `ovsdb-tool query`, which never
    /// writes the file: OVS logs reals with `%.15g`, and a real just above `DBL_MIN` is
    /// logged as a subnormal number that OVS then refuses to read back.
    private func ovsRoundTrip(_ database: ScratchDatabase, column: String, text: String) throws -> Result<String, ToolFailure> {
        let transaction = #"["T",{"op":"insert","table":"A","uuid-name":"n","row":{"\#(column)":\#(text)}},"#
            + #"{"op":"select","table":"A","where":[["_uuid","==",["named-uuid","n"]]],"columns":["\#(column)"]}]"#
        let output = try OVSTool.run("ovsdb-tool", ["query", database.file, transaction])
        if output.status != 0 {
            return .failure(ToolFailure(description: Self.jsonErrorMessage(output.stderr)))
        }
        // `query` reports that it could not roll back the file ("cannot truncate") after
        // the results; the row is the only "rows" result.
        let marker = "{\"rows\":[{\"\(column)\":"
        guard let start = output.stdout.range(of: marker)?.upperBound,
              let end = output.stdout.range(of: "}]}", range: start..<output.stdout.endIndex)?.lowerBound else {
            return .failure(ToolFailure(description: output.stdout))
        }
        return .success(String(output.stdout[start..<end]))
    }

    /// The message of an OVS JSON parse error ("... byte N: <message>").
    private static func jsonErrorMessage(_ stderr: String) -> String {
        guard let range = stderr.range(of: #"byte [0-9]+: "#, options: .regularExpression) else {
            return stderr
        }
        return String(stderr[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func numbersGetTheTypeAndValueOVSGivesThem() throws {
        let database = try ScratchDatabase(schema: Self.schema)
        let numbers = ["0", "-0", "1.0", "1e2", "100e-2", "1.5e1", "9223372036854775807", "-9223372036854775808",
                       "123456789012345678e-10", "9223372036854775808", "-9223372036854775809", "0.1",
                       "0.30000000000000004", "1e-400", "1e22", "2.2250738585072014e-308", "1.7976931348623157e308",
                       "12345678901234567890", "123.456e-2", "1E-7", "-2.5e-3", "1e-310", "1.8e308", "1e400",
                       "01", "-", "1.", "1e", "1-2", "1e2147483646", "4.9e-324"]
        for text in numbers {
            let ours = Result { () throws(JSONParseError) -> JSON in try JSON(parsing: "[\(text)]") }
            let asInteger = try ovsRoundTrip(database, column: "i", text: text)
            let asReal = try ovsRoundTrip(database, column: "r", text: text)
            switch ours {
            case .success(let value):
                if case .integer(let integer)? = value[0] {
                    #expect(try asInteger.get() == String(integer), "\(text)")
                } else if case .real(let real)? = value[0] {
                    #expect(asInteger.failureDescription?.contains("expected integer") == true, "\(text)")
                    #expect(try asReal.get() == JSONSerializer.formatReal(real), "\(text)")
                } else {
                    Issue.record("\(text) parsed to \(value)")
                }
            case .failure(let error):
                #expect(asReal.failureDescription == error.message, "\(text)")
            }
        }
    }

    @Test func stringsAreWrittenBackByteForByteAsOVSWritesThem() throws {
        let database = try ScratchDatabase(schema: Self.schema)
        var escaped = "\""
        for code in 1..<0x80 {
            escaped += String(format: "\\u%04x", code)
        }
        escaped += #"é\u00e9e\u0301€\ud83d\ude00\/\"\\\b\f\n\r\t"#
        escaped += "\""
        let ovs = try ovsRoundTrip(database, column: "s", text: escaped).get()
        let ours = try JSON(parsing: "[\(escaped)]")[0]
        #expect(ours?.description == ovs)
    }

    @Test func malformedTextIsRejectedWithOVSMessages() throws {
        let database = try ScratchDatabase(schema: Self.schema)
        let texts = ["", " ", "1", "[1,]", "[1 2]", #"{"a"}"#, #"{"a":1,}"#, "{1:2}", #"{"a":1 "b":2}"#, "[] []",
                     "[1", #"{"a":"#, "[True]", "[nul]", "[nullx]", "[@]", "[\u{01}]", #"["\u0000"]"#,
                     #"["\ud800"]"#, #"["\ud800\u0041"]"#, #"["\x"]"#, #"["\u12"]"#, #"["\u12G4"]"#,
                     "[\"a\tb\"]", #"["abc"#, "[01]", "[1.5.3]", "[-]"]
        for text in texts {
            let output = try OVSTool.run("ovsdb-tool", ["query", database.file, text])
            do {
                _ = try JSON(parsing: text)
                Issue.record("\(text.debugDescription) was accepted")
            } catch {
                #expect(Self.jsonErrorMessage(output.stderr) == error.message, "\(text.debugDescription)")
            }
        }
    }
}

extension Result {
    /// The failure's description, if this is a failure.
    var failureDescription: String? {
        if case .failure(let error) = self { return "\(error)" }
        return nil
    }
}
