// Copyright dyad authors. libFuzzer target: a worker's message payload reader
// (ParseArticleMessage) on arbitrary bytes. Any input must give an article or
// a Status with a dead-letter reason, never a crash, hang or leak; an article
// read back from its own message is the same article.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dyad/queue.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  auto article = dyad::ParseArticleMessage(payload, 1 << 16);
  if (!article.ok()) {
    if (dyad::DeadLetterReason(article.status()).empty()) __builtin_trap();
    return 0;
  }
  if (article->body.empty() || article->content_hash.size() != 64) __builtin_trap();
  auto again = dyad::ParseArticleMessage(dyad::ArticleToMessage(*article), 1 << 20);
  if (!again.ok() || again->body != article->body || again->content_hash != article->content_hash ||
      again->date != article->date) {
    __builtin_trap();
  }
  return 0;
}
