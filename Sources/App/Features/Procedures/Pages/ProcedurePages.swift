import Foundation
import LoaCore

/// A procedure as its pages show it: every field, missing ones as "Không có thông tin" (issue #4).
struct ProcedureView: Sendable {
    struct Component: Sendable {
        var name: String
        var originals: String
        var copies: String
        var forms: [String]
    }
    struct Channel: Sendable { var method, deadline, fee: String }
    struct Legal: Sendable { var number, summary: String }
    /// A form named by the record or uploaded by the Office; `downloadHref` when there is a file to download.
    /// (Names unlike the parent's: Mustache looks a missing value up in the enclosing context.)
    struct FormLink: Sendable { var name: String; var downloadHref: String?; var fileDetail: String? }
    struct Field: Sendable {
        var label: String
        var value: String
        var missing: Bool
        var paragraphs: [String]
    }

    var code: String
    var name: String
    var href: String
    var sector: String
    var levels: String
    var kind: Field
    var decision: Field
    var steps: Field
    var method: Field
    var applicants: Field
    var processingAgency: Field
    var competentAgency: Field
    var coordinatingAgency: Field
    var receivingAddress: Field
    var result: Field
    var requirements: Field
    var components: [Component]
    var channels: [Channel]
    var legalBasis: [Legal]
    var forms: [FormLink]
    var deadline: String
    var fee: String
    var retired: Bool

    init(_ procedure: Procedure, href: String, uploaded: [ProcedureForm] = [], formHref: (ProcedureForm) -> String = { _ in "" }) {
        let record = procedure.record
        code = record.code
        name = record.name
        self.href = href
        sector = record.sector
        levels = record.levels.map(\.label).joined(separator: ", ")
        func field(_ label: String, _ value: String?) -> Field {
            Field(
                label: label, value: MissingText.display(value), missing: value == nil,
                paragraphs: ProcedureParagraphs.split(value ?? MissingText.label))
        }
        kind = field("Loại thủ tục", record.kind)
        decision = field("Quyết định công bố", record.decision)
        steps = field("Trình tự thực hiện", record.steps)
        method = field("Cách thức thực hiện", record.method)
        applicants = field("Đối tượng thực hiện", record.applicants)
        processingAgency = field("Cơ quan thực hiện", record.processingAgency)
        competentAgency = field("Cơ quan có thẩm quyền", record.competentAgency)
        coordinatingAgency = field("Cơ quan phối hợp", record.coordinatingAgency)
        receivingAddress = field("Địa chỉ tiếp nhận hồ sơ", record.receivingAddress)
        result = field("Kết quả thực hiện", record.result)
        requirements = field("Yêu cầu, điều kiện thực hiện", record.requirements)
        components = record.components.map {
            Component(
                name: $0.name, originals: $0.originals.map(String.init) ?? MissingText.label,
                copies: $0.copies.map(String.init) ?? MissingText.label, forms: $0.forms)
        }
        channels = record.channels.map {
            Channel(method: $0.method, deadline: MissingText.display($0.deadline), fee: MissingText.display($0.fee))
        }
        legalBasis = record.legalBasis.map { Legal(number: MissingText.display($0.number), summary: MissingText.display($0.summary)) }
        // The record's form names first, linked to an uploaded file of the same name; then other uploads.
        var seen = Set<String>()
        var remaining = uploaded
        forms = record.components.flatMap(\.forms).filter { seen.insert($0.lowercased()).inserted }.map { name in
            guard let index = remaining.firstIndex(where: { $0.displayName.lowercased() == name.lowercased() }) else {
                return FormLink(name: name, downloadHref: nil, fileDetail: nil)
            }
            let file = remaining.remove(at: index)
            return FormLink(name: name, downloadHref: formHref(file), fileDetail: Self.detail(file))
        }
        forms += remaining.map { FormLink(name: $0.displayName, downloadHref: formHref($0), fileDetail: Self.detail($0)) }
        // The desk's short answer: the first channel's deadline and fee.
        deadline = record.channels.first.map { MissingText.display($0.deadline) } ?? MissingText.label
        fee = record.channels.first.map { MissingText.display($0.fee) } ?? MissingText.label
        retired = procedure.retiredAt != nil
    }
}

extension ProcedureView {
    static func detail(_ file: ProcedureForm) -> String {
        "\(DocumentFileKind(rawValue: file.kind)?.label ?? file.kind.uppercased()), \(ByteCountFormatter.string(fromByteCount: Int64(file.size), countStyle: .file))"
    }
}

/// A row of a catalogue listing.
struct ProcedureRow: Sendable {
    var code: String
    var name: String
    var href: String
    var sector: String
    var levels: String

    init(_ procedure: Procedure, href: String) {
        code = procedure.code
        name = procedure.name
        self.href = href
        sector = procedure.sector
        levels = procedure.levelList.map(\.label).joined(separator: ", ")
    }
}

/// A count with its link (levels and sectors of the catalogue).
struct CountLink: Sendable {
    var label: String
    var count: Int
    var href: String
    var current: Bool
}

struct ProcedureCataloguePage: Sendable {
    var shell: PublicShell
    var total: Int
    var levels: [CountLink]
    var sectors: [CountLink]
    var action: String
    var query: String
    var level: String?
    var sector: String?
    var filterDescription: String?
    var rows: [ProcedureRow]
    var message: String?
    var kioskHref: String
    var hubHref: String
    var sectorSheetHref: String?
    var allHref: String
}

struct ProcedurePage: Sendable {
    struct Span: Sendable { var decision, from: String; var until: String?; var replacedBy: String? }
    var shell: PublicShell
    var procedure: ProcedureView
    var sheetHref: String
    var catalogueHref: String
    var sectorHref: String
    var spans: [Span]
    var inForce: Bool
    /// The question form, naming this procedure (issue #15).
    var askHref: String
}

/// The printable A4 posting sheet of one procedure or one sector.
struct PostingSheetPage: Sendable {
    var title: String
    var ownerName: String
    var siteName: String
    var heading: String
    var procedure: ProcedureView?
    var rows: [ProcedureView]
    var postedOn: String
    var printedOn: String
    var onlineURL: String
    var qrSVG: String?
    var backHref: String
}

struct KioskPage: Sendable {
    struct Button: Sendable { var label: String; var detail: String; var href: String }
    var title: String
    var siteName: String
    var heading: String
    var startHref: String
    /// Seconds before the page returns to the start; nil on the start page itself.
    var resetAfter: Int?
    var backHref: String?
    var buttons: [Button]
    var procedure: ProcedureView?
}

struct ReformHubPage: Sendable {
    var shell: PublicShell
    var news: [ArticleCard]
    var newsHref: String?
    var levels: [CountLink]
    var sectors: [CountLink]
    var total: Int
    var catalogueHref: String
    var kioskHref: String
    var documents: [DocumentRow]
    var documentsHref: String
    var plansHref: String
    var contestsHref: String
    var eventsHref: String
}

/// A document in listings and on its page (issue #4).
struct DocumentRow: Sendable {
    var form, number, summary, issuingBody, href: String
    var signer, sector, effective, expires: String?
    var issued: String
    var isoIssued: String

    init(_ document: Document, mount: SiteMount) {
        form = document.form
        number = document.number
        summary = document.summary
        issuingBody = document.issuingBody
        href = mount.path(.document(slug: document.slug))
        signer = document.signer
        sector = document.sector
        issued = document.issuedDay?.vietnamese ?? document.issuedOn
        isoIssued = document.issuedOn
        effective = document.effectiveOn.flatMap(CalendarDay.init(iso:))?.vietnamese
        expires = document.expiresOn.flatMap(CalendarDay.init(iso:))?.vietnamese
    }
}

struct DocumentListPage: Sendable {
    var shell: PublicShell
    var action: String
    var query: String
    var forms, bodies, years, sectors: [SelectOption]
    var total: Int
    var rows: [DocumentRow]
    var pager: Pager
}

struct DocumentPage: Sendable {
    struct File: Sendable { var name, kind, size, href: String }
    var shell: PublicShell
    var document: DocumentRow
    var files: [File]
    var related: [MenuItem]
    var listHref: String
    /// The feedback form, naming this document (issue #15).
    var askHref: String
}
