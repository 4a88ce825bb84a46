// bench/display_bench: a seeded day of 100,000 accepted visits through VNeID display scheduling in
// virtual time (issue 11 "Tests and figures"). The claims are journalled as accepted (verdicts
// spread over one virtual day), then the sandbox clock advances hour by hour over two days and
// the display pipeline is brought up to date at each step, as the admin API does lazily. Prints
// the wall time of the first pass (which reads each stored claim once), of the later passes, the
// final states, and the resident memory after each phase (target: < 10 s, flat memory).
//
//   build/release/bench/display_bench [visits=100000]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "simulator/core/random.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/sandbox.hpp"
#include "simulator/services/portal/portal_service.hpp"
#include "simulator/services/vneid/health_book.hpp"
#include "simulator/services/vneid/vneid_service.hpp"
#include "simulator/synth/generator.hpp"
#include "simulator/world/world.hpp"

namespace {

long rss_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::string(field).size());
  }
  return 0;
}


}  // namespace

int main(int argc, char** argv) {
  using namespace sim;
  using clock = std::chrono::steady_clock;
  const long visits = argc > 1 ? std::atol(argv[1]) : 100000;
  // One generated outpatient claim of hop-le-38001-a (Hoàng Thị Ngọc Ánh, 038188900116: card,
  // identity and VNeID account all in order), reused per visit: every precondition is checked
  // against her as the server checks a real visit.
  synth::generate_options options;
  options.patients = {"038188900116"};
  const synth::generator generator(options);
  std::string file, ma_cskcb;
  for (const auto& f : generator.encounter(0)) {
    if (f.relative_path.starts_with("claims/")) {
      file = f.bytes;
      ma_cskcb = f.ma_cskcb;
    }
  }
  const auto sample = services::vneid::extract_visit(file, "4750");
  if (!sample || sample->field("SO_CCCD") != "038188900116") {
    std::fprintf(stderr, "the generated claim does not decode to hop-le-38001-a's visit\n");
    return 2;
  }

  const std::string path = "/dev/shm/display_bench-" + std::to_string(::getpid()) + ".sqlite";
  auto opened = engine::journal::open(path);
  auto& journal = *std::get<std::unique_ptr<engine::journal>>(opened);
  const auto start = engine::parse_iso8601("2026-12-01T00:00:00Z").value();
  engine::sandbox_registry sandboxes(
      world::embedded_default_world(), [start] { return start; }, 2026);
  auto sb = sandboxes.get("default");
  sb->clock.set(start);
  sb->clock.freeze(true);
  services::portal::portal_service portal(journal, {});
  services::vneid::vneid_service vneid(journal, portal);

  std::printf("visits: %ld, RSS before: %ld kB\n", visits, rss_kb("VmRSS:"));
  std::uint64_t rng = 2026;
  const auto t0 = clock::now();
  for (long i = 0; i < visits; ++i) {
    engine::submission_record s;
    s.sandbox = "default";
    s.ma_giao_dich = "38001" + std::to_string(100000000 + i);
    s.kind = "claim";
    s.standard = "4750";
    s.ma_cskcb = ma_cskcb;
    s.ma_lk = "LK" + std::to_string(i);
    const auto at = start + std::chrono::seconds(core::splitmix64(rng) % 86400);
    s.received_at = engine::format_iso8601_utc(at);
    s.file = file;
    journal.record_submission(s);
    journal.record_verdict("default", s.ma_giao_dich, "accepted",
                           engine::format_iso8601_utc(at + std::chrono::minutes(1)), "[]");
  }
  const double load_s = std::chrono::duration<double>(clock::now() - t0).count();
  // Set-up, not the pipeline: each record_submission/record_verdict is its own durable commit
  // (synchronous=FULL, the portal's acknowledgement contract), as the portal writes them.
  std::printf("set-up (not display scheduling): journalled %ld accepted claims in %.2f s, "
              "RSS %ld kB\n",
              visits, load_s, rss_kb("VmRSS:"));

  const auto t1 = clock::now();
  vneid.update(*sb);
  const double first_s = std::chrono::duration<double>(clock::now() - t1).count();
  std::printf("first pass (reads each stored claim once, decodes its XML1): %.2f s, RSS %ld kB\n",
              first_s, rss_kb("VmRSS:"));
  std::map<std::string, long> states;
  double portal_s = 0;  // the portal's own pass for due verdicts, which every update starts with
  double steps_s = 0;   // the updates alone (not the extra decide_due timed beside them)
  for (int hour = 1; hour <= 48; ++hour) {
    sb->clock.advance(std::chrono::hours(1));
    const auto tp = clock::now();
    portal.decide_due(*sb);
    portal_s += std::chrono::duration<double>(clock::now() - tp).count();
    const auto tu = clock::now();
    if (hour < 48) {
      vneid.update(*sb);
    } else {
      for (const auto& v : vneid.visits(*sb))
        ++states[v.state + " " + std::string(services::vneid::to_string(v.category))];
    }
    steps_s += std::chrono::duration<double>(clock::now() - tu).count();
    if (hour % 12 == 0) std::printf("  +%2d h: RSS %ld kB\n", hour, rss_kb("VmRSS:"));
  }
  std::printf("48 hourly passes: %.2f s (%.3f s per pass over %ld visits)\n", steps_s, steps_s / 48,
              visits);
  std::printf("  of which ~%.2f s is the portal's decide_due (its pending-verdict scan, which "
              "each update runs first; timed separately beside them)\n",
              portal_s);
  std::printf("scheduling total (first pass + 48 passes): %.2f s\n", first_s + steps_s);
  for (const auto& [s, n] : states) std::printf("  state %s: %ld\n", s.c_str(), n);
  std::printf("peak RSS (VmHWM): %ld kB\n", rss_kb("VmHWM:"));
  for (const char* ext : {"", "-wal", "-shm"}) std::remove((path + ext).c_str());
  return 0;
}
