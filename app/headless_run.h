#pragma once
// bnlab --headless: trains on this thread on the configuration's measuring schedule, reports
// progress, then writes the exports through the same code as the window's Export all: every
// chart from the chart catalog; the dashboard's picture and --screenshot from the window laid
// out offscreen, which is built only for them.
#include "command_line.h"

namespace bnlab {

// Exit codes of the command line.
inline constexpr int kExitSuccess = 0;
inline constexpr int kExitWriteFailed = 1;  // a file could not be written (for example, disk full)
inline constexpr int kExitBadInput = 2;     // bad options, config, preset or export folder;
                                            // or too little memory for the experiment
inline constexpr int kExitDiverged = 3;     // training diverged (what was measured is written)
// 128 + the signal (130, 143): stopped by SIGINT or SIGTERM, see interruption.h (what was
// measured is written).

// Needs a QApplication (offscreen platform). Running out of memory, or another exception,
// is one line on stderr naming what the run was doing, and kExitBadInput.
int runHeadless(const CommandLine& commandLine);

}  // namespace bnlab
