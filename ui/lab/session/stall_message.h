#pragma once
// What the lab says when a run's loss stays finite but does not fall (core LossProgress): the
// run, where its loss started and where it is, and what to change.
#include <QString>

#include "experiment/snapshot.h"

namespace bnlab {

// "" unless some run of `snap` is stalled; the first such run otherwise.
QString stallMessage(const Snapshot& snap, bool commandLine = false);

}  // namespace bnlab
