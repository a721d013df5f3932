import CNCursesW
import TermCanvas

/// Caches ncurses colour pairs: one per (foreground, background) actually used, numbered
/// from 1. When the terminal runs out of pairs, further combinations fall back to pair 0
/// (the terminal's colours) rather than failing.
struct ColorPairs {
    let depth: ColorDepth
    let limit: Int
    private var pairs: [Key: Int32] = [:]

    private struct Key: Hashable {
        var foreground: Int
        var background: Int
    }

    init(depth: ColorDepth, limit: Int) {
        self.depth = depth
        self.limit = limit
    }

    /// The pair for a style's colours, defined on first use.
    mutating func pair(for style: CellStyle) -> Int32 {
        guard depth != .none else { return 0 }
        let key = Key(foreground: style.foreground.paletteIndex(at: depth) ?? -1,
                      background: style.background.paletteIndex(at: depth) ?? -1)
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let next = pairs.count + 1
        guard next < limit else { return 0 }
        guard cn_init_pair(Int32(next), Int32(key.foreground), Int32(key.background)) != ERR else { return 0 }
        pairs[key] = Int32(next)
        return Int32(next)
    }
}
