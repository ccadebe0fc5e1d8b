import Foundation

/// Where the `digestsync` executable of this build is, for tests that run it as the
/// real program.
public enum DigestSyncBinary {
    /// The executable next to the test bundle (`.build/<config>/`), or in
    /// `.build/debug/` of the package.
    public static func path() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("digestsync").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/digestsync").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ToolFailure(description: "digestsync binary not found in \(candidates); run swift build first")
        }
        return found
    }
}
