import FluentKit
import Foundation
import LoaCore
import Testing

@testable import App

/// Issue #11's demo world: every commune has a station with clusters, bulletins and daily slots, and the
/// seed plan's radio items are filled from the stations' as-run log, not from typed reports.
@Suite struct DemoRadioTests {
    @Test(arguments: TestDatabase.engines)
    func everyCommuneHasAStationRelayingTheDistrictWithClustersBulletinsAndSlots(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let stations = try await RadioStationRecord.query(on: app.db).all()
            #expect(stations.count == DemoWorld.communes.count + 1)
            let top = try #require(stations.first { $0.$parent.id == nil })
            let communes = stations.filter { $0.$parent.id == top.id }
            #expect(communes.count == DemoWorld.communes.count)
            #expect(communes.allSatisfy { $0.relaysParent })
            for station in stations {
                let id = try station.requireID()
                let clusters = try await LoudspeakerCluster.query(on: app.db).filter(\.$station.$id == id).count()
                #expect((3...5).contains(clusters), "\(station.name) has \(clusters) clusters")
                let bulletins = try await RadioBulletinRecord.query(on: app.db).filter(\.$station.$id == id).all()
                #expect((1...2).contains(bulletins.count) && bulletins.allSatisfy { $0.bulletinState == .approved && $0.bulletinSource == .article })
                let slots = try await RadioSlotRecord.query(on: app.db).filter(\.$station.$id == id).all()
                #expect(Set(slots.map(\.timeOfDay)) == ["05:30", "17:00"] && slots.allSatisfy { $0.repeats == "daily" })
            }
            // Each station's slots are all its own and valid: the playout decides on the demo without error.
            let decision = try await RadioFeature.playoutEngine(app.services, logger: TestDatabase.logger).tick()
            #expect(decision.stations.count == stations.count)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theSeedPlansRadioItemsAreFilledFromTheAsRunLog(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let plan = try await PlanTests.demoPlan(app)
            let radioItems = try await PlanItem.query(on: app.db).filter(\.$plan.$id == plan.requireID())
                .filter(\.$indicator == PlanIndicator.broadcasts.rawValue).all()
            #expect(radioItems.count == DemoWorld.communes.count)
            // No typed report stands for them any more.
            #expect(try await ActivityReport.query(on: app.db).filter(\.$item.$id ~~ radioItems.compactMap(\.id)).count() == 0)

            let service = PlanProgressService(db: app.db, sources: PlanProgressService.standardSources())
            let summary = try await service.summary(of: plan, on: DemoWorld.day(DemoWorld.planYear, 12, 31))
            let achieved = summary.items.filter { $0.item.indicatorKind == .broadcasts }.map(\.progress.achieved)
            // Four evening plays a month; the last two communes' stations missed two in April, August and December.
            #expect(achieved == [48, 48, 48, 48, 42, 42])

            // A play that was missed counts nothing; one cut after it began counts.
            let first = try #require(try await RadioAsRunEntry.query(on: app.db).sort(\.$plannedStart).first())
            first.result = RadioAsRunEntry.Result.missed.rawValue
            try await first.save(on: app.db)
            let after = try await service.summary(of: plan, on: DemoWorld.day(DemoWorld.planYear, 12, 31))
            #expect(after.items.filter { $0.item.indicatorKind == .broadcasts }.map(\.progress.achieved).reduce(0, +) == 275)
        }
    }
}
