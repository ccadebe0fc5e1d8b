import Foundation

/// A minimal SVG line plot: one polyline with markers per series, axes with ticks, a
/// legend, optional horizontal reference lines and a logarithmic x axis. Writes the
/// plots of `Papers/` with nothing but this binary.
struct SVGPlot {
    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
        var dashed = false
        /// Draw the points only, for a few published figures that a line would misrepresent.
        var markersOnly = false
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var logX = false
    var yRange: ClosedRange<Double>?
    var series: [Series] = []
    var referenceLines: [(y: Double, label: String)] = []

    let width = 760.0
    let height = 460.0
    private let left = 70.0, right = 170.0, top = 40.0, bottom = 55.0
    private static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

    init(title: String, xLabel: String, yLabel: String, logX: Bool = false, yRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logX = logX
        self.yRange = yRange
    }

    func render() -> String {
        let xs = series.flatMap { $0.points.map(\.x) }.map(scaleX)
        let ys = series.flatMap { $0.points.map(\.y) } + referenceLines.map(\.y)
        let xMin = xs.min() ?? 0, xMax = max(xs.max() ?? 1, (xs.min() ?? 0) + 1e-9)
        let yLow = yRange?.lowerBound ?? (ys.min() ?? 0), yHigh = yRange?.upperBound ?? (ys.max() ?? 1)
        let yMin = yLow, yMax = max(yHigh, yLow + 1e-9)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func px(_ x: Double) -> Double { left + (scaleX(x) - xMin) / (xMax - xMin) * plotWidth }
        func py(_ y: Double) -> Double { top + (1 - (min(max(y, yMin), yMax) - yMin) / (yMax - yMin)) * plotHeight }

        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
        font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="22" font-size="15">\(escape(title))</text>
        <rect x="\(left)" y="\(top)" width="\(plotWidth)" height="\(plotHeight)" fill="none" stroke="#333"/>

        """
        for tick in xTicks(xMin, xMax) {
            let x = left + (scaleX(tick) - xMin) / (xMax - xMin) * plotWidth
            out += line(x, top, x, top + plotHeight, "#ddd")
            out += "<text x=\"\(f(x))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">\(label(tick))</text>\n"
        }
        for tick in Self.niceTicks(yMin, yMax) {
            out += line(left, py(tick), left + plotWidth, py(tick), "#ddd")
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(label(tick))</text>\n"
        }
        for reference in referenceLines {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(py(reference.y)))\" x2=\"\(f(left + plotWidth))\" "
                + "y2=\"\(f(py(reference.y)))\" stroke=\"#000\" stroke-dasharray=\"2,3\"/>\n"
            out += "<text x=\"\(f(left + plotWidth - 4))\" y=\"\(f(py(reference.y) - 4))\" text-anchor=\"end\">"
                + "\(escape(reference.label))</text>\n"
        }
        for (index, entry) in series.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            let points = entry.points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            let dash = entry.dashed ? " stroke-dasharray=\"6,4\"" : ""
            if !entry.markersOnly {
                out += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\"\(dash)/>\n"
            }
            let radius = entry.markersOnly ? 5.0 : 2.2
            for point in entry.points {
                out += "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"\(radius)\" fill=\"\(color)\"/>\n"
            }
            let legendY = top + 14 + Double(index) * 18
            if entry.markersOnly {
                out += "<circle cx=\"\(f(width - right + 32))\" cy=\"\(f(legendY - 4))\" r=\"5\" fill=\"\(color)\"/>\n"
            } else {
                out += "<line x1=\"\(f(width - right + 20))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(width - right + 44))\" "
                    + "y2=\"\(f(legendY - 4))\" stroke=\"\(color)\" stroke-width=\"1.8\"\(dash)/>\n"
            }
            out += "<text x=\"\(f(width - right + 50))\" y=\"\(f(legendY))\">\(escape(entry.name))</text>\n"
        }
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 14))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        out += "<text transform=\"translate(18,\(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">"
            + "\(escape(yLabel))</text>\n</svg>\n"
        return out
    }

    private func scaleX(_ x: Double) -> Double { logX ? log10(max(x, 1e-12)) : x }

    private func xTicks(_ low: Double, _ high: Double) -> [Double] {
        guard logX else { return Self.niceTicks(low, high) }
        return (Int(low.rounded(.down))...Int(high.rounded(.up))).map { pow(10, Double($0)) }
            .filter { scaleX($0) >= low - 1e-9 && scaleX($0) <= high + 1e-9 }
    }

    /// About six round-numbered ticks covering `low...high`.
    static func niceTicks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-6 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(color)\"/>\n"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private func label(_ value: Double) -> String {
        if value >= 1000, value == value.rounded() { return String(Int(value)) }
        return String(format: "%g", (value * 1e6).rounded() / 1e6)
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}

extension SVGPlot {
    /// Several plots one above the other in one SVG document.
    static func stacked(_ plots: [SVGPlot]) -> String {
        let width = Int(plots.map(\.width).max() ?? 0)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" "
            + "height=\"\(Int(plots.map(\.height).reduce(0, +)))\">\n"
        var top = 0.0
        for plot in plots {
            out += "<g transform=\"translate(0,\(Int(top)))\">\n"
            out += plot.render().replacingOccurrences(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" ", with: "<svg ")
            out += "</g>\n"
            top += plot.height
        }
        return out + "</svg>\n"
    }
}
