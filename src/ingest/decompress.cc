#include "ingest/decompress.h"

#include <algorithm>
#include <memory>

#include <zlib.h>
#include <zstd.h>

namespace bantin::ingest {
namespace {

Status TooLarge(std::string_view name, size_t max_bytes) {
  return Status::InvalidArgument(
      name, "expands past " + std::to_string(max_bytes) + " bytes; refused (damaged or a decompression bomb)");
}

Result<std::string> Unzstd(std::string_view name, std::string_view bytes, size_t max_bytes) {
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!ctx) return Err(Status::IOError(name, "zstd: out of memory"));
  std::string out;
  unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
  // The frame header's size is a hint from the file, so it is trusted only up to a plausible
  // compression ratio.
  if (size != ZSTD_CONTENTSIZE_UNKNOWN && size != ZSTD_CONTENTSIZE_ERROR && size <= max_bytes) {
    out.reserve(std::min<unsigned long long>(size, 32ULL * bytes.size() + 4096));
  }
  std::string buf(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
  size_t last = 0;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buf.data(), buf.size(), 0};
    last = ZSTD_decompressStream(ctx.get(), &o, &in);
    if (ZSTD_isError(last)) {
      return Err(Status::Corruption(name, std::string("zstd: ") + ZSTD_getErrorName(last)));
    }
    out.append(buf.data(), o.pos);
    if (out.size() > max_bytes) return Err(TooLarge(name, max_bytes));
    if (o.pos == 0 && in.pos == in.size) break;
  }
  // Flush whatever the last frame still holds.
  while (last != 0) {
    ZSTD_outBuffer o{buf.data(), buf.size(), 0};
    last = ZSTD_decompressStream(ctx.get(), &o, &in);
    if (ZSTD_isError(last)) {
      return Err(Status::Corruption(name, std::string("zstd: ") + ZSTD_getErrorName(last)));
    }
    if (o.pos == 0) {
      if (last != 0) return Err(Status::Corruption(name, "zstd: truncated input"));
      break;
    }
    out.append(buf.data(), o.pos);
    if (out.size() > max_bytes) return Err(TooLarge(name, max_bytes));
  }
  return out;
}

Result<std::string> Gunzip(std::string_view name, std::string_view bytes, size_t max_bytes) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Err(Status::IOError(name, "zlib: init"));
  std::string out;
  std::string buf(1 << 16, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf.data());
    zs.avail_out = static_cast<uInt>(buf.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf.data(), buf.size() - zs.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&zs);
      return Err(TooLarge(name, max_bytes));
    }
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);  // another gzip member follows
      continue;
    }
    if (rc != Z_OK) break;
    if (zs.avail_in == 0 && zs.avail_out != 0) {
      rc = Z_BUF_ERROR;
      break;
    }
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    return Err(Status::Corruption(name, rc == Z_BUF_ERROR ? "gzip: truncated input"
                                                          : "gzip: damaged data"));
  }
  return out;
}

}  // namespace

Compression DetectCompression(std::string_view bytes) {
  if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("\x28\xB5\x2F\xFD", 4)) {
    return Compression::kZstd;
  }
  if (bytes.size() >= 2 && bytes.substr(0, 2) == std::string_view("\x1F\x8B", 2)) {
    return Compression::kGzip;
  }
  return Compression::kNone;
}

Result<std::string> Decompress(std::string_view name, std::string_view bytes, Compression kind,
                               size_t max_bytes) {
  switch (kind) {
    case Compression::kZstd: return Unzstd(name, bytes, max_bytes);
    case Compression::kGzip: return Gunzip(name, bytes, max_bytes);
    case Compression::kNone: break;
  }
  return std::string(bytes);
}

std::string_view StripCompressionSuffix(std::string_view name) {
  if (name.ends_with(".zst")) return name.substr(0, name.size() - 4);
  if (name.ends_with(".gz")) return name.substr(0, name.size() - 3);
  return name;
}

}  // namespace bantin::ingest
