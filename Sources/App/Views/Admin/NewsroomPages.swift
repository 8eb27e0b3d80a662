import LoaCore

/// Page models of the newsroom's back-office pages.
struct ArticleListPage: Sendable {
    struct Row: Sendable { var title, href, state, site, updated: String }
    var shell: AdminShell
    var newHref: String
    var total: Int
    var states: [SelectOption]
    var sites: [SelectOption]
    var mine: Bool
    var from: String
    var to: String
    var rows: [Row]
    var page: Int
    var nextHref: String?
    var previousHref: String?
}

struct ArticleEditorPage: Sendable {
    struct Button: Sendable {
        var action: String
        var transition: String
        var label: String
        var needsComment: Bool
        var isPublish: Bool
    }

    var shell: AdminShell
    var heading: String
    var action: String
    var isNew: Bool
    var canEdit: Bool
    var version: Int
    var siteName: String
    var siteSlug: String
    var sites: [SelectOption]
    var title, summary, body, author, tags: String
    var categories: [SelectOption]
    var state: String?
    var workflowComment: String?
    var transitions: [Button]
    var historyHref: String?
    var previewAction: String?
    var publicHref: String?
    var errors: [FieldProblem]
}

struct ArticleHistoryPage: Sendable {
    struct Revision: Sendable {
        var number: Int
        var note, editor, time, compareHref: String
        var restoreAction: String?
    }
    struct DiffLine: Sendable { var kind, marker, text: String }

    var shell: AdminShell
    var title: String
    var editHref: String
    var revisions: [Revision]
    var a: Int
    var b: Int
    var diff: [DiffLine]
}

struct PreviewLinkPage: Sendable {
    var shell: AdminShell
    var title: String
    var link: String
    var expires: String
    var editHref: String
}
