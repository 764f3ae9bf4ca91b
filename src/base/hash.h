// Hashing: XXH3 for bytes, and a fixed 64-bit mixer to combine hashes into feature keys.
// Both are stable across platforms and runs, so hashes may be stored in files.
// Thread safety: stateless.
#ifndef BANTIN_BASE_HASH_H_
#define BANTIN_BASE_HASH_H_

#include <cstdint>
#include <string_view>

namespace bantin {

// XXH3-64 of `bytes` (seed 0).
uint64_t HashBytes(std::string_view bytes);

// Combines two 64-bit values into one (order matters). The finalizer of SplitMix64
// (Steele et al., "Fast splittable pseudorandom number generators", OOPSLA 2014) applied to a
// golden-ratio combination of the inputs.
inline uint64_t HashMix(uint64_t a, uint64_t b) {
  uint64_t x = a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

}  // namespace bantin

#endif  // BANTIN_BASE_HASH_H_
