import FluentKit
import Foundation
import LoaCore

/// An organisational unit: province, district, commune or an agency inside one (issue #2).
/// The tree is data: a deployment builds its own in the back office or with `loa import units`.
final class Unit: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    /// The official code (the national list of administrative units) or a local one for agencies; unique.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "parent_id") var parent: Unit?
    /// Retired units stay in the database so evidence already counted keeps its owner.
    @OptionalField(key: "retired_at") var retiredAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, code: String, name: String, kind: UnitKind, parentID: UUID?) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind.rawValue
        self.$parent.id = parentID
    }

    var unitKind: UnitKind { UnitKind(rawValue: kind) ?? .agency }
}
