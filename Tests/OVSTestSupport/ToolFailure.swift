/// Failures of the interop helpers, with what a reader needs to reproduce them.
public struct ToolFailure: Error, CustomStringConvertible {
    /// What failed.
    public var description: String

    /// A failure described by `description`.
    public init(description: String) {
        self.description = description
    }
}
