import Foundation

/// Demo news written for Loa in the spirit of the seed page (a district's plan to communicate
/// administrative reform): its contents, its channels and the units responsible.
extension DemoWorld {
    static let districtArticles: [DemoArticle] = [
        DemoArticle(
            title: "Công tác tuyên truyền về cải cách hành chính năm 2020 trên địa bàn huyện Tân Phú Đông",
            summary:
                "UBND huyện triển khai kế hoạch tuyên truyền cải cách hành chính năm 2020 với bốn nhóm nội dung và nhiều hình thức phù hợp với từng đối tượng.",
            body: """
                Để người đứng đầu các cơ quan, đơn vị và UBND các xã chủ động hơn trong việc đưa cải cách hành chính đến gần người dân, UBND huyện Tân Phú Đông ban hành kế hoạch tuyên truyền năm 2020.

                ## Nội dung tuyên truyền

                - Ý nghĩa và tác động của cải cách hành chính đối với sự phát triển kinh tế - xã hội của huyện.
                - Các văn bản chỉ đạo của tỉnh và huyện về cải cách hành chính.
                - Trách nhiệm của cấp ủy và người đứng đầu cơ quan, đơn vị.
                - Những mô hình giải quyết thủ tục hành chính hiệu quả cần được nhân rộng.

                ## Hình thức thực hiện

                Kế hoạch sử dụng hệ thống truyền thanh huyện và xã, Trang thông tin điện tử của huyện, các lớp tập huấn, hội nghị, và việc niêm yết công khai thủ tục hành chính tại Bộ phận tiếp nhận và trả kết quả cấp huyện, cấp xã.

                Trung tâm Văn hóa - Thể thao và Truyền thanh thường xuyên đưa tin; Văn phòng HĐND và UBND cập nhật văn bản và bộ thủ tục hành chính cấp huyện lên trang thông tin điện tử; Phòng Nội vụ hướng dẫn, kiểm tra và đánh giá kết quả thực hiện.
                """,
            author: "MINH QUANG",
            tags: ["cải cách hành chính", "tuyên truyền"],
            // 27/04/2020, 09:30 in Vietnam (UTC+7), as the seed page is dated.
            publishedAt: Date(timeIntervalSince1970: 1_587_954_600)),
        DemoArticle(
            title: "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ một cửa các xã",
            summary:
                "Hơn 60 cán bộ, công chức làm việc tại Bộ phận tiếp nhận và trả kết quả cấp xã được hướng dẫn cách niêm yết và cập nhật thủ tục hành chính.",
            body: """
                Phòng Nội vụ phối hợp với Văn phòng HĐND và UBND huyện tổ chức lớp tập huấn một ngày cho cán bộ một cửa của sáu xã.

                Học viên được hướng dẫn cách tra cứu thủ tục trên Cơ sở dữ liệu quốc gia, cách niêm yết đúng quy định và cách trả lời khi người dân hỏi về hồ sơ, lệ phí, thời hạn giải quyết.
                """,
            author: "THU HƯƠNG",
            tags: ["cải cách hành chính", "thủ tục hành chính"]),
        DemoArticle(
            title: "Đài truyền thanh các xã tăng thời lượng phát tin về dịch vụ công trực tuyến",
            summary: "Mỗi đài truyền thanh xã phát ít nhất bốn bản tin mỗi tháng về cải cách hành chính và dịch vụ công trực tuyến.",
            body: """
                Theo kế hoạch của huyện, các bản tin ngắn hướng dẫn người dân nộp hồ sơ trực tuyến được phát vào buổi sáng và buổi chiều trên hệ thống loa của các ấp.

                Người dân có thể nghe lại nội dung bản tin trên trang thông tin điện tử của huyện.
                """,
            author: "VĂN ĐỨC",
            category: "tin-tuc-su-kien",
            tags: ["truyền thanh", "dịch vụ công trực tuyến"]),
        DemoArticle(
            title: "Thông báo lịch tiếp nhận hồ sơ tại Bộ phận một cửa huyện",
            summary: "Bộ phận tiếp nhận và trả kết quả huyện làm việc từ thứ Hai đến sáng thứ Bảy; buổi sáng thứ Bảy chỉ tiếp nhận, không trả kết quả.",
            body: """
                Bộ phận tiếp nhận và trả kết quả huyện Tân Phú Đông thông báo thời gian làm việc như sau:

                | Ngày | Buổi sáng | Buổi chiều |
                |---|---|---|
                | Thứ Hai đến thứ Sáu | 7 giờ 00 – 11 giờ 30 | 13 giờ 30 – 17 giờ 00 |
                | Thứ Bảy | 7 giờ 30 – 11 giờ 30 (chỉ tiếp nhận) | Nghỉ |

                Người dân nên **mang theo căn cước** và tra cứu trước thành phần hồ sơ trên trang thông tin điện tử của huyện.
                """,
            author: "VĂN PHÒNG HĐND VÀ UBND",
            category: "thong-bao",
            tags: ["một cửa", "thông báo"]),
    ]

    static func communeArticles(_ commune: String) -> [DemoArticle] {
        [
            DemoArticle(
                title: "Xã \(commune) niêm yết công khai bộ thủ tục hành chính cấp xã",
                summary: "Bộ phận tiếp nhận và trả kết quả xã \(commune) đã cập nhật bảng niêm yết theo quyết định công bố mới nhất.",
                body: """
                    Bảng niêm yết đặt tại trụ sở UBND xã \(commune) ghi rõ thành phần hồ sơ, thời hạn giải quyết và lệ phí của từng thủ tục.

                    Người dân có thể tra cứu cùng nội dung trên trang thông tin điện tử của xã.
                    """,
                author: "NGỌC HÂN",
                tags: ["thủ tục hành chính", "niêm yết"])
        ]
    }
}
