// Copyright dyad authors. The name finder's word table: word clusters and
// gazetteer membership, built at training time and stored in the model.
#ifndef DYAD_NAMES_GAZETTEER_H_
#define DYAD_NAMES_GAZETTEER_H_

#include <string>

#include "dyad/status.h"
#include "names/features.h"

namespace dyad::names {

// Fills m->words / m->word_values from a cluster file (`dyad train clusters`;
// empty = none), dyad's data folder (dict/*.actors.txt, places/gazetteer.tsv;
// empty = none) and a folder of leader lists (../shared/data/leaders; empty =
// none) for given names and surnames. Errors name the file.
Status BuildWordTable(const std::string& clusters, const std::string& data_dir,
                      const std::string& leaders_dir, ModelData* m);

// Fills m->vec_dim / vec_words / vectors from a word vector file (`dyad
// train clusters --save-vectors`). Errors name the file.
Status AddWordVectors(const std::string& path, ModelData* m);

}  // namespace dyad::names

#endif  // DYAD_NAMES_GAZETTEER_H_
