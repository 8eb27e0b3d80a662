import FluentKit
import Foundation

/// A public portal owned by a unit, reached by its host name or under `/xa/<slug>/` (issue #2).
final class Site: Model, @unchecked Sendable {
    static let schema = "sites"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    /// Optional host name (e.g. `tanthoi.tanphudong.gov.vn`) that serves this site at `/`.
    @OptionalField(key: "host") var host: String?
    /// The primary site answers `/` when no host name matches.
    @Field(key: "is_primary") var isPrimary: Bool
    @Field(key: "introduction") var introduction: String
    @Field(key: "owner_agency") var ownerAgency: String
    @Field(key: "responsible_person") var responsiblePerson: String
    @Field(key: "address") var address: String
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, unitID: UUID, slug: String, name: String, host: String? = nil, isPrimary: Bool, contact: SiteContact, introduction: String = "") {
        self.id = id
        self.$unit.id = unitID
        self.slug = slug
        self.name = name
        self.host = host
        self.isPrimary = isPrimary
        self.introduction = introduction
        self.ownerAgency = contact.ownerAgency
        self.responsiblePerson = contact.responsiblePerson
        self.address = contact.address
        self.phone = contact.phone
        self.email = contact.email
    }
}

/// The footer block every Vietnamese portal must show (TT 32/2017 Art. 16).
struct SiteContact: Sendable, Equatable {
    var ownerAgency: String
    var responsiblePerson: String
    var address: String
    var phone: String
    var email: String
}
