import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import LoaCore

/// Bulletins in the back office (issue #11): editors of a station's unit draft them (typed, or from a
/// published article: "Gửi lên đài"), the server makes their audio in the background, and an approver
/// of the unit listens and approves before anything can air. Emergency bulletins follow the same path.
struct AdminRadioBulletinsController: Sendable {
    let database: DatabaseStack
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients
    let bulletinRenderer: BulletinRenderer

    static let noRights = "Bạn không có quyền soạn bản tin phát thanh."
    var bulletins: RadioBulletins { RadioBulletins(db: db, clients: clients) }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.radioBulletins.rawValue)) { _, context in try await list(context) }
        group.get(RouterPath(AdminRoute.newRadioBulletin.rawValue)) { request, context in
            try await form(context, bulletin: nil, fields: try await articleFields(request, context), errors: [])
        }
        group.post(RouterPath(AdminRoute.newRadioBulletin.rawValue)) { request, context in try await save(request, context, bulletin: nil) }
        group.get(RouterPath(AdminRoute.radioBulletin.rawValue)) { _, context in
            try await form(context, bulletin: try await bulletin(context, .readContent), fields: [:], errors: [])
        }
        group.post(RouterPath(AdminRoute.radioBulletin.rawValue)) { request, context in
            try await save(request, context, bulletin: try await bulletin(context, .editOthersContent))
        }
        group.post(RouterPath(AdminRoute.approveRadioBulletin.rawValue)) { _, context in try await approve(context) }
        group.get(RouterPath(AdminRoute.radioBulletinAudio.rawValue)) { _, context in try await audio(context) }
        group.post(RouterPath(AdminRoute.startRadioEmergency.rawValue)) { _, context in try await startEmergency(context) }
        group.post(RouterPath(AdminRoute.endRadioEmergency.rawValue)) { _, context in try await endEmergency(context) }
    }

    private func stations(_ identity: Identity, _ action: Action, tree: UnitTree) async throws -> [RadioStationRecord] {
        try await RadioStationRecord.query(on: db).sort(\.$name).all().filter { identity.can(action, in: tree, unit: $0.$unit.id) }
    }

    /// The bulletin named in the path: 404 outside the user's subtree, 403 without `action` in it.
    private func bulletin(_ context: AppRequestContext, _ action: Action) async throws -> RadioBulletinRecord {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let bulletin = try await RadioBulletinRecord.query(on: db).filter(\.$id == id).with(\.$station).first()
        else { throw AppError.notFound }
        let tree = try context.units()
        guard identity.can(.readContent, in: tree, unit: bulletin.station.$unit.id) else { throw AppError.notFound }
        guard identity.can(action, in: tree, unit: bulletin.station.$unit.id) else { throw AppError.forbidden(Self.noRights) }
        return bulletin
    }

    struct ListPage: Sendable {
        struct Row: Sendable { var title, station, state, render, href: String; var emergency: Bool }
        var shell: AdminShell
        var rows: [Row]
        var newHref: String?
        var stationsHref = AdminPage.radioStations.link
        var toolsMissing: String?
    }

    private func list(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let visible = try await stations(identity, .readContent, tree: tree)
        let names = Dictionary(uniqueKeysWithValues: visible.compactMap { station in station.id.map { ($0, station.name) } })
        let rows = try await RadioBulletinRecord.query(on: db).filter(\.$station.$id ~~ Array(names.keys)).sort(\.$createdAt, .descending)
            .range(..<300).all().map { bulletin in
                ListPage.Row(
                    title: bulletin.title, station: names[bulletin.$station.id] ?? "", state: bulletin.bulletinState.vietnameseName,
                    render: bulletin.render.vietnameseName, href: AdminPage.radioBulletin(id: try bulletin.requireID().uuidString).link,
                    emergency: bulletin.isEmergency)
            }
        let page = ListPage(
            shell: AdminShell(identity: identity, title: "Bản tin phát thanh", current: .radioStations), rows: rows,
            newHref: try await stations(identity, .editOthersContent, tree: tree).isEmpty ? nil : AdminPage.newRadioBulletin.link,
            toolsMissing: bulletinRenderer.missingTools)
        return try renderer.response(page, template: "admin/radio-bulletins")
    }

    /// "Gửi lên đài": `?bai=<article id>` starts the form from a published article the user may edit.
    private func articleFields(_ request: Request, _ context: AppRequestContext) async throws -> [String: String] {
        guard let id = request.uri.queryParameters.get("bai").flatMap({ UUID(uuidString: String($0)) }) else { return [:] }
        let identity = try context.requireIdentity()
        guard let article = try await Article.find(id, on: db), article.status == ArticleState.published.rawValue,
            identity.can(.readContent, in: try context.units(), unit: article.$unit.id)
        else { throw AppError.notFound }
        return [
            "title": String(article.title.prefix(RadioBulletins.maximumTitleLength)), "article": id.uuidString,
            "radio_text": RadioBulletins.radioText(fromTitle: article.title, summary: article.summary, body: article.body),
        ]
    }

    struct FormPage: Sendable {
        var shell: AdminShell
        var heading: String
        var action: String?
        var stations: [SelectOption]
        var title, radioText, article: String
        var fromArticle: Bool
        var emergency: Bool
        var maxLength = RadioBulletins.maximumTextLength
        var maxRecordingMB = BulletinRenderer.maximumRecordingBytes >> 20
        var maxRecordingMinutes = BulletinRenderer.maximumRecordingMinutes
        var isRecording: Bool
        var state: String?
        var render: String?
        var renderMessage: String?
        var audioHref: String?
        var duration: String?
        var approveAction: String?
        /// "Phát khẩn cấp" on every station of the station's unit's subtree, for its approvers.
        var emergencyAction: String?
        struct OpenEmergency: Sendable {
            var since: String
            var endAction: String?
        }
        var openEmergencies: [OpenEmergency]
        var toolsMissing: String?
        var errors: [FieldProblem]
    }

    private func form(_ context: AppRequestContext, bulletin: RadioBulletinRecord?, fields: [String: String], errors: [FieldProblem]) async throws
        -> Response
    {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let writable = try await stations(identity, .editOthersContent, tree: tree)
        guard bulletin != nil || !writable.isEmpty else { throw AppError.forbidden(Self.noRights) }
        let selected = fields["station"] ?? bulletin?.$station.id.uuidString ?? writable.first?.id?.uuidString
        let id = try bulletin?.requireID().uuidString
        let mayPublish = bulletin.map { identity.can(.publish, in: tree, unit: $0.station.$unit.id) } ?? false
        var open: [RadioEmergencyRecord] = []
        if let bulletin {
            open = try await RadioEmergencyRecord.query(on: db).filter(\.$bulletin.$id == bulletin.requireID()).filter(\.$endedAt == nil).all()
        }
        let editable = bulletin.map { $0.bulletinState == .draft && identity.can(.editOthersContent, in: tree, unit: $0.station.$unit.id) } ?? true
        let page = FormPage(
            shell: AdminShell(identity: identity, title: bulletin == nil ? "Soạn bản tin" : "Bản tin phát thanh", current: .radioStations),
            heading: bulletin.map { "Bản tin: \($0.title)" } ?? "Soạn bản tin phát thanh",
            action: editable ? (id.map { AdminPage.radioBulletin(id: $0).link } ?? AdminPage.newRadioBulletin.link) : nil,
            stations: (bulletin.map { [$0.station] } ?? writable).compactMap { station in
                station.id.map { SelectOption(value: $0.uuidString, label: station.name, selected: $0.uuidString == selected) }
            },
            title: fields["title"] ?? bulletin?.title ?? "", radioText: fields["radio_text"] ?? bulletin?.radioText ?? "",
            article: fields["article"] ?? bulletin?.$article.id?.uuidString ?? "",
            fromArticle: !(fields["article"] ?? bulletin?.$article.id?.uuidString ?? "").isEmpty,
            emergency: fields.isEmpty ? bulletin?.isEmergency ?? false : fields["emergency"] == "1",
            isRecording: bulletin?.bulletinSource == .recording,
            state: bulletin?.bulletinState.vietnameseName, render: bulletin?.render.vietnameseName, renderMessage: bulletin?.renderMessage,
            audioHref: bulletin?.audioFile != nil ? id.map { AdminPage.radioBulletinAudio(id: $0).link } : nil,
            duration: bulletin?.durationSeconds.map { "\(Int($0.rounded())) giây" },
            approveAction: bulletin.flatMap { b in
                b.bulletinState == .draft && b.render == .done && identity.can(.publish, in: tree, unit: b.station.$unit.id)
                    ? id.map { AdminPage.approveRadioBulletin(id: $0).link } : nil
            },
            emergencyAction: bulletin.flatMap { b in
                b.isEmergency && b.bulletinState.mayAir && b.audioFile != nil && mayPublish && open.isEmpty
                    ? id.map { AdminPage.startRadioEmergency(id: $0).link } : nil
            },
            openEmergencies: open.compactMap { emergency in
                emergency.id.map {
                    FormPage.OpenEmergency(
                        since: VietnameseDate.dayTime(emergency.startedAt),
                        endAction: mayPublish ? AdminPage.endRadioEmergency(id: $0.uuidString).link : nil)
                }
            },
            toolsMissing: bulletinRenderer.missingTools, errors: errors)
        return try renderer.response(page, template: "admin/radio-bulletin", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func save(_ request: Request, _ context: AppRequestContext, bulletin: RadioBulletinRecord?) async throws -> Response {
        let identity = try context.requireIdentity()
        // Multipart when a recording is attached (the form always allows one), url-encoded otherwise.
        let form = try await MultipartForm.fromEitherForm(request, context: context)
        let fields = form.fields.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let upload = form.file("recording")
        let isRecording = upload != nil || bulletin?.bulletinSource == .recording
        let tree = try context.units()
        let station: RadioStationRecord?
        if let bulletin {
            station = bulletin.station
        } else {
            station = try await stations(identity, .editOthersContent, tree: tree).first { $0.id?.uuidString == fields["station"] }
        }
        var problems = [
            FieldCheck.text(fields["title"], field: "title", label: "Tiêu đề", required: true, max: RadioBulletins.maximumTitleLength),
            FieldCheck.text(fields["radio_text"], field: "radio_text", label: "Lời đọc", required: true, max: RadioBulletins.maximumTextLength),
        ].compactMap { $0 }
        if station == nil { problems.append(FieldProblem(field: "station", message: "Vui lòng chọn đài thuộc phạm vi bạn biên tập.")) }
        if problems.isEmpty, !isRecording {
            do { _ = try SpeechText().reading(form.text("radio_text")) } catch {
                problems.append(FieldProblem(field: "radio_text", message: error.message))
            }
        }
        if fields["emergency"] == "1", let station, !identity.can(.publish, in: tree, unit: station.$unit.id) {
            problems.append(FieldProblem(field: "emergency", message: "Chỉ lãnh đạo duyệt tin hoặc quản trị của đơn vị mới soạn được bản tin khẩn cấp."))
        }
        var articleID: UUID?
        if bulletin == nil, let raw = fields["article"], !raw.isEmpty {
            articleID = UUID(uuidString: raw)
            var exists = false
            if let id = articleID { exists = try await Article.find(id, on: db) != nil }
            if !exists {
                problems.append(FieldProblem(field: "title", message: "Tin bài gốc không còn tồn tại."))
            }
        }
        // The file is kept only once everything else is right, so a refused form leaves nothing behind.
        var recording: String?
        if problems.isEmpty, let upload {
            switch await bulletinRenderer.acceptRecording(upload) {
            case .success(let name): recording = name
            case .failure(let refusal): problems.append(FieldProblem(field: "recording", message: refusal.description))
            }
        }
        guard problems.isEmpty, let station, let stationID = station.id else {
            return try await self.form(context, bulletin: bulletin, fields: fields, errors: problems)
        }
        do {
            let saved = try await bulletins.save(
                .init(
                    stationID: stationID, title: form.text("title"), radioText: form.text("radio_text"),
                    source: articleID == nil ? (bulletin?.bulletinSource ?? .text) : .article, articleID: articleID,
                    isEmergency: fields["emergency"] == "1", recordingFile: recording),
                bulletin: bulletin, actor: identity.actor, ip: context.clientIP)
            return .redirect(to: AdminPage.radioBulletin(id: try saved.requireID().uuidString).link, type: .normal)
        } catch let refusal as RadioBulletins.Refusal {
            return try await self.form(context, bulletin: bulletin, fields: fields, errors: [FieldProblem(field: "title", message: refusal.description)])
        }
    }

    private func approve(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let bulletin = try await bulletin(context, .publish)
        do {
            try await bulletins.approve(bulletin, actor: identity.actor, ip: context.clientIP)
        } catch let refusal as RadioBulletins.Refusal {
            return try await form(context, bulletin: bulletin, fields: [:], errors: [FieldProblem(field: "", message: refusal.description)])
        }
        return .redirect(to: AdminPage.radioBulletin(id: try bulletin.requireID().uuidString).link, type: .normal)
    }

    /// Starts the bulletin as an emergency on the station's unit's subtree (approvers and administrators only).
    private func startEmergency(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let bulletin = try await bulletin(context, .publish)
        do {
            _ = try await RadioEmergencies(db: db, clients: clients).start(
                bulletin, unitID: bulletin.station.$unit.id, actor: identity.actor, ip: context.clientIP)
        } catch let refusal as RadioEmergencies.Refusal {
            return try await form(context, bulletin: bulletin, fields: [:], errors: [FieldProblem(field: "", message: refusal.description)])
        }
        return .redirect(to: AdminPage.radioBulletin(id: try bulletin.requireID().uuidString).link, type: .normal)
    }

    private func endEmergency(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let emergency = try await RadioEmergencyRecord.query(on: db).filter(\.$id == id).with(\.$bulletin).first()
        else { throw AppError.notFound }
        let tree = try context.units()
        guard identity.can(.readContent, in: tree, unit: emergency.$unit.id) else { throw AppError.notFound }
        guard identity.can(.publish, in: tree, unit: emergency.$unit.id) else { throw AppError.forbidden(Self.noRights) }
        do {
            try await RadioEmergencies(db: db, clients: clients).end(emergency, actor: identity.actor, ip: context.clientIP)
        } catch is RadioEmergencies.Refusal {
            // Ended by someone else meanwhile: the page shows it ended.
        }
        return .redirect(to: AdminPage.radioBulletin(id: emergency.$bulletin.id.uuidString).link, type: .normal)
    }

    private func audio(_ context: AppRequestContext) async throws -> Response {
        let bulletin = try await bulletin(context, .readContent)
        guard let file = bulletin.audioFile, let data = FileManager.default.contents(atPath: bulletinRenderer.directory.appendingPathComponent(file).path)
        else { throw AppError.notFound }
        return Self.mp3(data)
    }

    static func mp3(_ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "audio/mpeg"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
