import FluentKit
import SQLKit

/// Collective prizes (issue #12): each unit's headcount as the organiser states it, the round's rule
/// (thresholds by unit size and how many units win), and the standings stored when the round closes.
struct M048_AddCollectivePrizes: AsyncMigration {
    var name: String { "048_add_collective_prizes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("contest_unit_sizes")
            .id()
            .field("contest_id", .uuid, .required, .references("contests", "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("size", .int, .required)
            .unique(on: "contest_id", "unit_id")
            .create()
        // `CollectivePrizeRule` as JSON; empty: the round has no collective prize.
        try await database.schema("contest_rounds").field("collective_rule", .string, .required, .sql(.default(""))).update()
        try await database.schema("contest_unit_standings")
            .id()
            .field("round_id", .uuid, .required, .references("contest_rounds", "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("position", .int, .required)
            .field("participants", .int, .required)
            .field("unit_size", .int, .required)
            .field("minimum_percent", .int)
            .field("eligible", .bool, .required)
            .field("prize", .bool, .required)
            .unique(on: "round_id", "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contest_unit_standings").delete()
        try await database.schema("contest_rounds").deleteField("collective_rule").update()
        try await database.schema("contest_unit_sizes").delete()
    }
}
