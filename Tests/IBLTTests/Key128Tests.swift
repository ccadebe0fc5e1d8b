import Testing
@testable import IBLT

@Suite struct Key128Tests {
    @Test func bytesRoundTripLowWordFirstLittleEndian() {
        let bytes: [UInt8] = Array(0..<16)
        let key = Key128(bytes: bytes)!
        #expect(key.low == 0x0706_0504_0302_0100)
        #expect(key.high == 0x0f0e_0d0c_0b0a_0908)
        #expect(key.bytes == bytes)
        #expect(key.description == "000102030405060708090a0b0c0d0e0f")
    }

    @Test func wrongLengthIsRejected() {
        #expect(Key128(bytes: [UInt8](repeating: 0, count: 15)) == nil)
        #expect(Key128(bytes: [UInt8](repeating: 0, count: 17)) == nil)
    }

    @Test func xorCancelsAKeyAddedTwice() {
        let a = Key128(low: 0xdead_beef, high: 42)
        let b = Key128(low: 7, high: 0xffff_0000_ffff_0000)
        #expect(a ^ b ^ a == b)
        #expect(a ^ a == .zero)
    }

    @Test func hashDependsOnSeedAndMatchesXXH3OfTheBytes() {
        let key = Key128(bytes: Array(0..<16))!
        // XXH3_64bits_withSeed over bytes 00..0f, as libxxhash computes it.
        #expect(key.hash(seed: 0) == 0x8355_e3a6_f617_70db)
        #expect(key.hash(seed: 1) == 0xe2d1_e405_3a21_9356)
    }
}
