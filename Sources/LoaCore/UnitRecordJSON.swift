import Foundation

/// Reads the JSON form of a unit list: `[{"code": "…", "name": "…", "kind": "…", "parent_code": "…"}]`.
enum UnitRecordJSON {
    static func parse(_ data: Data) -> (records: [UnitRecord], errors: [RecordError]) {
        let elements: [JSONElement]
        do {
            elements = try JSONDecoder().decode([JSONElement].self, from: data)
        } catch {
            return ([], [wholeFileError(error, data: data)])
        }
        var records: [UnitRecord] = []
        var errors: [RecordError] = []
        for (offset, element) in elements.enumerated() {
            let line = offset + 1
            switch values(of: element) {
            case .failure(let message):
                errors.append(RecordError(line: line, message: message.text))
            case .success(let values):
                switch UnitColumn.record(from: values, line: line) {
                case .record(let record): records.append(record)
                case .error(let error): errors.append(error)
                }
            }
        }
        return (records, errors)
    }

    private struct Message: Error { var text: String }

    /// Picks each field from the highest-priority key present, like the CSV header.
    private static func values(of element: JSONElement) -> Result<[UnitColumn: String], Message> {
        guard case .object(let fields) = element else {
            return .failure(Message(text: "expected an object"))
        }
        var normalized: [String: (key: String, value: JSONValue)] = [:]
        for (key, value) in fields where normalized[UnitColumn.normalize(key)] == nil {
            normalized[UnitColumn.normalize(key)] = (key, value)
        }
        var values: [UnitColumn: String] = [:]
        for column in UnitColumn.allCases {
            guard let found = column.acceptedNames.lazy.compactMap({ normalized[$0] }).first else { continue }
            switch found.value {
            case .text(let text): values[column] = text
            case .null: break
            case .unsupported:
                return .failure(Message(text: "\"\(found.key)\" must be a string or a whole number"))
            }
        }
        return .success(values)
    }

    /// A syntax error at its line and column (the decoders only say "not valid JSON", or give a
    /// character offset); a file of the wrong shape at the line where its value starts.
    private static func wholeFileError(_ error: Error, data: Data) -> RecordError {
        let bytes = [UInt8](data)
        if let problem = JSONSyntaxCheck.firstProblem(in: bytes) {
            return RecordError(line: problem.line, message: "invalid JSON at column \(problem.column): \(problem.reason)")
        }
        let valueLine = 1 + bytes.prefix { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }.filter { $0 == 0x0A }.count
        if case DecodingError.typeMismatch = error {
            return RecordError(line: valueLine, message: "expected a JSON array of unit objects")
        }
        return RecordError(line: valueLine, message: "invalid JSON: \(error)")
    }
}

private enum JSONValue: Decodable {
    case text(String), null, unsupported

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let number = try? container.decode(Int.self) {
            // Numeric codes are accepted, but leading zeros ("01") only survive as strings.
            self = .text(String(number))
        } else {
            self = .unsupported
        }
    }
}

private enum JSONElement: Decodable {
    case object([String: JSONValue]), other

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        guard let container = try? decoder.container(keyedBy: AnyKey.self) else {
            self = .other
            return
        }
        var fields: [String: JSONValue] = [:]
        for key in container.allKeys {
            fields[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        self = .object(fields)
    }
}
