import Hummingbird
import LoaCore

/// A contest action refused, in Vietnamese (decision 0024): a refusal of the attempt rules is a
/// conflict with the state of the round (409); a form that does not pass its checks is 422.
enum ContestFailure: UserFacingError, CustomStringConvertible {
    case refused(AttemptRefusal)
    case form([FieldProblem])
    case conflict(String)

    var status: HTTPResponse.Status {
        switch self {
        case .refused, .conflict: .conflict
        case .form: .unprocessableContent
        }
    }

    var heading: String {
        switch self {
        case .refused, .conflict: "Không thực hiện được"
        case .form: "Chưa lưu được"
        }
    }

    var description: String {
        switch self {
        case .refused(let refusal): refusal.message
        case .form(let problems): problems.map(\.message).joined(separator: " ")
        case .conflict(let message): message
        }
    }

    var fieldProblems: [FieldProblem] {
        switch self {
        case .form(let problems): problems
        default: [FieldProblem(field: "", message: description)]
        }
    }
}
