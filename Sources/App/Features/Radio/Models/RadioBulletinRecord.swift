import FluentKit
import Foundation

/// A bulletin (bản tin) of a station: its radio text (written to be heard), the transcript kept beside
/// its audio, and where it came from.
final class RadioBulletinRecord: Model, @unchecked Sendable {
    static let schema = "radio_bulletins"

    enum Source: String, CaseIterable, Sendable {
        case article, text, recording

        var vietnameseName: String {
            switch self {
            case .article: "Từ tin bài"
            case .text: "Văn bản soạn"
            case .recording: "Bản ghi âm"
            }
        }
    }

    /// draft → approved (by an approver of the station's unit) → scheduled → broadcast. Only approved or
    /// later bulletins air (the playout decision ignores the rest).
    enum State: String, CaseIterable, Sendable {
        case draft, approved, scheduled, broadcast

        var vietnameseName: String {
            switch self {
            case .draft: "Bản nháp"
            case .approved: "Đã duyệt"
            case .scheduled: "Đã xếp lịch"
            case .broadcast: "Đã phát"
            }
        }

        var mayAir: Bool { self != .draft }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "station_id") var station: RadioStationRecord
    @Field(key: "title") var title: String
    @Field(key: "source") var source: String
    @OptionalParent(key: "article_id") var article: Article?
    @Field(key: "radio_text") var radioText: String
    @Field(key: "transcript") var transcript: String
    /// Stored name under the radio folder of the uploads directory, once rendered or uploaded.
    @OptionalField(key: "audio_file") var audioFile: String?
    /// An uploaded recording as it came (in `<radio>/originals`), until its broadcast MP3 is made.
    @OptionalField(key: "recording_file") var recordingFile: String?
    @OptionalField(key: "duration_seconds") var durationSeconds: Double?
    /// Where making the audio stands (`RenderStatus`): the background renderer picks up `pending` ones,
    /// so a render cut by a restart is simply done again.
    @Field(key: "render_status") var renderStatus: String
    /// Why the last render failed, for the back office.
    @OptionalField(key: "render_message") var renderMessage: String?
    @Field(key: "state") var state: String
    @Field(key: "is_emergency") var isEmergency: Bool
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "approved_by") var approvedBy: UUID?
    @OptionalField(key: "approved_at") var approvedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    enum RenderStatus: String, Sendable {
        case pending, done, failed

        var vietnameseName: String {
            switch self {
            case .pending: "Đang chờ tạo âm thanh"
            case .done: "Đã có âm thanh"
            case .failed: "Tạo âm thanh không thành công"
            }
        }
    }

    var render: RenderStatus { RenderStatus(rawValue: renderStatus) ?? .pending }
    var bulletinState: State { State(rawValue: state) ?? .draft }
    var bulletinSource: Source { Source(rawValue: source) ?? .text }
}

/// A recurring slot of a station's schedule (LoaCore's `RadioSlot` once read).
final class RadioSlotRecord: Model, @unchecked Sendable {
    static let schema = "radio_slots"

    @ID(key: .id) var id: UUID?
    @Parent(key: "station_id") var station: RadioStationRecord
    @Parent(key: "bulletin_id") var bulletin: RadioBulletinRecord
    @Field(key: "label") var label: String
    /// "05:30", Asia/Ho_Chi_Minh.
    @Field(key: "time_of_day") var timeOfDay: String
    /// "daily", "weekdays" or "dates".
    @Field(key: "repeats") var repeats: String
    /// Comma-separated `yyyy-MM-dd` days when `repeats` is "dates"; empty otherwise.
    @Field(key: "dates") var dates: String
    @OptionalField(key: "starts_on") var startsOn: String?
    @OptionalField(key: "ends_on") var endsOn: String?
    @Field(key: "duration_seconds") var durationSeconds: Double
    /// `RadioPriority.rawValue`.
    @Field(key: "priority") var priority: Int
    /// Whether the slot airs on every station below this one too.
    @Field(key: "includes_subtree") var includesSubtree: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One play in the as-run log: what actually aired (or was missed) on a station.
final class RadioAsRunEntry: Model, @unchecked Sendable {
    static let schema = "radio_as_run"

    enum Result: String, CaseIterable, Sendable {
        case playing, completed, interrupted, failed, missed

        var vietnameseName: String {
            switch self {
            case .playing: "Đang phát"
            case .completed: "Phát trọn vẹn"
            case .interrupted: "Bị ngắt"
            case .failed: "Lỗi phát"
            case .missed: "Lỡ lịch"
            }
        }

        /// Whether listeners heard the bulletin (what the plan counts).
        var aired: Bool { self == .completed || self == .interrupted }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "station_id") var station: RadioStationRecord
    @OptionalParent(key: "bulletin_id") var bulletin: RadioBulletinRecord?
    /// `RadioItem.id`: unique per station, so a replay after a restart cannot log it twice.
    @Field(key: "item_id") var itemID: String
    @Field(key: "priority") var priority: Int
    /// "schedule", "manual" or "emergency".
    @Field(key: "origin") var origin: String
    @Field(key: "planned_start") var plannedStart: Date
    @OptionalField(key: "actual_start") var actualStart: Date?
    @OptionalField(key: "actual_end") var actualEnd: Date?
    @Field(key: "result") var result: String
    /// Clusters of the station offline when the play began: who could not have heard it.
    @Field(key: "offline_clusters") var offlineClusters: Int

    init() {}

    var playResult: Result { Result(rawValue: result) ?? .failed }
}

/// The playout's last decision instant (one row).
final class RadioPlayoutMark: Model, @unchecked Sendable {
    static let schema = "radio_playout_marks"

    @ID(key: .id) var id: UUID?
    @Field(key: "last_evaluated") var lastEvaluated: Date

    init() {}
}

/// An emergency broadcast on every station of a unit's subtree, from `startedAt` until `endedAt`.
final class RadioEmergencyRecord: Model, @unchecked Sendable {
    static let schema = "radio_emergencies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Parent(key: "bulletin_id") var bulletin: RadioBulletinRecord
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    @OptionalField(key: "started_by") var startedBy: UUID?

    init() {}
}
