// `sskdt-sim ksk`: KSK records for the Ministry of Health data hub (docs/ksk-hub.md) — an
// unsigned sample record, and the two XMLDSig signatures (CKS_NGUOI_KET_LUAN, CKS_BENH_VIEN)
// made by the simulator's signing rule with certificates of the embedded test PKI.
#include <iostream>
#include <iterator>
#include <sstream>

#include "simulator/app/command.hpp"
#include "simulator/services/ksk_hub/envelope.hpp"
#include "simulator/signature/default_pki.hpp"
#include "simulator/world/world.hpp"

namespace {

constexpr const char* usage_text =
    "usage: sskdt-sim ksk sample --facility MA_CSKCB [--world FILE] [--ma-lk X] [--citizen ID]\n"
    "                            [--name NAME] [--date yyyyMMddHHmm]\n"
    "       sskdt-sim ksk sign --facility MA_CSKCB [--doctor KIND] [--seal KIND]\n"
    "                          [--seal-facility MA_CSKCB] < record.xml > signed.xml\n"
    "KIND: a certificate of the embedded test PKI (valid, expired, revoked, untrusted-ca, …)";

int run_ksk(std::span<const std::string> args) {
  if (args.empty()) throw sim::app::usage_error{usage_text};
  const std::string verb = args[0];
  sim::app::args_reader in(args.subspan(1));
  std::string facility, world_file, ma_lk = "KSK-0001", citizen = "038068900101";
  std::string name = "Nguyễn Văn An", date = "202612030900", doctor = "valid", seal = "valid";
  std::string seal_facility;
  while (!in.done()) {
    if (in.take_value("--facility", facility) || in.take_value("--world", world_file) ||
        in.take_value("--ma-lk", ma_lk) || in.take_value("--citizen", citizen) ||
        in.take_value("--name", name) || in.take_value("--date", date) ||
        in.take_value("--doctor", doctor) || in.take_value("--seal", seal) ||
        in.take_value("--seal-facility", seal_facility))
      continue;
    throw sim::app::usage_error{"unknown option " + in.peek() + "\n" + usage_text};
  }
  if (facility.empty())
    throw sim::app::usage_error{std::string("--facility is required\n") + usage_text};
  if (verb == "sample") {
    const auto world = sim::app::load_world_option(world_file);
    const sim::world::ksk_hub_account* account = nullptr;
    for (const auto& a : world->ksk_hub.accounts) {
      if (a.facility == facility) account = &a;
    }
    if (!account) {
      std::cerr << "facility " << facility << " has no ksk_hub account in the world\n";
      return 2;
    }
    std::cout << sim::services::ksk_hub::sample_ksk_record(account->sender_id, ma_lk, citizen, name,
                                                           date);
    return 0;
  }
  if (verb == "sign") {
    if (seal_facility.empty()) seal_facility = facility;
    auto pem = [](const std::string& f, const std::string& kind, const char* ext) {
      return sim::signature::default_pki_file(f + "-" + kind + ext);
    };
    const auto dk = pem(facility, doctor, ".key.pem"), dc = pem(facility, doctor, ".cert.pem");
    const auto sk = pem(seal_facility, seal, ".key.pem");
    const auto sc = pem(seal_facility, seal, ".cert.pem");
    if (!dk || !dc || !sk || !sc) {
      std::cerr << "no such certificate in the embedded test PKI (facility " << facility << "/"
                << seal_facility << ", kinds " << doctor << "/" << seal << ")\n";
      return 2;
    }
    std::string xml((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    auto r = sim::services::ksk_hub::sign_ksk_record(xml, *dk, *dc, *sk, *sc);
    if (!r.error.empty()) {
      std::cerr << r.error << "\n";
      return 1;
    }
    std::cout << r.xml;
    return 0;
  }
  throw sim::app::usage_error{"unknown verb " + verb + "\n" + usage_text};
}

const sim::app::registration reg{"ksk", "KSK records for the Ministry of Health data hub",
                                 &run_ksk};

}  // namespace
