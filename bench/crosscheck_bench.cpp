// crosscheck_bench (issue 10): the added cost of the register cross-check (ID.*, CARD.*) on the
// portal's claim path. Signed generated claims of a large world are judged in-process the way
// the portal's verdict judges them — decode + content rules + signature (sim::signature with the
// world's trust) — without, then with the cross-check against that world's population and card
// registers. Prints claims/s for both and the cross-check's share. The journal write of the
// real path is left out, so the share printed is an upper bound. Target: under 5 %.
//
//   crosscheck_bench [CITIZENS=1000000] [CLAIMS=2000] [SECONDS=3] [DIR=temp]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "simulator/crosscheck/crosscheck.hpp"
#include "simulator/rules/validator.hpp"
#include "simulator/signature/default_pki.hpp"
#include "simulator/signature/verifier.hpp"
#include "simulator/signature/world_checks.hpp"
#include "simulator/signature/world_trust.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/standard/standard.hpp"
#include "simulator/synth/generator.hpp"
#include "simulator/world/world_io.hpp"

namespace {

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Claims judged per second with `opt`, cycling through `claims` for `seconds`.
double rate(const std::vector<std::string>& claims, const sim::rules::validate_options& opt,
            double seconds, std::size_t& rejected) {
  rejected = 0;
  std::size_t n = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (int k = 0; k < 50; ++k) {
      if (!sim::rules::validate_file(claims[n % claims.size()], opt).accepted) ++rejected;
      ++n;
    }
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return static_cast<double>(n) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t citizens = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
  const std::size_t count = argc > 2 ? std::stoul(argv[2]) : 2000;
  const double seconds = argc > 3 ? std::stod(argv[3]) : 3.0;
  const std::filesystem::path dir =
      argc > 4 ? std::filesystem::path(argv[4]) : std::filesystem::temp_directory_path();
  try {
    const std::string out = (dir / "crosscheck_bench.yaml").string();
    const std::string jsonl =
        sim::world::write_generated_world(*sim::world::embedded_default_world(), 7, citizens, out);
    auto w = sim::world::load_world_file(out);
    std::filesystem::remove(out);
    std::filesystem::remove(jsonl);
    std::printf("crosscheck_bench: world of %zu citizens loaded, peak RSS %.0f MB\n",
                w->citizen_count(), peak_rss_mb());

    sim::synth::generate_options g;
    g.seed = 11;
    g.world = w;
    g.signer = sim::signature::default_pki_signer();
    sim::synth::generator gen(g);
    std::vector<std::string> claims;
    for (std::size_t i = 0; claims.size() < count; ++i)
      for (auto& f : gen.encounter(i))
        if (!f.checkin) claims.push_back(std::move(f.bytes));

    sim::rules::validate_options base;
    base.at = sim::synth::validation_time;
    base.world = w;
    auto verifier = std::make_shared<const sim::signature::verifier>(
        sim::signature::trust_from_world(*w, sim::signature::bhxh_portal_profile()));
    sim::signature::add_signature_checks(base, verifier, *w);
    sim::rules::validate_options with = base;
    sim::crosscheck::add_crosscheck(with, sim::crosscheck::view_of(*w));

    // The two paths alternate, five short runs each, best of each kept: other work on the
    // machine then hurts both alike.
    std::size_t rejected_without = 0, rejected_with = 0, r = 0;
    rate(claims, base, 0.5, r);  // warm-up
    double without = 0, with_cc = 0;
    for (int round = 0; round < 5; ++round) {
      without = std::max(without, rate(claims, base, seconds / 5, rejected_without));
      with_cc = std::max(with_cc, rate(claims, with, seconds / 5, rejected_with));
    }
    // The cross-check alone, on files decoded beforehand.
    std::vector<sim::standard::decoded_file> decoded;
    const auto& def = sim::standard::get_standard(base.standard);
    for (const auto& c : claims) decoded.push_back(sim::standard::decode(c, def));
    const auto view = sim::crosscheck::view_of(*w);
    std::size_t n = 0, found = 0;
    const auto t0 = std::chrono::steady_clock::now();
    double elapsed = 0;
    while (elapsed < seconds / 2) {
      for (const auto& d : decoded) {
        sim::core::findings fs;
        sim::crosscheck::check_claim(d, view, fs);
        found += fs.size();
        ++n;
      }
      elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    const double alone_us = elapsed * 1e6 / static_cast<double>(n);
    std::printf("  %zu signed claims, one thread, best of 5 alternating runs\n", claims.size());
    std::printf("  claim path (decode + rules + signature):            %8.0f claims/s%s\n",
                without, rejected_without ? "  SOME REJECTED" : "");
    std::printf("  claim path + cross-check (population, card):        %8.0f claims/s%s\n",
                with_cc, rejected_with ? "  SOME REJECTED" : "");
    std::printf("  cross-check alone: %.2f us per claim (%zu findings) = %.2f %% of the claim path "
                "(target < 5 %%); difference of the two paths: %.1f %%\n",
                alone_us, found, alone_us * without / 1e4,
                (1.0 - with_cc / without) * 100.0);
    std::printf("  peak RSS %.0f MB\n", peak_rss_mb());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crosscheck_bench: %s\n", e.what());
    return 2;
  }
  return 0;
}
