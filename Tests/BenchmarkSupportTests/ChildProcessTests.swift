#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import BenchmarkSupport

@Suite struct ChildProcessTests {
    @Test func childrenInheritNoDescriptorBeyondStandardOutputAndError() throws {
        let directory = try ScratchDirectory()
        // A descriptor without close-on-exec, as a test's raw socket would be.
        let inheritedCandidate = open("/dev/null", O_RDONLY)
        #expect(inheritedCandidate > 2)
        defer { close(inheritedCandidate) }
        let output = "\(directory.path)/fds"
        let child = try ChildProcess.spawn("/bin/ls", ["/proc/self/fd"], outputPath: output)
        #expect(child.waitForExitBlocking(timeout: .seconds(10)) == 0)
        let descriptors = try String(contentsOfFile: output, encoding: .utf8)
            .split(separator: "\n").compactMap { Int32($0) }
        // 0, 1, 2 and the one ls opens to read the directory; never ours.
        #expect(!descriptors.contains(inheritedCandidate))
        #expect(descriptors.filter { $0 > 2 }.count <= 1)
    }

    @Test func standardInputAndErrorGoWhereTheyAreSent() throws {
        let directory = try ScratchDirectory()
        let input = "\(directory.path)/in"
        try "hello".write(toFile: input, atomically: true, encoding: .utf8)
        let child = try ChildProcess.spawn("/bin/sh", ["-c", "cat; echo oops >&2"], inputPath: input,
                                           outputPath: "\(directory.path)/out", errorPath: "\(directory.path)/err")
        #expect(child.waitForExitBlocking(timeout: .seconds(10)) == 0)
        #expect(try String(contentsOfFile: "\(directory.path)/out", encoding: .utf8) == "hello")
        #expect(try String(contentsOfFile: "\(directory.path)/err", encoding: .utf8) == "oops\n")
    }
}
