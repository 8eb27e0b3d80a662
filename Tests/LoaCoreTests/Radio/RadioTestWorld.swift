import Foundation

@testable import LoaCore

/// The seed's world for radio tests: Tân Phú Đông district station and three of its communes, on
/// Monday 27/04/2020 (the seed page's date).
enum RadioTestWorld {
    static let day = CalendarDay(year: 2020, month: 4, day: 27)
    static let district = RadioStation(id: "H", name: "Đài huyện Tân Phú Đông")
    static let tanThoi = RadioStation(id: "X1", name: "Đài xã Tân Thới", parentID: "H")
    static let tanPhu = RadioStation(id: "X2", name: "Đài xã Tân Phú", parentID: "H")
    static let phuThanh = RadioStation(id: "X3", name: "Đài xã Phú Thạnh", parentID: "H", relaysParent: false)
    static let stations = [district, tanThoi, tanPhu, phuThanh]

    /// The instant of hh:mm on the test day, in Vietnam.
    static func at(_ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
        RadioTimeOfDay(hour: hour, minute: minute)!.instant(on: day).addingTimeInterval(TimeInterval(second))
    }

    static func slot(
        _ id: String, _ target: RadioTarget, _ hour: Int, _ minute: Int, minutes: Double,
        priority: RadioPriority = .normal, bulletin: String? = nil, repeats: RadioRepeat = .daily
    ) -> RadioSlot {
        RadioSlot(
            id: id, label: "Bản tin \(id)", target: target, time: RadioTimeOfDay(hour: hour, minute: minute)!,
            repeats: repeats, duration: minutes * 60, bulletinID: bulletin ?? "b-\(id)", priority: priority)
    }
}
