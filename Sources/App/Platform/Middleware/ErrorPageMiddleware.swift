import FluentPostgresDriver
import Hummingbird
import Logging

/// Turns every error into a Vietnamese page with the right status. Internals never reach the page:
/// an unexpected error is logged with the request id, and the page shows only that id as a reference.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer
    let usesHTTPS: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, heading, message) = Self.describe(error)
            var reference: String?
            if status == .internalServerError || status == .serviceUnavailable {
                reference = context.requestID
                // PostgreSQL's errors describe themselves generically; the log gets the server's message.
                let detail = error is PSQLError ? DatabaseFailure.describe(error) : String(reflecting: error)
                context.logger.error("unhandled error", metadata: ["error": "\(detail)", "path": "\(request.uri.path)"])
            }
            let page = ErrorPage(heading: heading, message: message, reference: reference, homeHref: "/")
            let html = (try? renderer.render(page, template: "error")) ?? "<!DOCTYPE html><html lang=\"vi\"><title>\(heading)</title><h1>\(heading)</h1></html>"
            var response = PageRenderer.htmlResponse(html, status: status)
            response.headers[.cacheControl] = "no-store"
            SecurityHeadersMiddleware<Context>.apply(to: &response.headers, usesHTTPS: context.isHTTPS(configured: usesHTTPS))
            return response
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String, String) {
        switch error {
        case let error as any UserFacingError:
            return (error.status, error.heading, error.userMessage)
        case let error where DatabaseFailure.isUnavailable(error):
            return (
                .serviceUnavailable, "Hệ thống tạm thời gián đoạn",
                "Hệ thống đang tạm thời không truy cập được dữ liệu. Vui lòng thử lại sau ít phút; nội dung chưa gửi đi thì chưa được lưu."
            )
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: return notFound
            case .contentTooLarge: return describe(AppError.payloadTooLarge)
            case .methodNotAllowed: return (.methodNotAllowed, "Phương thức không được hỗ trợ", "Trang này không nhận loại yêu cầu đó.")
            case let status where status.code < 500:
                return (status, "Yêu cầu không hợp lệ", "Yêu cầu gửi lên không hợp lệ.")
            default: break
            }
        default: break
        }
        return (.internalServerError, "Hệ thống đang gặp sự cố", "Đã có lỗi xảy ra khi xử lý yêu cầu. Sự cố đã được ghi lại.")
    }

    static let notFound = describe(AppError.notFound)
}
