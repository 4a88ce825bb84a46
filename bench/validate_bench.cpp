// Validation throughput (issue 7 §6): generated claims validated in-process by
// sim::rules::validate_file (decode + content rules; signature check excluded), on 1 and 2
// threads. Prints files/s and MB/s per kind of encounter and overall.
// Target: ≥ 5,000 typical outpatient claims per second per core.
//
//   build/release/bench/validate_bench [files=2000] [seconds=3]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "simulator/rules/validator.hpp"
#include "simulator/synth/generator.hpp"

namespace {

struct sample {
  std::string bytes;
  sim::synth::encounter_kind kind;
};

struct figures {
  double files_per_s = 0;
  double mb_per_s = 0;
  std::size_t rejected = 0;
};

figures run(const std::vector<const sample*>& files, unsigned threads, double seconds) {
  sim::rules::validate_options opt;
  opt.at = sim::synth::validation_time;
  std::atomic<std::size_t> done_files{0}, done_bytes{0}, rejected{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> pool;
  const auto start = std::chrono::steady_clock::now();
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      std::size_t i = t, n = 0, b = 0, r = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        const auto& s = *files[i % files.size()];
        auto report = sim::rules::validate_file(s.bytes, opt);
        if (!report.accepted) ++r;
        ++n;
        b += s.bytes.size();
        i += threads;
      }
      done_files += n;
      done_bytes += b;
      rejected += r;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {static_cast<double>(done_files) / elapsed,
          static_cast<double>(done_bytes) / elapsed / 1e6, rejected.load()};
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2000;
  const double seconds = argc > 2 ? std::strtod(argv[2], nullptr) : 3.0;
  sim::synth::generator gen({.seed = 42});
  std::vector<sample> all;
  for (std::size_t i = 0; all.size() < count; ++i) {
    for (auto& f : gen.encounter(i)) {
      if (!f.checkin) all.push_back({std::move(f.bytes), f.kind});
    }
  }
  std::vector<const sample*> outpatient, every;
  std::size_t out_bytes = 0;
  for (const auto& s : all) {
    every.push_back(&s);
    if (s.kind == sim::synth::encounter_kind::outpatient_exam ||
        s.kind == sim::synth::encounter_kind::outpatient_treatment) {
      outpatient.push_back(&s);
      out_bytes += s.bytes.size();
    }
  }
  std::printf("validate_bench: %zu generated claims (%zu outpatient, mean %.1f KB), "
              "%.1f s per run, signature check excluded\n",
              all.size(), outpatient.size(),
              outpatient.empty() ? 0.0 : static_cast<double>(out_bytes) / static_cast<double>(outpatient.size()) / 1e3,
              seconds);
  const unsigned cores = std::thread::hardware_concurrency();
  for (const auto& [name, set] : {std::pair{"outpatient", &outpatient}, std::pair{"all kinds", &every}}) {
    for (unsigned threads : {1u, 2u}) {
      if (threads > 1 && cores < 2) continue;
      const auto f = run(*set, threads, seconds);
      std::printf("  %-10s %u thread%s: %9.0f files/s  %7.1f MB/s  (%.0f files/s per thread)%s\n",
                  name, threads, threads > 1 ? "s" : " ", f.files_per_s, f.mb_per_s,
                  f.files_per_s / threads, f.rejected ? "  SOME REJECTED" : "");
    }
  }
  std::printf("target: >= 5000 typical outpatient claims/s per core\n");
  return 0;
}
