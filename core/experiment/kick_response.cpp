#include "experiment/kick_response.h"

#include "experiment/distribution.h"

namespace bnlab {

namespace {

// Mean over units (rows of n × m) of each unit's standard deviation over the m examples.
double meanUnitStddev(const Matrix& values) {
  if (values.size() == 0) return 0;
  const Vector mean = values.rowwise().mean();
  return (values.colwise() - mean).array().square().rowwise().mean().sqrt().cast<double>().mean();
}

}  // namespace

KickResponse kickResponse(std::int64_t step, int layer, double relative,
                          const ForwardRecord& before, const ForwardRecord& after) {
  KickResponse response{step, layer, relative, {}, {}};
  SortScratch scratch;
  std::vector<float> pooled, rowsBefore, rowsAfter;
  for (std::size_t l = 0; l < before.hidden.size() && l < after.hidden.size(); ++l) {
    const Matrix& was = before.hidden[l].activationInput();
    const Matrix& is = after.hidden[l].activationInput();
    sortValues(was, pooled, &rowsBefore, scratch);
    sortValues(is, pooled, &rowsAfter, scratch);
    const double moved = meanUnitWasserstein(rowsBefore, rowsAfter, int(was.rows()));
    const double spread = meanUnitStddev(was);
    response.moved.push_back(moved);
    response.movedRelative.push_back(spread > 0 ? moved / spread : 0.0);
  }
  return response;
}

}  // namespace bnlab
