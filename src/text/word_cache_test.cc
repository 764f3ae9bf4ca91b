#include "text/word_cache.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bantin::text {
namespace {

// The cache is a pure memo: for any sequence of words, with repeats, collisions and words too
// long to store, it answers exactly what WordForms answers.
TEST(WordCacheTest, AgreesWithWordFormsOnARandomStream) {
  auto normalizer = Normalizer::Create().value();
  WordCache cache(normalizer.get());
  std::vector<std::string> vocab = {"HOÀ", "hòa", "Đàm", "phán", "Putin", "Thuỷ", "5G",
                                    "Ho\xCC\x80" "a", "nghiêng", "Nga", "Mỹ", "O'Brien"};
  std::mt19937 rng(42);
  for (int i = 0; i < 3000; ++i) {  // many distinct words: forces slot collisions
    std::string w = "từ";
    for (int k = 0; k < 1 + i % 7; ++k) w += static_cast<char>('a' + rng() % 26);
    vocab.push_back(w);
  }
  vocab.push_back(std::string(40, 'x') + "đường");  // too long for a slot
  std::string norm, fold;
  for (int i = 0; i < 200000; ++i) {
    const std::string& w = vocab[i % 5 == 0 ? rng() % vocab.size() : rng() % 12];
    bool syllable = normalizer->WordForms(w, &norm, &fold);
    WordCache::Forms got = cache.Get(w);
    ASSERT_EQ(got.norm, norm) << w;
    ASSERT_EQ(got.fold, fold) << w;
    ASSERT_EQ(got.syllable, syllable) << w;
  }
}

}  // namespace
}  // namespace bantin::text
