import FluentKit
import Foundation
import LoaCore

/// Writes to the procedure catalogue: imports, edits with revisions, postings through decisions (issue #4).
struct ProcedureService: Sendable {
    let db: any Database
    let clients: Clients

    struct ImportReport: Sendable, Equatable {
        var created = 0
        var updated = 0
        var unchanged = 0
        /// Procedures newly posted on the site by the decision (a re-run posts nothing).
        var posted = 0
        /// Records refused, each with every reason.
        var failed: [ProcedureIssue] = []
        var failedRecords = 0
        /// Imported records that lack a desk field.
        var missing: [ProcedureIssue] = []
        var recordsWithMissing = 0
    }

    /// Where an import posts its records: a site through a decision.
    struct Posting: Sendable {
        var site: SiteInfo
        var number: String
        var day: CalendarDay
    }

    /// Imports parsed outcomes one record at a time, each in its own transaction, so a bad record
    /// never leaves half of itself behind and never stops the rest.
    func importOutcomes(
        _ outcomes: [ProcedureParser.Outcome], owner: UUID, posting: Posting?, editor: String = "loa import",
        progress: (Int) -> Void = { _ in }
    ) async throws -> ImportReport {
        var report = ImportReport()
        var decision: ProcedureDecision?
        if let posting { decision = try await self.decision(posting) }
        for (index, outcome) in outcomes.enumerated() {
            defer { progress(index + 1) }
            switch outcome {
            case .failure(let errors):
                report.failed += errors.issues
                report.failedRecords += 1
            case .success(let parsed):
                if let problem = ProcedureImportCheck.problem(parsed.record, source: parsed.source) {
                    report.failed.append(problem)
                    report.failedRecords += 1
                    continue
                }
                do {
                    let (change, posted) = try await db.writeTransaction { [decision] db in
                        let (procedure, change) = try await save(parsed.record, owner: owner, editor: editor, note: "Nhập từ \(parsed.source)", on: db)
                        var posted = false
                        if let decision, let posting {
                            posted = try await post(procedureID: try procedure.requireID(), site: posting.site.id, decision: decision, on: db)
                        }
                        return (change, posted)
                    }
                    switch change {
                    case .created: report.created += 1
                    case .updated: report.updated += 1
                    case .unchanged: report.unchanged += 1
                    }
                    if posted { report.posted += 1 }
                    if !parsed.warnings.isEmpty {
                        report.missing += parsed.warnings
                        report.recordsWithMissing += 1
                    }
                } catch {
                    report.failed.append(ProcedureIssue(source: parsed.source, field: "", reason: "không lưu được: \(DatabaseFailure.describe(error))"))
                    report.failedRecords += 1
                }
            }
        }
        try await PageCache.bump(on: db)
        return report
    }

    enum Change: Sendable { case created, updated, unchanged }

    /// Creates or updates the procedure with the record's code; a change adds a revision.
    func save(_ record: ProcedureRecord, owner: UUID, editor: String, note: String, on db: any Database) async throws -> (Procedure, Change) {
        if let existing = try await Procedure.query(on: db).filter(\.$code == record.code).first() {
            guard existing.record != record else { return (existing, .unchanged) }
            existing.apply(record)
            existing.version += 1
            try await existing.save(on: db)
            try await ProcedureRevision(
                procedureID: try existing.requireID(), number: existing.version, record: record, editorName: editor, note: note, at: clients.now()
            ).save(on: db)
            return (existing, .updated)
        }
        let procedure = Procedure(record: record, ownerUnitID: owner)
        procedure.version = 1
        try await procedure.save(on: db)
        try await ProcedureRevision(
            procedureID: try procedure.requireID(), number: 1, record: record, editorName: editor, note: note, at: clients.now()
        ).save(on: db)
        return (procedure, .created)
    }

    /// The site's decision with this number, created when new; a known number keeps its first date.
    func decision(_ posting: Posting) async throws -> ProcedureDecision {
        if let existing = try await ProcedureDecision.query(on: db).filter(\.$site.$id == posting.site.id)
            .filter(\.$number == posting.number).first()
        {
            return existing
        }
        let decision = ProcedureDecision(siteID: posting.site.id, number: posting.number, decidedOn: posting.day)
        try await decision.save(on: db)
        return decision
    }

    /// Posts a procedure on a site by a decision. Earlier postings of the same procedure on the site
    /// that are still open and older than this decision are replaced by it; re-running is a no-op (false).
    @discardableResult
    func post(procedureID: UUID, site: UUID, decision: ProcedureDecision, on db: any Database) async throws -> Bool {
        let decisionID = try decision.requireID()
        let postings = try await ProcedurePosting.query(on: db).filter(\.$site.$id == site).filter(\.$procedure.$id == procedureID)
            .with(\.$decision).all()
        if postings.contains(where: { $0.$decision.id == decisionID }) { return false }
        for earlier in postings where earlier.$replacedBy.id == nil && earlier.decision.decidedOn <= decision.decidedOn {
            earlier.$replacedBy.id = decisionID
            try await earlier.save(on: db)
        }
        let posting = ProcedurePosting(siteID: site, procedureID: procedureID, decisionID: decisionID)
        // A decision older than one already posting the procedure starts a posting that is already replaced.
        if let later = postings.filter({ $0.decision.decidedOn > decision.decidedOn }).min(by: { $0.decision.decidedOn < $1.decision.decidedOn }) {
            posting.$replacedBy.id = later.$decision.id
        }
        try await posting.save(on: db)
        return true
    }

    /// Retires a procedure from the given day on (it leaves every site's set in force), with a revision note.
    func retire(_ procedure: Procedure, editor: String) async throws {
        try await db.writeTransaction { db in
            procedure.retiredAt = clients.now()
            procedure.version += 1
            try await procedure.save(on: db)
            try await ProcedureRevision(
                procedureID: try procedure.requireID(), number: procedure.version, record: procedure.record, editorName: editor,
                note: "Bãi bỏ", at: clients.now()
            ).save(on: db)
            try await PageCache.bump(on: db)
        }
    }
}
