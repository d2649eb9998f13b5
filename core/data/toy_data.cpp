#include "data/toy_data.h"

#include <cmath>
#include <numbers>

#include "common/name_table.h"
#include "common/rng.h"

namespace bnlab {

namespace {

constexpr double kPi = std::numbers::pi;

constexpr NameTable<ToyKind, 5> kNames{{{
    {ToyKind::Spiral, "spiral"},
    {ToyKind::Circles, "circles"},
    {ToyKind::Moons, "moons"},
    {ToyKind::Xor, "xor"},
    {ToyKind::Blobs, "blobs"},
}}};

struct Point {
  double x, y;
  int label;
};

// Example i of n, class by round robin so every class has ⌊n/k⌋ or ⌈n/k⌉ examples.
Point spiralPoint(int i, int n, int arms) {
  const int arm = i % arms;
  const double t = static_cast<double>(i / arms) / std::max(1, n / arms);  // 0 … 1 along arm
  const auto [x, y] = spiralArmPoint(t, arm, arms);
  return {x, y, arm};
}

}  // namespace

std::array<double, 2> spiralArmPoint(double t, int arm, int arms) {
  const double radius = 0.05 + 0.95 * t;
  const double angle = 1.75 * 2 * kPi * t + 2 * kPi * arm / arms;
  return {radius * std::sin(angle), radius * std::cos(angle)};
}

namespace {

Point circlesPoint(int i, Rng& rng) {
  const int label = i % 2;
  const double radius = label == 0 ? rng.uniform(0.0, 0.45) : rng.uniform(0.65, 1.0);
  const double angle = rng.uniform(0.0, 2 * kPi);
  return {radius * std::cos(angle), radius * std::sin(angle), label};
}

Point moonsPoint(int i, Rng& rng) {
  const int label = i % 2;
  const double angle = rng.uniform(0.0, kPi);
  if (label == 0) return {std::cos(angle), std::sin(angle), 0};
  return {1.0 - std::cos(angle), 0.5 - std::sin(angle), 1};
}

Point xorPoint(Rng& rng) {
  // Quadrants with a small gap along the axes, so the clean labels are unambiguous.
  constexpr double kGap = 0.05;
  double x = rng.uniform(-1.0, 1.0), y = rng.uniform(-1.0, 1.0);
  x += x >= 0 ? kGap : -kGap;
  y += y >= 0 ? kGap : -kGap;
  return {x, y, (x > 0) == (y > 0) ? 0 : 1};
}

Point blobsPoint(int i, int classes, Rng& rng) {
  const int label = i % classes;
  const double angle = 2 * kPi * label / classes;
  return {2.0 * std::cos(angle) + 0.4 * rng.normal(), 2.0 * std::sin(angle) + 0.4 * rng.normal(),
          label};
}

}  // namespace

std::string_view toyName(ToyKind kind) { return kNames.name(kind); }

std::optional<ToyKind> toyFromName(std::string_view name) { return kNames.find(name); }

std::vector<std::string_view> toyNames() { return kNames.names(); }

std::vector<std::string> ToyDataConfig::validate() const {
  std::vector<std::string> errors;
  if (size < 2 || size > 200000) errors.push_back("the data set size must be 2 to 200000");
  if (!(noise >= 0 && noise <= 2)) errors.push_back("noise must be between 0 and 2");
  if (classes < 2 || classes > 10) errors.push_back("classes (arms, blobs) must be 2 to 10");
  return errors;
}

Dataset makeToyData(const ToyDataConfig& config) {
  const bool multiClass = config.kind == ToyKind::Spiral || config.kind == ToyKind::Blobs;
  const int classes = multiClass ? config.classes : 2;
  Rng rng(config.seed);
  Dataset data;
  data.classes = classes;
  data.features.resize(2, config.size);
  data.labels.resize(static_cast<std::size_t>(config.size));
  for (int i = 0; i < config.size; ++i) {
    Point p{};
    switch (config.kind) {
      case ToyKind::Spiral:
        p = spiralPoint(i, config.size, classes);
        break;
      case ToyKind::Circles:
        p = circlesPoint(i, rng);
        break;
      case ToyKind::Moons:
        p = moonsPoint(i, rng);
        break;
      case ToyKind::Xor:
        p = xorPoint(rng);
        break;
      case ToyKind::Blobs:
        p = blobsPoint(i, classes, rng);
        break;
    }
    data.features(0, i) = static_cast<Scalar>(p.x + config.noise * rng.normal());
    data.features(1, i) = static_cast<Scalar>(p.y + config.noise * rng.normal());
    data.labels[static_cast<std::size_t>(i)] = p.label;
  }
  return data;
}

void rescaleFeatures(Dataset& data, const std::vector<double>& scales,
                     const std::vector<double>& offsets) {
  for (Eigen::Index d = 0; d < data.features.rows(); ++d) {
    const auto i = static_cast<std::size_t>(d);
    const double scale = i < scales.size() ? scales[i] : 1.0;
    const double offset = i < offsets.size() ? offsets[i] : 0.0;
    data.features.row(d) = (data.features.row(d).array() * Scalar(scale) + Scalar(offset)).matrix();
  }
}

}  // namespace bnlab
