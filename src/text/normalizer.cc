#include "text/normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/stringpiece.h>

#include "text/syllable.h"
#include "text/utf8.h"

namespace bantin::text {

Result<std::unique_ptr<Normalizer>> Normalizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) {
    return Err(Status::IOError("ICU", std::string("cannot load NFC data: ") + u_errorName(status)));
  }
  return std::unique_ptr<Normalizer>(new Normalizer(nfc));
}

Normalizer::Normalizer(const icu::Normalizer2* nfc) : table_(CharTable::Get()), nfc_(nfc) {}

bool Normalizer::IsFastNfc(std::string_view text) const {
  size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    size_t len = DecodeUtf8(text.data() + i, text.size() - i, &cp);
    if (len == 0 || !table_.Info(cp).nfc_fast) return false;
    i += len;
  }
  return true;
}

void Normalizer::IcuNfc(std::string_view text, std::string* out) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(out, static_cast<int32_t>(text.size()));
  nfc_->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                      nullptr, status);
  if (U_FAILURE(status)) out->append(text);  // only on invalid UTF-8, which callers exclude
}

bool Normalizer::DecodeWord(std::string_view word, std::u32string* buf) const {
  buf->clear();
  bool fast = true;
  for (size_t i = 0; i < word.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(word.data() + i, word.size() - i, &cp);
    if (len == 0) {
      cp = kReplacementChar;
      len = 1;
    }
    fast = fast && table_.Info(cp).nfc_fast;
    buf->push_back(cp);
    i += len;
  }
  if (!fast) {  // rare: decomposed or unusual input; let ICU compose it, then decode again
    std::string nfc;
    IcuNfc(word, &nfc);
    buf->clear();
    for (size_t i = 0; i < nfc.size();) {
      char32_t cp = kReplacementChar;
      size_t len = DecodeUtf8(nfc.data() + i, nfc.size() - i, &cp);
      buf->push_back(cp);
      i += len == 0 ? 1 : len;
    }
  }
  if (CanonicalizeSyllable(buf->data(), buf->size(), table_)) return true;
  return RepairEth(buf);
}

bool Normalizer::RepairEth(std::u32string* word) const {
  // Ð/ð (U+00D0/F0, eth) look like Đ/đ (U+0110/1) and legacy encodings and keyboards put them
  // in Vietnamese text ("Ðặng"). Where the swap makes the word a Vietnamese syllable, swap.
  std::u32string fixed = *word;
  bool changed = false;
  for (char32_t& c : fixed) {
    if (c == 0x00D0 || c == 0x00F0) {
      c = c == 0x00D0 ? 0x0110 : 0x0111;
      changed = true;
    }
  }
  if (!changed || !CanonicalizeSyllable(fixed.data(), fixed.size(), table_)) return false;
  *word = std::move(fixed);
  return true;
}

bool Normalizer::WordForms(std::string_view word, std::string* norm, std::string* fold) const {
  // A thread-local scratch keeps the hot path free of allocation; it holds no state between
  // calls.
  thread_local std::u32string buf;
  bool syllable = DecodeWord(word, &buf);
  norm->clear();
  fold->clear();
  for (char32_t cp : buf) {
    if (cp < 0x80) {
      char c = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
      norm->push_back(c);
      fold->push_back(c);
      continue;
    }
    AppendUtf8(table_.Lower(cp), norm);
    if (table_.Info(cp).cls == CharClass::kMark) continue;
    char32_t f = table_.Fold(cp);
    if (f < 0x80) {
      fold->push_back(static_cast<char>(f));
    } else {
      AppendUtf8(f, fold);
    }
  }
  return syllable;
}

std::string Normalizer::Normalize(std::string_view text) const {
  std::string nfc;
  if (!IsFastNfc(text)) {
    IcuNfc(text, &nfc);
    text = nfc;
  }
  std::string out;
  out.reserve(text.size());
  std::u32string buf;
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp;
    size_t len = DecodeUtf8(text.data() + i, text.size() - i, &cp);
    if (len == 0) {
      out.push_back(text[i++]);
      continue;
    }
    if (table_.Info(cp).cls != CharClass::kLetter) {
      out.append(text, i, len);
      i += len;
      continue;
    }
    // A run of letters and marks: one word, whose tone may need to move.
    size_t end = i + len;
    auto needs_work = [&](char32_t c) {
      return table_.Info(c).tone != kLevel || c == 0x00D0 || c == 0x00F0;
    };
    bool rewrite = needs_work(cp);
    while (end < text.size()) {
      size_t l = DecodeUtf8(text.data() + end, text.size() - end, &cp);
      if (l == 0) break;
      CharClass cls = table_.Info(cp).cls;
      if (cls != CharClass::kLetter && cls != CharClass::kMark) break;
      rewrite = rewrite || needs_work(cp);
      end += l;
    }
    std::string_view word = text.substr(i, end - i);
    if (rewrite) {
      DecodeWord(word, &buf);
      for (char32_t c : buf) AppendUtf8(c, &out);
    } else {
      out.append(word);
    }
    i = end;
  }
  return out;
}

std::string Normalizer::Fold(std::string_view text) const {
  std::string nfc;
  if (!IsFastNfc(text)) {
    IcuNfc(text, &nfc);
    text = nfc;
  }
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(text.data() + i, text.size() - i, &cp);
    if (len == 0) {
      out.push_back(text[i++]);
      continue;
    }
    i += len;
    const CharInfo& info = table_.Info(cp);
    if (info.cls == CharClass::kMark) continue;
    AppendUtf8(info.cls == CharClass::kLetter ? table_.Fold(cp) : table_.Lower(cp), &out);
  }
  return out;
}

void Normalizer::NameKeys(std::string_view name, std::string* exact, std::string* folded) const {
  std::string spaced;
  for (size_t i = 0; i < name.size(); ++i) {
    const bool space = name[i] == ' ' || name[i] == '\t' || name[i] == '\n' || name[i] == '\r';
    if (!space) {
      spaced.push_back(name[i]);
    } else if (!spaced.empty() && spaced.back() != ' ') {
      spaced.push_back(' ');
    }
  }
  if (!spaced.empty() && spaced.back() == ' ') spaced.pop_back();
  const std::string norm = Normalize(spaced);
  exact->clear();
  for (size_t i = 0; i < norm.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(norm.data() + i, norm.size() - i, &cp);
    if (len == 0) {
      exact->push_back(norm[i++]);
      continue;
    }
    i += len;
    AppendUtf8(table_.Lower(cp), exact);
  }
  *folded = Fold(norm);
}

}  // namespace bantin::text
