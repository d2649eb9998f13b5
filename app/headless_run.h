#pragma once
// bnlab --headless: trains on this thread with the configuration's measurement schedule,
// reports progress, then lays the final snapshot out in an offscreen window and writes the
// exports and the screenshot from it, through the same code as the window's Export all.
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

class MainWindow;
// The index of --lesson's lesson in the window's lesson panel (a lesson file is added to it).
int lessonIndex(MainWindow& window, const CommandLine& commandLine);

}  // namespace bnlab
