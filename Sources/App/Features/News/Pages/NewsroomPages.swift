import LoaCore

/// Page models of the newsroom's back-office pages.
struct ArticleListPage: Sendable {
    struct Row: Sendable { var title, href, state, site, updated: String }
    var shell: AdminShell
    var newHref: String
    var total: Int
    var states: [SelectOption]
    var sites: [SelectOption]
    var categories: [SelectOption]
    var writers: [SelectOption]
    var mine: Bool
    var from: String
    var to: String
    var rows: [Row]
    var pager: Pager
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
    /// An image of the site's library: the toolbar inserts it, the form may make it the featured image.
    struct LibraryImage: Sendable { var id, thumbnail, alt, markdown: String; var featured: Bool }

    var title, summary, body, author, tags: String
    var images: [LibraryImage]
    var mediaHref: String
    /// Where the editor's script posts the body for the live preview.
    var previewAction: String
    /// The browser-storage key of this article's autosaved draft.
    var draftKey: String
    var categories: [SelectOption]
    var state: String?
    var workflowComment: String?
    var transitions: [Button]
    var historyHref: String?
    /// "Gửi lên đài": a radio bulletin drafted from this published article (issue #11).
    var radioHref: String?
    var previewLinkAction: String?
    /// An edit of the public text that waits for an approver; `decideAction` only for those who may
    /// decide (a name of its own: Mustache would find the page's `action` for a missing one).
    struct PendingEdit: Sendable { var notice: String; var decideAction: String? }
    var pendingEdit: PendingEdit?
    /// A save by this person will wait for an approver instead of changing the public page.
    var savesAsPendingEdit: Bool
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
    /// Part of the two texts was too different to compare line by line: it is shown removed, then added.
    var approximate: Bool
}

struct PreviewLinkPage: Sendable {
    var shell: AdminShell
    var title: String
    var link: String
    var expires: String
    var editHref: String
}
