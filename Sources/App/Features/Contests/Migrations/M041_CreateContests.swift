import FluentKit
import SQLKit

/// Online contests (issue #12): contests of units with their rounds, the question bank by category,
/// participants registered per contest (phone canonical and unique per contest, password as bcrypt,
/// citizen ID only as an HMAC under the contest's own key), their long-lived sessions, attempts with
/// the questions and option order they drew, answers saved one row per question, and the ranking
/// stored when a round is closed. Instants are datetimes; draw rules and prize plans are JSON text.
struct M041_CreateContests: AsyncMigration {
    var name: String { "041_create_contests" }

    func prepare(on database: any Database) async throws {
        try await database.schema("contests")
            .id()
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .cascade))
            .field("slug", .string, .required)
            .field("title", .string, .required)
            .field("rules", .string, .required)
            .field("groups", .string, .required)
            .field("id_hash_key", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "slug")
            .create()
        try await database.schema("contest_rounds")
            .id()
            .field("contest_id", .uuid, .required, .references("contests", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("opens_at", .datetime, .required)
            .field("closes_at", .datetime, .required)
            .field("time_limit_seconds", .int, .required)
            .field("attempts_allowed", .int, .required)
            .field("counting", .string, .required)
            .field("draw_rule", .string, .required)
            .field("prediction_question", .string, .required)
            .field("actual_figure", .int)
            .field("prize_plan", .string, .required)
            .field("answers_after_close", .bool, .required)
            .field("ranked_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema("contest_categories")
            .id()
            .field("contest_id", .uuid, .required, .references("contests", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .unique(on: "contest_id", "name")
            .create()
        try await database.schema("contest_questions")
            .id()
            .field("contest_id", .uuid, .required, .references("contests", "id", onDelete: .cascade))
            .field("category_id", .uuid, .required, .references("contest_categories", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("options", .string, .required)
            .field("correct_option", .int, .required)
            .field("explanation", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "contest_id", "text")
            .create()
        try await database.schema("contest_participants")
            .id()
            .field("contest_id", .uuid, .required, .references("contests", "id", onDelete: .cascade))
            .field("phone", .string, .required)
            .field("password_hash", .string, .required)
            .field("full_name", .string, .required)
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .cascade))
            .field("group_name", .string, .required)
            .field("citizen_id_hash", .string)
            .field("citizen_id_masked", .string)
            .field("created_at", .datetime)
            .unique(on: "contest_id", "phone")
            .unique(on: "contest_id", "citizen_id_hash")
            .create()
        try await database.schema("contest_sessions")
            .id()
            .field("participant_id", .uuid, .required, .references("contest_participants", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("csrf_token", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("persistent", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema("contest_attempts")
            .id()
            .field("round_id", .uuid, .required, .references("contest_rounds", "id", onDelete: .cascade))
            .field("participant_id", .uuid, .required, .references("contest_participants", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("started_at", .datetime, .required)
            .field("deadline", .datetime, .required)
            .field("questions", .string, .required)
            .field("submitted_at", .datetime)
            .field("closed_by_server", .bool, .required)
            .field("score", .int)
            .field("answered", .int)
            .field("prediction", .int)
            .field("duration_ms", .int64)
            .unique(on: "round_id", "participant_id", "number")
            .create()
        // One open attempt per person and round, held by the database itself: two simultaneous starts
        // cannot both insert (issue #12; decision 0018). A partial index, on both engines.
        if let sql = database as? any SQLDatabase {
            try await sql.raw(
                "CREATE UNIQUE INDEX contest_attempts_one_open ON contest_attempts (round_id, participant_id) WHERE submitted_at IS NULL"
            ).run()
            try await sql.raw("CREATE INDEX contest_attempts_deadline ON contest_attempts (deadline) WHERE submitted_at IS NULL").run()
        }
        try await database.schema("contest_answers")
            .id()
            .field("attempt_id", .uuid, .required, .references("contest_attempts", "id", onDelete: .cascade))
            .field("question_id", .uuid, .required)
            .field("chosen_option", .int, .required)
            .field("saved_at", .datetime, .required)
            .unique(on: "attempt_id", "question_id")
            .create()
        try await database.schema("contest_rankings")
            .id()
            .field("round_id", .uuid, .required, .references("contest_rounds", "id", onDelete: .cascade))
            .field("attempt_id", .uuid, .required, .references("contest_attempts", "id", onDelete: .cascade))
            .field("participant_id", .uuid, .required, .references("contest_participants", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("score", .int, .required)
            .field("prediction", .int)
            .field("duration_ms", .int64, .required)
            .field("decided_by", .string)
            .field("prize", .string)
            .unique(on: "round_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "contest_rankings", "contest_answers", "contest_attempts", "contest_sessions", "contest_participants", "contest_questions",
            "contest_categories", "contest_rounds", "contests",
        ] {
            try await database.schema(table).delete()
        }
    }
}
