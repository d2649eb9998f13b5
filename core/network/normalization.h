#pragma once
// What a hidden block normalizes, and with which statistics. For a block's Z = W·A[l−1] + b
// (n × m):
//   None                      A = g(Z)
//   BatchNorm                 A = g(γ ⊙ BN(Z) + β)             BN: per unit, over the batch
//   LayerNorm                 A = g(γ ⊙ LN(Z) + β)             LN: per example, over units
//   GroupNorm                 A = g(γ ⊙ GN(Z) + β)             GN: per example, over each of G
//                                                               groups of units (layer_norm.h)
//   BatchNormAfterActivation  A = γ ⊙ BN(g(Z)) + β
//   BatchNormWithoutAffine    A = g(BN(Z))                     γ = 1, β = 0 fixed
//   NoisyBatchNorm            A = g(c ⊙ (γ ⊙ BN(Z) + β) + s)   in training; c and s drawn per
//                             unit every step (step_noise.h); evaluation: A = g(γ ⊙ BN(Z) + β)
//
// Each kind is one row of kNormalizations: its names and the traits that the blocks, the
// measures and the window read. A new kind is a value here, its row below, and its branch in
// HiddenBlock (hidden_block.cpp) with the layer it needs.
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace bnlab {

// In menu order, which is the order of the rows.
enum class Normalization {
  None,
  BatchNorm,
  LayerNorm,
  GroupNorm,
  BatchNormAfterActivation,
  BatchNormWithoutAffine,
  NoisyBatchNorm,
};

struct NormalizationInfo {
  Normalization kind;
  std::string_view key;          // in configs and on the command line: "batch-norm"
  std::string_view label;        // in legends and menus: "batch norm"
  std::string_view description;  // one line for the window
  // Statistics per example over (groups of) units, rather than per unit over the batch.
  bool perExample = false;
  // Normalizes with the mini-batch's μ_B and σ²_B, keeping running averages for evaluation.
  bool batchStatistics = false;
  // The activation's input is the normalized Z̃ rather than Z itself.
  bool normalizesActivationInput = false;
  // γ and β are learned.
  bool learnsScaleAndShift = false;
  // The setting that only this kind reads ("network.groups"): the window offers it while a run
  // has this kind. Empty: none.
  std::string_view setting = {};
};

inline constexpr std::array<NormalizationInfo, 7> kNormalizations{{
    {.kind = Normalization::None,
     .key = "plain",
     .label = "plain",
     .description = "No normalization: each layer sees Z = W·A + b as it is."},
    {.kind = Normalization::BatchNorm,
     .key = "batch-norm",
     .label = "batch norm",
     .description = "Batch norm before the activation: each unit normalized over the mini-batch, "
                    "then scaled by γ and shifted by β (running averages at test time).",
     .batchStatistics = true,
     .normalizesActivationInput = true,
     .learnsScaleAndShift = true},
    {.kind = Normalization::LayerNorm,
     .key = "layer-norm",
     .label = "layer norm",
     .description = "Layer norm: each example normalized over the layer's units, then γ and β; no "
                    "batch statistics, so the batch size and test time change nothing.",
     .perExample = true,
     .normalizesActivationInput = true,
     .learnsScaleAndShift = true},
    {.kind = Normalization::GroupNorm,
     .key = "group-norm",
     .label = "group norm",
     .description = "Group norm: like layer norm, over each group of units of an example (Groups "
                    "sets how many); no batch statistics.",
     .perExample = true,
     .normalizesActivationInput = true,
     .learnsScaleAndShift = true,
     .setting = "network.groups"},
    {.kind = Normalization::BatchNormAfterActivation,
     .key = "batch-norm-after",
     .label = "batch norm after g",
     .description = "Batch norm after the activation instead of before it: the next layer's input "
                    "is normalized, this layer's Z is not.",
     .batchStatistics = true,
     .learnsScaleAndShift = true},
    {.kind = Normalization::BatchNormWithoutAffine,
     .key = "batch-norm-no-affine",
     .label = "batch norm without γ, β",
     .description = "Batch norm without γ and β: every unit's Z̃ held at mean 0 and standard "
                    "deviation 1 (what γ and β are there to free).",
     .batchStatistics = true,
     .normalizesActivationInput = true},
    {.kind = Normalization::NoisyBatchNorm,
     .key = "noisy-batch-norm",
     .label = "noisy batch norm",
     .description = "Batch norm, then per unit a random scale and shift drawn anew every step "
                    "(Santurkar et al. 2018): distributions that never settle.",
     .batchStatistics = true,
     .normalizesActivationInput = true,
     .learnsScaleAndShift = true,
     .setting = "network.noiseSpread"},
}};

// Row i is the kind of value i, so that a kind's row is one index away (the blocks read traits
// on every pass).
constexpr bool rowsFollowTheEnum() {
  for (std::size_t i = 0; i < kNormalizations.size(); ++i)
    if (kNormalizations[i].kind != Normalization(i)) return false;
  return true;
}
static_assert(rowsFollowTheEnum(), "kNormalizations must list the kinds in enum order");

// Every normalization, in menu order.
constexpr std::span<const NormalizationInfo> normalizations() { return kNormalizations; }
constexpr const NormalizationInfo& normalizationInfo(Normalization kind) {
  return kNormalizations[std::size_t(kind)];
}
constexpr std::optional<Normalization> normalizationFromKey(std::string_view key) {
  for (const NormalizationInfo& n : kNormalizations)
    if (n.key == key) return n.kind;
  return std::nullopt;
}

// The traits by name, for the code that asks one question of a kind.
constexpr bool normalizesPerExample(Normalization n) { return normalizationInfo(n).perExample; }
constexpr bool usesBatchStatistics(Normalization n) { return normalizationInfo(n).batchStatistics; }
constexpr bool normalizesActivationInput(Normalization n) {
  return normalizationInfo(n).normalizesActivationInput;
}
constexpr bool learnsScaleAndShift(Normalization n) {
  return normalizationInfo(n).learnsScaleAndShift;
}
// Batch statistics of Z itself, before the activation: μ_B and σ²_B describe the layer's Z.
constexpr bool batchNormalizesZ(Normalization n) {
  return usesBatchStatistics(n) && normalizesActivationInput(n);
}
// The dense bias b has no effect: Z − μ_B removes it exactly, so ∂L/∂b = 0.
constexpr bool cancelsDenseBias(Normalization n) { return batchNormalizesZ(n); }

}  // namespace bnlab
