import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

@Suite struct APITests {
    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    }

    /// Every required property of the named schema is present in `value` (recursing through $ref and arrays).
    static func conforms(_ value: Any, to schema: [String: Any], schemas: [String: Any]) -> Bool {
        if let ref = schema["$ref"] as? String {
            return conforms(value, to: schemas[String(ref.split(separator: "/").last!)] as! [String: Any], schemas: schemas)
        }
        switch schema["type"] as? String {
        case "array":
            guard let items = value as? [Any] else { return false }
            return items.allSatisfy { conforms($0, to: schema["items"] as! [String: Any], schemas: schemas) }
        case "object":
            guard let object = value as? [String: Any] else { return false }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            let required = schema["required"] as? [String] ?? []
            return required.allSatisfy { object[$0] != nil }
                && object.allSatisfy { key, value in properties[key].map { conforms(value, to: $0 as! [String: Any], schemas: schemas) } ?? false }
        case "string": return value is String
        case "integer": return value is Int
        default: return true
        }
    }

    @Test func documentDescribesExactlyTheRegisteredAPIRoutes() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let document = try #require(try Self.json(try await client.execute(uri: "/api/openapi.json", method: .get)) as? [String: Any])
            let documented = Set((document["paths"] as? [String: Any] ?? [:]).keys)
            let registered = Set(buildRouter(app.services).routes.map { "\($0.path)" }.filter { $0.hasPrefix("/api/") })
            #expect(documented == registered)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func responsesMatchTheirSchemas(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            let document = try #require(try Self.json(try await client.execute(uri: "/api/openapi.json", method: .get)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let checks: [(uri: String, path: String)] = [
                ("/api/v1/sites", APIRoute.sites.openAPIPath),
                ("/api/v1/sites/tan-thoi/categories", APIRoute.categories.openAPIPath),
                ("/api/v1/sites/tan-phu-dong/articles?per_page=2&page=1", APIRoute.articles.openAPIPath),
                ("/api/v1/sites/tan-phu-dong/articles/tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-can-bo-mot-cua-cac-xa", APIRoute.article.openAPIPath),
                ("/api/v1/search?q=niem+yet", APIRoute.search.openAPIPath),
            ]
            for check in checks {
                let response = try await client.execute(uri: check.uri, method: .get)
                #expect(response.status == .ok, "\(check.uri)")
                let operation = ((paths[check.path] as? [String: Any])?["get"] as? [String: Any])?["responses"] as? [String: Any]
                let schema =
                    (((operation?["200"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
                #expect(Self.conforms(try Self.json(response), to: try #require(schema), schemas: schemas), "\(check.uri)")
            }
            let page = try #require(
                try Self.json(try await client.execute(uri: "/api/v1/sites/tan-phu-dong/articles?per_page=2", method: .get)) as? [String: Any])
            #expect(page["total"] as? Int == 20)
            #expect((page["items"] as? [Any])?.count == 2)
            let search = try #require(try Self.json(try await client.execute(uri: "/api/v1/search?q=niem+yet&site=tan-thoi", method: .get)) as? [String: Any])
            #expect(search["total"] as? Int == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func errorsAreJSONWithPreciseMessages(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            let missing = try await client.execute(uri: "/api/v1/sites/khong-co/articles", method: .get)
            #expect(missing.status == .notFound)
            #expect((try Self.json(missing) as? [String: Any])?["error"] as? String == "not_found")
            let bad = try await client.execute(uri: "/api/v1/sites/tan-thoi/articles?per_page=1000", method: .get)
            #expect(bad.status == .badRequest)
            #expect((try Self.json(bad) as? [String: Any])?["message"] as? String == "per_page must be a whole number from 1 to 100")
            let draft = try await client.execute(uri: "/api/v1/sites/tan-thoi/articles/khong-co", method: .get)
            #expect(draft.status == .notFound)
        }
    }
}
