/// The built-in themes: the fallback for keys a file leaves out, and what the dashboard uses
/// when the `themes/` folder cannot be found. `themes/dark.theme` mirrors `Theme.dark`.
extension Theme {
    private static func rgb(_ hex: UInt32) -> TermColor {
        .rgb(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF))
    }

    private static func fg(_ hex: UInt32, _ attributes: TextAttributes = []) -> CellStyle {
        CellStyle(foreground: rgb(hex), attributes: attributes)
    }

    /// The default: light text on the terminal's own (dark) background.
    public static let dark = Theme(name: "dark", background: .terminalDefault, styles: [
        .text: fg(0xD0D0D0),
        .muted: fg(0x808890),
        .border: fg(0x4E5660),
        .title: fg(0x87AFD7, .bold),
        .header: CellStyle(foreground: rgb(0xE4E4E4), background: rgb(0x303A48), attributes: .bold),
        .accent: fg(0x5FD7FF, .bold),
        .good: fg(0x87D787),
        .warn: fg(0xFFD75F, .bold),
        .bad: fg(0xFF5F5F, .bold),
        .trainRaw: fg(0x5F6B7A, .dim),
        .trainSmooth: fg(0x5FAFFF, .bold),
        .val: fg(0xFFAF5F, .bold),
        .best: fg(0x87FF87, .bold),
        .marker: fg(0xD787D7),
        .lr: fg(0xAF87FF),
        .accuracy: fg(0x87D7AF),
        .selection: CellStyle(foreground: rgb(0xFFFFFF), background: rgb(0x3A4A5E), attributes: .bold),
        .heatLow: fg(0x1C2A3A),
        .heatHigh: fg(0xFFD75F),
        .compareA: fg(0x5FAFFF, .bold),
        .compareB: fg(0xFF875F, .bold),
        .overlay: CellStyle(foreground: rgb(0xE4E4E4), background: rgb(0x262626)),
    ])
}
