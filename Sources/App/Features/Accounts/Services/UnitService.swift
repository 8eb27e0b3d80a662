import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Creating, editing and importing units; shared by the back office and `loa import units`.
struct UnitService: Sendable {
    let db: any Database
    let clients: Clients

    struct Input: Sendable, Equatable {
        var code: String
        var name: String
        var kind: UnitKind
        var parentID: UUID?
    }

    enum Failure: Error, Equatable, CustomStringConvertible {
        case invalid([FieldProblem])
        case codeTaken(String)
        case unknownParent
        case kindNotAllowed(parent: UnitKind, child: UnitKind)
        case cycle

        var description: String {
            switch self {
            case .invalid(let problems): problems.map(\.message).joined(separator: " ")
            case .codeTaken(let code): "Mã đơn vị \(code) đã tồn tại."
            case .unknownParent: "Đơn vị cấp trên không tồn tại."
            case .kindNotAllowed(let parent, let child): "\(child.vietnameseName) không thể trực thuộc \(parent.vietnameseName)."
            case .cycle: "Không thể chọn đơn vị cấp dưới làm đơn vị cấp trên."
            }
        }
    }

    func validate(_ input: Input, editing unitID: UUID? = nil) async throws -> Input {
        var input = input
        input.code = input.code.trimmingCharacters(in: .whitespacesAndNewlines)
        input.name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let problems = [
            FieldCheck.text(input.code, field: "code", label: "Mã đơn vị", required: true, max: 40),
            FieldCheck.text(input.name, field: "name", label: "Tên đơn vị", required: true, max: 200),
        ].compactMap { $0 }
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        var sameCode = Unit.query(on: db).filter(\.$code == input.code)
        if let unitID { sameCode = sameCode.filter(\.$id != unitID) }
        guard try await sameCode.count() == 0 else { throw Failure.codeTaken(input.code) }
        if let parentID = input.parentID {
            guard let parent = try await Unit.find(parentID, on: db) else { throw Failure.unknownParent }
            guard parent.unitKind.canContain(input.kind) else { throw Failure.kindNotAllowed(parent: parent.unitKind, child: input.kind) }
            if let unitID, try await UnitTree.load(on: db).isDescendant(parentID, of: unitID) { throw Failure.cycle }
        }
        return input
    }

    /// The unit, its audit entry and the content-version mark commit together: units decide permissions
    /// (the cached unit tree) and appear on pages (the page cache), which both follow that version.
    func create(_ input: Input, actor: (id: UUID?, email: String)?, ip: String) async throws -> Unit {
        try await db.writeTransaction { [clients] db in
            let input = try await UnitService(db: db, clients: clients).validate(input)
            let unit = Unit(code: input.code, name: input.name, kind: input.kind, parentID: input.parentID)
            try await unit.create(on: db)
            try await AuditLog(db: db, clients: clients).record(.unitCreated, actor: actor, subject: "\(input.code) \(input.name)", ip: ip)
            try await PageCache.bump(on: db)
            return unit
        }
    }

    func update(_ unit: Unit, with input: Input, actor: (id: UUID?, email: String)?, ip: String) async throws {
        try await db.writeTransaction { [clients] db in
            let input = try await UnitService(db: db, clients: clients).validate(input, editing: unit.requireID())
            unit.code = input.code
            unit.name = input.name
            unit.kind = input.kind.rawValue
            unit.$parent.id = input.parentID
            try await unit.save(on: db)
            try await AuditLog(db: db, clients: clients).record(.unitUpdated, actor: actor, subject: "\(input.code) \(input.name)", ip: ip)
            try await PageCache.bump(on: db)
        }
    }

    struct ImportReport: Sendable, Equatable {
        var created = 0
        var updated = 0
        var unchanged = 0
        var errors: [RecordError] = []
    }

    /// Idempotent by code: a re-run updates names, kinds and parents, never duplicates.
    /// Each record is its own transaction; a bad record is reported and the rest go on.
    func importRecords(_ records: [UnitRecord], parseErrors: [RecordError] = []) async throws -> ImportReport {
        let (ordered, orderErrors) = UnitRecordParser.orderedParentsFirst(records)
        var report = ImportReport(errors: parseErrors + orderErrors)
        for record in ordered {
            do {
                try await importRecord(record, into: &report)
            } catch let failure as Failure {
                report.errors.append(RecordError(line: record.line, message: "\(record.code): \(failure.englishDescription)"))
            }
        }
        report.errors.sort { $0.line < $1.line }
        return report
    }

    private func importRecord(_ record: UnitRecord, into report: inout ImportReport) async throws {
        var parentID: UUID?
        if let parentCode = record.parentCode {
            guard let parent = try await Unit.query(on: db).filter(\.$code == parentCode).first() else {
                throw Failure.unknownParentCode(parentCode)
            }
            parentID = parent.id
        }
        let input = Input(code: record.code, name: record.name, kind: record.kind, parentID: parentID)
        if let existing = try await Unit.query(on: db).filter(\.$code == record.code).first() {
            if existing.name == input.name, existing.kind == input.kind.rawValue, existing.$parent.id == parentID {
                report.unchanged += 1
                return
            }
            try await update(existing, with: input, actor: nil, ip: "cli")
            report.updated += 1
        } else {
            _ = try await create(input, actor: nil, ip: "cli")
            report.created += 1
        }
    }
}

extension UnitService.Failure {
    static func unknownParentCode(_ code: String) -> Self { .invalid([FieldProblem(field: "parent_code", message: "unknown parent code \"\(code)\"")]) }

    /// The CLI reports in precise English; the back office shows `description` in Vietnamese.
    var englishDescription: String {
        switch self {
        case .invalid(let problems): problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .codeTaken(let code): "code \(code) already exists"
        case .unknownParent: "parent unit does not exist"
        case .kindNotAllowed(let parent, let child): "a \(child.rawValue) cannot be inside a \(parent.rawValue)"
        case .cycle: "a unit cannot be placed under its own descendant"
        }
    }
}

extension UnitService.Failure: UserFacingError {
    var fieldProblems: [FieldProblem] {
        switch self {
        case .invalid(let list): list
        case .codeTaken: [FieldProblem(field: "code", message: description)]
        case .unknownParent, .kindNotAllowed, .cycle: [FieldProblem(field: "parent", message: description)]
        }
    }
}
