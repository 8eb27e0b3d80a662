import Hummingbird
import LoaCore

/// An error a user may be told about, in Vietnamese (issue #9): every feature's failures speak through
/// this one protocol, read in one place. A form that fails shows `fieldProblems` beside its fields and
/// keeps what was typed; any such error that reaches `ErrorPageMiddleware` becomes a page with its
/// status, heading and message. Errors that do not conform are faults: a 500 with a reference.
protocol UserFacingError: Error {
    var status: HTTPResponse.Status { get }
    var heading: String { get }
    var userMessage: String { get }
    /// The problems a form shows; by default the message, for the form as a whole.
    var fieldProblems: [FieldProblem] { get }
}

extension UserFacingError {
    var status: HTTPResponse.Status { .unprocessableContent }
    var heading: String { status == .forbidden ? "Không có quyền thực hiện" : "Chưa thực hiện được" }
    var fieldProblems: [FieldProblem] { [FieldProblem(field: "", message: userMessage)] }
}

/// The usual shape of a feature's failure: its Vietnamese `description` is the message.
extension UserFacingError where Self: CustomStringConvertible {
    var userMessage: String { description }
}

extension AppError: UserFacingError {
    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .gone: .gone
        case .forbidden, .invalidCSRF: .forbidden
        case .badRequest: .badRequest
        case .payloadTooLarge: .contentTooLarge
        }
    }

    var heading: String {
        switch self {
        case .notFound: "Không tìm thấy trang"
        case .gone: "Tin bài đã được gỡ"
        case .forbidden: "Không có quyền truy cập"
        case .badRequest: "Yêu cầu không hợp lệ"
        case .invalidCSRF: "Biểu mẫu đã hết hạn"
        case .payloadTooLarge: "Dữ liệu gửi lên quá lớn"
        }
    }

    var userMessage: String {
        switch self {
        case .notFound: "Không tìm thấy trang bạn yêu cầu. Trang có thể đã được chuyển đi hoặc không còn tồn tại."
        case .gone(let reason), .forbidden(let reason), .badRequest(let reason): reason
        case .invalidCSRF:
            "Biểu mẫu đã hết hạn hoặc không hợp lệ nên chưa có thay đổi nào được lưu. Vui lòng tải lại trang và thử lại."
        case .payloadTooLarge: "Nội dung gửi lên vượt quá giới hạn cho phép của hệ thống."
        }
    }
}
