import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// What citizens may see of the communication plan (issue #5): the public plans of the site's unit with
/// each item's progress, and the calendar of its trainings, conferences and contests.
extension PublicController {
    struct PlansPage: Sendable {
        struct PlanBlock: Sendable {
            var title, period, documentReference, headingID: String
            var items: [PlanItemRow]
            var itemsTotal, itemsMet: Int
            var progressChart: String
        }
        var shell: PublicShell
        var plans: [PlanBlock]
    }

    struct EventsPage: Sendable {
        struct Photo: Sendable { var image: MarkdownHTML.ImageSource; var alt: String }
        struct Row: Sendable {
            var date, isoDate, title, kind, place, audience, participants: String
            var photos: [Photo]
            var materials: [MenuItem]
        }
        var shell: PublicShell
        var upcoming: [Row]
        var past: [Row]
    }

    @Sendable func plans(_ r: PublicRequest) async throws -> Response {
        let plans = try await Plan.query(on: db).filter(\.$unit.$id == r.site.unitID).filter(\.$isPublic == true)
            .sort(\.$year, .descending).limit(5).all()
        let service = PlanProgressService(db: db, sources: PlanProgressService.standardSources())
        var blocks: [PlansPage.PlanBlock] = []
        for plan in plans {
            let summary = try await service.summary(of: plan, on: clients.now())
            let rows = PlanItemRow.rows(summary)
            blocks.append(
                .init(
                    title: plan.title, period: "\(VietnameseDate.day(plan.periodStart)) – \(VietnameseDate.day(plan.periodEnd))",
                    documentReference: plan.documentReference, headingID: "kh-\(plan.year)-\(blocks.count + 1)",
                    items: rows, itemsTotal: summary.items.count, itemsMet: summary.itemsMet,
                    progressChart: SVGChart.progressBars(
                        rows.map { SVGChart.Bar(label: "\($0.number). \($0.responsible)", percent: $0.percent, met: $0.achieved >= $0.target) })))
        }
        let page = PlansPage(shell: shell(r, current: .plans, title: "Kế hoạch tuyên truyền cải cách hành chính"), plans: blocks)
        return try renderer.response(page, template: "public/plans")
    }

    @Sendable func events(_ r: PublicRequest) async throws -> Response {
        let tree = try await UnitTree.load(on: db)
        let events = try await Event.query(on: db).filter(\.$unit.$id ~~ Array(tree.subtree(of: r.site.unitID))).filter(\.$isPublic == true)
            .sort(\.$startsAt, .descending).limit(200).all()
        let now = clients.now()
        let materials = try await EventMaterial.query(on: db).filter(\.$event.$id ~~ events.compactMap(\.id))
            .with(\.$media).with(\.$document).sort(\.$position).all()
        let siteList = try await sites.all()
        func documentLink(_ document: Document) -> MenuItem? {
            guard let site = siteList.first(where: { $0.id == document.$site.id }) else { return nil }
            let mount: SiteMount = site.isPrimary ? .root : .underPrefix(site.slug)
            return MenuItem(label: "\(document.form) số \(document.number)", href: mount.path(.document(slug: document.slug)))
        }
        func row(_ event: Event) -> EventsPage.Row {
            let own = materials.filter { $0.$event.id == event.id }
            return EventsPage.Row(
                date: VietnameseDate.dayOrDayTime(event.startsAt), isoDate: VietnameseDate.iso8601(event.startsAt), title: event.title,
                kind: event.eventKind.vietnameseName, place: event.place, audience: event.audience,
                participants: event.startsAt < now && event.actualParticipants > 0 ? "\(event.actualParticipants)" : "\(event.plannedParticipants) (dự kiến)",
                photos: own.compactMap { material in material.media.map { EventsPage.Photo(image: MediaLibrary.imageSource($0), alt: $0.alt) } },
                materials: own.compactMap { $0.document.flatMap(documentLink) })
        }
        let page = EventsPage(
            shell: shell(r, current: .events, title: "Lịch sự kiện"),
            upcoming: events.filter { $0.startsAt >= now }.reversed().map(row),
            past: events.filter { $0.startsAt < now }.map(row))
        return try renderer.response(page, template: "public/events")
    }
}
