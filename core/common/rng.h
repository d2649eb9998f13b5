#pragma once
// Seeded random numbers with distributions implemented here, so a seed gives the same
// sequence with every standard library (std::normal_distribution is not portable).
#include <cstdint>
#include <random>
#include <vector>

namespace bnlab {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Standard normal by the Box–Muller transform; caches the second value.
  double normal();
  double normal(double mean, double stddev) { return mean + stddev * normal(); }
  // Uniform integer in [0, n), without modulo bias.
  std::uint64_t below(std::uint64_t n);
  // Fisher–Yates shuffle.
  template <typename T>
  void shuffle(std::vector<T>& values) {
    for (std::size_t i = values.size(); i > 1; --i) std::swap(values[i - 1], values[below(i)]);
  }
  // A seed for a child generator, so independent streams derive from one seed.
  std::uint64_t nextSeed() { return engine_(); }

 private:
  std::mt19937_64 engine_;
  bool hasSpare_ = false;
  double spare_ = 0.0;
};

}  // namespace bnlab
