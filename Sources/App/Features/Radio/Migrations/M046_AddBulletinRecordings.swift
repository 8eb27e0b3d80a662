import FluentKit

/// Uploaded recordings (issue #11): the file as uploaded, kept beside the bulletin until its broadcast
/// MP3 is made from it by a queued job.
struct M046_AddBulletinRecordings: AsyncMigration {
    var name: String { "046_add_bulletin_recordings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("radio_bulletins").field("recording_file", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("radio_bulletins").deleteField("recording_file").update()
    }
}
