import ArgumentParser
import Foundation
import LoaCore

struct ImportArticlesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles",
        abstract: "Import articles from JSON Lines (one object per line), idempotent on external_id.",
        discussion: """
            Fields: external_id, site, category, category_name, title, summary, body (Markdown), author, \
            published_at (ISO 8601 with offset), tags (array). Missing categories are created. Each bad line is \
            reported with its number and the rest are imported; the exit status is 1 if any line failed.
            """)

    @Argument(help: "A .jsonl file.") var file: String
    @Option(help: "Import every line into this site (slug), whatever its \"site\" field says.") var site: String?

    func run() async throws {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw CommandError("cannot read \(file)") }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let configuration = try loadConfiguration()
        let progress = ProgressLine(totalBytes: size)
        let report = try await withServices(configuration) { services in
            var session = try await ArticleImporter(db: services.database.db, clients: services.clients).session()
            if let site, try await services.sites.site(slug: site) == nil { throw CommandError("no site with slug \"\(site)\"") }
            var lines = JSONLines(handle: handle)
            var pending: [ArticleImportRecord] = []
            var imported = 0
            while let line = try lines.next() {
                switch line.text.flatMap({ ArticleImportParser.parse(line: $0, number: line.number) }) {
                case .success(let record): pending.append(record)
                case .failure(let error): session.recordError(error)
                }
                if pending.count == 2_000 {
                    try await session.add(pending, defaultSite: site)
                    imported += pending.count
                    pending.removeAll(keepingCapacity: true)
                    progress.update(bytes: line.bytesRead, records: imported)
                }
            }
            try await session.add(pending, defaultSite: site)
            imported += pending.count
            progress.finish(records: imported)
            return session.report
        }
        for error in report.errors.sorted(by: { $0.line < $1.line }) {
            FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
        }
        print("articles: \(report.created) created, \(report.updated) updated, \(report.errors.count) failed; \(report.categoriesCreated) categories created")
        if !report.errors.isEmpty { throw ExitCode(1) }
    }
}

/// Reads a file line by line in large chunks, without holding the whole file in memory. The file may
/// be UTF-8 (with or without a BOM) or UTF-16 with a BOM, which is turned into UTF-8 as it is read.
/// A line that is not valid text, or longer than `maximumLineBytes`, comes back as that line's error;
/// an over-long line is skipped as it is read, never held whole.
struct JSONLines {
    struct Line {
        var number: Int
        var text: Result<String, RecordError>
        /// Bytes of the file read so far, for progress.
        var bytesRead: Int
    }

    let handle: FileHandle
    let maximumLineBytes: Int
    private(set) var encoding = TextFileEncoding.utf8
    private var transcoder: UTF16Transcoder?
    private var buffer = Data()
    private var lineNumber = 0
    private var bytesRead = 0
    private var started = false
    private var atEnd = false
    private var skippingLongLine = false

    init(handle: FileHandle, maximumLineBytes: Int = ArticleTextLimits.importLineBytes) {
        self.handle = handle
        self.maximumLineBytes = maximumLineBytes
    }

    /// The next non-blank line. Throws only when the file cannot be read at all.
    mutating func next() throws -> Line? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let lineData = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                lineNumber += 1
                if let line = line(lineData) { return line }
                continue
            }
            if buffer.count > maximumLineBytes {
                skippingLongLine = true
                buffer.removeAll(keepingCapacity: true)
            }
            if atEnd {
                guard !buffer.isEmpty || skippingLongLine else { return nil }
                lineNumber += 1
                let rest = buffer
                buffer.removeAll()
                return line(rest)
            }
            try readChunk()
        }
    }

    private var limitText: String {
        maximumLineBytes >= 1 << 20 ? "\(maximumLineBytes >> 20) MB" : "\(maximumLineBytes) bytes"
    }

    private mutating func line(_ data: Data) -> Line? {
        let number = lineNumber
        if skippingLongLine || data.count > maximumLineBytes {
            skippingLongLine = false
            return Line(number: number, text: .failure(RecordError(line: number, message: "line is longer than \(limitText); skipped")), bytesRead: bytesRead)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return Line(number: number, text: .failure(RecordError(line: number, message: "line is not valid \(encoding.rawValue) text")), bytesRead: bytesRead)
        }
        if text.allSatisfy(\.isWhitespace) { return nil }
        return Line(number: number, text: .success(text), bytesRead: bytesRead - buffer.count)
    }

    private mutating func readChunk() throws {
        var chunk = try handle.read(upToCount: 1 << 20) ?? Data()
        bytesRead += chunk.count
        if !started {
            started = true
            encoding = TextFileEncoding.detect(prefix: chunk)
            if encoding == .utf8, TextFileEncoding.looksLikeUTF16WithoutBOM(prefix: chunk) {
                throw CommandError("the file \(TextFileDecoding.utf16WithoutBOM)")
            }
            chunk = chunk.dropFirst(encoding.bomLength)
            if encoding == .utf16LittleEndian || encoding == .utf16BigEndian {
                transcoder = UTF16Transcoder(bigEndian: encoding == .utf16BigEndian)
            }
        }
        if var converter = transcoder {
            chunk = chunk.isEmpty ? converter.finish() : converter.utf8(from: chunk)
            transcoder = converter
        }
        if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
    }
}

/// A progress line with rate and ETA, redrawn in place on a terminal; silent when output is redirected.
final class ProgressLine: @unchecked Sendable {
    private let totalBytes: Int
    private let started = Date()
    private let isTerminal = isatty(STDERR_FILENO) == 1

    init(totalBytes: Int) { self.totalBytes = totalBytes }

    func update(bytes: Int, records: Int) {
        guard isTerminal, totalBytes > 0 else { return }
        let elapsed = max(0.001, Date().timeIntervalSince(started))
        let fraction = min(1, Double(bytes) / Double(totalBytes))
        let rate = Double(records) / elapsed
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %3.0f%%  %d records  %.0f/s  ETA %ds ", bar, fraction * 100, records, rate, Int(eta))
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish(records: Int) {
        let elapsed = Date().timeIntervalSince(started)
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        FileHandle.standardError.write(Data(String(format: "%d records in %.1fs (%.0f/s)\n", records, elapsed, Double(records) / max(elapsed, 0.001)).utf8))
    }
}
