import FluentKit
import Foundation
import LoaCore
import Testing

@testable import App

@Suite struct UnitImportTests {
    static let csv = """
        code,name,kind,parent_code
        87,Tỉnh Đồng Tháp,Tỉnh,
        30001,Xã Tân Thới,Xã,87
        30002,"Phường Mỹ Tho, trung tâm",Phường,87
        30003,Ấp Một,Ấp,87
        30004,Xã Mồ Côi,Xã,99999
        87-NV,Sở Nội vụ,Cơ quan,87
        """

    @Test(arguments: TestDatabase.engines)
    func importIsIdempotentByCodeAndReportsBadLines(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            let parsed = UnitRecordParser.parseCSV(Self.csv)
            let service = UnitService(db: app.db, clients: app.pinned.clients)
            let first = try await service.importRecords(parsed.records, parseErrors: parsed.errors)
            #expect(first.created == 4)
            #expect(first.errors.map(\.line) == [5, 6])
            #expect(first.errors.first?.message.contains("Ấp") == true)
            #expect(first.errors.last?.message.contains("99999") == true)

            let again = try await service.importRecords(parsed.records, parseErrors: parsed.errors)
            #expect(again.created == 0)
            #expect(again.unchanged == 4)

            let renamed = UnitRecordParser.parseCSV(Self.csv.replacingOccurrences(of: "Sở Nội vụ", with: "Sở Nội vụ tỉnh Đồng Tháp"))
            let third = try await service.importRecords(renamed.records, parseErrors: [])
            #expect(third.updated == 1)
            let agency = try await Unit.query(on: app.db).filter(\.$code == "87-NV").first()
            #expect(agency?.name == "Sở Nội vụ tỉnh Đồng Tháp")
            #expect(try await Unit.query(on: app.db).filter(\.$code == "30002").first()?.name == "Phường Mỹ Tho, trung tâm")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func noDemoStartsWithOnlyARootAndTheAdministrator(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ async throws in
            #expect(try await Unit.query(on: app.db).count() == 1)
            #expect(try await Site.query(on: app.db).count() == 0)
            #expect(try await User.query(on: app.db).count() == 1)
            #expect(app.firstStart?.seededDemo == false)
        }
    }
}
