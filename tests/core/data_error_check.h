#pragma once
// CHECK_ERROR(call, expected): `call` must throw DataError with `expected` in its message.
#include <QTest>
#include <string>

#include "data/data_error.h"

template <typename F>
std::string errorOf(F&& call) {
  try {
    call();
  } catch (const bnlab::DataError& error) {
    return error.what();
  }
  return {};
}

#define CHECK_ERROR(call, expected)                                                                \
  do {                                                                                             \
    const std::string message_ = errorOf([&] { call; });                                           \
    QVERIFY2(!message_.empty(), "no DataError thrown");                                            \
    QVERIFY2(message_.find(expected) != std::string::npos,                                         \
             ("\"" + message_ + "\" does not contain \"" + std::string(expected) + "\"").c_str()); \
  } while (false)
