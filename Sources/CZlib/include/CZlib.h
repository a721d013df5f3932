// zlib for reading gzip-compressed IDX files (MNIST ships as .gz).
#ifndef CZLIB_H
#define CZLIB_H
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; this wrapper makes it callable from Swift.
static inline int czlib_inflate_init_gzip(z_stream *stream) {
    // 15 window bits + 32: detect gzip or zlib headers automatically.
    return inflateInit2(stream, 15 + 32);
}

/// deflateInit2 is a macro too: a gzip-wrapped (15 + 16 window bits) deflate at `level`,
/// so tests and tools can write .gz files the readers accept.
static inline int czlib_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
