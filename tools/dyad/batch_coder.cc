#include "batch_coder.h"

#include <algorithm>
#include <atomic>
#include <utility>

namespace dyad::cli {

BatchCoder::BatchCoder(const Pipeline& pipeline, unsigned threads, std::size_t batch_size,
                       Sink sink)
    : pipeline_(pipeline),
      threads_(std::max(1u, threads)),
      batch_size_(std::max<std::size_t>(1, batch_size)),
      sink_(std::move(sink)),
      consumer_([this] { Consume(); }) {}

BatchCoder::~BatchCoder() { Finish(); }

void BatchCoder::Add(Article&& article) {
  current_.articles.push_back(std::move(article));
  if (current_.articles.size() >= batch_size_) Flush();
}

void BatchCoder::Flush() {
  CodedBatch& b = current_;
  if (b.articles.empty()) return;
  const std::size_t n = b.articles.size();
  b.coded.assign(n, CodedArticle{});
  b.errors.assign(n, std::string());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      Status s = pipeline_.Process(b.articles[i], &b.coded[i]);
      if (!s.ok()) b.errors[i] = b.articles[i].origin + ": " + s.ToString();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads_ && t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !pending_.has_value(); });
  pending_ = std::move(current_);
  current_ = CodedBatch{};
  cv_.notify_all();
}

void BatchCoder::Consume() {
  for (;;) {
    CodedBatch batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return pending_.has_value() || done_; });
      if (!pending_) return;  // done and drained
      batch = std::move(*pending_);
      pending_.reset();
      busy_ = true;
      cv_.notify_all();
    }
    sink_(batch);
    std::lock_guard lock(mu_);
    busy_ = false;
    cv_.notify_all();
  }
}

void BatchCoder::Finish() {
  if (!consumer_.joinable()) return;
  Flush();
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !pending_.has_value() && !busy_; });
    done_ = true;
    cv_.notify_all();
  }
  consumer_.join();
}

}  // namespace dyad::cli
