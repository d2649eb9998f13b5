#pragma once
// Seeded 2-D toy data sets. `noise` is the σ of Gaussian noise added to each coordinate;
// the clean shapes span roughly [−1, 1]² (spiral, circles, xor) or a few units (moons, blobs).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "data/dataset.h"

namespace bnlab {

enum class ToyKind { Spiral, Circles, Moons, Xor, Blobs };

std::string_view toyName(ToyKind kind);
std::optional<ToyKind> toyFromName(std::string_view name);
// Every name, in menu order.
std::vector<std::string_view> toyNames();

struct ToyDataConfig {
  ToyKind kind = ToyKind::Spiral;
  int size = 1000;      // examples in all, 2 … 200000
  double noise = 0.03;  // σ of the coordinate noise, 0 … 2
  int classes = 2;      // arms of the spiral or number of blobs (2 … 10); 2 for the others
  std::uint64_t seed = 1;

  std::vector<std::string> validate() const;

  bool operator==(const ToyDataConfig&) const = default;
};

Dataset makeToyData(const ToyDataConfig& config);

// The noise-free spiral: the point at t along arm `arm` of `arms` (t from 0 to 1 spans the
// data; beyond 1 the arm goes on): radius 0.05 + 0.95 t, angle 1.75 · 2π t + 2π arm/arms.
std::array<double, 2> spiralArmPoint(double t, int arm, int arms);

// Multiplies feature i by scales[i] and adds offsets[i]: the same shape, very different ranges.
void rescaleFeatures(Dataset& data, const std::vector<double>& scales,
                     const std::vector<double>& offsets);

// The "uneven scales" variant: x₁ spans hundreds, x₂ hundredths.
inline const std::vector<double> kUnevenScales{200.0, 0.02};
inline const std::vector<double> kUnevenOffsets{500.0, 0.0};

}  // namespace bnlab
