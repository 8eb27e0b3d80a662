/// A value with one canonical text form that is checked when made: it is stored and sent as that text,
/// and decoding checks the text again, so a decoded value is always valid.
public protocol CanonicalText: Codable {
    init(_ text: String) throws(FieldProblem)
    var canonical: String { get }
}

extension CanonicalText {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }
}
