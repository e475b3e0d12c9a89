// Copyright dyad authors. Word clusters for the name finder: fastText skipgram
// vectors trained on unlabelled news (one thread, fixed seed: deterministic),
// grouped by k-means at three granularities.
#include <fasttext/args.h>
#include <fasttext/fasttext.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/names.h"
#include "dyad/text.h"
#include "names/features.h"
#include "tagger/conllu.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

std::uint64_t SplitMix(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void AppendLower(std::string_view w, std::string* out) {
  for (char c : w) out->push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
}

// One sentence per line, lower-cased words separated by spaces, tokenised as
// dyad tokenises at run time.
Status WriteCorpus(const std::vector<std::string>& inputs, const std::vector<std::string>& conllu,
                   const std::string& path, std::size_t* tokens) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return IoError(path + ": cannot create");
  std::string line;
  Document doc;
  for (const std::string& in : inputs) {
    ReadOptions ro;
    auto reader = OpenArticleReader(in, ro);
    if (!reader.ok()) return reader.status();
    Article a;
    while (true) {
      auto more = (*reader)->Next(&a);
      if (!more.ok()) return more.status();
      if (!*more) break;
      if (!SplitText(a.body, TextOptions{}, &doc).ok()) continue;
      for (const Sentence& s : doc.sentences) {
        line.clear();
        for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t) {
          if (!line.empty()) line.push_back(' ');
          AppendLower(doc.TokenText(doc.tokens[t]), &line);
        }
        *tokens += s.token_count;
        out << line << '\n';
      }
    }
  }
  for (const std::string& c : conllu) {
    tagger::ConlluFile f;
    DYAD_RETURN_IF_ERROR(tagger::ReadConllu(c, 0, &f));
    for (const auto& s : f.sentences) {
      line.clear();
      for (const auto& w : s.words) {
        if (!line.empty()) line.push_back(' ');
        AppendLower(w.form, &line);
      }
      *tokens += s.words.size();
      out << line << '\n';
    }
  }
  out.close();
  if (!out) return IoError(path + ": write failed");
  return Status::Ok();
}

float Dot(const float* a, const float* b, int d) {
  float s = 0;
  for (int i = 0; i < d; ++i) s += a[i] * b[i];
  return s;
}

// Spherical k-means (unit vectors, cosine): `assign` gets each vector's
// centroid. Centroids start at distinct vectors chosen by `seed`.
void KMeans(const std::vector<float>& vecs, std::size_t n, int d, int k, int iterations,
            std::uint64_t seed, std::vector<float>* centroids, std::vector<std::uint16_t>* assign) {
  std::vector<std::size_t> pick(n);
  for (std::size_t i = 0; i < n; ++i) pick[i] = i;
  std::uint64_t rng = seed;
  for (int c = 0; c < k; ++c) std::swap(pick[c], pick[c + SplitMix(&rng) % (n - c)]);
  centroids->assign(static_cast<std::size_t>(k) * d, 0.0f);
  for (int c = 0; c < k; ++c)
    std::copy_n(&vecs[pick[c] * d], d, &(*centroids)[static_cast<std::size_t>(c) * d]);
  assign->assign(n, 0);
  std::vector<double> sum(static_cast<std::size_t>(k) * d);
  for (int it = 0; it <= iterations; ++it) {
    for (std::size_t i = 0; i < n; ++i) {
      int best = 0;
      float best_s = -2;
      for (int c = 0; c < k; ++c) {
        float s = Dot(&vecs[i * d], &(*centroids)[static_cast<std::size_t>(c) * d], d);
        if (s > best_s) best_s = s, best = c;
      }
      (*assign)[i] = static_cast<std::uint16_t>(best);
    }
    if (it == iterations) break;
    std::fill(sum.begin(), sum.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      for (int j = 0; j < d; ++j)
        sum[(*assign)[i] * static_cast<std::size_t>(d) + j] += vecs[i * d + j];
    }
    for (int c = 0; c < k; ++c) {
      double norm = 0;
      for (int j = 0; j < d; ++j)
        norm += sum[static_cast<std::size_t>(c) * d + j] * sum[static_cast<std::size_t>(c) * d + j];
      if (norm == 0) continue;  // empty cluster keeps its centroid
      norm = std::sqrt(norm);
      for (int j = 0; j < d; ++j)
        (*centroids)[static_cast<std::size_t>(c) * d + j] =
            static_cast<float>(sum[static_cast<std::size_t>(c) * d + j] / norm);
    }
  }
}

// Reads a fastText .vec file ("count dim" line, then "word c1 ... cdim"
// lines, most frequent first): the first `max_words` words, unit length.
Status ReadVecFile(const std::string& path, std::size_t max_words, int* dim,
                   std::vector<std::string>* words, std::vector<float>* vecs) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": cannot open");
  std::size_t count = 0;
  if (!(in >> count >> *dim) || *dim < 1 || *dim > names::kMaxVectorDim)
    return ParseError(path + ":1: want 'count dim' with dim in 1..128");
  std::string word;
  std::vector<float> v(static_cast<std::size_t>(*dim));
  for (std::size_t i = 0; i < count && words->size() < max_words; ++i) {
    if (!(in >> word)) return ParseError(path + ":" + std::to_string(i + 2) + ": missing word");
    for (float& x : v) {
      if (!(in >> x)) return ParseError(path + ":" + std::to_string(i + 2) + ": short vector");
    }
    float norm = std::sqrt(Dot(v.data(), v.data(), *dim));
    words->push_back(word);
    for (float x : v) vecs->push_back(norm > 0 ? x / norm : 0.0f);
  }
  return Status::Ok();
}

// Unit vectors quantised to int8 (x 256, clipped).
std::string VectorFile(const std::vector<std::string>& words, const std::vector<float>& vecs,
                       int dim, const std::string& description) {
  names::VectorTable t;
  t.description = description;
  t.dim = static_cast<std::uint32_t>(dim);
  t.words = words;
  t.vectors.resize(vecs.size());
  for (std::size_t i = 0; i < vecs.size(); ++i)
    t.vectors[i] = static_cast<std::int8_t>(std::clamp(std::lround(vecs[i] * 256.0f), -127L, 127L));
  return names::SerializeVectors(t);
}

// Trains skipgram vectors on the inputs: the first `max_words` words (most
// frequent first), unit length.
Status TrainVectors(const std::vector<std::string>& inputs, const std::vector<std::string>& conllu,
                    const TrainClustersOptions& o, std::vector<std::string>* words,
                    std::vector<float>* vecs, std::size_t* tokens) {
  std::error_code ec;
  fs::path dir =
      o.work_dir.empty() ? fs::temp_directory_path(ec) / "dyad-clusters" : fs::path(o.work_dir);
  fs::create_directories(dir, ec);
  if (ec) return IoError(dir.string() + ": cannot create: " + ec.message());
  const std::string corpus = (dir / "corpus.txt").string();
  DYAD_RETURN_IF_ERROR(WriteCorpus(inputs, conllu, corpus, tokens));
  if (o.progress)
    o.progress(Diagnostic{"", "corpus: " + std::to_string(*tokens) + " tokens in " + corpus});
  fasttext::Args a;
  a.input = corpus;
  a.output = (dir / "vectors").string();
  a.model = fasttext::model_name::sg;
  a.dim = o.dim;
  a.epoch = o.epochs;
  a.minCount = o.min_count;
  a.thread = 1;
  a.seed = static_cast<int>(o.seed);
  a.verbose = 0;
  fasttext::FastText ft;
  try {  // fastText reports bad input by throwing; dyad reports it as a Status
    ft.train(a);
    if (!o.work_dir.empty()) ft.saveVectors((dir / "vectors.vec").string());
  } catch (const std::exception& e) {
    return IoError(corpus + ": fastText: " + e.what());
  }
  auto dict = ft.getDictionary();
  const std::size_t n =
      std::min<std::size_t>(o.max_words, static_cast<std::size_t>(dict->nwords()));
  const int d = o.dim;
  vecs->resize(n * d);
  fasttext::Vector v(d);
  for (std::size_t i = 0; i < n; ++i) {
    words->push_back(dict->getWord(static_cast<std::int32_t>(i)));
    ft.getWordVector(v, words->back());
    float norm = std::sqrt(Dot(v.data(), v.data(), d));
    for (int j = 0; j < d; ++j) (*vecs)[i * d + j] = norm > 0 ? v[j] / norm : 0.0f;
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> TrainClusters(const std::vector<std::string>& inputs,
                                  const std::vector<std::string>& conllu,
                                  const TrainClustersOptions& o, std::string* vector_file) {
  if (inputs.empty() && conllu.empty() && o.vec_file.empty())
    return InvalidArgument("no input text for the clusters");
  if (o.clusters < 64 || o.clusters > 4096)
    return InvalidArgument("--clusters must be between 64 and 4096");
  auto say = [&](const std::string& m) {
    if (o.progress) o.progress(Diagnostic{"", m});
  };
  std::size_t tokens = 0;
  int d = o.dim;
  names::ClusterTable t;
  std::vector<float> vecs;
  if (o.vec_file.empty()) {
    DYAD_RETURN_IF_ERROR(TrainVectors(inputs, conllu, o, &t.words, &vecs, &tokens));
  } else {
    DYAD_RETURN_IF_ERROR(ReadVecFile(o.vec_file, o.max_words, &d, &t.words, &vecs));
  }
  const std::size_t n = t.words.size();
  if (n < static_cast<std::size_t>(o.clusters))
    return InvalidArgument("fewer words (" + std::to_string(n) + ") than clusters");
  say("vectors: " + std::to_string(n) + " words; clustering");
  // k-means on the most frequent words, then every word to its nearest centroid.
  const std::size_t fit = std::min<std::size_t>(n, 40000);
  std::vector<float> fine_c, mid_c, coarse_c;
  std::vector<std::uint16_t> tmp;
  KMeans(vecs, fit, d, o.clusters, o.kmeans_iterations, o.seed, &fine_c, &tmp);
  std::vector<std::uint16_t> fine_of_centroid;
  std::vector<std::uint16_t> mid_of_fine, coarse_of_fine;
  KMeans(fine_c, static_cast<std::size_t>(o.clusters), d, o.clusters / 4, o.kmeans_iterations,
         o.seed + 1, &mid_c, &mid_of_fine);
  KMeans(fine_c, static_cast<std::size_t>(o.clusters), d, o.clusters / 16, o.kmeans_iterations,
         o.seed + 2, &coarse_c, &coarse_of_fine);
  for (std::size_t i = 0; i < n; ++i) {
    int best = 0;
    float best_s = -2;
    for (int c = 0; c < o.clusters; ++c) {
      float s = Dot(&vecs[i * d], &fine_c[static_cast<std::size_t>(c) * d], d);
      if (s > best_s) best_s = s, best = c;
    }
    t.fine.push_back(static_cast<std::uint16_t>(best));
    t.mid.push_back(mid_of_fine[best]);
    t.coarse.push_back(coarse_of_fine[best]);
  }
  char source[384];
  if (o.vec_file.empty()) {
    std::snprintf(source, sizeof source,
                  "fastText skipgram dim %d, %d epochs, min count %d, seed %llu, one thread, on "
                  "%zu tokens",
                  d, o.epochs, o.min_count, static_cast<unsigned long long>(o.seed), tokens);
  } else {
    std::snprintf(source, sizeof source, "fastText vectors of %s (dim %d)",
                  fs::path(o.vec_file).filename().string().c_str(), d);
  }
  char buf[512];
  std::snprintf(buf, sizeof buf, "%s; %zu words; k-means %d/%d/%d clusters", source, n, o.clusters,
                o.clusters / 4, o.clusters / 16);
  t.description = buf;
  if (vector_file) {
    std::snprintf(buf, sizeof buf, "%s; %zu words; unit vectors x 256 as int8", source, n);
    *vector_file = VectorFile(t.words, vecs, d, buf);
  }
  return names::SerializeClusters(t);
}

Result<std::vector<std::string>> ReadClusterWords(const std::string& path) {
  std::string bytes;
  DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(path, &bytes));
  names::ClusterTable table;
  DYAD_RETURN_IF_ERROR(names::ParseClusters(bytes, path, &table));
  return std::move(table.words);
}

}  // namespace dyad
