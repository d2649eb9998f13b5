#include "experiment/settings_table.h"

#include "experiment/experiment.h"
#include "experiment/setting_field.h"

namespace bnlab {

namespace {

using setting_field::batchNormShorthandRow;
using setting_field::field;

constexpr double kMaxSeed = double(ExperimentConfig::kMaxSeed);

// The optimizer's rows: its whole configuration is one live value of the trainers.
void applyOptimizer(Experiment& e, const ExperimentConfig& c) { e.setOptimizer(c.optimizer); }

const std::vector<Setting>& table() {
  static const std::vector<Setting> rows = {
      // data
      field(
          {.key = "data.source",
           .label = "the data source",
           .help =
               "Where examples come from: generated toy data, MNIST-format files or a CSV table."},
          [](auto& c) -> auto& { return c.data.source; }),
      field(
          {.key = "data.path",
           .label = "the data path",
           .help = "MNIST-format: the folder (empty: Debian's Fashion-MNIST); CSV: the file."},
          [](auto& c) -> auto& { return c.data.path; }),
      field(
          {.key = "data.labelColumn",
           .option = "label-column",
           .valueName = "n",
           .label = "the label column",
           .help = "CSV: the labels' column, counted from 0.",
           .tooltip = "The CSV column holding the labels, counted from 0.",
           .range = {.min = -1, .max = 1e6, .minMeaning = "the last"}},
          [](auto& c) -> auto& { return c.data.labelColumn; }),
      field(
          {.key = "data.trainLimit",
           .option = "train-limit",
           .valueName = "n",
           .label = "the training-example limit",
           .help = "MNIST and CSV: train on the first n training examples only.",
           .range = {.min = 0, .max = 1e8, .minMeaning = "all"}},
          [](auto& c) -> auto& { return c.data.trainLimit; }),
      field(
          {.key = "data.dataset",
           .option = "dataset",
           .valueName = "name",
           .label = "the toy data set",
           .help = "Toy data (or fashion-mnist: Debian's package dataset-fashion-mnist).",
           .tooltip =
               "The 2-D toy problems, Fashion-MNIST (Debian's package dataset-fashion-mnist), "
               "or your own data: File → Open MNIST-format folder or Open CSV data."},
          [](auto& c) -> auto& { return c.data.toy.kind; }),
      field(
          {.key = "data.size",
           .option = "samples",
           .valueName = "n",
           .label = "the data set size",
           .help = "Examples in the data set, train and test together.",
           .range = {.min = 2, .max = 200000}},
          [](auto& c) -> auto& { return c.data.toy.size; }),
      field(
          {.key = "data.noise",
           .option = "noise",
           .valueName = "x",
           .label = "noise",
           .help =
               "Standard deviation of the Gaussian noise added to each coordinate of the toy data.",
           .range = {.min = 0, .max = 2}},
          [](auto& c) -> auto& { return c.data.toy.noise; }),
      field(
          {.key = "data.classes",
           .option = "classes",
           .valueName = "k",
           .label = "classes (arms, blobs)",
           .help = "Arms of the spiral or number of blobs (one class each).",
           .range = {.min = 2, .max = 10}},
          [](auto& c) -> auto& { return c.data.toy.classes; }),
      field(
          {.key = "data.seed",
           .label = "the data seed",
           .help = "Seed of the toy data and of the train/test split (--seed sets it too).",
           .range = {.min = 0, .max = kMaxSeed}},
          [](auto& c) -> auto& { return c.data.toy.seed; }),
      field(
          {.key = "data.testFraction",
           .option = "test-fraction",
           .valueName = "f",
           .label = "the test fraction",
           .help = "Share of examples held out for testing.",
           .range = {.min = 0.05, .max = 0.9}},
          [](auto& c) -> auto& { return c.data.testFraction; }),
      field(
          {.key = "data.unevenScales",
           .option = "uneven-scales",
           .valueName = "on|off",
           .label = "uneven scales",
           .help = "Stretch the toy inputs so the two features have very different ranges "
                   "(x₁ × 200, x₂ × 0.02)."},
          [](auto& c) -> auto& { return c.data.unevenScales; }),
      field(
          {.key = "data.standardize",
           .option = "standardize",
           .valueName = "on|off",
           .label = "standardize",
           .help = "Give each input feature mean 0 and variance 1 (fitted on the training split): "
                   "what batch norm does for hidden units."},
          [](auto& c) -> auto& { return c.data.standardize; }),
      field(
          {.key = "data.testShift",
           .option = "test-shift",
           .valueName = "s",
           .label = "the test shift",
           .help = "Covariate shift: move the test inputs s training standard deviations along x₁, "
                   "labelled by the same rule.",
           .tooltip =
               "Covariate shift: move the test inputs this many training standard deviations "
               "along x₁, labelled by the same rule. The network was never shown that region "
               "(black cats, coloured cats).",
           .range = {.min = 0, .max = 3}},
          [](auto& c) -> auto& { return c.data.testShift; }),
      // network
      field(
          {.key = "network.hiddenLayers",
           .option = "layers",
           .valueName = "n,n,...",
           .label = "units per hidden layer",
           .help = "Units of each hidden layer, e.g. 64,64,64 (1 to 8 layers).",
           .tooltip = "Each hidden layer is Dense → [batch norm] → activation → [dropout].",
           .range = {.min = 1, .max = NetworkConfig::kMaxWidth}},
          [](auto& c) -> auto& { return c.network.hiddenUnits; }),
      field(
          {.key = "network.activation",
           .option = "activation",
           .valueName = "name",
           .label = "the activation",
           .help = "The non-linearity g in A = g(Z̃) of every hidden layer."},
          [](auto& c) -> auto& { return c.network.activation; }),
      field(
          {.key = "network.init",
           .option = "init",
           .valueName = "name",
           .label = "the initialization",
           .help = "Initial weights: he N(0, 2/n_in), xavier N(0, 2/(n_in + n_out)), or gaussian "
                   "N(0, σ²) with σ = --init-sigma (the batch norm paper's small weights)."},
          [](auto& c) -> auto& { return c.network.init; }),
      field(
          {.key = "network.initSigma",
           .option = "init-sigma",
           .valueName = "x",
           .label = "the Gaussian initialization's sigma",
           .help = "σ of the gaussian initialization.",
           .range = {.min = 0, .max = 10, .openMin = true}},
          [](auto& c) -> auto& { return c.network.initSigma; }),
      batchNormShorthandRow({.key = "network.batchNorm",
                             .option = "batch-norm",
                             .valueName = "mode",
                             .label = "batch norm",
                             .help = "Shorthand for --runs: off (plain), on (batch-norm), or "
                                     "compare (plain,batch-norm)."}),
      field(
          {.key = "network.batchNormMomentum",
           .option = "bn-momentum",
           .valueName = "x",
           .label = "batch norm momentum",
           .help = "Momentum of batch norm's running statistics.",
           .range = {.min = 0, .max = 1, .openMin = true}},
          [](auto& c) -> auto& { return c.network.batchNormOptions.momentum; }),
      field(
          {.key = "network.batchNormEpsilon",
           .option = "bn-epsilon",
           .valueName = "x",
           .label = "batch norm epsilon",
           .help = "Batch norm's ε under the square root.",
           .range = {.min = 0, .max = 1, .openMin = true, .openMax = true}},
          [](auto& c) -> auto& { return c.network.batchNormOptions.epsilon; }),
      field(
          {.key = "network.noiseSpread",
           .option = "noise-spread",
           .valueName = "r",
           .label = "the noise spread of noisy batch norm",
           .help = "Noisy batch norm: each step, per unit, a shift from U(−r, r) and a scale from "
                   "U(1 − r/2, 1 + r/2) after batch norm.",
           .tooltip = "Noisy batch norm's spread r: every training step each unit's Z̃ is scaled "
                      "by a factor from U(1 − r/2, 1 + r/2) and shifted by U(−r, r).",
           .range = {.min = 0, .max = 1.5}},
          [](auto& c) -> auto& { return c.network.noiseSpread; }),
      field(
          {.key = "network.groups",
           .option = "groups",
           .valueName = "G",
           .label = "group norm's groups",
           .help = "Group norm: the groups of units each example is normalized over; must divide "
                   "every hidden layer's units.",
           .tooltip = "Group norm normalizes each example over each of G groups of consecutive "
                      "units (G = 1: layer norm); G must divide the units of every layer.",
           .range = {.min = 1, .max = 512}},
          [](auto& c) -> auto& { return c.network.groups; }),
      field(
          {.key = "network.dropout",
           .option = "dropout",
           .valueName = "p",
           .label = "dropout",
           .help = "Probability that a hidden unit's output is zeroed during training (the rest "
                   "are scaled by 1/(1 − p)); no dropout at evaluation.",
           .range = {.min = 0, .max = 0.9},
           .applyLive = [](Experiment& e,
                           const ExperimentConfig& c) { e.setDropout(c.network.dropout); }},
          [](auto& c) -> auto& { return c.network.dropout; }),
      // training
      field(
          {.key = "training.optimizer",
           .option = "optimizer",
           .valueName = "name",
           .label = "the optimizer",
           .help = "sgd: θ −= η·g; momentum: a running sum of gradients; adam: per-parameter step "
                   "sizes from gradient moments.",
           .applyLive = applyOptimizer},
          [](auto& c) -> auto& { return c.optimizer.kind; }),
      field(
          {.key = "training.learningRate",
           .option = "learning-rate",
           .valueName = "x",
           .label = "the learning rate",
           .help = "Step size η of every parameter update.",
           .range = {.min = 0, .max = 10, .openMin = true},
           .applyLive = applyOptimizer},
          [](auto& c) -> auto& { return c.optimizer.learningRate; }),
      field(
          {.key = "training.momentum",
           .option = "momentum",
           .valueName = "x",
           .label = "momentum",
           .help = "μ of the momentum optimizer.",
           .range = {.min = 0, .max = 1, .openMax = true},
           .applyLive = applyOptimizer},
          [](auto& c) -> auto& { return c.optimizer.momentum; }),
      field(
          {.key = "training.weightDecay",
           .option = "weight-decay",
           .valueName = "x",
           .label = "weight decay",
           .help = "λ of L2 weight decay.",
           .range = {.min = 0, .max = 1, .openMax = true},
           .applyLive = applyOptimizer},
          [](auto& c) -> auto& { return c.optimizer.weightDecay; }),
      field(
          {.key = "training.batchSize",
           .option = "batch-size",
           .valueName = "n",
           .label = "the batch size",
           .help = "Examples per mini-batch.",
           .tooltip = "Examples per mini-batch. Batch norm's μ_B and σ_B are estimated from this "
                      "many examples: smaller batches make them noisier.",
           .range = {.min = 1, .max = ExperimentConfig::kMaxBatchSize},
           .applyLive = [](Experiment& e,
                           const ExperimentConfig& c) { e.setBatchSize(c.batchSize); }},
          [](auto& c) -> auto& { return c.batchSize; }),
      field(
          {.key = "training.steps",
           .option = "steps",
           .valueName = "n",
           .label = "the number of steps",
           .help = "Where training stops: headless runs train this many steps (0: the preset's, "
                   "else 2000); the window pauses there.",
           .range = {.min = 0, .max = double(ExperimentConfig::kMaxSteps), .minMeaning = "no end"}},
          [](auto& c) -> auto& { return c.steps; }),
      field(
          {.key = "training.seed",
           .option = "seed",
           .valueName = "n",
           .label = "the seed",
           .help = "Seed of the data, the initial weights, the batches and dropout.",
           .range = {.min = 0, .max = kMaxSeed}},
          [](auto& c) -> auto& { return c.seed; }),
      // measure
      field(
          {.key = "measure.probeSize",
           .option = "probe-size",
           .valueName = "n",
           .label = "the probe batch",
           .help = "Examples in the fixed probe batch.",
           .range = {.min = 2, .max = 4096}},
          [](auto& c) -> auto& { return c.probeSize; }),
      field(
          {.key = "measure.recordEvery",
           .option = "record-every",
           .valueName = "n",
           .label = "record-every",
           .help = "Steps between recorded distributions at first (doubling after 512 records).",
           .range = {.min = 1, .max = 100000}},
          [](auto& c) -> auto& { return c.recordEvery; }),
      field(
          {.key = "measure.evaluateEvery",
           .option = "evaluate-every",
           .valueName = "n",
           .label = "evaluate-every",
           .help = "Steps between train/test evaluations at first (doubling after 16).",
           .range = {.min = 1, .max = 1000000}},
          [](auto& c) -> auto& { return c.evaluateEvery; }),
      field(
          {.key = "measure.landscapeEvery",
           .option = "landscape-every",
           .valueName = "n",
           .label = "landscape-every",
           .help = "Steps between loss-landscape probes.",
           .range = {.min = 0, .max = 1000000, .minMeaning = "off"},
           .applyLive = [](Experiment& e,
                           const ExperimentConfig& c) { e.setLandscapeEvery(c.landscapeEvery); }},
          [](auto& c) -> auto& { return c.landscapeEvery; }),
      field(
          {.key = "measure.gradientShiftEvery",
           .option = "gradient-shift-every",
           .valueName = "n",
           .label = "gradient-shift-every",
           .help = "Steps between measures of internal covariate shift as Santurkar et al. (2018) "
                   "define it: the change of each layer's gradient caused by the earlier layers' "
                   "update.",
           .range = {.min = 0, .max = 1000000, .minMeaning = "off"},
           .applyLive =
               [](Experiment& e, const ExperimentConfig& c) {
                 e.setGradientShiftEvery(c.gradientShiftEvery);
               }},
          [](auto& c) -> auto& { return c.gradientShiftEvery; }),
  };
  return rows;
}

}  // namespace

std::span<const Setting> settings() { return table(); }

const Setting* findSetting(std::string_view key) {
  for (const Setting& s : table())
    if (s.key == key) return &s;
  return nullptr;
}

const Setting* findOption(std::string_view option) {
  for (const Setting& s : table())
    if (!s.option.empty() && s.option == option) return &s;
  return nullptr;
}

}  // namespace bnlab
