import Testing
import BenchmarkSupport

@Suite struct SplitMix64Tests {
    /// The reference sequence of Vigna's splitmix64.c for seed 0: the generated data,
    /// keys and test inputs stay those that produced the published tables.
    @Test func seedZeroGivesTheReferenceSequence() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xe220_a839_7b1d_cdaf)
        #expect(generator.next() == 0x6e78_9e6a_a1b9_65f4)
    }
}
