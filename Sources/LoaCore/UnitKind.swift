/// Level of an administrative unit (or a government agency attached to one).
public enum UnitKind: String, CaseIterable, Codable, Sendable {
    case province, district, commune, agency

    public var vietnameseName: String {
        switch self {
        case .province: "Tỉnh/Thành phố"
        case .district: "Huyện/Quận/Thị xã"
        case .commune: "Xã/Phường/Thị trấn"
        case .agency: "Cơ quan, đơn vị"
        }
    }

    /// Parses the level words of Vietnam's official list of administrative units and the
    /// English raw values. Case and diacritic-insensitive. nil if unknown.
    ///
    /// A bare "Thành phố" is a district-level city (thuộc tỉnh); the centrally governed
    /// cities are written "Thành phố Trung ương" in the official list.
    public init?(parsing text: String) {
        guard let kind = Self.wordsByFoldedText[VietnameseText.fold(text)] else { return nil }
        self = kind
    }

    /// Which kinds may be a child of this kind.
    public func canContain(_ child: UnitKind) -> Bool {
        switch self {
        case .province: child != .province
        case .district: child == .commune || child == .agency
        case .commune, .agency: child == .agency
        }
    }

    /// Keys are already folded, so look-ups ignore case and diacritics.
    private static let wordsByFoldedText: [String: UnitKind] = {
        var table: [String: UnitKind] = [
            "tinh": .province,
            "thanh pho trung uong": .province,
            "thanh pho truc thuoc trung uong": .province,
            "huyen": .district,
            "quan": .district,
            "thi xa": .district,
            "thanh pho": .district,
            "thanh pho thuoc tinh": .district,
            "thanh pho thuoc thanh pho truc thuoc trung uong": .district,
            "xa": .commune,
            "phuong": .commune,
            "thi tran": .commune,
            "dac khu": .commune,
            "co quan": .agency,
            "don vi": .agency,
        ]
        // Round-trip what the application itself displays and stores.
        for kind in UnitKind.allCases {
            table[kind.rawValue] = kind
            table[VietnameseText.fold(kind.vietnameseName)] = kind
        }
        return table
    }()
}
