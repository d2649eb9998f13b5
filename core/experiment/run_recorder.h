#pragma once
// Keeps one run's measurements over time: at each record, the probe batch's distributions per
// hidden layer (now and as bounded histories) and the shift since the previous record; at each
// evaluation, train and test loss and accuracy. Fills the run's part of a Snapshot.
#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "experiment/distribution.h"
#include "experiment/gradient_shift.h"
#include "experiment/snapshot.h"
#include "network/network.h"
#include "stats/history.h"

namespace bnlab {

class RunRecorder {
 public:
  static constexpr std::size_t kRecentShifts = 20;

  RunRecorder(int layers, std::size_t historyCapacity = History::kDefaultCapacity);

  // `probe` is the network's forward pass on the probe batch at `step`. A second record at
  // the same step changes nothing.
  // `testInputs` (may be null) is the forward pass on the fixed test examples, for layers
  // focused on DistributionSource::TestInputs.
  void record(std::int64_t step, const ForwardRecord& probe, const Network& network,
              double batchLoss, const ForwardRecord* testInputs = nullptr);
  // Whether any layer is focused on the test inputs (so the caller knows to run that pass).
  bool wantsTestInputs() const;
  void recordEvaluation(std::int64_t step, const Evaluation& train, const Evaluation& test);
  // Every hidden layer's gradient shift over the step that started at `step`, one per layer.
  // A layer whose measure is not a finite number (a diverged step) is left out.
  void recordGradientShift(std::int64_t step, const std::vector<GradientShift>& shifts);
  // Also measure `layer` under `focus` from the next record on (its histories start afresh).
  void setFocus(int layer, DistributionFocus focus);

  // Follow the paper percentiles of one unit's activation input (from the next record on).
  void setTrackedUnit(int layer, int unit);

  void fill(RunSnapshot& run) const;

 private:
  // The mean of the last kRecentShifts values appended, and of all of them.
  struct Averages {
    std::deque<double> recent;
    double sum = 0;
    std::int64_t count = 0;
    void append(double value);
    double recentMean() const;
    double mean() const { return count > 0 ? sum / double(count) : 0.0; }
  };
  struct DistributionSeries {
    std::vector<History> quantiles;
    History mean, stddev;
  };
  using Quantities = std::array<DistributionStats, kQuantityCount>;
  using QuantitySeries = std::array<DistributionSeries, kQuantityCount>;
  struct Layer {
    LayerSnapshot latest;  // the "now" parts; histories are copied in fill()
    QuantitySeries series;
    DistributionFocus focus;
    QuantitySeries focusSeries;
    std::int64_t focusSince = -1;
    History shift;
    Averages recentShifts, shiftRelative;
    std::vector<float> sortedRows, previousSortedRows;
    std::int64_t previousStep = -1;
    // The shift caused by the earlier layers alone (LayerSnapshot::earlierShift).
    Matrix previousInput;  // A[l−1] of the probe batch at the previous record (n_{l−1} × m)
    History earlierShift, gammaRms, betaMean;
    Averages earlier, earlierRelative;
    // The gradient shift (LayerSnapshot::gradientShift): ‖G − G′‖, ÷ ‖G‖, and cos(G, G′).
    History gradientDifference, gradientRelative, gradientCosine;
    Averages difference, relative, cosine;
  };

  void recordLayer(Layer& layer, std::int64_t step, const LayerActivations& values,
                   const HiddenBlock& block);
  // `input` is A[l−1] of the probe batch now; the shift of layer l's activation input that the
  // earlier layers caused since the previous record, `lag` steps ago.
  void recordEarlierShift(Layer& layer, std::int64_t step, std::int64_t lag, const Matrix& input,
                          const HiddenBlock& block);
  void recordFocus(Layer& layer, std::int64_t step, const LayerActivations& values,
                   const HiddenBlock& block);
  // Z, activation input and A of one layer; each unit's sorted activation input into
  // `sortedInputRows` when given.
  Quantities describe(const LayerActivations& values, ActivationKind activation,
                      std::vector<float>* sortedInputRows);
  QuantitySeries emptySeries() const;
  static void append(QuantitySeries& series, std::int64_t step, const Quantities& stats);
  static void fillHistory(const QuantitySeries& series,
                          std::array<DistributionHistory, kQuantityCount>& history);

  struct TrackedUnit {
    int layer = -1, unit = 0;
    std::array<History, 3> series;
    std::array<double, 3> first{}, last{};
    bool recorded = false;
  };
  void recordTrackedUnit(std::int64_t step, const Layer& layer, int examples);

  std::size_t capacity_;
  TrackedUnit tracked_;
  std::vector<Layer> layers_;
  std::int64_t lastRecordedStep_ = -1;
  double batchLoss_ = 0;
  Evaluation train_, test_;
  std::int64_t evaluatedAt_ = -1;
  History batchLossHistory_, trainLoss_, testLoss_, trainAccuracy_, testAccuracy_, lossGap_;
  SortScratch scratch_;
  std::vector<float> sorted_, shiftedRows_;
  LayerActivations shifted_;
};

}  // namespace bnlab
