// Replay driver for the fuzz targets in the default (non-libFuzzer) build: runs
// LLVMFuzzerTestOneInput once on every regular file under each argument (a file or a directory,
// walked recursively, in sorted order). Each input is copied into a heap buffer of exactly its
// size so that, under AddressSanitizer, a read past the end is caught as it would be by libFuzzer.
//
//   envelope_replay tests/fuzz/corpus/envelope
//
// Exit: 0 when every input ran; 1 when no input was found (a missing corpus must not pass
// silently) or a file could not be read; a target bug aborts (assert/sanitizer) as in libFuzzer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool read_file(const std::filesystem::path& p, std::vector<char>& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    return false;
  }
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(arg, ec)) {
        if (e.is_regular_file()) {
          inputs.push_back(e.path());
        }
      }
    } else if (fs::is_regular_file(arg, ec)) {
      inputs.push_back(arg);
    }
    if (ec) {
      std::fprintf(stderr, "replay: %s: %s\n", argv[i], ec.message().c_str());
      return 1;
    }
  }
  std::sort(inputs.begin(), inputs.end());
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no input files\n");
    return 1;
  }
  std::vector<char> bytes;
  for (const auto& p : inputs) {
    if (!read_file(p, bytes)) {
      std::fprintf(stderr, "replay: cannot read %s\n", p.c_str());
      return 1;
    }
    // Exact-size heap copy (size 0 → nullptr, as libFuzzer may pass).
    std::unique_ptr<std::uint8_t[]> buf;
    if (!bytes.empty()) {
      buf = std::make_unique<std::uint8_t[]>(bytes.size());
      std::copy(bytes.begin(), bytes.end(), buf.get());
    }
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", p.c_str(), bytes.size());
    LLVMFuzzerTestOneInput(buf.get(), bytes.size());
  }
  std::fprintf(stderr, "replay: %zu inputs ok\n", inputs.size());
  return 0;
}
