// Byte sources for the reader: a file, memory, and zstd/gzip decompression over another source,
// all read a piece at a time so that an input of any size is read in bounded memory.
// Thread safety: a source is used by one thread at a time.
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

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `buf`: how many, 0 at the end. After an error the source is
  // spent; errors name the input and say what broke (Corruption: truncated or damaged data;
  // InvalidArgument: output past the limit; IOError).
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // Bytes consumed from the underlying file so far (for progress), and its size (0: unknown).
  virtual uint64_t consumed() const = 0;
  virtual uint64_t size() const = 0;
};

std::unique_ptr<ByteSource> FileSource(std::unique_ptr<SequentialFile> file);
std::unique_ptr<ByteSource> MemorySource(std::string data);
// Gives `head` first, then the rest of `rest` (what a peek took is put back).
std::unique_ptr<ByteSource> PrefixedSource(std::string head, std::unique_ptr<ByteSource> rest);
// The decompressed bytes of `in` (every frame or member, concatenated). `name` is used in
// errors; more than `max_bytes` of output is refused (a damaged file or a decompression bomb).
std::unique_ptr<ByteSource> Decompressor(std::unique_ptr<ByteSource> in, Compression kind, std::string name,
                                         size_t max_bytes);

// Reads up to `n` bytes (fewer only at the end).
Result<std::string> ReadUpTo(ByteSource& source, size_t n);

// All of `bytes` decompressed; the errors of Decompressor.
Result<std::string> Decompress(std::string_view name, std::string_view bytes, Compression kind,
                               size_t max_bytes = size_t{16} << 30);

// Strips a ".zst" or ".gz" suffix from `name`.
std::string_view StripCompressionSuffix(std::string_view name);

}  // namespace bantin::ingest

#endif  // BANTIN_INGEST_DECOMPRESS_H_
