// Decompression of .zst and .gz inputs, recognised by their magic bytes.
// Thread safety: stateless.
#ifndef BANTIN_INGEST_DECOMPRESS_H_
#define BANTIN_INGEST_DECOMPRESS_H_

#include <string>
#include <string_view>

#include "bantin/status.h"

namespace bantin::ingest {

enum class Compression { kNone, kZstd, kGzip };

// The compression `bytes` start with (zstd frame magic, gzip magic), or kNone.
Compression DetectCompression(std::string_view bytes);

// Decompresses `bytes` (all frames/members). `name` is used in error messages.
// Corruption when the data is truncated or damaged; InvalidArgument when the output would
// exceed `max_bytes`.
Result<std::string> Decompress(std::string_view name, std::string_view bytes, Compression kind,
                               size_t max_bytes = size_t{16} << 30);

// Strips a ".zst" or ".gz" suffix from `name`.
std::string_view StripCompressionSuffix(std::string_view name);

}  // namespace bantin::ingest

#endif  // BANTIN_INGEST_DECOMPRESS_H_
