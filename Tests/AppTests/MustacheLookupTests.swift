import Foundation
import Mustache
import Testing

@testable import App

/// Page models that answer swift-mustache's lookups themselves (`MustacheLookups.swift`) must answer
/// every stored property: a name left out would render as nothing, silently.
@Suite struct MustacheLookupTests {
    /// The properties the lookup does not answer; a nil optional is answered by nil, so the samples
    /// below give every optional a value.
    static func answersEveryProperty(_ value: some MustacheParent) -> [String] {
        Mirror(reflecting: value).children.compactMap(\.label).filter { value.child(named: $0) == nil }
    }

    static var shell: PublicShell {
        let site = Site()
        site.id = UUID()
        site.$unit.id = UUID()
        site.slug = "xa-tan-thoi"
        site.name = "Xã Tân Thới"
        site.isPrimary = true
        site.introduction = "Cổng thông tin"
        site.ownerAgency = "UBND xã Tân Thới"
        site.responsiblePerson = "Nguyễn Văn A"
        site.address = "Ấp 1"
        site.phone = "0273 000 000"
        site.email = "ubnd@example.vn"
        return PublicShell(
            site: try! SiteInfo(site), mount: .root, baseURL: URL(string: "https://example.vn")!, current: .home, title: "Trang chủ",
            breadcrumbs: [MenuItem(label: "Trang chủ", href: "/")], now: Date())
    }

    @Test func theShellAndTheContestQuestionPageAnswerEveryField() {
        let shell = Self.shell
        #expect(Self.answersEveryProperty(shell) == [])
        #expect(Self.answersEveryProperty(shell.menu[0]) == [])
        #expect(Self.answersEveryProperty(shell.contact) == [])
        let page = PublicContestController.QuestionPage(
            shell: shell, title: "Cuộc thi", roundName: "Vòng 1", number: 1, count: 2, text: "Câu hỏi?", questionID: UUID().uuidString,
            options: [.init(position: 0, letter: "A", text: "Đúng", checked: false)],
            steps: [.init(number: 1, href: "/cau-1", answered: false, current: true)], action: "/tra-loi", csrf: "csrf", deadline: "10:00",
            deadlineISO: "2026-12-03T10:00:00+07:00", remainingSeconds: 60, nextHref: "/cau-2", submitHref: "/nop-bai", notice: "Đã lưu.",
            error: "Lỗi.")
        #expect(Self.answersEveryProperty(page) == [])
        #expect(Self.answersEveryProperty(page.options[0]) == [])
        #expect(Self.answersEveryProperty(page.steps[0]) == [])
    }

    @Test func aNilFieldRendersAsAbsent() throws {
        let template = try MustacheTemplate(string: "{{#error}}lỗi: {{error}}{{/error}}{{^error}}không lỗi{{/error}} {{shell.siteName}}")
        let shell = Self.shell
        let page = PublicContestController.QuestionPage(
            shell: shell, title: "", roundName: "", number: 1, count: 1, text: "", questionID: "", options: [], steps: [], action: "", csrf: "",
            deadline: "", deadlineISO: "", remainingSeconds: 0, nextHref: nil, submitHref: "", notice: nil, error: nil)
        #expect(template.render(page) == "không lỗi Xã Tân Thới")
        var failed = page
        failed.error = "Hết giờ <b>"
        #expect(template.render(failed) == "lỗi: Hết giờ &lt;b&gt; Xã Tân Thới")
    }
}
