#pragma once
// Ctrl+C and SIGTERM during a headless run: the first asks the run to stop at its current step
// and write what it measured; a second ends the process at once (the default action, restored
// by the first). SIGPIPE is ignored, so that progress printed to a closed pipe
// (bnlab … | head -1) fails quietly instead of ending the run before its files are written.

namespace bnlab {

// For headless runs only: the window quits its own way.
void installInterruptHandlers();

// A write past the user's file-size limit (ulimit -f) fails with EFBIG, which the export
// reports like any failed write, instead of SIGXFSZ ending the process. Headless and window.
void ignoreFileSizeSignal();

// SIGINT or SIGTERM once one has asked the run to stop, else 0. Cheap enough to poll every step.
int interruptSignal();

// The shell's code for a process ended by `signal`: 128 + signal (130 for SIGINT, 143 for
// SIGTERM).
inline int interruptExitCode(int signal) { return 128 + signal; }

// "SIGINT", "SIGTERM".
const char* signalName(int signal);

}  // namespace bnlab
