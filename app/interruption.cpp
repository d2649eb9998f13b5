#include "interruption.h"

#include <csignal>

namespace bnlab {

namespace {

volatile std::sig_atomic_t requestedBy = 0;

void setAction(int signal, void (*handler)(int)) {
  struct sigaction action = {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // a write to stdout in progress is not cut short
  sigaction(signal, &action, nullptr);
}

// Async-signal-safe: a flag and sigaction only.
void onInterrupt(int signal) {
  requestedBy = signal;
  setAction(SIGINT, SIG_DFL);
  setAction(SIGTERM, SIG_DFL);
}

}  // namespace

void installInterruptHandlers() {
  setAction(SIGINT, onInterrupt);
  setAction(SIGTERM, onInterrupt);
  setAction(SIGPIPE, SIG_IGN);
}

void ignoreFileSizeSignal() { setAction(SIGXFSZ, SIG_IGN); }

int interruptSignal() { return requestedBy; }

const char* signalName(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "a signal";
  }
}

}  // namespace bnlab
