import Foundation

/// What the public form sends (issue #15), checked before anything is stored. A sender gives a phone
/// number, an e-mail address or both: either is what they type back, with the tracking code, to
/// follow the item.
public struct FeedbackSubmission: Sendable, Equatable {
    public static let titleMax = 200
    public static let contentMax = 5000
    public static let contentMin = 20
    /// Photos or scans a sender may attach: a few pictures of what they report, small enough for a
    /// phone on a slow network to send and for the inbox to hold.
    public static let attachmentsMax = 3
    public static let attachmentMaxBytes = 5 << 20

    public var kind: String
    public var title: String
    public var content: String
    public var name: String
    public var phone: String
    public var email: String
    public var address: String
    public var consented: Bool

    public init(kind: String, title: String, content: String, name: String, phone: String, email: String, address: String, consented: Bool) {
        self.kind = kind
        self.title = title
        self.content = content
        self.name = name
        self.phone = phone
        self.email = email
        self.address = address
        self.consented = consented
    }

    /// The checked submission: its kind, and the phone in canonical form when one was given.
    public struct Checked: Sendable, Equatable {
        public var kind: FeedbackKind
        public var phone: String?
        public var email: String?

        public init(kind: FeedbackKind, phone: String?, email: String?) {
            self.kind = kind
            self.phone = phone
            self.email = email
        }
    }

    public enum Outcome: Sendable, Equatable {
        case accepted(Checked)
        /// Every problem at once, each on its field, so the sender fixes them in one go.
        case refused([FieldProblem])
    }

    public func check() -> Outcome {
        var problems: [FieldProblem] = []
        let kind = FeedbackKind(rawValue: kind)
        if kind == nil { problems.append(FieldProblem(field: "kind", message: "Vui lòng chọn loại câu hỏi, phản ánh.")) }
        problems += [
            FieldCheck.text(title, field: "title", label: "Tiêu đề", required: true, max: Self.titleMax),
            FieldCheck.text(content, field: "content", label: "Nội dung", required: true, max: Self.contentMax),
            FieldCheck.text(name, field: "name", label: "Họ và tên", required: true, max: 100),
            FieldCheck.text(address, field: "address", label: "Địa chỉ", required: false, max: 300),
        ].compactMap { $0 }
        let trimmedContent = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmedContent.isEmpty, trimmedContent.count < Self.contentMin {
            problems.append(FieldProblem(field: "content", message: "Nội dung cần ít nhất \(Self.contentMin) ký tự để cơ quan hiểu và trả lời được."))
        }
        let phoneText = phone.trimmingCharacters(in: .whitespacesAndNewlines)
        let emailText = email.trimmingCharacters(in: .whitespacesAndNewlines)
        var canonicalPhone: String?
        if !phoneText.isEmpty {
            do { canonicalPhone = try VietnamesePhoneNumber(phoneText).canonical } catch { problems.append(error) }
        }
        if !emailText.isEmpty, let problem = FieldCheck.email(emailText, field: "email") { problems.append(problem) }
        if phoneText.isEmpty, emailText.isEmpty {
            problems.append(FieldProblem(field: "phone", message: "Vui lòng cho biết số điện thoại hoặc địa chỉ email để nhận kết quả."))
        }
        if !consented {
            problems.append(
                FieldProblem(field: "consent", message: "Vui lòng đồng ý cho cơ quan xử lý dữ liệu cá nhân của bạn để giải quyết câu hỏi, phản ánh."))
        }
        guard problems.isEmpty, let kind else { return .refused(problems) }
        return .accepted(Checked(kind: kind, phone: canonicalPhone, email: emailText.isEmpty ? nil : emailText.lowercased()))
    }
}
