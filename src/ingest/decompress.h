// zstd and gzip decompression as a SequentialFile over another (bantin/env.h), so that the
// reader reads an input of any size in bounded memory.
// Thread safety: a file is used by one thread at a time.
#ifndef BANTIN_INGEST_DECOMPRESS_H_
#define BANTIN_INGEST_DECOMPRESS_H_

#include <memory>
#include <string>
#include <string_view>

#include "bantin/env.h"
#include "bantin/status.h"

namespace bantin::ingest {

enum class Compression { kNone, kZstd, kGzip };

// The compression `bytes` start with (zstd frame magic, gzip magic), or kNone.
Compression DetectCompression(std::string_view bytes);

// Gives `head` first, then the rest of `rest` (what a peek took is put back).
std::unique_ptr<SequentialFile> PrefixedFile(std::string head, std::unique_ptr<SequentialFile> rest);
// The decompressed bytes of `in` (every frame or member, concatenated), read a piece at a time.
// Errors: Corruption (truncated or damaged data, saying after how many bytes of output),
// InvalidArgument past `max_bytes` of output (a damaged file or a decompression bomb); `name`
// is their context (empty: the caller adds its own).
std::unique_ptr<SequentialFile> Decompressor(std::unique_ptr<SequentialFile> in, Compression kind, std::string name,
                                             size_t max_bytes);

// All of `bytes` decompressed; the errors of Decompressor.
Result<std::string> Decompress(std::string_view name, std::string_view bytes, Compression kind,
                               size_t max_bytes = size_t{16} << 30);

// Strips a ".zst" or ".gz" suffix from `name`.
std::string_view StripCompressionSuffix(std::string_view name);

}  // namespace bantin::ingest

#endif  // BANTIN_INGEST_DECOMPRESS_H_
