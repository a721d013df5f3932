/// A colour as themes name it. Cells carry exact RGB; the screen backend maps it to what the
/// terminal can show (`ColorDepth`), so views and snapshot tests never depend on the terminal.
public enum TermColor: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// Parses `#rrggbb` or `default`; nil for anything else.
    public init?(parsing text: String) {
        if text.lowercased() == "default" {
            self = .terminalDefault
            return
        }
        guard text.hasPrefix("#"), text.count == 7, let value = UInt32(text.dropFirst(), radix: 16) else { return nil }
        self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }

    /// The colour `fraction` of the way from `self` to `other` (defaults do not blend).
    public func blended(with other: TermColor, fraction: Double) -> TermColor {
        guard case let .rgb(r0, g0, b0) = self, case let .rgb(r1, g1, b1) = other else {
            return fraction < 0.5 ? self : other
        }
        let t = Swift.min(1, Swift.max(0, fraction))
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return .rgb(mix(r0, r1), mix(g0, g1), mix(b0, b1))
    }
}

/// How many colours the terminal shows; chosen by the backend from terminfo and `NO_COLOR`.
public enum ColorDepth: String, Sendable, CaseIterable {
    /// Direct 24-bit colour (terminfo with `RGB`, e.g. `xterm-direct`).
    case trueColor
    /// The xterm 256-colour palette.
    case palette256
    /// The eight ANSI colours.
    case palette8
    /// No colour at all (`NO_COLOR` set, or a monochrome terminal): attributes only.
    case none

    /// The depth to use given the terminal's colour count and the environment; `NO_COLOR`
    /// (any non-empty value, per no-color.org) wins over everything.
    public static func detect(colors: Int, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if colors >= 0x100_0000 { return .trueColor }
        if colors >= 256 { return .palette256 }
        if colors >= 8 { return .palette8 }
        return .none
    }
}

extension TermColor {
    /// The palette index closest to this colour at `depth`; nil means the terminal default
    /// (for `.none`, and for `.terminalDefault` at any depth). At `.trueColor` the index is
    /// the packed `0xRRGGBB` value that direct-colour terminfo expects.
    public func paletteIndex(at depth: ColorDepth) -> Int? {
        guard case let .rgb(r, g, b) = self else { return nil }
        switch depth {
        case .none: return nil
        case .trueColor: return Int(r) << 16 | Int(g) << 8 | Int(b)
        case .palette256: return Self.nearest256(Int(r), Int(g), Int(b))
        case .palette8: return Self.nearest8(Int(r), Int(g), Int(b))
        }
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    private static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func level(_ v: Int) -> Int {
            var best = 0
            for i in 1..<cubeLevels.count where abs(cubeLevels[i] - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let grey = Swift.min(23, Swift.max(0, ((r + g + b) / 3 - 8 + 5) / 10))
        let greyValue = 8 + 10 * grey
        func distance(_ a: (Int, Int, Int)) -> Int {
            (a.0 - r) * (a.0 - r) + (a.1 - g) * (a.1 - g) + (a.2 - b) * (a.2 - b)
        }
        return distance((greyValue, greyValue, greyValue)) < distance(cube) ? 232 + grey : cubeIndex
    }

    private static let ansi8: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    ]

    private static func nearest8(_ r: Int, _ g: Int, _ b: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in ansi8.enumerated() {
            let d = (c.0 - r) * (c.0 - r) + (c.1 - g) * (c.1 - g) + (c.2 - b) * (c.2 - b)
            if d < bestDistance { (best, bestDistance) = (i, d) }
        }
        return best
    }
}
