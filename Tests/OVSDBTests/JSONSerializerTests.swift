import Testing
@testable import OVSDB

@Suite struct JSONSerializerTests {
    @Test func outputIsCompactInInsertionOrder() {
        let value: JSON = ["b": [1, -2, nil, true, false], "a": ["x": "y"], "c": .object([:]), "d": []]
        #expect(value.serializedString() == #"{"b":[1,-2,null,true,false],"a":{"x":"y"},"c":{},"d":[]}"#)
    }

    @Test func sortingKeysOrdersMembersByBytesAtEveryLevel() {
        let value: JSON = ["b": ["z": 1, "Z": 2, "é": 3, "e": 4], "a": 0, "_": 1]
        #expect(value.serializedString(sortingKeys: true) == #"{"_":1,"a":0,"b":{"Z":2,"e":4,"z":1,"é":3}}"#)
    }

    @Test func stringsAreEscapedLikeOVS() {
        var text = ""
        for scalar in 1..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        text += "\"\\/\u{7F}é😀"
        let expected = #""\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
            + "\\\"\\\\/\u{7F}é😀\""
        #expect(JSON.string(text).serializedString() == expected)
    }

    @Test func integersCoverTheWholeRange() {
        #expect(JSON.array([.integer(.min), .integer(.max), 0, 7, -7, 10]).serializedString()
            == "[-9223372036854775808,9223372036854775807,0,7,-7,10]")
    }

    @Test func realsUseFifteenSignificantDigits() {
        let cases: [(Double, String)] = [
            (0.1, "0.1"), (0.30000000000000004, "0.3"), (1e-7, "1e-07"), (1e15, "1e+15"), (2.5, "2.5"),
            (123456789012345680, "1.23456789012346e+17"), (-0.000001, "-1e-06"), (15, "15"),
        ]
        for (value, text) in cases {
            #expect(JSON.real(value).serializedString() == text)
        }
    }

    @Test func nonFiniteRealsBecomeNullSoOutputStaysValidJSON() throws {
        let value = JSON.array([.real(.nan), .real(.infinity), .real(-.infinity)])
        #expect(value.serializedString() == "[null,null,null]")
        #expect(try JSON(parsing: value.serialized()) == [nil, nil, nil])
    }

    @Test func serializingAppendsToExistingBytes() {
        var output = Array("prefix".utf8)
        JSON.array([1]).serialize(into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "prefix[1]")
    }
}
