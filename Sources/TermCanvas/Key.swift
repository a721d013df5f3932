/// An input event from the screen: a key press, a resize, or a signal turned into input so
/// the app can stop cleanly (signal handlers only set a flag; the loop reads it as a key).
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, backspace, tab
    case function(Int)
    /// The terminal changed size; read `Screen.size` again.
    case resize
    /// SIGINT, SIGTERM or SIGHUP arrived.
    case signal(Int32)
}
