import Hummingbird
import Logging

/// One structured line per request with its id, method, path, status and duration.
/// Query strings are left out: they may carry search terms or tokens. The request's logger is also
/// bound for the database work done for it (`RequestLogger`), so SQL lines carry the request id.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await RequestLogger.$current.withValue(context.logger) { try await next(request, context) }
            log(request, context: context, status: response.status.code, start: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context: context, status: status, start: start)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method)",
                "path": "\(request.uri.path)",
                "status": "\(status)",
                "ms": "\(String(format: "%.1f", milliseconds))",
            ])
    }
}
