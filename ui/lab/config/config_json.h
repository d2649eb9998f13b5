#pragma once
// ExperimentConfig ↔ JSON: the format of --config files, saved configurations and presets.
// The sections and keys are the rows of the settings table (core/experiment/settings_table.cpp),
// plus "runs", whose keys are the rows of the run fields' table (core/experiment/run_fields.cpp,
// which the command line's --runs reads too); for reference:
//   { "data":     { "source": "toy" | "mnist" | "csv", "path", "labelColumn", "trainLimit",
//                   "dataset", "size", "noise", "classes", "seed", "testFraction",
//                   "unevenScales", "standardize", "testShift" },
//     "network":  { "hiddenLayers": [units…], "activation", "init", "initSigma",
//                   "batchNormMomentum", "batchNormEpsilon", "noiseSpread", "groups",
//                   "dropout",
//                   "batchNorm": "off" | "on" | "compare" (shorthand for "runs"; older files) },
//     "runs":     [ { "normalization": "plain" | "batch-norm" | "layer-norm" | …
//                     (network/normalization.h), "batchSize" (or "batch"), "dropout", "name" },
//                   … ],
//     "training": { "optimizer", "learningRate", "momentum", "weightDecay", "batchSize", "steps",
//                   "seed" },
//     "measure":  { "probeSize", "recordEvery", "evaluateEvery", "landscapeEvery",
//                   "gradientShiftEvery" } }
// Every key is optional (defaults fill the rest); unknown keys and wrong types are errors.
// Presets add "name", "description", "tab" (the metrics tab to show first) and "speed" (steps per
// second, 0: as fast as possible) at the top level.
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

#include "experiment/experiment_config.h"

namespace bnlab {

QJsonObject configToJson(const ExperimentConfig& config);
// The "runs" list of a configuration file.
QJsonArray runsToJson(const std::vector<RunSpec>& runs);

// Reads `json` over `defaults`. Returns false and fills `errors` (one message per problem,
// naming the key) when anything is wrong, including values config.validate() rejects.
bool configFromJson(const QJsonObject& json, ExperimentConfig& config, QStringList& errors,
                    const ExperimentConfig& defaults = ExperimentConfig{});

inline constexpr int kMaxPresetSpeed = 100000;

struct Preset {
  QString name;
  QString description;
  QString tab;  // the metrics tab to bring forward ("" = as it is)
  // Steps per second to train at, slow enough to watch what the preset shows (0: as fast as
  // possible); none: the speed set before.
  std::optional<int> speed;
  ExperimentConfig config;
};

// Parses a preset or config file's bytes; `source` names it in messages.
bool parseConfigFile(const QByteArray& bytes, const QString& source, Preset& preset,
                     QStringList& errors);

// The presets shipped in the resources (:/presets/*.json), sorted by file name.
QList<Preset> builtInPresets();

}  // namespace bnlab
