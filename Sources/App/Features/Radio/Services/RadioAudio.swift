import Foundation

/// ffmpeg and ffprobe for bulletins: loudness normalisation to broadcast level and MP3 encoding, the
/// length of a file, and whether an upload really is audio (issue #11). Both run through `ExternalTool`
/// (time, memory and output limits).
struct RadioAudio: Sendable {
    let ffmpeg: ExternalTool
    let ffprobe: ExternalTool

    /// The tools at the paths `ToolReport` found (nil: missing).
    static func make(ffmpeg: String?, ffprobe: String?) -> RadioAudio {
        var limits = ExternalTool.Limits.time(300)
        // ffmpeg maps large codec tables; 2 GB of address space leaves it room and still stops a runaway.
        limits.memoryBytes = 2 << 30
        limits.outputBytes = 256 << 20
        return RadioAudio(ffmpeg: ExternalTool(executable: ffmpeg, limits: limits), ffprobe: ExternalTool(executable: ffprobe, limits: .time(30)))
    }

    var isAvailable: Bool { ffmpeg.isAvailable && ffprobe.isAvailable }

    /// EBU R128 integrated loudness for speech on small loudspeakers and streams, in LUFS.
    static let targetLoudness = -16

    /// Normalises `input` to `targetLoudness` and encodes it as mono MP3 at `output`.
    func normaliseToMP3(_ input: URL, output: URL) async -> Bool {
        await ffmpeg.run([
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", input.path, "-vn",
            "-af", "loudnorm=I=\(Self.targetLoudness):TP=-1.5:LRA=11", "-ar", "44100", "-ac", "1",
            "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", output.path,
        ]) == 0
    }

    /// The file's length in seconds as ffprobe reads its container, nil when it is not audio it can read.
    func duration(of file: URL) async -> Double? {
        let text = await ffprobe.output(
            { ["-v", "error", "-select_streams", "a:0", "-show_entries", "format=duration:stream=codec_type", "-of", "default=nw=1", "-o", $0, file.path] },
            extension: "txt", maxBytes: 4096)
        guard let text = text.map({ String(decoding: $0, as: UTF8.self) }), text.contains("codec_type=audio") else { return nil }
        let value = text.split(separator: "\n").first { $0.hasPrefix("duration=") }.flatMap { Double($0.dropFirst("duration=".count)) }
        return value.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
    }
}

/// The kinds of recording a station may upload, told apart by their first bytes (the file name is
/// never trusted); ffprobe then has to find an audio stream in it.
enum RecordingKind: String, CaseIterable, Sendable {
    case mp3, wav, ogg, m4a

    static func sniff(_ bytes: some Collection<UInt8>) -> RecordingKind? {
        let head = Array(bytes.prefix(12))
        guard head.count >= 12 else { return nil }
        if head[0..<4] == [0x52, 0x49, 0x46, 0x46], head[8..<12] == [0x57, 0x41, 0x56, 0x45] { return .wav }  // RIFF....WAVE
        if head[0..<4] == [0x4F, 0x67, 0x67, 0x53] { return .ogg }  // OggS
        if head[4..<8] == [0x66, 0x74, 0x79, 0x70] { return .m4a }  // ....ftyp
        if head[0..<3] == [0x49, 0x44, 0x33] { return .mp3 }  // ID3 tag
        if head[0] == 0xFF, head[1] & 0xE0 == 0xE0 { return .mp3 }  // MPEG audio frame sync
        return nil
    }
}
