import FluentKit
import Foundation
import LoaCore

/// What happens on an empty database: the demo world or a bare root unit, and the first administrator.
struct FirstStart: Sendable {
    let db: any Database
    let clients: Clients
    let configuration: AppConfiguration
    let media: MediaLibrary

    struct Result: Sendable {
        var adminEmail: String
        var oneTimePassword: String
        var seededDemo: Bool
    }

    /// Returns nil when the database already has units: first start happens once.
    func runIfNeeded(demo: Bool) async throws -> Result? {
        guard try await Unit.query(on: db).count() == 0 else { return nil }
        let home: UUID, root: UUID
        if demo {
            (home, root) = try await DemoWorld.seed(on: db, now: clients.now())
            try await DemoWorld.seedPlan(on: db)
            if let district = try await Site.query(on: db).filter(\.$isPrimary == true).first() {
                try await DemoWorld.seedSlides(siteID: try district.requireID(), library: media, on: db)
            }
        } else {
            let unit = Unit(code: "ROOT", name: configuration.rootUnitName, kind: .district, parentID: nil)
            try await unit.create(on: db)
            (home, root) = (try unit.requireID(), try unit.requireID())
        }
        let users = UserService(db: db, clients: clients, configuration: configuration)
        let (_, password) = try await users.create(
            .init(email: configuration.adminEmail, name: "Quản trị hệ thống", unitID: home, role: .administrator, scopeUnitID: root),
            actor: nil, ip: "first-start")
        return Result(adminEmail: configuration.adminEmail, oneTimePassword: password, seededDemo: demo)
    }
}
