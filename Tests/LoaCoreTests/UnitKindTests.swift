import LoaCore
import Testing

@Suite struct UnitKindTests {
    @Test(arguments: [
        ("Tỉnh", UnitKind.province),
        ("Thành phố Trung ương", .province),
        ("thành phố trực thuộc trung ương", .province),
        ("Huyện", .district),
        ("QUẬN", .district),
        ("Thị xã", .district),
        ("Thành phố", .district),
        ("Xã", .commune),
        ("  phuong ", .commune),
        ("Thị trấn", .commune),
        ("Đặc khu", .commune),
        ("Cơ quan", .agency),
        ("agency", .agency),
        ("province", .province),
        ("commune", .commune),
        ("Xã/Phường/Thị trấn", .commune),
    ])
    func parsesLevelWords(text: String, expected: UnitKind) {
        #expect(UnitKind(parsing: text) == expected)
    }

    @Test(arguments: ["Ấp", "Thôn", "", "tỉnh thành", "village"])
    func rejectsUnknownWords(text: String) {
        #expect(UnitKind(parsing: text) == nil)
    }

    @Test func vietnameseNames() {
        #expect(UnitKind.province.vietnameseName == "Tỉnh/Thành phố")
        #expect(UnitKind.district.vietnameseName == "Huyện/Quận/Thị xã")
        #expect(UnitKind.commune.vietnameseName == "Xã/Phường/Thị trấn")
        #expect(UnitKind.agency.vietnameseName == "Cơ quan, đơn vị")
    }

    @Test func containmentRules() {
        let allowed: [UnitKind: Set<UnitKind>] = [
            .province: [.district, .commune, .agency],
            .district: [.commune, .agency],
            .commune: [.agency],
            .agency: [.agency],
        ]
        for parent in UnitKind.allCases {
            for child in UnitKind.allCases {
                #expect(parent.canContain(child) == allowed[parent]!.contains(child), "\(parent) ⊃ \(child)")
            }
        }
    }
}
