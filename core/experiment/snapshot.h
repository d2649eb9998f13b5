#pragma once
// An immutable, plain-value record of everything a view draws, built by the training thread
// and handed to the GUI as std::shared_ptr<const Snapshot>. Distributions are measured on the
// fixed probe batch with its own (training-mode) statistics.
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "experiment/experiment_config.h"
#include "stats/histogram.h"
#include "stats/history.h"
#include "training/evaluation.h"
#include "training/loss_progress.h"

namespace bnlab {

// Which values of a hidden layer a distribution describes.
enum class Quantity {
  PreNorm = 0,      // Z = W·A + b
  ActivationInput,  // Z̃ = γẐ + β with batch norm, Z without: what the activation sees
  Output,           // A = g(activation input)
};
inline constexpr int kQuantityCount = 3;

// A distribution now, pooled over every unit and probe example, plus per-unit moments.
struct DistributionStats {
  std::vector<double> quantiles;  // at kTensorBoardPercentiles
  Histogram histogram;
  Moments moments;
  std::vector<double> unitMean;    // per unit, over the probe batch
  std::vector<double> unitStddev;  // per unit
};

// The same distribution over recorded steps.
struct DistributionHistory {
  std::vector<HistoryView> quantiles;  // one series per basis point
  HistoryView mean;
  HistoryView stddev;
};

// Where a layer's distribution is measured: the fixed probe batch (default) or the last training
// mini-batch, and all units pooled (unit −1, default) or one unit.
// TestInputs: up to probe-size examples of the test set in evaluation mode (running
// statistics), as the network treats new inputs — shifted ones under covariate shift.
enum class DistributionSource { Probe, TrainingBatch, TestInputs };

struct DistributionFocus {
  int unit = -1;
  DistributionSource source = DistributionSource::Probe;
  bool isDefault() const { return unit < 0 && source == DistributionSource::Probe; }
  bool operator==(const DistributionFocus&) const = default;
};

// A layer's distributions under a non-default focus, recorded since the focus was chosen.
struct FocusedDistribution {
  DistributionFocus focus;
  std::int64_t since = -1;  // first step recorded under this focus
  std::array<DistributionStats, kQuantityCount> now;
  std::array<DistributionHistory, kQuantityCount> history;
};

// Internal covariate shift as Santurkar et al. (2018) measure it (gradient_shift.h): G = ∂L/∂W of
// the layer at the step's parameters, G′ the same after the earlier layers' update of that step.
// Measured every measure.gradientShiftEvery steps; measures 0 and empty histories while it is
// off. Layer 1 has no earlier layers: difference 0, cosine 1. "recent" is the mean of the last
// (up to) 20 measures, "mean" of every measure of the run, "median" the median of the history
// (of every measure up to History::kDefaultCapacity, then of one in each bucket): unlike the
// mean, not carried by a few steps where the loss jumped.
struct GradientShiftSummary {
  std::int64_t measures = 0;
  std::int64_t measuredAt = -1;                       // step of the last measure
  double last = 0, recent = 0, mean = 0, median = 0;  // ‖G − G′‖
  double lastRelative = 0, recentRelative = 0, meanRelative = 0, medianRelative = 0;  // ÷ ‖G‖
  double cosineLast = 1, cosineRecent = 1, cosineMean = 1, cosineMedian = 1;  // cos(G, G′)
  double gradientNorm = 0;  // ‖G‖ at the last measure
  HistoryView difference, relative, cosine;
};

struct LayerSnapshot {
  int units = 0;
  std::array<DistributionStats, kQuantityCount> now;
  std::array<DistributionHistory, kQuantityCount> history;
  // Shift: mean over units of W₁ between the unit's activation-input distribution on the probe
  // batch at this record and at the previous one, Δ steps earlier, scaled to a 100-step lag
  // (× 100/Δ) so that records taken at different intervals read on one scale.
  double shift = 0;
  double recentShift = 0;  // mean of the last (up to) 20 recorded shifts
  double meanShift = 0;    // mean over every record of the run
  // The same divided by the layer's mean unit std of the activation input at each record.
  double meanShiftRelative = 0;
  HistoryView shiftHistory;
  // The part of that shift caused by the earlier layers alone: the probe batch through today's
  // layers 1 … l−1 and through those of the previous record (Δ steps ago), both into this
  // layer's current parameters (W, b, γ, β; batch statistics of the probe batch); mean over
  // units of W₁ between the two activation inputs, × 100/Δ. 0 for layer 1 (its input is data).
  double earlierShift = 0;
  double recentEarlierShift = 0;  // mean of the last (up to) 20
  double meanEarlierShift = 0;    // mean over every record of the run
  // The same divided by the layer's mean unit std of the activation input now (its spread).
  double recentEarlierShiftRelative = 0, meanEarlierShiftRelative = 0;
  HistoryView earlierShiftHistory;
  // Batch norm only (else empty): γ and β now, per unit, and over steps their root-mean-square
  // and mean over units. With the probe batch's own statistics, unit u's activation input has
  // mean βᵤ and std |γᵤ| exactly, so these read the moments chart: the pooled mean is mean β,
  // the pooled std² is mean γ² + var β.
  std::vector<double> gamma, beta;
  HistoryView gammaRmsHistory, betaMeanHistory;
  // Units 1 and 2 of the activation input over the probe batch (empty if fewer than 2 units).
  std::vector<std::array<float, 2>> scatter;
  // The same at the last kScatterTrail records, oldest first; the last is `scatter`.
  static constexpr std::size_t kScatterTrail = 6;
  std::deque<std::vector<std::array<float, 2>>> scatterTrail;
  // Batch norm only (else empty): running μ and σ², and μ_B, σ²_B of the last training batch.
  std::vector<double> runningMean, runningVariance, batchMean, batchVariance;
  // Present when the layer's focus is not the default (pooled probe).
  std::optional<FocusedDistribution> focused;
  GradientShiftSummary gradientShift;
};

// Class probabilities of a network over a grid covering 2-D input data (Eval mode): for each
// cell, the most likely class and its probability. Empty for data of other dimensions.
struct DecisionMap {
  int columns = 0, rows = 0;
  double xMin = 0, xMax = 0, yMin = 0, yMax = 0;  // input coordinates of the grid's extent
  std::vector<std::uint8_t> classes;              // rows × columns, row 0 at yMin
  std::vector<float> confidence;                  // rows × columns, in [1/k, 1]
  std::int64_t step = -1;
  bool empty() const { return classes.empty(); }
};

// Batch norm's noise at fixed weights: at the current W, many mini-batches drawn from the
// training set, each through the network with its own statistics; the followed unit's μ_B and
// σ_B in units of the population σ: ((μ_B − μ)/σ, σ_B/σ) around (0, 1), and their spreads
// (root-mean-square of (μ_B − μ)/σ and of (σ_B − σ)/σ). Sampling alone: no drift of W.
struct FixedWeightNoise {
  int batchSize = 0;
  std::int64_t step = -1;
  std::vector<std::array<float, 2>> batches;
  double meanSpread = 0, stdSpread = 0;
};

// Batch norm's regularizing noise in one unit: each recent training batch's μ_B and σ_B next
// to the population values (the unit's Z over the whole training set, current weights).
struct BatchNoise {
  int layer = -1, unit = 0;                   // −1: nothing measured (no batch norm)
  std::vector<std::array<float, 2>> batches;  // (μ_B, σ_B) of the last steps, oldest first
  double populationMean = 0, populationStd = 0;
  // Root-mean-square of μ_B − μ and of σ_B − σ over those batches.
  double meanSpread = 0, stdSpread = 0;
  // The same in units of the population's σ, comparable across runs and batch sizes: each batch
  // as ((μ_B − μ)/σ, σ_B/σ) around (0, 1), and the spreads divided by σ. Empty, 0 while σ = 0.
  std::vector<std::array<float, 2>> standardizedBatches;
  double relativeMeanSpread = 0, relativeStdSpread = 0;
  // At the last evaluation: at the run's own batch size first, then at every other batch size
  // of the experiment's runs, so that two sizes compare at the same weights.
  std::vector<FixedWeightNoise> fixedWeights;
  // Test time: batch norm's running μ and σ² of the unit against the population's, over steps.
  HistoryView runningMean, runningVariance, populationMeanHistory, populationVarianceHistory;
};

// Test-time accuracy on the test set three ways: evaluation mode (running statistics), the
// whole test set normalized with its own batch statistics, and each example normalized alone
// (a batch of one: μ_B = z, σ²_B = 0, so Ẑ = 0 and every input gives the same output).
struct TestTimeAccuracy {
  double runningStatistics = 0, testSetStatistics = 0, batchOfOne = 0;
  // The batch of one's examples evaluated together with running statistics: what batchOfOne
  // would be if the batch did not matter (it equals batchOfOne for layer norm).
  double batchOfOneTogether = 0;
  std::int64_t step = -1;
};

// One example chosen by the user, classified alone: in evaluation mode (running statistics),
// and normalized with its own statistics as a batch of one (which erases it: Ẑ = 0).
struct SinglePrediction {
  bool valid = false;
  double x = 0, y = 0;  // input coordinates (as the network sees them)
  int evalClass = 0, aloneClass = 0;
  double evalConfidence = 0, aloneConfidence = 0;
};

// The batch norm paper's Figure 1 (b, c): the 15th, 50th and 85th percentiles (kPaperPercentiles)
// of one unit's activation input — the input to its sigmoid — over the probe batch, over steps.
struct UnitPercentiles {
  int layer = -1, unit = 0;               // 0-based; layer −1: nothing recorded yet
  std::array<HistoryView, 3> series;      // 15th, 50th, 85th
  std::array<double, 3> first{}, last{};  // at the first and the latest record
  // How far the 15–85 band moved: the mean of |last − first| of the 15th and 85th percentiles.
  double drift() const {
    return 0.5 * (std::abs(last[0] - first[0]) + std::abs(last[2] - first[2]));
  }
};

// How far a kick of hidden layer `layer`'s W moved each layer's activation input at once (no
// training step between): the probe batch through the network just before and just after the
// kick, mean over units of W₁ (batch statistics of the probe batch). Layers before the kicked
// one: 0; the kicked one: its own W moved; later ones: only their input moved.
struct KickResponse {
  std::int64_t step = -1;             // −1: no kick yet
  int layer = -1;                     // 0-based
  double relative = 0;                // the kick's σ as a fraction of rms(W)
  std::vector<double> moved;          // per hidden layer
  std::vector<double> movedRelative;  // ÷ the layer's mean unit std before the kick
};

struct RunSnapshot {
  RunSpec spec;      // how this run differs from the experiment's base settings
  std::string name;  // runLabel(spec): "plain", "batch norm", "batch norm · batch 512"
  Normalization normalization = Normalization::None;  // of its hidden layers now
  bool batchNorm = false;   // they normalize with batch statistics now (usesBatchStatistics)
  bool normalized = false;  // their activation input is a normalized Z̃ (normalizesActivationInput)
  int batchSize = 0;        // the batch size and dropout it trains with now
  double dropout = 0;
  std::int64_t epoch = 0;         // completed passes over the training set of its batches
  double batchLoss = 0;           // loss of the last training mini-batch
  Evaluation train, test;         // at the last evaluation (Eval mode)
  std::int64_t evaluatedAt = -1;  // step of that evaluation; −1 before the first
  HistoryView batchLossHistory;
  HistoryView trainLossHistory, testLossHistory;
  HistoryView trainAccuracyHistory, testAccuracyHistory;
  HistoryView lossGapHistory;  // test loss − train loss at each evaluation
  std::vector<LayerSnapshot> layers;
  DecisionMap decisionMap;
  BatchNoise batchNoise;
  KickResponse lastKick;
  TestTimeAccuracy testTime;        // normalized runs, at the last evaluation
  LossProgress progress;            // whether its batch loss fell below where it started
  SinglePrediction chosen;          // the example picked on the decision plane, if any
  UnitPercentiles unitPercentiles;  // of the followed unit (Experiment::setBatchNoiseTarget)
  // Loss-landscape probe (off unless landscapeEvery > 0): see landscape_probe.h.
  HistoryView lossVariation, gradientChange, betaSmoothness;
};

struct Snapshot {
  std::int64_t step = 0;         // optimizer steps taken
  std::int64_t epoch = 0;        // completed passes over the training set (the first run's batches)
  std::int64_t recordedAt = -1;  // step of the distributions below
  ExperimentConfig config;       // as resolved, with the live settings at this step
  std::vector<std::int64_t> batchNormToggles;  // steps at which batch norm was switched
  struct Perturbation {
    std::int64_t step = 0;
    int layer = 0;        // 0-based hidden layer whose W was kicked
    double relative = 0;  // noise σ as a fraction of W's root-mean-square
  };
  std::vector<Perturbation> perturbations;
  std::vector<RunSnapshot> runs;          // one per run of config.runs, in that order
  std::shared_ptr<const DataSplit> data;  // shared, never modified
  int lastBatchSize = 0;                  // examples in the first run's last mini-batch
  // The step at which run `divergedRun` lost a finite loss (−1: never). Measurements stop there.
  std::int64_t divergedAt = -1;
  int divergedRun = -1;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace bnlab
