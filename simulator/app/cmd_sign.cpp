// `sskdt-sim sign --key KEY.pem --cert CERT.pem [--chain PEM]... [--c14n-transform] IN OUT`
//   signs a claim or check-in file the way vendors' HIS do (simulator/signature/signer.hpp).
// `sskdt-sim verify-signature [--trust-ca PEM]... [--crl PEM]... [--register-cert MA=PEM]...
//   [--at yyyyMMddHHmm] [--sha1-warning] FILE...`
//   judges only the signature of each file with the portal's profile and prints the SIG.*
//   findings; exit 0 when every file is accepted, 1 when any is rejected. Without
//   --register-cert, registration is not checked. Without --at, the current Vietnam time.
//   (Until `validate` gains its signature flags.)
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "simulator/app/command.hpp"
#include "simulator/signature/sig_catalogue.hpp"
#include "simulator/signature/signer.hpp"
#include "simulator/signature/verifier.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream is(path, std::ios::binary);
  if (!is) throw sim::app::usage_error{"cannot read " + path};
  std::ostringstream ss;
  ss << is.rdbuf();
  return ss.str();
}

int run_sign(std::span<const std::string> args) {
  sim::app::args_reader r(args);
  std::string key, cert, chain;
  std::vector<std::string> chains, positional;
  sim::signature::sign_options opt;
  while (!r.done()) {
    if (r.take_value("--key", key) || r.take_value("--cert", cert)) continue;
    if (r.take_value("--chain", chain)) {
      chains.push_back(read_file(chain));
      continue;
    }
    if (r.take_flag("--c14n-transform")) {
      opt.add_c14n_transform = true;
      continue;
    }
    if (!r.peek().empty() && r.peek()[0] == '-' && r.peek() != "-") {
      throw sim::app::usage_error{"unknown option " + r.peek()};
    }
    positional.push_back(r.next());
  }
  if (key.empty() || cert.empty() || positional.size() != 2) {
    throw sim::app::usage_error{
        "usage: sign --key KEY.pem --cert CERT.pem [--chain PEM]... [--c14n-transform] IN OUT"};
  }
  auto result =
      sim::signature::sign(read_file(positional[0]), read_file(key), read_file(cert), chains, opt);
  if (!result.ok()) {
    std::cerr << "sskdt-sim sign: " << result.error << "\n";
    return 2;
  }
  std::ofstream os(positional[1], std::ios::binary | std::ios::trunc);
  os << result.signed_xml;
  if (!os) {
    std::cerr << "sskdt-sim sign: cannot write " << positional[1] << "\n";
    return 2;
  }
  return 0;
}

sim::core::civil_time vietnam_now() {
  using namespace std::chrono;
  const auto minutes =
      duration_cast<std::chrono::minutes>(system_clock::now().time_since_epoch()).count();
  return sim::core::civil_time::from_minutes(minutes + 7 * 60);
}

std::string render(std::string_view tmpl, const sim::core::finding& f) {
  std::string out(tmpl);
  for (std::size_t p; (p = out.find("{detail}")) != std::string::npos;) {
    out.replace(p, 8, f.detail);
  }
  return out;
}

int run_verify_signature(std::span<const std::string> args) {
  sim::app::args_reader r(args);
  sim::signature::trust_config tc;
  std::string value, at_text;
  std::vector<std::string> files;
  while (!r.done()) {
    if (r.take_value("--trust-ca", value)) {
      tc.trusted_ca_pems.push_back(read_file(value));
      continue;
    }
    if (r.take_value("--crl", value)) {
      tc.crl_pems.push_back(read_file(value));
      continue;
    }
    if (r.take_value("--register-cert", value)) {
      const auto eq = value.find('=');
      if (eq == std::string::npos) throw sim::app::usage_error{"--register-cert MA_CSKCB=PEM"};
      tc.registered_cert_pems_by_ma_cskcb.emplace(value.substr(0, eq),
                                                  read_file(value.substr(eq + 1)));
      continue;
    }
    if (r.take_value("--at", at_text)) continue;
    if (r.take_flag("--sha1-warning")) {
      tc.profile.sha1_is_warning = true;
      continue;
    }
    if (!r.peek().empty() && r.peek()[0] == '-') {
      throw sim::app::usage_error{"unknown option " + r.peek()};
    }
    files.push_back(r.next());
  }
  if (files.empty()) throw sim::app::usage_error{"give at least one FILE"};
  tc.check_registration = !tc.registered_cert_pems_by_ma_cskcb.empty();
  sim::core::civil_time at = vietnam_now();
  if (!at_text.empty()) {
    auto t = sim::core::parse_date_or_datetime(at_text);
    if (!t) throw sim::app::usage_error{"--at needs yyyyMMdd or yyyyMMddHHmm"};
    at = *t;
  }
  std::unique_ptr<sim::signature::verifier> v;
  try {
    v = std::make_unique<sim::signature::verifier>(tc);
  } catch (const sim::signature::trust_error& e) {
    std::cerr << "sskdt-sim verify-signature: " << e.what() << "\n";
    return 2;
  }
  bool all_ok = true;
  for (const auto& file : files) {
    auto fs = v->verify(read_file(file), "", at);
    const bool ok = !sim::core::has_error(fs);
    all_ok = all_ok && ok;
    std::cout << file << ": " << (ok ? "accepted" : "rejected") << "\n";
    for (const auto& f : fs) {
      std::string_view en = "{detail}";
      for (const auto& e : sim::signature::sig_catalogue()) {
        if (e.code == f.code) en = e.message_en;
      }
      std::cout << "  " << f.code << " ["
                << (f.level == sim::core::severity::error ? "error" : "warning") << "] "
                << render(en, f) << "\n";
    }
  }
  return all_ok ? 0 : 1;
}

const sim::app::registration sign_reg{"sign", "Sign a claim or check-in file (XMLDSig)", &run_sign};
const sim::app::registration verify_reg{
    "verify-signature", "Judge only the signature of files (SIG.*)", &run_verify_signature};

}  // namespace
