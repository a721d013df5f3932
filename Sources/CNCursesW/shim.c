#include "CNCursesW.h"

int cn_put_wide(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    int extended = pair;
    short narrow = pair > 32767 ? 0 : (short)pair;
    if (setcchar(&cell, text, attrs, narrow, pair > 32767 ? &extended : NULL) == ERR) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

SCREEN *cn_newterm(const char *type) {
    return newterm(type, stdout, stdin);
}

int cn_init_pair(int pair, int foreground, int background) {
    return init_extended_pair(pair, foreground, background);
}

int cn_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

static volatile sig_atomic_t cn_pending_signal = 0;
static struct sigaction cn_saved[3];
static const int cn_trapped[3] = {SIGINT, SIGTERM, SIGHUP};

static void cn_record_signal(int number) { cn_pending_signal = number; }

void cn_trap_signals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cn_record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocking read returns so the loop sees the flag
    cn_pending_signal = 0;
    for (int i = 0; i < 3; i++) sigaction(cn_trapped[i], &action, &cn_saved[i]);
}

void cn_untrap_signals(void) {
    for (int i = 0; i < 3; i++) sigaction(cn_trapped[i], &cn_saved[i], NULL);
}

int cn_take_signal(void) {
    int number = cn_pending_signal;
    cn_pending_signal = 0;
    return number;
}
