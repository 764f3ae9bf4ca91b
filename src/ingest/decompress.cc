#include "ingest/decompress.h"

#include <algorithm>
#include <cstring>

#include <zlib.h>
#include <zstd.h>

namespace bantin::ingest {
namespace {

constexpr size_t kInputChunk = size_t{1} << 17;

Status TooLarge(std::string_view name, size_t max_bytes) {
  return Status::InvalidArgument(
      name, "expands past " + std::to_string(max_bytes) + " bytes; refused (damaged or a decompression bomb)");
}

class Prefixed final : public SequentialFile {
 public:
  Prefixed(std::string head, std::unique_ptr<SequentialFile> rest) : head_(std::move(head)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (at_ < head_.size()) {
      const size_t got = std::min(n, head_.size() - at_);
      std::memcpy(buf, head_.data() + at_, got);
      at_ += got;
      return got;
    }
    return rest_->Read(buf, n);
  }
  uint64_t consumed() const override { return rest_->consumed(); }
  uint64_t size() const override { return rest_->size(); }

 private:
  const std::string head_;
  size_t at_ = 0;
  std::unique_ptr<SequentialFile> rest_;
};

// What the decompressors share: the compressed input, read a chunk at a time, and a failure
// that sticks (a spent decompressor repeats its error).
class Inflating : public SequentialFile {
 public:
  Inflating(std::unique_ptr<SequentialFile> in, std::string name, size_t max_bytes)
      : in_(std::move(in)), name_(std::move(name)), max_bytes_(max_bytes), chunk_(kInputChunk, '\0') {}
  Result<size_t> Read(char* buf, size_t n) final {
    if (!failed_.ok()) return Err(failed_);
    auto r = Next(buf, n);
    if (!r) failed_ = r.error();
    return r;
  }
  uint64_t consumed() const override { return in_->consumed(); }
  uint64_t size() const override { return in_->size(); }

 protected:
  // The next output, at most `n` bytes: 0 at the end.
  virtual Result<size_t> Next(char* buf, size_t n) = 0;
  // Reads the next chunk when the last is used up; false at the end of the input.
  Result<bool> Refill() {
    if (pos_ < len_) return true;
    if (end_) return false;
    auto got = in_->Read(chunk_.data(), chunk_.size());
    if (!got) return Err(got.error());
    pos_ = 0;
    len_ = *got;
    end_ = *got == 0;
    return !end_;
  }
  // Counts output; an error past the limit.
  Status Produced(size_t n) {
    out_ += n;
    return out_ > max_bytes_ ? TooLarge(name_, max_bytes_) : Status::OK();
  }
  Status Broken(const std::string& what) const {
    return Status::Corruption(name_, what + " after " + std::to_string(out_) + " bytes of output");
  }

  std::unique_ptr<SequentialFile> in_;
  const std::string name_;
  const size_t max_bytes_;
  std::string chunk_;
  size_t pos_ = 0, len_ = 0;
  bool end_ = false;
  uint64_t out_ = 0;

 private:
  Status failed_;
};

class Zstd final : public Inflating {
 public:
  using Inflating::Inflating;
  ~Zstd() override { ZSTD_freeDCtx(ctx_); }

 private:
  Result<size_t> Next(char* buf, size_t n) override {
    if (ctx_ == nullptr) return Err(Status::IOError(name_, "zstd: out of memory"));
    while (true) {
      auto more = Refill();
      if (!more) return Err(more.error());
      ZSTD_inBuffer in{chunk_.data(), len_, pos_};
      ZSTD_outBuffer out{buf, n, 0};
      const size_t rc = ZSTD_decompressStream(ctx_, &out, &in);
      pos_ = in.pos;
      if (ZSTD_isError(rc)) return Err(Broken(std::string("zstd: ") + ZSTD_getErrorName(rc)));
      if (in.size > 0) in_frame_ = rc != 0;
      if (out.pos > 0) {
        BANTIN_RETURN_IF_ERROR(Produced(out.pos));
        return out.pos;
      }
      if (!*more) {
        if (in_frame_) return Err(Broken("zstd: truncated input"));
        return size_t{0};
      }
    }
  }

  ZSTD_DCtx* ctx_ = ZSTD_createDCtx();
  bool in_frame_ = false;  // a frame was begun and not finished
};

class Gzip final : public Inflating {
 public:
  Gzip(std::unique_ptr<SequentialFile> in, std::string name, size_t max_bytes)
      : Inflating(std::move(in), std::move(name), max_bytes) {
    ok_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
  }
  ~Gzip() override {
    if (ok_) inflateEnd(&zs_);
  }

 private:
  Result<size_t> Next(char* buf, size_t n) override {
    if (!ok_) return Err(Status::IOError(name_, "zlib: init"));
    while (true) {
      auto more = Refill();
      if (!more) return Err(more.error());
      if (!*more && !in_member_) return size_t{0};
      if (*more && ended_) {  // another member follows the last
        inflateReset(&zs_);
        ended_ = false;
      }
      zs_.next_in = reinterpret_cast<Bytef*>(chunk_.data() + pos_);
      zs_.avail_in = static_cast<uInt>(len_ - pos_);
      zs_.next_out = reinterpret_cast<Bytef*>(buf);
      zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, UINT32_MAX));
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      pos_ = len_ - zs_.avail_in;
      const size_t produced = static_cast<size_t>(reinterpret_cast<char*>(zs_.next_out) - buf);
      if (rc == Z_STREAM_END) {
        ended_ = true;
        in_member_ = false;
      } else if (rc == Z_OK || rc == Z_BUF_ERROR) {
        in_member_ = true;
      } else {
        return Err(Broken("gzip: damaged data"));
      }
      if (produced > 0) {
        BANTIN_RETURN_IF_ERROR(Produced(produced));
        return produced;
      }
      if (!*more && in_member_) return Err(Broken("gzip: truncated input"));
    }
  }

  z_stream zs_{};
  bool ok_ = false;
  bool in_member_ = false;  // a member was begun and not finished
  bool ended_ = false;      // the last member ended; the next byte begins another
};

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

std::unique_ptr<SequentialFile> PrefixedFile(std::string head, std::unique_ptr<SequentialFile> rest) {
  return std::make_unique<Prefixed>(std::move(head), std::move(rest));
}

std::unique_ptr<SequentialFile> Decompressor(std::unique_ptr<SequentialFile> in, Compression kind, std::string name,
                                             size_t max_bytes) {
  switch (kind) {
    case Compression::kZstd: return std::make_unique<Zstd>(std::move(in), std::move(name), max_bytes);
    case Compression::kGzip: return std::make_unique<Gzip>(std::move(in), std::move(name), max_bytes);
    case Compression::kNone: break;
  }
  return in;
}

Result<std::string> Decompress(std::string_view name, std::string_view bytes, Compression kind, size_t max_bytes) {
  auto source = Decompressor(NewStringFile(std::string(bytes)), kind, std::string(name), max_bytes);
  return ReadUpTo(*source, max_bytes + 1);
}

std::string_view StripCompressionSuffix(std::string_view name) {
  if (name.ends_with(".zst")) return name.substr(0, name.size() - 4);
  if (name.ends_with(".gz")) return name.substr(0, name.size() - 3);
  return name;
}

}  // namespace bantin::ingest
