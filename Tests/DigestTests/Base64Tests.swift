import Foundation
import Testing
@testable import Digest
import BenchmarkSupport

/// The strict base64 codec of the digest messages, against Foundation's.
@Suite struct Base64Tests {
    @Test func encodingMatchesFoundationAndDecodesBack() {
        var generator = SplitMix64(seed: 31)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base64.encode(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            #expect(Base64.decode(text) == bytes)
            #expect(text.utf8.count == Base64.encodedLength(of: length))
        }
    }

    @Test func nonCanonicalOrMalformedTextIsRejected() {
        for text in ["QQ=", "Q===", "QR==", "QUJ=", "QQ==QQ==", "QU\nJD", "QUJD!", "=QUJ", "QUJ\u{e9}", "QQ= "] {
            #expect(Base64.decode(text) == nil, "\(text)")
        }
        #expect(Base64.decode("QQ==") == [0x41])
        #expect(Base64.decode("QUI=") == [0x41, 0x42])
        #expect(Base64.decode("") == [])
    }
}
