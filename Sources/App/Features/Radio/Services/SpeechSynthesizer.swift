import Foundation

/// Text to speech, one interface for every engine (issue #11): espeak-ng today, a better Vietnamese
/// voice later without touching bulletins or the playout. The text it gets is already normalised for
/// reading (LoaCore's `SpeechText`), so engines never see "UBND" or "15/4".
protocol SpeechSynthesizer: Sendable {
    /// For the back office ("espeak-ng, giọng vi").
    var label: String { get }
    var isAvailable: Bool { get }
    /// Writes a WAV file of `text` spoken to `output`; false when the engine failed or is missing.
    func synthesize(_ text: String, to output: URL) async -> Bool
}

/// espeak-ng with Debian's Vietnamese voice (`vi`, northern; `vi-vn-x-central` and `vi-vn-x-south`
/// exist too), run through `ExternalTool`'s limits. The text goes in a file, not the command line, so its
/// length is bounded by `SpeechText`'s limit and not by the kernel's argument size.
struct EspeakSynthesizer: SpeechSynthesizer {
    let tool: ExternalTool
    var voice = "vi"

    init(tool: ExternalTool, voice: String = "vi") {
        var tool = tool
        tool.limits.timeout = 120
        self.tool = tool
        self.voice = voice
    }

    var label: String { "espeak-ng, giọng \(voice)" }
    var isAvailable: Bool { tool.isAvailable }

    func synthesize(_ text: String, to output: URL) async -> Bool {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("loa-speech-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: input) }
        guard (try? Data(text.utf8).write(to: input)) != nil else { return false }
        return await tool.run(["-v", voice, "-f", input.path, "-w", output.path]) == 0
    }
}
