import Foundation

/// A link to a back-office page with its parameters (issue #9): like `SitePage`, a page that needs an id
/// cannot be linked without one, where `AdminRoute.link([…])` found a missing key only at run time.
enum AdminPage: Equatable, Sendable {
    case dashboard
    case signIn
    case signOut
    case signOutEverywhere
    case changePassword
    case units
    case newUnit
    case unit(id: String)
    case users
    case newUser
    case user(id: String)
    case userGrants(id: String)
    case revokeGrant(id: String, grant: String)
    case resetPassword(id: String)
    case toggleUser(id: String)
    case audit
    case articles
    case statistics
    case pages
    case newPage
    case page(id: String)
    case newArticle
    case article(id: String)
    case articleTransition(id: String)
    case articleHistory(id: String)
    case articlePendingEdit(id: String)
    case restoreRevision(id: String, revision: String)
    case articlePreviewLink(id: String)
    case procedures
    case newProcedure
    case procedureReport
    case procedure(id: String)
    case procedureHistory(id: String)
    case restoreProcedureRevision(id: String, revision: String)
    case retireProcedure(id: String)
    case procedureForms(id: String)
    case documents
    case newDocument
    case document(id: String)
    case system
    case media
    case mediaItem(id: String)
    case slides
    case deleteSlide(id: String)
    case links
    case plans
    case newPlan
    case plan(id: String)
    case planItems(id: String)
    case planActivityReports(id: String)
    case planReport(id: String)
    case planPush(id: String)
    case reviewActivityReport(id: String)
    case confirmActivityReport(id: String)
    case reportAttachment(id: String, file: String)
    case events
    case evaluation
    case inspections
    case criteria
    case deleteLink(id: String)
    case bodyPreview
    // MARK: radio (issue #11)
    case radioStations
    case newRadioStation
    case radioStation(id: String)
    case radioClusters(id: String)
    case radioSlots(id: String)
    case radioBulletins
    case newRadioBulletin
    case radioBulletin(id: String)
    case approveRadioBulletin(id: String)
    case radioBulletinAudio(id: String)
    case startRadioEmergency(id: String)
    case endRadioEmergency(id: String)

    var route: AdminRoute {
        switch self {
        case .dashboard: .dashboard
        case .signIn: .signIn
        case .signOut: .signOut
        case .signOutEverywhere: .signOutEverywhere
        case .changePassword: .changePassword
        case .units: .units
        case .newUnit: .newUnit
        case .unit: .unit
        case .users: .users
        case .newUser: .newUser
        case .user: .user
        case .userGrants: .userGrants
        case .revokeGrant: .revokeGrant
        case .resetPassword: .resetPassword
        case .toggleUser: .toggleUser
        case .audit: .audit
        case .articles: .articles
        case .statistics: .statistics
        case .pages: .pages
        case .newPage: .newPage
        case .page: .page
        case .newArticle: .newArticle
        case .article: .article
        case .articleTransition: .articleTransition
        case .articleHistory: .articleHistory
        case .articlePendingEdit: .articlePendingEdit
        case .restoreRevision: .restoreRevision
        case .articlePreviewLink: .articlePreviewLink
        case .procedures: .procedures
        case .newProcedure: .newProcedure
        case .procedureReport: .procedureReport
        case .procedure: .procedure
        case .procedureHistory: .procedureHistory
        case .restoreProcedureRevision: .restoreProcedureRevision
        case .retireProcedure: .retireProcedure
        case .procedureForms: .procedureForms
        case .documents: .documents
        case .newDocument: .newDocument
        case .document: .document
        case .system: .system
        case .media: .media
        case .mediaItem: .mediaItem
        case .slides: .slides
        case .deleteSlide: .deleteSlide
        case .links: .links
        case .plans: .plans
        case .newPlan: .newPlan
        case .plan: .plan
        case .planItems: .planItems
        case .planActivityReports: .planActivityReports
        case .planReport: .planReport
        case .planPush: .planPush
        case .reviewActivityReport: .reviewActivityReport
        case .confirmActivityReport: .confirmActivityReport
        case .reportAttachment: .reportAttachment
        case .events: .events
        case .evaluation: .evaluation
        case .inspections: .inspections
        case .criteria: .criteria
        case .deleteLink: .deleteLink
        case .bodyPreview: .bodyPreview
        // MARK: radio (issue #11)
        case .radioStations: .radioStations
        case .newRadioStation: .newRadioStation
        case .radioStation: .radioStation
        case .radioClusters: .radioClusters
        case .radioSlots: .radioSlots
        case .radioBulletins: .radioBulletins
        case .newRadioBulletin: .newRadioBulletin
        case .radioBulletin: .radioBulletin
        case .approveRadioBulletin: .approveRadioBulletin
        case .radioBulletinAudio: .radioBulletinAudio
        case .startRadioEmergency: .startRadioEmergency
        case .endRadioEmergency: .endRadioEmergency
        }
    }

    /// Absolute path of the page.
    var link: String {
        switch self {
        case .unit(let id): route.link(["id": id])
        case .user(let id): route.link(["id": id])
        case .userGrants(let id): route.link(["id": id])
        case .revokeGrant(let id, let grant): route.link(["id": id, "grant": grant])
        case .resetPassword(let id): route.link(["id": id])
        case .toggleUser(let id): route.link(["id": id])
        case .page(let id): route.link(["id": id])
        case .article(let id): route.link(["id": id])
        case .articleTransition(let id): route.link(["id": id])
        case .articleHistory(let id): route.link(["id": id])
        case .articlePendingEdit(let id): route.link(["id": id])
        case .restoreRevision(let id, let revision): route.link(["id": id, "revision": revision])
        case .articlePreviewLink(let id): route.link(["id": id])
        case .procedure(let id): route.link(["id": id])
        case .procedureHistory(let id): route.link(["id": id])
        case .restoreProcedureRevision(let id, let revision): route.link(["id": id, "revision": revision])
        case .retireProcedure(let id): route.link(["id": id])
        case .procedureForms(let id): route.link(["id": id])
        case .document(let id): route.link(["id": id])
        case .mediaItem(let id): route.link(["id": id])
        case .deleteSlide(let id): route.link(["id": id])
        case .plan(let id): route.link(["id": id])
        case .planItems(let id): route.link(["id": id])
        case .planActivityReports(let id): route.link(["id": id])
        case .planReport(let id): route.link(["id": id])
        case .planPush(let id): route.link(["id": id])
        case .reviewActivityReport(let id): route.link(["id": id])
        case .confirmActivityReport(let id): route.link(["id": id])
        case .reportAttachment(let id, let file): route.link(["id": id, "file": file])
        case .deleteLink(let id): route.link(["id": id])
        // MARK: radio (issue #11)
        case .radioStation(let id), .radioClusters(let id), .radioSlots(let id), .radioBulletin(let id), .approveRadioBulletin(let id),
            .radioBulletinAudio(let id),
            .startRadioEmergency(let id), .endRadioEmergency(let id):
            route.link(["id": id])
        default: route.link()
        }
    }
}
