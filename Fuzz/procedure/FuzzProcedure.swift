import Foundation
import LoaCore

// libFuzzer target for the procedure parser, JSON and CSV (built by scripts/fuzz.sh).
// Beyond "no crash": every refused record names its reason.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProcedure(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    for outcome in ProcedureParser.parseJSON(bytes, source: "fuzz.json") + ProcedureParser.parseCSV(String(decoding: bytes, as: UTF8.self), source: "fuzz.csv") {
        if case .failure(let errors) = outcome, errors.issues.isEmpty || errors.issues.contains(where: { $0.reason.isEmpty }) {
            fatalError("a refused record without a reason")
        }
    }
    return 0
}
