import ArgumentParser
import Foundation
import LoaCore

struct ImportProceduresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "procedures",
        abstract: "Import administrative procedures (national-database JSON records or a CSV of the main fields), idempotent by code.",
        discussion: """
            PATH is a .json file (one record or an array), a .csv file (columns code/Mã thủ tục, name/Tên thủ tục, \
            levels/Cấp thực hiện, sector/Lĩnh vực, optional kind, decision, processing_agency, result, deadline, fee, address), \
            or a folder of them. Each record is saved in its own transaction; a bad record is reported with its file, \
            field and reason and the rest are imported. Records missing desk fields are imported and the missing \
            fields listed. With --site and --decision the imported set is posted on that site by that publishing decision. \
            The exit status is 1 if any record failed.
            """)

    @Argument(help: "A .json or .csv file, or a folder of them.") var path: String
    @Option(help: "Post the imported procedures on this site (slug); needs --decision and --decision-date.") var site: String?
    @Option(help: "Number of the publishing decision (Quyết định công bố), e.g. 125/QĐ-UBND.") var decision: String?
    @Option(name: .customLong("decision-date"), help: "Date of the decision, YYYY-MM-DD.") var decisionDate: String?
    @Flag(help: "Print every missing field, not only the summary per field.") var verbose = false

    func validate() throws {
        if (decision == nil) != (decisionDate == nil) { throw ValidationError("--decision and --decision-date go together") }
        if decision != nil, site == nil { throw ValidationError("--decision needs --site: a decision posts procedures on a site") }
        if let decisionDate, CalendarDay(iso: decisionDate) == nil {
            throw ValidationError("--decision-date must be a date as YYYY-MM-DD, not \"\(decisionDate)\"")
        }
        if let decision, decision.trimmingCharacters(in: .whitespaces).isEmpty || decision.count > 100 {
            throw ValidationError("--decision must be 1 to 100 characters")
        }
    }

    func run() async throws {
        let outcomes = try ProcedureFiles.read(path)
        let configuration = try loadConfiguration()
        let progress = ProgressLine(totalBytes: outcomes.count)
        let report = try await withServices(configuration) { services in
            let db = services.database.db
            var posting: ProcedureService.Posting?
            var owner: UUID
            if let site {
                guard let info = try await services.sites.site(slug: site) else { throw CommandError("no site with slug \"\(site)\"") }
                owner = info.unitID
                if let decision, let day = decisionDate.flatMap(CalendarDay.init(iso:)) {
                    posting = .init(site: info, number: decision.trimmingCharacters(in: .whitespaces), day: day)
                }
            } else {
                guard let root = try await Unit.query(on: db).all().first(where: { $0.$parent.id == nil }) else {
                    throw CommandError("the database has no units yet")
                }
                owner = try root.requireID()
            }
            let report = try await ProcedureService(db: db, clients: services.clients).importOutcomes(
                outcomes, owner: owner, posting: posting, progress: { done in progress.update(bytes: done, records: done) })
            progress.finish(records: outcomes.count)
            return report
        }
        for issue in report.failed { FileHandle.standardError.write(Data("error: \(issue)\n".utf8)) }
        if verbose {
            for issue in report.missing { print("missing: \(issue)") }
        }
        let byField = Dictionary(grouping: report.missing, by: { $0.field }).mapValues { $0.count }.sorted { $0.key < $1.key }
        for (field, count) in byField { print("missing \(field): \(count) record(s)") }
        print(
            """
            procedures: \(report.created) created, \(report.updated) updated, \(report.unchanged) unchanged, \
            \(report.failedRecords) failed; \(report.recordsWithMissing) with missing fields; \(report.posted) posted
            """)
        if report.failedRecords > 0 { throw ExitCode(1) }
    }
}

/// The files of an import: one file, or every .json and .csv file of a folder (not its subfolders), by name.
enum ProcedureFiles {
    static func read(_ path: String) throws -> [ProcedureParser.Outcome] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw CommandError("cannot read \(path)") }
        let files: [URL]
        if isDirectory.boolValue {
            let folder = URL(fileURLWithPath: path)
            files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { ["json", "csv"].contains($0.pathExtension.lowercased()) }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } else {
            files = [URL(fileURLWithPath: path)]
        }
        return try files.flatMap { file -> [ProcedureParser.Outcome] in
            let name = file.lastPathComponent
            guard let data = FileManager.default.contents(atPath: file.path) else { throw CommandError("cannot read \(file.path)") }
            let kind = file.pathExtension.lowercased()
            guard ["csv", "json"].contains(kind) else { throw ValidationError("unknown file type \"\(name)\"; use .json or .csv") }
            let text: String
            switch TextFileDecoding.decode(data) {
            case .success(let decoded): text = decoded
            case .failure(let problem):
                return [.failure(.init(issues: [ProcedureIssue(source: name, field: "", reason: "tệp \(problem.vietnamese)")]))]
            }
            switch kind {
            case "csv":
                return ProcedureParser.parseCSV(text, source: name)
            case "json":
                return ProcedureParser.parseJSON(Data(text.utf8), source: name)
            default:
                throw ValidationError("unknown file type \"\(name)\"; use .json or .csv")
            }
        }
    }
}
