import Foundation
import Hummingbird

/// The OpenAPI 3.1 description of `/api/v1`. Its paths are generated from `APIRoute`, and a test checks
/// them against the router and the responses against the schemas' required fields.
enum OpenAPIDocument {
    static func document(baseURL: URL) -> [String: Any] {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Loa API", "version": "1",
                "description": "Read-only data of the public portals: sites, categories, articles, search, administrative procedures, documents.",
            ],
            "servers": [["url": baseURL.absoluteString]],
            "paths": paths,
            "components": ["schemas": schemas],
        ]
    }

    static func response(baseURL: URL) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: document(baseURL: baseURL), options: [.sortedKeys, .prettyPrinted])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    private static func ok(_ schema: [String: Any], _ description: String) -> [String: Any] {
        [
            "200": ["description": description, "content": ["application/json": ["schema": schema]]],
            "400": ["description": "Invalid parameter", "content": ["application/json": ["schema": ref("Error")]]],
            "404": ["description": "No such site, category or article", "content": ["application/json": ["schema": ref("Error")]]],
        ]
    }

    private static func parameter(_ name: String, in location: String, _ description: String, type: String = "string") -> [String: Any] {
        ["name": name, "in": location, "required": location == "path", "description": description, "schema": ["type": type]]
    }

    static var pageParameters: [[String: Any]] {
        [
            parameter("page", in: "query", "Page number, from 1", type: "integer"),
            parameter("per_page", in: "query", "Items per page, 1 to 100 (default 20)", type: "integer"),
        ]
    }

    static var paths: [String: Any] {
        let site = parameter("site", in: "path", "Site slug, e.g. tan-phu-dong")
        return [
            APIRoute.sites.openAPIPath: ["get": ["summary": "All sites", "responses": ok(["type": "array", "items": ref("Site")], "Sites")]],
            APIRoute.categories.openAPIPath: [
                "get": [
                    "summary": "Categories of a site", "parameters": [site],
                    "responses": ok(["type": "array", "items": ref("Category")], "Categories"),
                ]
            ],
            APIRoute.articles.openAPIPath: [
                "get": [
                    "summary": "Published articles of a site, newest first",
                    "parameters": [site, parameter("category", in: "query", "Category slug")] + pageParameters,
                    "responses": ok(ref("ArticlePage"), "A page of articles"),
                ]
            ],
            APIRoute.article.openAPIPath: [
                "get": [
                    "summary": "One published article", "parameters": [site, parameter("slug", in: "path", "Article slug")],
                    "responses": ok(ref("Article"), "The article"),
                ]
            ],
            APIRoute.search.openAPIPath: [
                "get": [
                    "summary": "Full-text search with or without Vietnamese diacritics",
                    "parameters": [parameter("q", in: "query", "Search words"), parameter("site", in: "query", "Limit to one site (slug)")] + pageParameters,
                    "responses": ok(ref("SearchResult"), "Matching articles, best first"),
                ]
            ],
            APIRoute.procedures.openAPIPath: [
                "get": [
                    "summary": "Administrative procedures in force on a site today, by sector and name",
                    "parameters": [
                        site, parameter("q", in: "query", "Words of the name, code or sector, with or without diacritics"),
                        parameter("level", in: "query", "bo, tinh, huyen, xa or khac"), parameter("sector", in: "query", "Sector slug"),
                    ] + pageParameters,
                    "responses": ok(ref("ProcedurePage"), "A page of procedures"),
                ]
            ],
            APIRoute.procedure.openAPIPath: [
                "get": [
                    "summary": "One administrative procedure posted on a site, every field of the national record",
                    "parameters": [site, parameter("code", in: "path", "National code, e.g. 1.013628")],
                    "responses": ok(ref("Procedure"), "The procedure; missing fields are absent"),
                ]
            ],
            APIRoute.documents.openAPIPath: [
                "get": [
                    "summary": "Documents (văn bản) of a site, newest issue first",
                    "parameters": [
                        site, parameter("q", in: "query", "Words of the number, summary or PDF text, with or without diacritics"),
                        parameter("form", in: "query", "Form, e.g. Kế hoạch"), parameter("issuing_body", in: "query", "Issuing body"),
                        parameter("year", in: "query", "Year of issue", type: "integer"), parameter("sector", in: "query", "Sector"),
                    ] + pageParameters,
                    "responses": ok(ref("DocumentPage"), "A page of documents"),
                ]
            ],
            APIRoute.document.openAPIPath: [
                "get": [
                    "summary": "One document with its files", "parameters": [site, parameter("slug", in: "path", "Document slug, e.g. 125-kh-ubnd")],
                    "responses": ok(ref("Document"), "The document; missing fields are absent"),
                ]
            ],
            APIRoute.openAPI.openAPIPath: ["get": ["summary": "This document", "responses": ["200": ["description": "OpenAPI document"]]]],
        ]
    }

    private static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    private static var string: [String: Any] { ["type": "string"] }
    private static var integer: [String: Any] { ["type": "integer"] }
    private static var dateTime: [String: Any] { ["type": "string", "format": "date-time"] }

    static var schemas: [String: Any] {
        let summary = object(
            ["slug": string, "title": string, "summary": string, "publishedAt": dateTime, "url": string],
            required: ["slug", "title", "summary", "publishedAt", "url"])
        return [
            "Site": object(
                ["slug": string, "name": string, "url": string, "ownerAgency": string, "address": string, "phone": string, "email": string],
                required: ["slug", "name", "url", "ownerAgency", "address", "phone", "email"]),
            "Category": object(["slug": string, "name": string, "url": string], required: ["slug", "name", "url"]),
            "ArticleSummary": summary,
            "Article": object(
                [
                    "slug": string, "title": string, "summary": string, "body": ["type": "string", "description": "Markdown"],
                    "author": string, "source": string, "publishedAt": dateTime, "category": ref("Category"),
                    "tags": ["type": "array", "items": string], "url": string,
                ],
                required: ["slug", "title", "summary", "body", "author", "source", "publishedAt", "tags", "url"]),
            "ArticlePage": object(
                ["items": ["type": "array", "items": ref("ArticleSummary")], "page": integer, "perPage": integer, "total": integer],
                required: ["items", "page", "perPage", "total"]),
            "SearchResult": object(
                ["query": string, "items": ["type": "array", "items": ref("ArticleSummary")], "page": integer, "perPage": integer, "total": integer],
                required: ["query", "items", "page", "perPage", "total"]),
            "ProcedureSummary": object(
                ["code": string, "name": string, "sector": string, "levels": ["type": "array", "items": string], "url": string],
                required: ["code", "name", "sector", "levels", "url"]),
            "ProcedurePage": object(
                ["items": ["type": "array", "items": ref("ProcedureSummary")], "page": integer, "perPage": integer, "total": integer],
                required: ["items", "page", "perPage", "total"]),
            "Procedure": object(
                [
                    "code": string, "name": string, "decision": string, "levels": ["type": "array", "items": string], "kind": string,
                    "sector": string, "steps": string, "method": string, "applicants": string, "processingAgency": string,
                    "competentAgency": string, "coordinatingAgency": string, "receivingAddress": string, "result": string,
                    "requirements": string, "inForce": ["type": "boolean"], "url": string,
                    "channels": ["type": "array", "items": object(["method": string, "deadline": string, "fee": string], required: ["method"])],
                    "components": [
                        "type": "array",
                        "items": object(
                            ["name": string, "forms": ["type": "array", "items": string], "originals": integer, "copies": integer],
                            required: ["name", "forms"]),
                    ],
                    "legalBasis": ["type": "array", "items": object(["number": string, "summary": string], required: [])],
                ],
                required: ["code", "name", "levels", "sector", "channels", "components", "legalBasis", "inForce", "url"]),
            "DocumentSummary": object(
                [
                    "slug": string, "form": string, "number": string, "issuingBody": string, "issuedOn": ["type": "string", "format": "date"],
                    "summary": string, "url": string,
                ],
                required: ["slug", "form", "number", "issuingBody", "issuedOn", "summary", "url"]),
            "DocumentPage": object(
                ["items": ["type": "array", "items": ref("DocumentSummary")], "page": integer, "perPage": integer, "total": integer],
                required: ["items", "page", "perPage", "total"]),
            "Document": object(
                [
                    "slug": string, "form": string, "number": string, "issuingBody": string, "signer": string,
                    "issuedOn": ["type": "string", "format": "date"], "effectiveOn": ["type": "string", "format": "date"],
                    "expiresOn": ["type": "string", "format": "date"], "summary": string, "sector": string, "url": string,
                    "files": [
                        "type": "array",
                        "items": object(["name": string, "kind": string, "size": integer, "url": string], required: ["name", "kind", "size", "url"]),
                    ],
                ],
                required: ["slug", "form", "number", "issuingBody", "issuedOn", "summary", "files", "url"]),
            "Error": object(["error": string, "message": string], required: ["error", "message"]),
        ]
    }
}
