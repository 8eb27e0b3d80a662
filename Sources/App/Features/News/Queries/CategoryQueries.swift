import FluentKit
import Foundation

enum CategoryQueries {
    static func all(siteID: UUID, on db: any Database) async throws -> [Category] {
        try await Category.query(on: db).filter(\.$site.$id == siteID).sort(\.$position).sort(\.$name).all()
    }

    static func category(siteID: UUID, slug: String, on db: any Database) async throws -> Category? {
        try await Category.query(on: db).filter(\.$site.$id == siteID).filter(\.$slug == slug).first()
    }
}
