// zlib for reading gzip-compressed IDX files (MNIST ships as .gz).
#ifndef CZLIB_H
#define CZLIB_H
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; this wrapper makes it callable from Swift.
static inline int czlib_inflate_init_gzip(z_stream *stream) {
    // 15 window bits + 32: detect gzip or zlib headers automatically.
    return inflateInit2(stream, 15 + 32);
}
#endif
