// `sskdt-sim pki init --out DIR [--seed N=2026] [--facility MA_CSKCB[=NAME]]...`: mints the PKI
// (sim::signature::mint_pki; see simulator/signature/pki.hpp and docs/signature.md). Without
// --facility, for the facilities of the embedded world (fixtures/pki/default = seed 2026).
#include <iostream>

#include "simulator/app/command.hpp"
#include "simulator/signature/pki.hpp"
#include "simulator/world/world.hpp"

namespace {

int run_pki_init(std::span<const std::string> args) {
  sim::app::args_reader r(args);
  std::string out_dir, seed_text, facility;
  sim::signature::pki_options opt;
  opt.seed = 2026;  // the seed of fixtures/pki/default
  while (!r.done()) {
    if (r.take_value("--out", out_dir)) continue;
    if (r.take_value("--seed", seed_text)) {
      try {
        std::size_t used = 0;
        opt.seed = std::stoull(seed_text, &used);
        if (used != seed_text.size()) throw std::invalid_argument("trailing");
      } catch (const std::exception&) {
        throw sim::app::usage_error{"--seed needs a non-negative integer, got '" + seed_text + "'"};
      }
      continue;
    }
    if (r.take_value("--facility", facility)) {
      const auto eq = facility.find('=');
      opt.facility_codes.push_back(facility.substr(0, eq));
      opt.facility_names.push_back(eq == std::string::npos ? "" : facility.substr(eq + 1));
      continue;
    }
    throw sim::app::usage_error{"unknown argument '" + r.peek() +
                                "' (usage: pki init --out DIR [--seed N] "
                                "[--facility MA_CSKCB[=NAME]]...)"};
  }
  if (out_dir.empty()) throw sim::app::usage_error{"--out DIR is required"};
  if (opt.facility_codes.empty()) {  // default: the embedded world's facilities
    for (const auto& f : sim::world::embedded_default_world()->facilities) {
      opt.facility_codes.push_back(f.ma_cskcb);
      opt.facility_names.push_back(f.name);
    }
  }
  try {
    auto pki = sim::signature::mint_pki(opt);
    sim::signature::write_pki(pki, out_dir);
    std::cout << "wrote " << pki.files.size() << " files to " << out_dir << " (see " << out_dir
              << "/README.md)\n";
    return 0;
  } catch (const sim::signature::pki_error& e) {
    std::cerr << "sskdt-sim pki init: " << e.what() << "\n";
    return 2;
  }
}

const sim::app::registration reg{"pki init", "Mint a test PKI (CAs, CRL, broken certificates)",
                                 &run_pki_init};

}  // namespace
