// `sskdt-sim demo`: what scripts/demo.sh runs — a one-minute tour for a newcomer on the embedded
// default world: the province, a few realistic claims signed like a hospital's HIS and judged
// like the BHYT portal would, then the same kind of claims each broken in one way, rejected with
// the reason in Vietnamese and English. Files are written so they can be opened and re-validated.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "simulator/app/command.hpp"
#include "simulator/crosscheck/crosscheck.hpp"
#include "simulator/rules/validator.hpp"
#include "simulator/signature/default_pki.hpp"
#include "simulator/signature/profile.hpp"
#include "simulator/signature/verifier.hpp"
#include "simulator/signature/world_checks.hpp"
#include "simulator/signature/world_trust.hpp"
#include "simulator/synth/generator.hpp"
#include "simulator/world/world.hpp"

namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string kind_vi(sim::synth::encounter_kind k) {
  switch (k) {
    case sim::synth::encounter_kind::outpatient_exam: return "khám ngoại trú";
    case sim::synth::encounter_kind::outpatient_treatment: return "điều trị ngoại trú";
    case sim::synth::encounter_kind::inpatient: return "điều trị nội trú";
    case sim::synth::encounter_kind::emergency: return "cấp cứu";
  }
  return "";
}

int run_demo(std::span<const std::string> args) {
  sim::app::args_reader in(args);
  std::string out = "out/demo", seed_text = "2026";
  while (!in.done()) {
    if (in.take_value("--out", out) || in.take_value("--seed", seed_text)) continue;
    throw sim::app::usage_error{"unknown option " + in.peek() +
                                "\nusage: sskdt-sim demo [--out DIR] [--seed N]"};
  }
  std::uint64_t seed = 0;
  try {
    seed = std::stoull(seed_text);
  } catch (...) {
    throw sim::app::usage_error{"--seed takes a number"};
  }
  const auto world = sim::world::embedded_default_world();

  std::cout << "== 1. Tỉnh mô phỏng / the simulated province ==\n"
            << world->name << ": " << world->facilities.size() << " cơ sở KCB, "
            << world->citizen_count() << " công dân / facilities, citizens\n";
  for (const auto& f : world->facilities)
    std::cout << "   " << f.ma_cskcb << "  " << f.name << "  (tài khoản cổng / portal account "
              << (f.accounts.empty() ? "-" : f.accounts.front().username) << ")\n";

  // The portal judges with the world's trust store and registered certificates (issue 8).
  sim::rules::validate_options opt;
  opt.at = sim::synth::validation_time;
  opt.world = world;
  try {
    sim::signature::add_signature_checks(
        opt,
        std::make_shared<const sim::signature::verifier>(
            sim::signature::trust_from_world(*world, sim::signature::bhxh_portal_profile())),
        *world);
  } catch (const std::exception& e) {
    std::cerr << "trust store of the embedded world: " << e.what() << "\n";
    return 2;
  }

  sim::synth::generator gen({.seed = seed,
                             .world = world,
                             .signer = sim::signature::default_pki_signer(),
                             .signer_of_kind = [](std::string_view kind) {
                               return sim::signature::default_pki_signer(std::string(kind));
                             }});
  std::cout << "\n== 2. Hồ sơ hợp lệ, đã ký số / valid claims, digitally signed ==\n";
  int accepted = 0, total = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    for (const auto& f : gen.encounter(i)) {
      write_file(fs::path(out) / f.relative_path, f.bytes);
      const auto report = sim::rules::validate_file(f.bytes, opt);
      ++total;
      accepted += report.accepted ? 1 : 0;
      std::cout << "   " << (report.accepted ? "HỢP LỆ / accepted " : "BỊ TỪ CHỐI / rejected ")
                << f.relative_path << "  (" << (f.checkin ? "check-in" : kind_vi(f.kind))
                << ", " << f.ma_cskcb << ", " << f.bytes.size() / 1024 << " KB)\n";
      for (const auto& x : report.findings) std::cout << "      " << x.code << " " << x.message_vi << "\n";
    }
  }

  std::cout << "\n== 3. Mỗi hồ sơ sai đúng một lỗi / each file broken in exactly one way ==\n";
  int caught = 0, broken = 0;
  for (std::string_view code : {"FIELD.REQUIRED", "SUM.T_THUOC", "DATE.ORDER", "SIG.DIGEST",
                                "SIG.CERT_EXPIRED", "XML.DTD_FORBIDDEN"}) {
    const auto f = gen.mutation(0, code);
    if (!f) continue;
    ++broken;
    write_file(fs::path(out) / "mutations" / (std::string(code) + ".xml"), f->bytes);
    const auto report = sim::rules::validate_file(f->bytes, opt);
    bool found = false;
    for (const auto& x : report.findings) {
      if (x.code != f->expected_code) continue;
      found = true;
      std::cout << "   " << x.code << (x.table.empty() ? "" : "  [" + x.table + "]")
                << (x.field.empty() ? "" : " " + x.field) << "\n      vi: " << x.message_vi
                << "\n      en: " << x.message_en << "\n";
      break;
    }
    if (!found) std::cout << "   " << code << ": (không phát hiện / not detected)\n";
    caught += found && !report.accepted ? 1 : 0;
  }

  // Identity against the population and card registers (issue 10): the named rehearsal
  // citizens' claims carry what the facility recorded, which the register contradicts.
  std::cout << "\n== 4. Đối chiếu CSDL dân cư và thẻ BHYT / against the population and card "
               "registers ==\n";
  auto cross = opt;
  sim::crosscheck::add_crosscheck(cross, sim::crosscheck::view_of(*world));
  int mismatched = 0, cases = 0;
  for (const auto& [label, code] : {std::pair{"sai-ho-ten", "ID.NAME"},
                                    std::pair{"sai-ngay-sinh", "ID.DOB"},
                                    std::pair{"the-het-han", "CARD.EXPIRED"},
                                    std::pair{"the-cua-nguoi-khac", "CARD.NOT_OWNER"}}) {
    const auto* c = world->find_by_case(label);
    if (!c) continue;
    sim::synth::generator g({.seed = seed,
                             .world = world,
                             .signer = sim::signature::default_pki_signer(),
                             .patients = {c->so_dinh_danh}});
    for (const auto& f : g.encounter(0)) {
      if (f.checkin) continue;
      ++cases;
      write_file(fs::path(out) / "identity" / (std::string(label) + ".xml"), f.bytes);
      const auto report = sim::rules::validate_file(f.bytes, cross);
      for (const auto& x : report.findings) {
        if (x.code != code) continue;
        ++mismatched;
        std::cout << "   " << label << " (" << c->ho_ten << "): " << x.code << "\n      vi: "
                  << x.message_vi << "\n";
      }
    }
  }

  std::cout << "\n== Kết quả / result ==\n"
            << "   " << accepted << "/" << total << " hồ sơ hợp lệ được chấp nhận / valid files accepted\n"
            << "   " << caught << "/" << broken << " hồ sơ lỗi bị từ chối đúng lỗi / broken files rejected with their code\n"
            << "   " << mismatched << "/" << cases
            << " hồ sơ sai lệch nhân thân/thẻ được phát hiện / identity and card mismatches "
               "found\n"
            << "   Tệp đã ghi vào / files written to: " << out << "\n"
            << "\nThử tiếp / try next:\n"
            << "   sskdt-sim validate " << out << "/mutations/SUM.T_THUOC.xml\n"
            << "   sskdt-sim generate --seed 1 --count 20 --out out/claims --mutate all\n"
            << "   sskdt-sim world show --case the-het-han\n"
            << "   sskdt-sim validate --crosscheck " << out << "/identity/sai-ho-ten.xml\n"
            << "   sskdt-sim world cards --out out/cards   # printable test cards\n"
            << "   sskdt-sim serve          # the portal on http://127.0.0.1:8080 (docs/portal.md);\n"
            << "                            # then http://127.0.0.1:8080/ui/mismatches, /ui/figures\n";
  return accepted == total && caught == broken && mismatched == cases ? 0 : 1;
}

const sim::app::registration reg{"demo", "A one-minute tour on the embedded world", &run_demo};

}  // namespace
