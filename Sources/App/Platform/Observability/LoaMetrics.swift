import Metrics
import Prometheus

/// This process's Prometheus metrics (issue #10). swift-metrics is the API every part records through
/// (Hummingbird's `MetricsMiddleware` for requests by route, Loa's counters below); swift-prometheus is
/// its backend, one registry per process because a backend can be set only once. `/metrics` emits it.
enum LoaMetrics {
    /// Set up the first time anything touches it; every metric below is made after it exists.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // From a cached page (well under a millisecond) to a slow search or an upload.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static let pageCacheHits: Metrics.Counter = {
        _ = registry
        return Metrics.Counter(label: "loa_page_cache_hits_total")
    }()

    static let pageCacheMisses: Metrics.Counter = {
        _ = registry
        return Metrics.Counter(label: "loa_page_cache_misses_total")
    }()

    static func jobFailed(kind: String, final: Bool) {
        _ = registry
        Metrics.Counter(label: "loa_job_failures_total", dimensions: [("kind", kind), ("final", final ? "true" : "false")]).increment()
    }

    /// Values read at each scrape rather than counted: the job queue's depth and the connections.
    static func gauge(_ label: String, _ dimensions: [(String, String)] = []) -> Metrics.Gauge {
        _ = registry
        return Metrics.Gauge(label: label, dimensions: dimensions)
    }
}
