// Property checks for the fuzz targets: a violated property prints what broke and aborts, which
// libFuzzer reports as a crash (with the input saved) and the replay driver as a failed test.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace sim::fuzz {

inline void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
  }
}

}  // namespace sim::fuzz
