import Foundation
import LoaCore

/// Small readable builders shared by the contest tests: ids from numbers, instants from seconds.
enum Fixture {
    /// A UUID whose last digits are `number`, so the id order is the number order.
    static func id(_ number: Int) -> UUID {
        UUID(uuidString: "00000000-0000-0000-0000-" + String(format: "%012d", number))!
    }

    static let roundOpens = Date(timeIntervalSince1970: 1_764_554_400)  // 01/12/2025 09:00 in Vietnam

    static func at(_ seconds: Double) -> Date { roundOpens.addingTimeInterval(seconds) }

    /// An entry named by a number (its id); fields not given are equal across entries.
    static func entry(
        _ number: Int, person: Int? = nil, unit: Int = 900, score: Int = 20, prediction: Int? = 1_000,
        actual: Int = 1_000, milliseconds: Int64 = 300_000, startedAt: Double = 0, submittedAt: Double = 300
    ) -> ContestEntry {
        ContestEntry(
            id: id(number), participantID: id(person ?? number + 10_000), unitID: id(unit), score: score,
            prediction: prediction, actualFigure: actual, durationMilliseconds: milliseconds,
            startedAt: at(startedAt), submittedAt: at(submittedAt))
    }

    /// The entry numbers back from ids made by `id(_:)`.
    static func number(_ id: UUID) -> Int { Int(id.uuidString.suffix(12))! }
}
