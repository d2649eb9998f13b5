#pragma once
// Waits, turning the event loop, until `condition` holds or `timeoutMs` has passed; returns
// whether it holds. For helpers that cannot use QTRY_VERIFY (which returns from the caller).
#include <QElapsedTimer>
#include <QTest>

namespace bnlab::test {

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
