@testable import OVSDB

/// Makes two replies to the same request comparable although the two implementations
/// draw different random UUIDs and `_version`s and order rows differently (the
/// harness recipe of the engine notes, section 10):
/// - error objects keep only their `error` tag (details may differ);
/// - `_version` is dropped, rows are sorted canonically;
/// - UUIDs the generator chose are kept; random ones are renamed in order of first
///   appearance as insert results, session-wide, so that both sides give the same row
///   the same name; any other random UUID becomes "unmatched".
final class ReplyNormalizer {
    private let known: Set<String>
    private var names: [String: String] = [:]

    init(known: Set<String>) {
        self.known = known
    }

    /// The normalized form of `reply`, first naming the UUIDs its insert results give.
    func normalize(_ reply: JSON) -> JSON {
        for element in reply.arrayValue ?? [] {
            guard case .object(let object) = element, object.count == 1,
                  let uuid = object["uuid"]?[1]?.stringValue, !known.contains(uuid), names[uuid] == nil else { continue }
            names[uuid] = "row\(names.count)"
        }
        return normalized(reply)
    }

    private func normalized(_ json: JSON) -> JSON {
        switch json {
        case .object(let object):
            if let tag = object["error"]?.stringValue { return ["error": .string(tag)] }
            var result = JSONObject()
            for (key, value) in object where key != "_version" {
                result[key] = normalized(value)
            }
            if case .array(let rows)? = result["rows"] {
                result["rows"] = .array(rows.sorted { $0.serializedString(sortingKeys: true) < $1.serializedString(sortingKeys: true) })
            }
            return .object(result)
        case .array(let elements):
            if elements.count == 2, elements[0] == "uuid", let uuid = elements[1].stringValue {
                return ["uuid", .string(known.contains(uuid) ? uuid : names[uuid] ?? "unmatched")]
            }
            return .array(elements.map(normalized))
        default:
            return json
        }
    }
}
