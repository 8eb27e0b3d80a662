import Foundation

/// Charts drawn on the server as SVG: readable without JavaScript, printable, and always next to a
/// table with the same numbers (the table is what screen readers use; the SVG is `aria-hidden`).
enum SVGChart {
    struct Bar: Sendable {
        var label: String
        /// 0…100.
        var percent: Int
        var met: Bool
    }

    /// One horizontal bar per item: percent of target reached, green when met.
    static func progressBars(_ bars: [Bar]) -> String {
        let rowHeight = 26, labelWidth = 240, barWidth = 300, width = labelWidth + barWidth + 60
        let height = max(1, bars.count) * rowHeight + 10
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" aria-hidden=\"true\" focusable=\"false\">"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 5
            let filled = barWidth * max(0, min(100, bar.percent)) / 100
            let label = bar.label.count > 38 ? String(bar.label.prefix(37)) + "…" : bar.label
            svg += "<text x=\"0\" y=\"\(y + 16)\" font-size=\"12\" fill=\"#1a1a1a\">\(HTML.escape(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(barWidth)\" height=\"16\" fill=\"#e8e8e8\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(filled)\" height=\"16\" fill=\"\(bar.met ? "#0b6b3a" : "#a50e24")\"/>"
            svg += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 16)\" font-size=\"12\" fill=\"#1a1a1a\">\(bar.percent)%</text>"
        }
        return svg + "</svg>"
    }

    /// Twelve columns: evidence recorded in each month.
    static func monthly(_ counts: [(month: Int, count: Int)]) -> String {
        let width = 12 * 40 + 20, height = 140, plot = 100
        let highest = max(1, counts.map(\.count).max() ?? 1)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" aria-hidden=\"true\" focusable=\"false\">"
        for entry in counts {
            let x = 10 + (entry.month - 1) * 40
            let barHeight = plot * entry.count / highest
            svg += "<rect x=\"\(x + 6)\" y=\"\(10 + plot - barHeight)\" width=\"28\" height=\"\(barHeight)\" fill=\"#0b4f9c\"/>"
            svg += "<text x=\"\(x + 20)\" y=\"\(8 + plot - barHeight)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a1a1a\">\(entry.count)</text>"
            svg += "<text x=\"\(x + 20)\" y=\"\(plot + 28)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a1a1a\">T\(entry.month)</text>"
        }
        return svg + "</svg>"
    }
}
