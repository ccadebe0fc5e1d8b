import IBLT

/// A peer broke the exchange's protocol: a message that is valid on its own but not at
/// this point of the exchange, or built with another seed or geometry. Thrown by
/// `ServerExchange` and `ClientExchange`. The server answers with a JSON-RPC error and
/// forgets the exchange; the client abandons it and falls back to an ordinary monitor
/// request (Docs/digest-protocol.md, "Errors").
public enum ExchangeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A message of kind `received` arrived while the exchange was `state`.
    case unexpectedMessage(received: String, state: String)
    /// A structure was built with another seed than the offer's.
    case wrongSeed(received: UInt64, expected: UInt64)
    /// A coded-symbol batch does not start where the previous one ended.
    case wrongSymbolRange(firstIndex: Int, expected: Int)
    /// An IBF is smaller than the retry asked for, or its estimator cannot be compared.
    case wrongGeometry(String)
    /// The server listed a key to delete that the client's view does not hold.
    case unknownKey(Key128)

    /// A one-line explanation, used as the `details` of the error reply.
    public var description: String {
        switch self {
        case .unexpectedMessage(let received, let state): return "unexpected \(received) while \(state)"
        case .wrongSeed(let received, let expected): return "built with seed \(received), the exchange uses \(expected)"
        case .wrongSymbolRange(let first, let expected): return "coded symbols start at \(first), expected \(expected)"
        case .wrongGeometry(let details): return details
        case .unknownKey(let key): return "key \(key) is not in the view"
        }
    }
}
