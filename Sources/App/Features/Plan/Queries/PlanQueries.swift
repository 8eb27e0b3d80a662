import FluentKit
import Foundation

/// The plan feature's reads for its back-office pages (issue #9: queries out of controllers).
enum PlanQueries {
    static func plan(_ id: UUID, on db: any Database) async throws -> Plan? {
        try await Plan.find(id, on: db)
    }

    /// Newest year first, then by title.
    static func allPlans(on db: any Database) async throws -> [Plan] {
        try await Plan.query(on: db).sort(\.$year, .descending).sort(\.$title).all()
    }

    static func allItems(on db: any Database) async throws -> [PlanItem] {
        try await PlanItem.query(on: db).all()
    }

    static func items(ofPlan id: UUID, on db: any Database) async throws -> [PlanItem] {
        try await PlanItem.query(on: db).filter(\.$plan.$id == id).all()
    }

    /// The units that already hold a copy of the plan (pushed down to communes).
    static func unitsHoldingCopies(of id: UUID, on db: any Database) async throws -> [UUID] {
        try await Plan.query(on: db).filter(\.$copiedFrom == id).all().map(\.$unit.id)
    }

    /// Units' activity reports on the plan's items, newest first, with their item.
    static func reports(ofPlan id: UUID, on db: any Database) async throws -> [ActivityReport] {
        try await ActivityReport.query(on: db).join(PlanItem.self, on: \ActivityReport.$item.$id == \PlanItem.$id)
            .filter(PlanItem.self, \.$plan.$id == id).with(\.$item).sort(\.$occurredOn, .descending).all()
    }

    static func report(_ id: UUID, on db: any Database) async throws -> ActivityReport? {
        try await ActivityReport.query(on: db).filter(\.$id == id).with(\.$item).first()
    }

    static func attachments(ofReports ids: [UUID], on db: any Database) async throws -> [ReportAttachment] {
        try await ReportAttachment.query(on: db).filter(\.$report.$id ~~ ids).all()
    }

    static func attachment(_ id: UUID, ofReport report: UUID, on db: any Database) async throws -> ReportAttachment? {
        try await ReportAttachment.query(on: db).filter(\.$id == id).filter(\.$report.$id == report).first()
    }

    /// The document with the plan's number/symbol in the library of one of the issuing unit's sites.
    static func planDocument(_ plan: Plan, on db: any Database) async throws -> (site: Site, document: Document)? {
        guard !plan.documentReference.isEmpty else { return nil }
        let sites = try await Site.query(on: db).filter(\.$unit.$id == plan.$unit.id).all()
        guard
            let document = try await Document.query(on: db).filter(\.$site.$id ~~ sites.compactMap(\.id))
                .filter(\.$number == plan.documentReference).first(),
            let site = sites.first(where: { $0.id == document.$site.id })
        else { return nil }
        return (site, document)
    }
}
