import FluentKit
import Foundation
import LoaCore

/// An administrative procedure of the catalogue (issue #4), one per national code.
final class Procedure: Model, @unchecked Sendable {
    static let schema = "procedures"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "decision") var decision: String?
    /// Level keys between bars, `|bo|xa|`, so one level filters with a LIKE on both engines.
    @Field(key: "levels") var levels: String
    @OptionalField(key: "kind") var kind: String?
    @Field(key: "sector") var sector: String
    @Field(key: "sector_slug") var sectorSlug: String
    @OptionalField(key: "steps") var steps: String?
    @OptionalField(key: "method") var method: String?
    @OptionalField(key: "applicants") var applicants: String?
    @OptionalField(key: "processing_agency") var processingAgency: String?
    @OptionalField(key: "competent_agency") var competentAgency: String?
    @OptionalField(key: "coordinating_agency") var coordinatingAgency: String?
    @OptionalField(key: "receiving_address") var receivingAddress: String?
    @OptionalField(key: "result") var result: String?
    @OptionalField(key: "requirements") var requirements: String?
    @Field(key: "channels") var channels: String
    @Field(key: "components") var components: String
    @Field(key: "legal_basis") var legalBasis: String
    @Field(key: "search_text") var searchText: String
    /// The unit whose editors may change the record (the unit of the site that imported or created it).
    @Parent(key: "owner_unit_id") var ownerUnit: Unit
    @Field(key: "version") var version: Int
    @OptionalField(key: "retired_at") var retiredAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(record: ProcedureRecord, ownerUnitID: UUID) {
        $ownerUnit.id = ownerUnitID
        version = 0
        apply(record)
    }

    /// Copies every field of the record.
    func apply(_ record: ProcedureRecord) {
        code = record.code
        name = record.name
        decision = record.decision
        levels = Self.levelsColumn(record.levels)
        kind = record.kind
        sector = record.sector
        sectorSlug = VietnameseText.slug(record.sector)
        steps = record.steps
        method = record.method
        applicants = record.applicants
        processingAgency = record.processingAgency
        competentAgency = record.competentAgency
        coordinatingAgency = record.coordinatingAgency
        receivingAddress = record.receivingAddress
        result = record.result
        requirements = record.requirements
        channels = Self.json(record.channels)
        components = Self.json(record.components)
        legalBasis = Self.json(record.legalBasis)
        searchText = VietnameseText.fold([record.code, record.name, record.sector].joined(separator: " "))
    }

    var record: ProcedureRecord {
        ProcedureRecord(
            code: code, name: name, decision: decision, levels: levelList, kind: kind, sector: sector, steps: steps,
            method: method, applicants: applicants, processingAgency: processingAgency, competentAgency: competentAgency,
            coordinatingAgency: coordinatingAgency, receivingAddress: receivingAddress, result: result, requirements: requirements,
            channels: Self.decode(channels), components: Self.decode(components), legalBasis: Self.decode(legalBasis))
    }

    var levelList: [ProcedureLevel] {
        levels.split(separator: "|").compactMap { ProcedureLevel(rawValue: String($0)) }
    }

    static func levelsColumn(_ levels: [ProcedureLevel]) -> String {
        "|" + levels.map(\.rawValue).joined(separator: "|") + "|"
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String) -> [T] {
        (try? JSONDecoder().decode([T].self, from: Data(text.utf8))) ?? []
    }
}

/// A saved state of a procedure, kept on every change (like article revisions).
final class ProcedureRevision: Model, @unchecked Sendable {
    static let schema = "procedure_revisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "procedure_id") var procedure: Procedure
    @Field(key: "number") var number: Int
    /// The record as JSON (ProcedureSnapshot).
    @Field(key: "snapshot") var snapshot: String
    @Field(key: "editor_name") var editorName: String
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(procedureID: UUID, number: Int, record: ProcedureRecord, editorName: String, note: String, at date: Date) {
        $procedure.id = procedureID
        self.number = number
        snapshot = Procedure.json(ProcedureSnapshot(record))
        self.editorName = editorName
        self.note = note
        createdAt = date
    }
}

/// A publishing decision of a site (Quyết định công bố).
final class ProcedureDecision: Model, @unchecked Sendable {
    static let schema = "procedure_decisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: Site
    @Field(key: "number") var number: String
    /// `yyyy-MM-dd`.
    @Field(key: "decided_on") var decidedOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(siteID: UUID, number: String, decidedOn: CalendarDay) {
        $site.id = siteID
        self.number = number
        self.decidedOn = decidedOn.iso
    }

    var day: CalendarDay? { CalendarDay(iso: decidedOn) }
}

/// A procedure posted on a site by a decision, until a later decision replaces it.
final class ProcedurePosting: Model, @unchecked Sendable {
    static let schema = "procedure_postings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "site_id") var site: Site
    @Parent(key: "procedure_id") var procedure: Procedure
    @Parent(key: "decision_id") var decision: ProcedureDecision
    @OptionalParent(key: "replaced_by_id") var replacedBy: ProcedureDecision?

    init() {}

    init(siteID: UUID, procedureID: UUID, decisionID: UUID) {
        $site.id = siteID
        $procedure.id = procedureID
        $decision.id = decisionID
    }
}

/// The JSON form of a record in revisions and the API: every field, missing ones as null.
struct ProcedureSnapshot: Codable, Equatable, Sendable {
    var code: String
    var name: String
    var decision: String?
    var levels: [String]
    var kind: String?
    var sector: String
    var steps: String?
    var method: String?
    var applicants: String?
    var processingAgency: String?
    var competentAgency: String?
    var coordinatingAgency: String?
    var receivingAddress: String?
    var result: String?
    var requirements: String?
    var channels: [ProcedureChannel]
    var components: [DossierComponent]
    var legalBasis: [LegalBasis]

    init(_ r: ProcedureRecord) {
        code = r.code
        name = r.name
        decision = r.decision
        levels = r.levels.map(\.rawValue)
        kind = r.kind
        sector = r.sector
        steps = r.steps
        method = r.method
        applicants = r.applicants
        processingAgency = r.processingAgency
        competentAgency = r.competentAgency
        coordinatingAgency = r.coordinatingAgency
        receivingAddress = r.receivingAddress
        result = r.result
        requirements = r.requirements
        channels = r.channels
        components = r.components
        legalBasis = r.legalBasis
    }

    var record: ProcedureRecord {
        ProcedureRecord(
            code: code, name: name, decision: decision, levels: levels.compactMap(ProcedureLevel.init(rawValue:)), kind: kind,
            sector: sector, steps: steps, method: method, applicants: applicants, processingAgency: processingAgency,
            competentAgency: competentAgency, coordinatingAgency: coordinatingAgency, receivingAddress: receivingAddress,
            result: result, requirements: requirements, channels: channels, components: components, legalBasis: legalBasis)
    }
}

/// A form template file of a procedure, uploaded in the back office.
final class ProcedureForm: Model, @unchecked Sendable {
    static let schema = "procedure_forms"

    @ID(key: .id) var id: UUID?
    @Parent(key: "procedure_id") var procedure: Procedure
    /// The uploaded name, cleaned (`SafeFileName`); matched against the record's form names.
    @Field(key: "display_name") var displayName: String
    @Field(key: "stored_name") var storedName: String
    @Field(key: "kind") var kind: String
    @Field(key: "size") var size: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(procedureID: UUID, displayName: String, storedName: String, kind: DocumentFileKind, size: Int) {
        $procedure.id = procedureID
        self.displayName = displayName
        self.storedName = storedName
        self.kind = kind.rawValue
        self.size = size
    }
}
