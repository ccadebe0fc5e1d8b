#ifndef DIGESTSYNC_CXXHASH_SHIM_H
#define DIGESTSYNC_CXXHASH_SHIM_H

// xxHash (libxxhash-dev) compiled inline, so the hot hashing paths of the IBLT
// module inline XXH3 instead of calling through the shared library.
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <stdint.h>
#include <stddef.h>

/// Seeded 64-bit XXH3 of `length` bytes at `data`.
static inline uint64_t digestsync_xxh3_64(const void *data, size_t length, uint64_t seed) {
    return XXH3_64bits_withSeed(data, length, seed);
}

/// Seeded 64-bit XXH3 of a 16-byte key given as two little-endian words.
static inline uint64_t digestsync_xxh3_64_key128(uint64_t low, uint64_t high, uint64_t seed) {
    uint64_t words[2] = { low, high };
    return XXH3_64bits_withSeed(words, sizeof words, seed);
}

#endif
