// A fresh folder under $TMPDIR for one test, removed with the object.
#ifndef DYAD_TESTS_SUPPORT_TEMP_DIR_H_
#define DYAD_TESTS_SUPPORT_TEMP_DIR_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace dyad::testing {

class TempDir {
 public:
  // `prefix` names the folder (dyad-store-XXXXXX) so a leftover shows whose it is.
  explicit TempDir(std::string_view prefix = "dyad-test") {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    char* p = mkdtemp(tmpl.data());
    EXPECT_NE(p, nullptr) << tmpl;
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string operator/(std::string_view name) const { return path_ + "/" + std::string(name); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace dyad::testing

#endif  // DYAD_TESTS_SUPPORT_TEMP_DIR_H_
