import Foundation

/// A route's path pattern, the single source for registering a handler and for building links to it
/// (STYLE.md habit 2). `:name` segments are parameters.
protocol RoutePattern: RawRepresentable<String>, CaseIterable, Sendable {}

extension RoutePattern {
    /// The pattern with each `:name` replaced by its percent-encoded value.
    func path(_ parameters: [String: String] = [:]) -> String {
        rawValue.split(separator: "/", omittingEmptySubsequences: true).map { segment -> String in
            guard segment.hasPrefix(":") else { return String(segment) }
            let name = String(segment.dropFirst())
            guard let value = parameters[name] else { preconditionFailure("missing route parameter \(name) for \(rawValue)") }
            return value.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? value
        }.joined(separator: "/")
    }
}

extension CharacterSet {
    /// RFC 3986 unreserved characters: everything else in a path segment is percent-encoded.
    static let urlPathSegmentAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}

/// Public pages every site has, relative to where the site is mounted.
enum SiteRoute: String, RoutePattern {
    case home = ""
    case about = "gioi-thieu"
    case contact = "lien-he"
    case news = "tin-tuc"
    case article = "tin-tuc/:slug"
    case articleDownload = "tin-tuc/:slug/tai-ve"
    case category = "chuyen-muc/:category"
    case siteMap = "so-do-site"
    case search = "tim-kiem"
    case page = "trang/:slug"
    case feed = "rss.xml"
    case categoryFeed = "chuyen-muc/:category/rss.xml"
    case plans = "ke-hoach-tuyen-truyen"
    case events = "lich-su-kien"
    // The procedure catalogue, the desk's board and the kiosk (issue #4).
    case procedures = "thu-tuc-hanh-chinh"
    case procedure = "thu-tuc-hanh-chinh/:code"
    case procedureForm = "thu-tuc-hanh-chinh/:code/mau/:file"
    case procedureSheet = "niem-yet/thu-tuc/:code"
    case sectorSheet = "niem-yet/linh-vuc/:sector"
    case kiosk = "tra-cuu-thu-tuc"
    case kioskSector = "tra-cuu-thu-tuc/:sector"
    case kioskProcedure = "tra-cuu-thu-tuc/:sector/:code"
    case reformHub = "cai-cach-hanh-chinh"
    // The document library (issue #4).
    case documents = "van-ban"
    case document = "van-ban/:slug"
    case documentFile = "van-ban/:slug/tep/:file"
    // MARK: radio (issue #11)
    case radioReplay = "nghe-lai"
    case radioAudio = "nghe-lai/:id/am-thanh"
}

/// A link to a public page, with its parameters.
enum SitePage: Equatable, Sendable {
    case home, about, contact, siteMap, search, feed, plans, events
    case categoryFeed(slug: String)
    case page(slug: String)
    case news(page: Int)
    case article(slug: String)
    case articleDownload(slug: String)
    case category(slug: String, page: Int)
    case procedures(level: String?, sector: String?)
    case procedure(code: String)
    case procedureForm(code: String, file: String)
    case procedureSheet(code: String)
    case sectorSheet(sector: String)
    case kiosk
    case kioskSector(sector: String)
    case kioskProcedure(sector: String, code: String)
    case reformHub
    case documents
    case document(slug: String)
    case documentFile(slug: String, file: String)
    // MARK: radio (issue #11)
    case radioReplay
    case radioAudio(id: String)

    var route: SiteRoute {
        switch self {
        case .home: .home
        case .about: .about
        case .contact: .contact
        case .news: .news
        case .article: .article
        case .articleDownload: .articleDownload
        case .category: .category
        case .siteMap: .siteMap
        case .search: .search
        case .feed: .feed
        case .categoryFeed: .categoryFeed
        case .page: .page
        case .plans: .plans
        case .events: .events
        case .procedures: .procedures
        case .procedure: .procedure
        case .procedureForm: .procedureForm
        case .procedureSheet: .procedureSheet
        case .sectorSheet: .sectorSheet
        case .kiosk: .kiosk
        case .kioskSector: .kioskSector
        case .kioskProcedure: .kioskProcedure
        case .reformHub: .reformHub
        case .documents: .documents
        case .document: .document
        case .documentFile: .documentFile
        // MARK: radio (issue #11)
        case .radioReplay: .radioReplay
        case .radioAudio: .radioAudio
        }
    }

    var relativePath: String {
        switch self {
        case .article(let slug), .articleDownload(let slug): route.path(["slug": slug])
        case .news(let page) where page > 1: route.path() + "?trang=\(page)"
        case .category(let slug, let page): route.path(["category": slug]) + (page > 1 ? "?trang=\(page)" : "")
        case .categoryFeed(let slug): route.path(["category": slug])
        case .page(let slug): route.path(["slug": slug])
        case .procedures(let level, let sector):
            route.path() + Self.query([("cap", level), ("linh-vuc", sector)])
        case .procedure(let code), .procedureSheet(let code): route.path(["code": code])
        case .procedureForm(let code, let file): route.path(["code": code, "file": file])
        case .sectorSheet(let sector), .kioskSector(let sector): route.path(["sector": sector])
        case .kioskProcedure(let sector, let code): route.path(["sector": sector, "code": code])
        case .document(let slug): route.path(["slug": slug])
        case .documentFile(let slug, let file): route.path(["slug": slug, "file": file])
        // MARK: radio (issue #11)
        case .radioAudio(let id): route.path(["id": id])
        default: route.path()
        }
    }
}

extension SitePage {
    /// `?a=1&b=2` from the pairs that have a value; "" when none does.
    static func query(_ pairs: [(String, String?)]) -> String {
        let items = pairs.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        guard !items.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = items
        return "?" + (components.percentEncodedQuery ?? "")
    }
}

/// Where a site is served in the current request: at `/` (primary site, or its own host name)
/// or under `/xa/<slug>/` of the main address.
struct SiteMount: Sendable, Equatable {
    static let prefixSegment = "xa"

    var prefix: String

    static let root = SiteMount(prefix: "")
    static func underPrefix(_ slug: String) -> SiteMount { SiteMount(prefix: "/\(prefixSegment)/\(slug)") }

    func path(_ page: SitePage) -> String {
        prefix + "/" + page.relativePath
    }
}

/// Back-office pages under `/quan-tri`.
enum AdminRoute: String, RoutePattern {
    static let base = "/quan-tri"

    case dashboard = ""
    case signIn = "dang-nhap"
    case signOut = "dang-xuat"
    case signOutEverywhere = "dang-xuat-moi-noi"
    case changePassword = "doi-mat-khau"
    case units = "don-vi"
    case newUnit = "don-vi/moi"
    case unit = "don-vi/:id"
    case users = "nguoi-dung"
    case newUser = "nguoi-dung/moi"
    case user = "nguoi-dung/:id"
    case userGrants = "nguoi-dung/:id/vai-tro"
    case revokeGrant = "nguoi-dung/:id/vai-tro/:grant/thu-hoi"
    case resetPassword = "nguoi-dung/:id/cap-lai-mat-khau"
    case toggleUser = "nguoi-dung/:id/khoa"
    case audit = "nhat-ky"
    case articles = "tin-bai"
    case statistics = "thong-ke"
    case pages = "trang-tinh"
    case newPage = "trang-tinh/moi"
    case page = "trang-tinh/:id"
    case newArticle = "tin-bai/moi"
    case article = "tin-bai/:id"
    case articleTransition = "tin-bai/:id/chuyen-trang-thai"
    case articleHistory = "tin-bai/:id/lich-su"
    case articlePendingEdit = "tin-bai/:id/ban-sua-cho-duyet"
    case restoreRevision = "tin-bai/:id/lich-su/:revision/khoi-phuc"
    case articlePreviewLink = "tin-bai/:id/xem-truoc"
    // Procedures (issue #4).
    case procedures = "thu-tuc"
    case newProcedure = "thu-tuc/moi"
    case procedureReport = "thu-tuc/bao-cao"
    case procedure = "thu-tuc/:id"
    case procedureHistory = "thu-tuc/:id/lich-su"
    case restoreProcedureRevision = "thu-tuc/:id/lich-su/:revision/khoi-phuc"
    case retireProcedure = "thu-tuc/:id/bai-bo"
    case procedureForms = "thu-tuc/:id/mau"
    // Documents (issue #4).
    case documents = "van-ban"
    case newDocument = "van-ban/moi"
    case document = "van-ban/:id"
    case system = "he-thong"
    case media = "thu-vien"
    case mediaItem = "thu-vien/:id"
    case slides = "trinh-chieu"
    case deleteSlide = "trinh-chieu/:id/xoa"
    case links = "lien-ket"
    case plans = "ke-hoach"
    case newPlan = "ke-hoach/moi"
    case plan = "ke-hoach/:id"
    case planItems = "ke-hoach/:id/muc"
    case planActivityReports = "ke-hoach/:id/bao-cao-hoat-dong"
    case planReport = "ke-hoach/:id/bao-cao"
    case planPush = "ke-hoach/:id/giao-xuong"
    case reviewActivityReport = "bao-cao-hoat-dong/:id/danh-gia"
    case confirmActivityReport = "bao-cao-hoat-dong/:id/xac-nhan"
    case reportAttachment = "bao-cao-hoat-dong/:id/tep/:file"
    case events = "su-kien"
    case evaluation = "danh-gia"
    case inspections = "danh-gia/kiem-tra"
    case criteria = "danh-gia/tieu-chi"
    case deleteLink = "lien-ket/:id/xoa"
    case bodyPreview = "xem-truoc-noi-dung"
    // MARK: radio (issue #11)
    case radioStations = "truyen-thanh"
    case newRadioStation = "truyen-thanh/moi"
    case radioStation = "truyen-thanh/:id"
    case radioClusters = "truyen-thanh/:id/cum-loa"
    case radioSlots = "truyen-thanh/:id/lich-phat"
    case radioBulletins = "truyen-thanh/ban-tin"
    case newRadioBulletin = "truyen-thanh/ban-tin/moi"
    case radioBulletin = "truyen-thanh/ban-tin/:id"
    case approveRadioBulletin = "truyen-thanh/ban-tin/:id/duyet"
    case radioBulletinAudio = "truyen-thanh/ban-tin/:id/am-thanh"
    case startRadioEmergency = "truyen-thanh/ban-tin/:id/phat-khan-cap"
    case endRadioEmergency = "truyen-thanh/khan-cap/:id/ket-thuc"

    /// Absolute path of this back-office page. Code links through `AdminPage`, whose cases carry the
    /// parameters, so a missing one cannot compile; this stays as its implementation.
    func link(_ parameters: [String: String] = [:]) -> String {
        let relative = path(parameters)
        return relative.isEmpty ? Self.base : Self.base + "/" + relative
    }
}

/// Paths outside any site: machine endpoints and static assets.
enum SystemRoute: String, RoutePattern {
    case health = "healthz"
    case sitemapXML = "sitemap.xml"
    case robots = "robots.txt"
    case assets = "static/:file"
    case preview = "xem-truoc/:token"
    case media = "media/:file"
    // MARK: radio (issue #11)
    case radioHeartbeat = "radio/heartbeat"
}

/// The read-only JSON API (issue #3); `/api/openapi.json` describes exactly these.
enum APIRoute: String, RoutePattern {
    case sites = "api/v1/sites"
    case categories = "api/v1/sites/:site/categories"
    case articles = "api/v1/sites/:site/articles"
    case article = "api/v1/sites/:site/articles/:slug"
    case search = "api/v1/search"
    case procedures = "api/v1/sites/:site/procedures"
    case procedure = "api/v1/sites/:site/procedures/:code"
    case documents = "api/v1/sites/:site/documents"
    case document = "api/v1/sites/:site/documents/:slug"
    case openAPI = "api/openapi.json"

    /// The pattern in OpenAPI's spelling: `/api/v1/sites/{site}`.
    var openAPIPath: String {
        "/" + rawValue.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }
}
