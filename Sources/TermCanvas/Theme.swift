import Foundation

/// A named set of styles, one per `ThemeRole`, loaded from a `themes/*.theme` file.
///
/// File format: one `key = value` per line, `#` starts a comment line. Keys are
/// `ThemeRole` raw values plus `name` and `background`. A value is an optional colour
/// (`#rrggbb` or `default`), an optional `on <colour>` background, and attributes
/// (`bold`, `dim`, `reverse`, `underline`, `italic`), e.g. `bad = #ff5f5f bold`.
/// Keys a file leaves out fall back to the built-in dark theme, so old theme files keep
/// working when roles are added.
public struct Theme: Sendable, Equatable {
    /// Shown in the footer when the theme is cycled with `t`.
    public var name: String
    /// The screen's background colour (`default`: the terminal's own).
    public var background: TermColor
    private var styles: [ThemeRole: CellStyle]

    /// The style for a role, on the theme's background unless the role sets its own.
    public func style(_ role: ThemeRole) -> CellStyle {
        styles[role] ?? CellStyle(background: background)
    }

    /// A theme from explicit styles; missing roles use the built-in dark theme's.
    public init(name: String, background: TermColor, styles: [ThemeRole: CellStyle]) {
        self.name = name
        self.background = background
        self.styles = styles
    }

    /// Errors in a theme file, naming the line at fault.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses a theme file's text. Unknown keys and bad values throw with the line number.
    public static func parse(_ text: String, name fallbackName: String) throws -> Theme {
        var name = fallbackName
        var background: TermColor?
        var specs: [ThemeRole: String] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ParseError(line: offset + 1, message: "expected `key = value`, found `\(line)`")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "name": name = value
            case "background":
                guard let color = TermColor(parsing: value) else {
                    throw ParseError(line: offset + 1, message: "background: `\(value)` is not #rrggbb or default")
                }
                background = color
            default:
                guard let role = ThemeRole(rawValue: key) else {
                    let known = (["name", "background"] + ThemeRole.allCases.map(\.rawValue)).joined(separator: ", ")
                    throw ParseError(line: offset + 1, message: "unknown key `\(key)` (known: \(known))")
                }
                specs[role] = value
            }
        }
        let base = Theme.dark
        let resolvedBackground = background ?? base.background
        var styles: [ThemeRole: CellStyle] = [:]
        for role in ThemeRole.allCases {
            if let spec = specs[role] {
                do {
                    styles[role] = try parseStyle(spec, background: resolvedBackground)
                } catch let error as StyleSpecError {
                    throw ParseError(line: lineNumber(of: role, in: text), message: "\(role.rawValue): \(error.message)")
                }
            } else {
                var inherited = base.style(role)
                if inherited.background == base.background { inherited.background = resolvedBackground }
                styles[role] = inherited
            }
        }
        return Theme(name: name, background: resolvedBackground, styles: styles)
    }

    private static func lineNumber(of role: ThemeRole, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(role.rawValue) } ?? 0) + 1
    }

    /// Parses `[colour] [on colour] [attribute…]`; throws `StyleSpecError`.
    static func parseStyle(_ spec: String, background: TermColor) throws -> CellStyle {
        var style = CellStyle(background: background)
        let tokens = spec.split(separator: " ").map(String.init)
        var index = 0
        while index < tokens.count {
            let token = tokens[index].lowercased()
            switch token {
            case "bold": style.attributes.insert(.bold)
            case "dim": style.attributes.insert(.dim)
            case "reverse": style.attributes.insert(.reverse)
            case "underline": style.attributes.insert(.underline)
            case "italic": style.attributes.insert(.italic)
            case "on":
                index += 1
                guard index < tokens.count, let color = TermColor(parsing: tokens[index]) else {
                    throw StyleSpecError(message: "`on` needs a colour (#rrggbb or default)")
                }
                style.background = color
            default:
                guard let color = TermColor(parsing: token) else {
                    throw StyleSpecError(message: "`\(tokens[index])` is not a colour (#rrggbb, default) or an attribute (bold, dim, reverse, underline, italic)")
                }
                style.foreground = color
            }
            index += 1
        }
        return style
    }
}

/// Why a style value did not parse (wrapped into `ParseError` with its line).
struct StyleSpecError: Error { var message: String }
