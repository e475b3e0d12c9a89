#include <gtest/gtest.h>

#include "dyad/context.h"
TEST(ContextSmoke, Loads) {
  auto a = dyad::ContextAnalyzer::Create(DYAD_DATA_DIR);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_GT((*a)->PlaceCount(), 20000u);
}
