import ServiceLifecycle

/// Registered before the HTTP server in the service group, so it stops after the server has
/// drained its requests: an in-flight request never meets a closed database.
struct DatabaseShutdownService: Service {
    let stack: DatabaseStack

    func run() async throws {
        try? await gracefulShutdown()
        await stack.shutdown()
    }
}
