import FluentKit
import Foundation
import LoaCore

/// The document library's writes (issue #4): metadata, files stored under generated names in
/// `uploads/documents/`, the PDF text layer for search.
struct DocumentService: Sendable {
    let db: any Database
    let configuration: AppConfiguration
    let pdfText: PDFTextExtractor

    var folder: UploadFolder { UploadFolder(configuration: configuration, name: "documents") }

    /// A checked upload: its kind by content and the name to show.
    struct Upload: Sendable {
        var data: Data
        var kind: DocumentFileKind
        var displayName: String
    }

    /// Checks an uploaded file: kind by content, agreeing with its extension, within the size limit.
    func check(fileName: String, data: Data) -> Result<Upload, DocumentFileKind.Refusal> {
        let display = SafeFileName.display(fileName)
        let ext = (display as NSString).pathExtension
        return DocumentFileKind.detect(data, claimedExtension: ext.isEmpty ? nil : ext, limit: configuration.documentMaxBytes)
            .map { Upload(data: data, kind: $0, displayName: display) }
    }

    /// A file written to the upload folder with its text layer, ready for its row.
    struct StoredUpload: Sendable {
        var upload: Upload
        var storedName: String
        var text: String?
    }

    /// Writes the files and reads their text layers. Runs before any transaction: the tool may take its
    /// whole time limit, and a transaction held that long would stall every request on SQLite's one
    /// connection (issue #8). Call `discard` if the rows are not saved after all.
    func store(_ uploads: [Upload]) async throws -> [StoredUpload] {
        var stored: [StoredUpload] = []
        do {
            for upload in uploads {
                let (name, path) = try folder.write(upload.data, kind: upload.kind)
                stored.append(StoredUpload(upload: upload, storedName: name, text: nil))
                if upload.kind == .pdf { stored[stored.count - 1].text = await pdfText.text(ofPDFAt: path) }
            }
        } catch {
            discard(stored)
            throw error
        }
        return stored
    }

    func discard(_ stored: [StoredUpload]) {
        for file in stored { folder.remove(file.storedName) }
    }

    /// The rows of files already stored; only database work, fit for a transaction.
    func attach(_ stored: [StoredUpload], to document: Document, on db: any Database) async throws {
        for file in stored {
            try await DocumentFile(
                documentID: try document.requireID(), displayName: file.upload.displayName, storedName: file.storedName,
                kind: file.upload.kind, size: file.upload.data.count, text: file.text
            ).save(on: db)
        }
    }

    /// Recomputes the search text from the metadata and every file's text layer.
    func reindex(_ document: Document, on db: any Database) async throws {
        let files = try await DocumentFile.query(on: db).filter(\.$document.$id == document.requireID()).all()
        document.index(fileTexts: files.compactMap(\.text))
        try await document.save(on: db)
    }

    /// The legal-deadline check (NĐ 43/2011 Art. 17): posted within 2 working days of issue.
    struct Deadline: Sendable {
        var due: CalendarDay
        var onTime: Bool
        var message: String
    }

    static func deadline(issued: CalendarDay, posted: CalendarDay, holidays: Set<CalendarDay>) -> Deadline {
        let calendar = WorkingCalendar(holidays: holidays)
        let due = calendar.deadline(issued: issued)
        if posted <= due {
            return Deadline(due: due, onTime: true, message: "Đúng hạn: đăng ngày \(posted.vietnamese), hạn chót \(due.vietnamese).")
        }
        var late = 0  // working days past the deadline; at least 1 when posted on a later weekend day
        var day = due
        while day < posted {
            day = day.adding(days: 1)
            if calendar.isWorkingDay(day) { late += 1 }
        }
        return Deadline(
            due: due, onTime: false,
            message: "Trễ hạn \(max(late, 1)) ngày làm việc: đăng ngày \(posted.vietnamese), hạn chót \(due.vietnamese) (2 ngày làm việc sau ngày ban hành).")
    }
}
