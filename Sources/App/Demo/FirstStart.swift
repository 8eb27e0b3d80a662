import FluentKit
import Foundation
import LoaCore

/// What happens on a database without an administrator: the demo world or a bare root unit, and the
/// first administrator. Resumable rather than one transaction (the demo's photos are files written
/// beside the database): every step checks whether it is already done, and the administrator is the
/// last step, so a start killed half-way is completed by the next start instead of being left with
/// units and nobody to sign in (issue #8).
struct FirstStart: Sendable {
    let db: any Database
    let clients: Clients
    let configuration: AppConfiguration
    let media: MediaLibrary
    /// Called after each step with its name; tests throw from it to stand for a process killed there.
    var afterStep: @Sendable (String) async throws -> Void = { _ in }

    struct Result: Sendable {
        var adminEmail: String
        var oneTimePassword: String
        var seededDemo: Bool
    }

    /// Returns nil when an administrator exists: first start is complete.
    func runIfNeeded(demo: Bool) async throws -> Result? {
        guard try await RoleAssignment.query(on: db).filter(\.$role == Role.administrator.rawValue).count() == 0 else { return nil }
        let fresh = try await Unit.query(on: db).count() == 0
        let home: UUID, root: UUID
        // An empty database gets what was asked for; a half-made one is finished as it was begun.
        let demoBegun = try await Unit.query(on: db).filter(\.$code == DemoWorld.districtCode).count() > 0
        if fresh ? demo : demoBegun {
            (home, root) = try await completeDemoWorld()
        } else {
            (home, root) = try await rootUnit()
        }
        let users = UserService(db: db, clients: clients, configuration: configuration)
        let (_, password) = try await users.create(
            .init(email: configuration.adminEmail, name: "Quản trị hệ thống", unitID: home, role: .administrator, scopeUnitID: root),
            actor: nil, ip: "first-start")
        return Result(adminEmail: configuration.adminEmail, oneTimePassword: password, seededDemo: fresh && demo)
    }

    /// Each part of the demo world that is missing: units, sites and articles (one transaction), the
    /// plan (one transaction), the radio (one transaction), the contest (bank and people in one transaction, attempts in batches), citizens' questions and a consultation (one transaction), the slideshow (slide by slide).
    private func completeDemoWorld() async throws -> (district: UUID, province: UUID) {
        if try await Unit.query(on: db).count() == 0 {
            _ = try await DemoWorld.seed(on: db, now: clients.now())
            try await afterStep("units")
        }
        try await DemoWorld.seedPlan(on: db)
        try await afterStep("plan")
        try await DemoWorld.seedRadio(on: db, now: clients.now(), randomToken: clients.randomToken)
        try await afterStep("radio")
        try await DemoWorld.seedContest(
            on: db, now: clients.now(),
            passwordHash: try await PasswordHasher(cost: configuration.bcryptCost).hash(DemoWorld.contestDemoPassword))
        try await afterStep("contest")
        try await DemoWorld.seedFeedback(on: db, now: clients.now(), calendar: WorkingCalendar(holidays: configuration.holidays))
        try await afterStep("feedback")
        if let district = try await Site.query(on: db).filter(\.$isPrimary == true).first() {
            try await DemoWorld.seedSlides(siteID: try district.requireID(), library: media, on: db)
        }
        try await afterStep("slides")
        guard let district = try await Unit.query(on: db).filter(\.$code == DemoWorld.districtCode).first(),
            let province = try await Unit.query(on: db).filter(\.$code == DemoWorld.provinceCode).first()
        else { throw DemoWorldError.missingUnit(DemoWorld.districtCode) }
        return (try district.requireID(), try province.requireID())
    }

    /// The root unit, created when the database has none (`serve --no-demo`).
    private func rootUnit() async throws -> (home: UUID, root: UUID) {
        if let existing = try await Unit.query(on: db).filter(\.$parent.$id == nil).sort(\.$code).first() {
            return (try existing.requireID(), try existing.requireID())
        }
        let unit = Unit(code: "ROOT", name: configuration.rootUnitName, kind: .district, parentID: nil)
        try await unit.create(on: db)
        try await afterStep("root")
        return (try unit.requireID(), try unit.requireID())
    }
}
