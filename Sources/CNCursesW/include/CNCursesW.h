// The only C the project needs for the terminal: ncurses' wide API and the macros and
// globals that Swift 6 cannot import (function-like macros, mutable globals).
#ifndef CNCURSESW_H
#define CNCURSESW_H

// SwiftPM drops the -D flags of ncursesw.pc, so the wide API must be switched on here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }

/// Writes one wide character with attributes and a colour pair at (y, x). Pairs above
/// 32767 (direct colour) go through setcchar's extended-pair argument.
int cn_put_wide(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, int pair);

/// Starts a screen on the process's stdout/stdin (newterm, which returns NULL where initscr
/// would exit the process) for terminal `type` (NULL: $TERM). Swift 6 cannot read the C
/// `stdout`/`stdin` globals.
SCREEN *cn_newterm(const char *type);

/// Defines colour pair `pair` (extended pairs and direct colours allowed); -1 is the default colour.
int cn_init_pair(int pair, int foreground, int background);

/// True when the locale set by setlocale uses UTF-8 (so braille and blocks can be shown).
int cn_locale_is_utf8(void);

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the signal number
/// (async-signal-safe), saving the previous handlers.
void cn_trap_signals(void);
/// Restores the handlers saved by cn_trap_signals.
void cn_untrap_signals(void);
/// The last trapped signal number, cleared by the call; 0 when none arrived.
int cn_take_signal(void);

#endif
