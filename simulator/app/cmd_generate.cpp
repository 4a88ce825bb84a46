// `sskdt-sim generate --seed N --count K --out DIR [--mutate CODE]... [--standard 130|4750|3176]
// [--world FILE] [--too-large-limit BYTES] [--unsigned] [--patient ID,…] [--case LABEL,…]` —
// synthetic encounters as claim envelopes
// and XML0 check-ins, or the same encounters broken one way each, plus DIR/manifest.json
// (docs/generate.md). Files are signed with the facility's certificate of the embedded test PKI
// (docs/signature.md) unless --unsigned; the SIG.* mutations need signing (with --unsigned,
// "all" leaves them out). Exit 0 on success, 2 on usage or I/O error.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "simulator/app/command.hpp"
#include "simulator/signature/default_pki.hpp"
#include "simulator/synth/generator.hpp"
#include "simulator/world/world.hpp"

namespace {

using sim::app::args_reader;
using sim::app::usage_error;

constexpr std::string_view usage =
    "usage: sskdt-sim generate --seed N --count K --out DIR [--mutate CODE|all]... "
    "[--standard 130|4750|3176] [--world FILE] [--too-large-limit BYTES] [--unsigned] "
    "[--patient ID,...] [--case LABEL,...]";

// "a,b,,c" → {"a", "b", "c"}.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(',', start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::uint64_t parse_number(const std::string& flag, const std::string& text) {
  if (text.empty() || text.size() > 19 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    throw usage_error{flag + " must be a non-negative integer, got \"" + text + "\"\n" +
                      std::string(usage)};
  }
  return std::stoull(text);
}

bool write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

int run_generate(std::span<const std::string> args) {
  args_reader r(args);
  std::string seed_text, count_text = "10", out_dir, standard_text = "4750", world_path, limit_text;
  std::vector<std::string> mutate, patients, cases;
  bool sign = true;
  while (!r.done()) {
    std::string m;
    if (r.take_flag("--unsigned")) {
      sign = false;
    } else if (r.take_value("--mutate", m)) {
      mutate.push_back(m);
    } else if (r.take_value("--patient", m)) {
      for (auto& id : split_list(m)) patients.push_back(std::move(id));
    } else if (r.take_value("--case", m)) {
      for (auto& label : split_list(m)) cases.push_back(std::move(label));
    } else if (r.take_value("--seed", seed_text) || r.take_value("--count", count_text) ||
               r.take_value("--out", out_dir) || r.take_value("--standard", standard_text) ||
               r.take_value("--world", world_path) ||
               r.take_value("--too-large-limit", limit_text)) {
    } else {
      throw usage_error{"unknown argument " + r.peek() + "\n" + std::string(usage)};
    }
  }
  if (seed_text.empty()) throw usage_error{"--seed is required\n" + std::string(usage)};
  if (out_dir.empty()) throw usage_error{"--out is required\n" + std::string(usage)};

  sim::synth::generate_options options;
  options.seed = parse_number("--seed", seed_text);
  const auto count = static_cast<std::size_t>(parse_number("--count", count_text));
  if (count == 0) throw usage_error{"--count must be at least 1"};
  if (!limit_text.empty()) {
    options.too_large_limit =
        static_cast<std::size_t>(parse_number("--too-large-limit", limit_text));
  }
  auto standard = sim::standard::parse_standard(standard_text);
  if (!standard) {
    throw usage_error{"--standard must be 130, 4750 or 3176, got \"" + standard_text + "\""};
  }
  options.standard = *standard;
  if (sign) {
    options.signer = sim::signature::default_pki_signer();
    options.signer_of_kind = [](std::string_view kind) {
      return sim::signature::default_pki_signer(std::string(kind));
    };
  }

  // Mutations: each CODE (or "all") names one or more entries; duplicates collapse.
  std::vector<const sim::synth::mutation_info*> selected;
  std::set<const sim::synth::mutation_info*> seen;
  for (const auto& code : mutate) {
    const auto found = sim::synth::find_mutations(code);
    if (found.empty()) {
      std::string known;
      for (const auto& m : sim::synth::mutations()) {
        if (known.find(std::string(m.code) + " ") == std::string::npos) {
          known += std::string(m.code) + " ";
        }
      }
      throw usage_error{"unknown mutation \"" + code + "\"; known: all " + known};
    }
    std::size_t usable = 0;
    for (const auto* m : found) {
      if (!sim::synth::applicable(*m, options.standard)) continue;  // e.g. XML13 under QĐ 130
      if (!sign && sim::synth::needs_signer(*m)) continue;
      ++usable;
      if (seen.insert(m).second) selected.push_back(m);
    }
    if (usable == 0) {
      throw usage_error{"mutation \"" + code + "\" does not apply under --standard " +
                        standard_text + (sign ? "" : " with --unsigned")};
    }
  }

  options.world = sim::app::load_world_option(world_path);
  for (const auto& label : cases) {
    const auto* c = options.world->find_by_case(label);
    if (!c) {
      std::string known;
      for (const auto& ci : options.world->citizens())
        if (!ci.case_label.empty()) known += " " + ci.case_label;
      throw usage_error{"no citizen with case label \"" + label + "\" in the world; known:" + known};
    }
    patients.push_back(c->so_dinh_danh);
  }
  options.patients = patients;
  std::optional<sim::synth::generator> gen;
  try {
    gen.emplace(options);
  } catch (const std::invalid_argument& e) {
    std::cerr << "sskdt-sim generate: " << e.what() << "\n";
    return 2;
  }

  const std::filesystem::path root(out_dir);
  std::vector<sim::synth::generated_file> written;
  auto emit = [&](sim::synth::generated_file f) {
    if (!write_file(root / f.relative_path, f.bytes)) {
      std::cerr << "sskdt-sim generate: cannot write " << (root / f.relative_path).string() << "\n";
      return false;
    }
    f.bytes.clear();  // the manifest needs the path and the expectation only
    written.push_back(std::move(f));
    return true;
  };
  if (selected.empty()) {
    for (std::size_t i = 0; i < count; ++i) {
      for (auto& f : gen->encounter(i)) {
        if (!emit(std::move(f))) return 2;
      }
    }
  } else {
    for (const auto* m : selected) {
      // One XML.TOO_LARGE file per run: it is as big as the limit (50 MiB by default).
      const std::size_t n = m->code == "XML.TOO_LARGE" ? 1 : count;
      for (std::size_t i = 0; i < n; ++i) {
        if (!emit(gen->mutation(i, *m))) return 2;
      }
    }
  }
  if (!write_file(root / "manifest.json", sim::synth::manifest_json(written))) {
    std::cerr << "sskdt-sim generate: cannot write " << (root / "manifest.json").string() << "\n";
    return 2;
  }
  std::cout << "Đã tạo " << written.size() << " tệp trong " << root.string() << " / wrote "
            << written.size() << " files to " << root.string() << " (manifest.json)\n";
  return 0;
}

const sim::app::registration reg{
    "generate", "Synthetic claim + check-in files (or files broken one way each, --mutate)",
    &run_generate};

}  // namespace
