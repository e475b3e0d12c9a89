// Codes articles with one Pipeline on several threads, batch by batch, and
// hands each coded batch (in input order) to a sink running on its own thread,
// so writing batch N overlaps coding batch N+1. Used by `dyad code` and
// `dyad ingest`.
#ifndef DYAD_TOOLS_BATCH_CODER_H_
#define DYAD_TOOLS_BATCH_CODER_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "dyad/article.h"
#include "dyad/event.h"
#include "dyad/pipeline.h"

namespace dyad::cli {

struct CodedBatch {
  std::vector<Article> articles;
  std::vector<CodedArticle> coded;
  std::vector<std::string> errors;  // errors[i] non-empty: articles[i] failed (names its origin)
};

class BatchCoder {
 public:
  using Sink = std::function<void(CodedBatch&)>;

  // `sink` runs on one thread, one batch at a time, in input order.
  BatchCoder(const Pipeline& pipeline, unsigned threads, std::size_t batch_size, Sink sink);
  ~BatchCoder();
  BatchCoder(const BatchCoder&) = delete;
  BatchCoder& operator=(const BatchCoder&) = delete;

  void Add(Article&& article);
  // Codes what is left and waits until the sink has seen every batch.
  void Finish();

 private:
  void Flush();
  void Consume();

  const Pipeline& pipeline_;
  const unsigned threads_;
  const std::size_t batch_size_;
  Sink sink_;
  CodedBatch current_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<CodedBatch> pending_;  // handed to the sink thread
  bool busy_ = false;                  // the sink is working on a batch
  bool done_ = false;
  std::thread consumer_;
};

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_BATCH_CODER_H_
