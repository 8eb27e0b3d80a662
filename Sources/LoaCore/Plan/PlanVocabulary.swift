/// The vocabulary of a communication plan (issue #5), from the seed: what is communicated, through
/// which channel, and what is counted.

/// The four kinds of content the seed's plan lists, and anything else.
public enum PlanContent: String, CaseIterable, Codable, Sendable {
    case significance, directives, leaderDuties, goodModels, other

    public var vietnameseName: String {
        switch self {
        case .significance: "Mục đích, ý nghĩa, tầm quan trọng của cải cách hành chính"
        case .directives: "Văn bản chỉ đạo của tỉnh, huyện về cải cách hành chính"
        case .leaderDuties: "Trách nhiệm của người đứng đầu cơ quan, đơn vị"
        case .goodModels: "Mô hình hay, cách làm hiệu quả trong giải quyết thủ tục hành chính"
        case .other: "Nội dung khác"
        }
    }
}

/// Where the message goes.
public enum PlanChannel: String, CaseIterable, Codable, Sendable {
    case portal, radio, training, conference, posting, contest, leaflet, socialMedia, other

    public var vietnameseName: String {
        switch self {
        case .portal: "Trang thông tin điện tử"
        case .radio: "Hệ thống truyền thanh"
        case .training: "Lớp tập huấn, bồi dưỡng"
        case .conference: "Hội nghị, hội thảo, họp"
        case .posting: "Niêm yết công khai tại Bộ phận một cửa"
        case .contest: "Cuộc thi, hội thi"
        case .leaflet: "Tờ rơi, pa-nô, áp phích"
        case .socialMedia: "Mạng xã hội"
        case .other: "Hình thức khác"
        }
    }
}

/// What an item's target counts. Each indicator is fed by the evidence sources that record it.
public enum PlanIndicator: String, CaseIterable, Codable, Sendable {
    case newsItems, broadcasts, trainingClasses, participants, conferences, proceduresPosted, documentsPublished,
        contests, leaflets, socialPosts,
        /// Citizens' questions and feedback (issue #15): received by a unit's sites, and answered by the
        /// unit handling them within or after the 15 working days.
        feedbackReceived, feedbackAnsweredOnTime, feedbackAnsweredLate

    public var vietnameseName: String {
        switch self {
        case .newsItems: "Tin, bài đăng"
        case .broadcasts: "Lượt phát thanh"
        case .trainingClasses: "Lớp tập huấn"
        case .participants: "Lượt người tham dự"
        case .conferences: "Hội nghị"
        case .proceduresPosted: "Thủ tục được niêm yết"
        case .documentsPublished: "Văn bản được đăng"
        case .contests: "Cuộc thi"
        case .leaflets: "Tờ rơi, pa-nô"
        case .socialPosts: "Bài trên mạng xã hội"
        case .feedbackReceived: "Câu hỏi, phản ánh tiếp nhận"
        case .feedbackAnsweredOnTime: "Câu hỏi, phản ánh trả lời đúng hạn"
        case .feedbackAnsweredLate: "Câu hỏi, phản ánh trả lời quá hạn"
        }
    }

    /// The unit in which the number is read ("24 tin, bài").
    public var unitName: String {
        switch self {
        case .newsItems: "tin, bài"
        case .broadcasts: "lượt phát"
        case .trainingClasses: "lớp"
        case .participants: "lượt người"
        case .conferences: "hội nghị"
        case .proceduresPosted: "thủ tục"
        case .documentsPublished: "văn bản"
        case .contests: "cuộc thi"
        case .leaflets: "tờ, tấm"
        case .socialPosts: "bài"
        case .feedbackReceived, .feedbackAnsweredOnTime, .feedbackAnsweredLate: "câu hỏi, phản ánh"
        }
    }
}

/// What the inspector concluded about a unit's manual report.
public enum ReportReview: String, CaseIterable, Codable, Sendable {
    case pending, verified, questioned

    public var vietnameseName: String {
        switch self {
        case .pending: "Chờ kiểm tra"
        case .verified: "Đã xác minh"
        case .questioned: "Cần làm rõ"
        }
    }

    /// Questioned reports do not count until they are cleared.
    public var counts: Bool { self != .questioned }
}
