import ArgumentParser
import Foundation
import LoaCore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import data from files.",
        subcommands: [ImportUnitsCommand.self, ImportArticlesCommand.self, ImportProceduresCommand.self])
}

struct ImportUnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "Import units from CSV or JSON (code, name, kind, parent code), idempotent by code.",
        discussion: "Each bad record is reported with its line and the rest are imported; the exit status is 1 if any record failed.")

    @Argument(help: "A .csv or .json file.") var file: String

    @Option(help: "csv or json (default: from the file name).") var format: String?

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandError("cannot read \(file)") }
        let kind = (format ?? (file as NSString).pathExtension).lowercased()
        let text: String
        switch TextFileDecoding.decode(data) {
        case .success(let decoded): text = decoded
        case .failure(let problem): throw CommandError("\(file) \(problem)")
        }
        let parsed: (records: [UnitRecord], errors: [RecordError])
        switch kind {
        case "csv":
            parsed = UnitRecordParser.parseCSV(text)
        case "json":
            parsed = UnitRecordParser.parseJSON(Data(text.utf8))
        default:
            throw ValidationError("unknown format \"\(kind)\"; use --format csv or --format json")
        }
        let configuration = try loadConfiguration()
        let report = try await withServices(configuration) { services in
            let result = try await UnitService(db: services.database.db, clients: services.clients)
                .importRecords(parsed.records, parseErrors: parsed.errors)
            await services.sites.invalidate()
            return result
        }
        for error in report.errors { FileHandle.standardError.write(Data("\(file): \(error)\n".utf8)) }
        print("units: \(report.created) created, \(report.updated) updated, \(report.unchanged) unchanged, \(report.errors.count) failed")
        if !report.errors.isEmpty { throw ExitCode(1) }
    }
}
