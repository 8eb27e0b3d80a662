import Foundation
import Synchronization
import Testing

@testable import App

/// External tools run under limits of memory, output size and time, a few at once (issue #8: a PDF bomb
/// drove pdftotext to 12.5 GB inside a database transaction).
@Suite struct ExternalToolTests {
    static let python = ExternalTool.find("python3")

    @Test func aToolThatWantsTooMuchMemoryIsStopped() async throws {
        guard let python = Self.python, ExternalTool.limiter != nil else {
            print("⚠️  python3 or prlimit missing: the memory limit is not exercised")
            return
        }
        let tool = ExternalTool(executable: python, limits: .init(timeout: 20, memoryBytes: 256 << 20, outputBytes: 1 << 20))
        // 1 GiB of zeroes: refused by the address-space limit, so the interpreter fails.
        #expect(await tool.run(["-c", "b = bytearray(1 << 30); print(len(b))"]) != 0)
        #expect(await tool.run(["-c", "b = bytearray(1 << 20)"]) == 0)
    }

    @Test func aToolThatWritesTooMuchIsStoppedAndItsOutputCapped() async throws {
        guard let python = Self.python, ExternalTool.limiter != nil else {
            print("⚠️  python3 or prlimit missing: the output limit is not exercised")
            return
        }
        let tool = ExternalTool(executable: python, limits: .init(timeout: 20, memoryBytes: 512 << 20, outputBytes: 1 << 20))
        let big = await tool.output({ ["-c", "open('\($0)', 'wb').write(b'x' * (8 << 20))"] }, extension: "txt")
        #expect(big == nil)
        let small = await tool.output({ ["-c", "open('\($0)', 'wb').write(b'y' * 1000)"] }, extension: "txt", maxBytes: 100)
        #expect(small?.count == 100)
    }

    @Test func aToolPastItsTimeIsStopped() async throws {
        guard let sleep = ExternalTool.find("sleep") else { return }
        let tool = ExternalTool(executable: sleep, limits: .time(1))
        #expect(await tool.run(["30"]) == nil)
    }

    @Test func noMoreToolsRunAtOnceThanThereAreSlots() async throws {
        let slots = ToolSlots(count: 2)
        final class Running: Sendable { let state = Mutex((now: 0, most: 0)) }
        let running = Running()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await slots.acquire()
                    running.state.withLock {
                        $0.now += 1; $0.most = max($0.most, $0.now)
                    }
                    try? await Task.sleep(for: .milliseconds(20))
                    running.state.withLock { $0.now -= 1 }
                    slots.release()
                }
            }
        }
        #expect(running.state.withLock { $0.most } == 2)
    }

    /// A 100 MB page of text compressed into a small PDF, built here with Python's zlib.
    @Test func aPDFBombGivesUpItsTextWithinTheLimitsOrNone() async throws {
        guard let python = Self.python, PDFTextExtractor.detect().isAvailable else {
            print("⚠️  python3 or pdftotext missing: the PDF bomb is not exercised (apt-get install poppler-utils)")
            return
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
            import zlib, sys
            line = b"BT /F1 1 Tf 0 0 Td (" + b"A" * 200 + b") Tj ET\\n"
            raw = line * (100 * 1024 * 1024 // len(line))
            stream = zlib.compress(raw, 9)
            objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                    b"<< /Length %d /Filter /FlateDecode >>\\nstream\\n" % len(stream) + stream + b"\\nendstream",
                    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
            out = bytearray(b"%PDF-1.4\\n"); offsets = []
            for i, o in enumerate(objs):
                offsets.append(len(out)); out += b"%d 0 obj\\n" % (i + 1) + o + b"\\nendobj\\n"
            xref = len(out)
            out += b"xref\\n0 %d\\n0000000000 65535 f \\n" % (len(objs) + 1)
            for off in offsets: out += b"%010d 00000 n \\n" % off
            out += b"trailer\\n<< /Size %d /Root 1 0 R >>\\nstartxref\\n%d\\n%%%%EOF\\n" % (len(objs) + 1, xref)
            open(sys.argv[1], "wb").write(out)
            """
        #expect(await ExternalTool(executable: python, limits: .time(120)).run(["-c", script, path]) == 0)
        let text = await PDFTextExtractor.detect().text(ofPDFAt: path)
        // Either the tool was stopped (no text) or what it gave is capped; the call came back either way.
        #expect((text?.utf8.count ?? 0) <= 2 << 20)
    }
}
