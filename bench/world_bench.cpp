// world_bench: generates a population as JSON Lines, loads it through the streaming loader and
// prints the time and peak resident memory of each step (issue 7 §4: 1,000,000 citizens in
// seconds, under 1 GB).
//
//   world_bench [COUNT] [DIR]      defaults: 1000000, the system temp directory
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>

#include "simulator/world/world.hpp"
#include "simulator/world/world_io.hpp"

namespace {

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t count = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
  const std::filesystem::path dir =
      argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::temp_directory_path();
  const std::string out = (dir / "world_bench.yaml").string();
  try {
    auto base = sim::world::embedded_default_world();
    auto t = std::chrono::steady_clock::now();
    const std::string jsonl = sim::world::write_generated_world(*base, 2026, count, out);
    std::printf("generate+write %zu citizens: %.2f s, peak RSS %.0f MB, %.0f MB of JSON Lines\n",
                count, since(t), peak_rss_mb(),
                static_cast<double>(std::filesystem::file_size(jsonl)) / 1e6);
    t = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    auto w = sim::world::load_world_file(out);
    std::printf(
        "load (streamed, validated, indexed): %.2f s wall, %.2f s CPU, peak RSS %.0f MB, "
        "%zu citizens\n",
        since(t), static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC, peak_rss_mb(),
        w->citizen_count());
    t = std::chrono::steady_clock::now();
    std::size_t hits = 0;
    for (std::size_t i = 0; i < w->citizen_count(); ++i) {
      hits += w->find_citizen(w->citizen_at(i).so_dinh_danh) != nullptr;
    }
    std::printf("find_citizen: %.3f us per look-up (%zu hits)\n",
                since(t) * 1e6 / static_cast<double>(w->citizen_count()), hits);
    std::filesystem::remove(out);
    std::filesystem::remove(jsonl);
  } catch (const sim::world::world_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
