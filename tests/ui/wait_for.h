#pragma once
// Waits, turning the event loop, until `condition` holds or `timeoutMs` has passed; returns
// whether it holds. For helpers that cannot use QTRY_VERIFY (which returns from the caller).
//
// The suite runs on busy machines: a wait is a bound on liveness, never a speed target. Tests
// wait up to kPatienceMs (returning as soon as the condition holds), not QTRY_VERIFY's 5 s.
#include <QElapsedTimer>
#include <QTest>

namespace bnlab::test {

inline constexpr int kPatienceMs = 240000;

// QTRY_VERIFY and QTRY_COMPARE with kPatienceMs.
#define BNLAB_TRY_VERIFY(expr) QTRY_VERIFY_WITH_TIMEOUT(expr, bnlab::test::kPatienceMs)
#define BNLAB_TRY_COMPARE(actual, expected) \
  QTRY_COMPARE_WITH_TIMEOUT(actual, expected, bnlab::test::kPatienceMs)

template <typename Condition>
bool waitFor(Condition condition, int timeoutMs = 20000) {
  QElapsedTimer timer;
  timer.start();
  while (timer.elapsed() < timeoutMs) {
    if (condition()) return true;
    QTest::qWait(5);
  }
  return condition();
}

}  // namespace bnlab::test
