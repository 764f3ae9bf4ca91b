// Tests' compressors: what a .zst or .gz file holds for `plain` (zstd level 3, gzip level 6).
#ifndef BANTIN_INGEST_COMPRESS_FOR_TESTS_H_
#define BANTIN_INGEST_COMPRESS_FOR_TESTS_H_

#include <string>

#include <zlib.h>
#include <zstd.h>

namespace bantin::testing_compress {

inline std::string Zstd(const std::string& plain) {
  std::string out(ZSTD_compressBound(plain.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), plain.data(), plain.size(), 3));
  return out;
}

inline std::string Gzip(const std::string& plain) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, plain.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  zs.avail_in = static_cast<uInt>(plain.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace bantin::testing_compress

#endif  // BANTIN_INGEST_COMPRESS_FOR_TESTS_H_
