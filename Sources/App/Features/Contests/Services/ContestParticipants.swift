import Crypto
import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Registration, sign-in and sessions of participants (decision 0018): phone number and a password
/// hashed with bcrypt as for staff; a long-lived session unless the computer is shared.
struct ContestParticipants: Sendable {
    let db: any Database
    let clients: Clients
    let hasher: PasswordHasher

    static let sessionLifetime: TimeInterval = 60 * 86_400
    /// A "shared computer" session: the cookie ends with the browser, the row after a day at most.
    static let sharedSessionLifetime: TimeInterval = 86_400
    static let passwordMinimum = 8
    static let passwordMaximum = 72

    struct Registration: Sendable {
        var fullName, phone, password, confirmation, unit, group, citizenID: String
    }

    /// The checked registration, or the problems of each field (Vietnamese, field names of the form).
    func register(_ input: Registration, contest: ContestRecord, scope: ContestScope) async throws -> ContestParticipantRecord {
        let tree = scope.tree
        var problems: [FieldProblem] = []
        if let problem = PersonName.problem(input.fullName) { problems.append(problem) }
        var phone: VietnamesePhoneNumber?
        do { phone = try VietnamesePhoneNumber(input.phone) } catch { problems.append(error) }
        problems += Self.passwordProblems(input.password, confirmation: input.confirmation, phone: phone)
        let unitID = UUID(uuidString: input.unit)
        if unitID.map({ id in tree.nodes[id].map { !$0.isRetired } == true && tree.ancestry(of: id).contains(scope.root(of: contest)) }) != true {
            problems.append(FieldProblem(field: "unit", message: "Vui lòng chọn đơn vị công tác hoặc nơi cư trú trong danh sách."))
        }
        let groups = contest.groupList
        if !groups.isEmpty, !groups.contains(input.group) {
            problems.append(FieldProblem(field: "group", message: "Vui lòng chọn đối tượng dự thi trong danh sách."))
        }
        var citizenID: CitizenIDNumber?
        if !input.citizenID.trimmingCharacters(in: .whitespaces).isEmpty {
            do { citizenID = try CitizenIDNumber(input.citizenID) } catch { problems.append(error) }
        }
        let contestID = try contest.requireID()
        if let phone,
            try await ContestParticipantRecord.query(on: db).filter(\.$contest.$id == contestID).filter(\.$phone == phone.canonical).count() > 0
        {
            problems.append(Self.duplicatePhone(phone))
        }
        let idHash = citizenID.map { Self.citizenIDHash($0, key: contest.idHashKey) }
        if let idHash,
            try await ContestParticipantRecord.query(on: db).filter(\.$contest.$id == contestID).filter(\.$citizenIDHash == idHash).count() > 0
        {
            problems.append(FieldProblem(field: "citizenID", message: "Số định danh cá nhân này đã được dùng để đăng ký cuộc thi."))
        }
        guard problems.isEmpty, let phone, let unitID else { throw ContestFailure.form(problems) }
        let participant = ContestParticipantRecord()
        participant.$contest.id = contestID
        participant.phone = phone.canonical
        participant.passwordHash = try await hasher.hash(input.password)
        participant.fullName = PersonName.normalized(input.fullName)
        participant.$unit.id = unitID
        participant.group = groups.isEmpty ? "" : input.group
        participant.citizenIDHash = idHash
        participant.citizenIDMasked = citizenID?.masked
        do {
            try await participant.create(on: db)
        } catch {
            // Two registrations of one number at the same moment: the unique constraint decides.
            if try await ContestParticipantRecord.query(on: db).filter(\.$contest.$id == contestID).filter(\.$phone == phone.canonical).count() > 0 {
                throw ContestFailure.form([Self.duplicatePhone(phone)])
            }
            throw error
        }
        return participant
    }

    static func duplicatePhone(_ phone: VietnamesePhoneNumber) -> FieldProblem {
        FieldProblem(
            field: "phone",
            message: "Số điện thoại \(phone.canonical) đã đăng ký cuộc thi này; hãy đăng nhập, hoặc liên hệ ban tổ chức nếu quên mật khẩu.")
    }

    /// The participants' lighter policy (decision 0018): 8 characters, not the phone number.
    static func passwordProblems(_ password: String, confirmation: String, phone: VietnamesePhoneNumber?) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if password.count < passwordMinimum || password.count > passwordMaximum {
            problems.append(FieldProblem(field: "password", message: "Mật khẩu phải có từ \(passwordMinimum) đến \(passwordMaximum) ký tự."))
        } else if let phone, password.filter(\.isNumber).contains(phone.canonical.dropFirst()) {
            problems.append(FieldProblem(field: "password", message: "Mật khẩu không được chứa số điện thoại của bạn."))
        } else if Set(password).count < 3 {
            problems.append(FieldProblem(field: "password", message: "Mật khẩu quá dễ đoán; hãy dùng ít nhất 3 ký tự khác nhau."))
        }
        if password != confirmation {
            problems.append(FieldProblem(field: "confirmation", message: "Mật khẩu nhập lại không khớp."))
        }
        return problems
    }

    /// HMAC-SHA-256 of the canonical number under the contest's key, hex.
    static func citizenIDHash(_ number: CitizenIDNumber, key: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(number.canonical.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    enum SignInOutcome {
        case signedIn(ContestParticipantRecord)
        case rejected
        case throttled(retryAfterSeconds: Int)
    }

    /// Phone and password checked under `LoginThrottle` (decision 0013), keyed on the contest and the
    /// canonical number, and on the address; recorded in the staff's `login_attempts` table under keys
    /// of their own ("thi:…"), so a participant's failures never slow a clerk's sign-in.
    func signIn(contest: ContestRecord, phone typed: String, password: String, ip: String) async throws -> SignInOutcome {
        let now = clients.now()
        let phone = try? VietnamesePhoneNumber(typed)
        let account = "thi:\(try contest.requireID().uuidString):\(phone?.canonical ?? String(typed.prefix(40)))"
        let address = "thi:\(ip)"
        let since = now.addingTimeInterval(-LoginThrottle().window)
        func failures(_ query: QueryBuilder<LoginAttempt>) async throws -> [Date] {
            try await query.filter(\.$succeeded == false).filter(\.$createdAt >= since).sort(\.$createdAt, .descending).limit(256).all()
                .map(\.createdAt)
        }
        let lastSuccess = try await LoginAttempt.query(on: db).filter(\.$email == account).filter(\.$succeeded == true)
            .filter(\.$createdAt >= since).sort(\.$createdAt, .descending).first()?.createdAt
        let accountFailures = try await failures(LoginAttempt.query(on: db).filter(\.$email == account)).filter { $0 > (lastSuccess ?? since) }
        let addressFailures = try await failures(LoginAttempt.query(on: db).filter(\.$ip == address))
        if let wait = LoginThrottle().retryAfter(accountFailures: accountFailures, addressFailures: addressFailures, now: now) {
            return .throttled(retryAfterSeconds: wait)
        }
        var participant: ContestParticipantRecord?
        if let phone, password.count <= Self.passwordMaximum {
            participant = try await ContestParticipantRecord.query(on: db).filter(\.$contest.$id == contest.requireID())
                .filter(\.$phone == phone.canonical).first()
        }
        let candidate = password.count <= Self.passwordMaximum ? password : String(password.prefix(Self.passwordMaximum))
        let matches = try await hasher.verify(candidate, hash: participant?.passwordHash ?? PasswordHasher.decoyHash)
        let accepted = matches ? participant : nil
        try await LoginAttempt(email: account, ip: address, succeeded: accepted != nil, at: now).create(on: db)
        return accepted.map { .signedIn($0) } ?? .rejected
    }

    /// A new session; returns the token for the cookie (the database keeps its digest).
    func openSession(for participant: ContestParticipantRecord, shared: Bool) async throws -> (token: String, session: ContestSessionRecord) {
        let token = clients.randomToken(32)
        let session = ContestSessionRecord()
        session.$participant.id = try participant.requireID()
        session.tokenHash = TokenHash.sha256Hex(token)
        session.csrfToken = clients.randomToken(32)
        session.persistent = !shared
        session.expiresAt = clients.now().addingTimeInterval(shared ? Self.sharedSessionLifetime : Self.sessionLifetime)
        try await session.create(on: db)
        return (token, session)
    }

    /// The organiser's answer to "I forgot my password" (decision 0022): a new random password, shown
    /// once to the organiser who tells the person; every session of the person ends.
    func resetPassword(contest: ContestRecord, phone typed: String) async throws -> (participant: ContestParticipantRecord, password: String) {
        let phone: VietnamesePhoneNumber
        do { phone = try VietnamesePhoneNumber(typed) } catch { throw ContestFailure.form([FieldProblem(field: "reset_phone", message: error.message)]) }
        guard
            let participant = try await ContestParticipantRecord.query(on: db).filter(\.$contest.$id == contest.requireID())
                .filter(\.$phone == phone.canonical).first()
        else {
            throw ContestFailure.form([
                FieldProblem(field: "reset_phone", message: "Không có người dự thi nào đăng ký cuộc thi này bằng số \(phone.canonical).")
            ])
        }
        // Ten letters and digits without look-alikes (0/O, 1/l/I), easy to read out over the phone.
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let password = String(clients.randomToken(16).utf8.prefix(10).map { alphabet[Int($0) % alphabet.count] })
        participant.passwordHash = try await hasher.hash(password)
        let participantID = try participant.requireID()
        try await db.writeTransaction { db in
            try await participant.update(on: db)
            try await ContestSessionRecord.query(on: db).filter(\.$participant.$id == participantID).delete()
        }
        return (participant, password)
    }

    /// Who a session cookie signs in, as the participants' pages need it.
    struct SignedIn: Sendable {
        var id: UUID
        var contestID: UUID
        var fullName: String
        var csrfToken: String
    }

    /// The participant of an unexpired session. One plain query: every participant's request asks it.
    func session(token: String) async throws -> SignedIn? {
        guard token.utf8.count <= 100 else { return nil }
        guard
            let row = try await db.sql.raw(
                """
                SELECT p.id, p.contest_id, p.full_name, s.csrf_token FROM contest_sessions s
                JOIN contest_participants p ON p.id = s.participant_id
                WHERE s.token_hash = \(bind: TokenHash.sha256Hex(token)) AND s.expires_at > \(bind: clients.now())
                """
            ).first()
        else { return nil }
        return SignedIn(
            id: try row.decode(column: "id", as: UUID.self), contestID: try row.decode(column: "contest_id", as: UUID.self),
            fullName: try row.decode(column: "full_name", as: String.self), csrfToken: try row.decode(column: "csrf_token", as: String.self))
    }

    func closeSession(token: String) async throws {
        try await ContestSessionRecord.query(on: db).filter(\.$tokenHash == TokenHash.sha256Hex(token)).delete()
    }
}
