// Signature verification throughput (issue 8, "Speed"): verifications per second on one core for
// a typical claim (~8 KB) and a large inpatient claim (~2 MB), with the portal's trust store and
// registrations (fast path: registered certificate cached, key handed to xmlsec by reference)
// and with an unknown certificate (slow path: parsed and judged in full each time); then
// `xmlsec1 --verify` as a process per file on the same files.
//
//   build/<dir>/bench/signature_bench [seconds-per-measure]
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "simulator/core/base64.hpp"
#include "simulator/core/civil_time.hpp"
#include "simulator/signature/default_pki.hpp"
#include "simulator/signature/sig_catalogue.hpp"
#include "simulator/signature/signer.hpp"
#include "simulator/signature/verifier.hpp"
#ifdef SSKDT_BENCH_VALIDATE
#include "simulator/rules/validator.hpp"
#include "simulator/synth/generator.hpp"
#endif

extern char** environ;

namespace {

using clock_type = std::chrono::steady_clock;
const std::filesystem::path pki = std::filesystem::path(SSKDT_SOURCE_DIR) / "fixtures/pki/default";

std::string read(const std::filesystem::path& p) {
  std::ifstream is(p, std::ios::binary);
  std::stringstream ss;
  ss << is.rdbuf();
  return ss.str();
}

// A claim envelope whose XML1..XML3 NOIDUNGFILE hold inner tables of about `target` bytes in all.
std::string claim_of_size(std::size_t target) {
  std::string inner = "<CHITIEU_CHITIET_THUOC><DSACH_CHI_TIET_THUOC>";
  int stt = 0;
  while (inner.size() * 4 / 3 < target - 1200) {
    ++stt;
    inner += "<CHI_TIET_THUOC><MA_LK>LK20261203001</MA_LK><STT>" + std::to_string(stt) +
             "</STT><MA_THUOC>40.17</MA_THUOC><TEN_THUOC><![CDATA[Paracetamol 500mg]]>"
             "</TEN_THUOC><DON_VI_TINH>Viên</DON_VI_TINH><SO_LUONG>10.000</SO_LUONG>"
             "<DON_GIA>1200.000</DON_GIA><THANH_TIEN_BV>12000.00</THANH_TIEN_BV></CHI_TIET_THUOC>";
  }
  inner += "</DSACH_CHI_TIET_THUOC></CHITIEU_CHITIET_THUOC>";
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<GIAMDINHHS xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
         "  <THONGTINDONVI>\n    <MACSKCB>38001</MACSKCB>\n  </THONGTINDONVI>\n"
         "  <THONGTINHOSO>\n    <NGAYLAP>20261203</NGAYLAP>\n    <SOLUONGHOSO>1</SOLUONGHOSO>\n"
         "    <DANHSACHHOSO>\n      <HOSO>\n        <FILEHOSO>\n"
         "          <LOAIHOSO>XML2</LOAIHOSO>\n          <NOIDUNGFILE>" +
         sim::core::base64_encode(inner) +
         "</NOIDUNGFILE>\n        </FILEHOSO>\n      </HOSO>\n    </DANHSACHHOSO>\n"
         "  </THONGTINHOSO>\n  <CHUKYDONVI/>\n</GIAMDINHHS>\n";
}

double per_second(const sim::signature::verifier& v, const std::string& xml, double seconds) {
  const auto at = *sim::core::parse_yyyymmddhhmm("202612031000");
  if (!v.verify(xml, "", at).empty()) {
    std::cerr << "the benchmark file does not verify\n";
    std::exit(2);
  }
  std::size_t n = 0;
  const auto t0 = clock_type::now();
  std::chrono::duration<double> elapsed{};
  do {
    for (int i = 0; i < 8; ++i) {
      if (!v.verify(xml, "", at).empty()) std::exit(2);
    }
    n += 8;
    elapsed = clock_type::now() - t0;
  } while (elapsed.count() < seconds);
  return static_cast<double>(n) / elapsed.count();
}

// Mean wall time of `xmlsec1 --verify` on `file`, as a process per file (ms); -1 when missing.
double xmlsec1_ms(const std::filesystem::path& file, int runs) {
  const std::string root = (pki / "root-ca.cert.pem").string();
  const std::string ca = (pki / "issuing-ca.cert.pem").string();
  const std::string f = file.string();
  std::vector<const char*> argv = {"xmlsec1", "--verify", "--trusted-pem", root.c_str(),
                                   "--trusted-pem", ca.c_str(), f.c_str(), nullptr};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1, 0);
  const auto t0 = clock_type::now();
  for (int i = 0; i < runs; ++i) {
    pid_t pid = 0;
    if (posix_spawnp(&pid, "xmlsec1", &fa, nullptr, const_cast<char* const*>(argv.data()),
                     environ) != 0) {
      posix_spawn_file_actions_destroy(&fa);
      return -1;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::cerr << "xmlsec1 --verify failed on " << f << "\n";
      posix_spawn_file_actions_destroy(&fa);
      return -1;
    }
  }
  posix_spawn_file_actions_destroy(&fa);
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count() / runs;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const std::string key = read(pki / "38001-valid.key.pem");
  const std::string cert = read(pki / "38001-valid.cert.pem");

  sim::signature::trust_config portal;
  portal.trusted_ca_pems = {read(pki / "root-ca.cert.pem"), read(pki / "issuing-ca.cert.pem")};
  portal.crl_pems = {read(pki / "issuing-ca.crl.pem")};
  portal.registered_cert_pems_by_ma_cskcb.emplace("38001", cert);
  const sim::signature::verifier fast(portal);
  // Slow path: only the root is trusted, nothing registered: the KeyInfo certificate is parsed
  // and its chain built and judged on every call.
  sim::signature::trust_config unknown;
  unknown.trusted_ca_pems = {read(pki / "root-ca.cert.pem"), read(pki / "issuing-ca.cert.pem")};
  unknown.check_registration = false;
  const sim::signature::verifier slow(unknown);

  std::printf("signature verification, one thread (one core), %.1f s per measure\n", seconds);
  std::printf("%-10s %10s %14s %14s %16s\n", "file", "bytes", "fast /s", "slow /s",
              "xmlsec1 ms/file");
  const auto tmp = std::filesystem::temp_directory_path();
  for (std::size_t size : {std::size_t{8} << 10, std::size_t{2} << 20}) {
    auto signed_xml = sim::signature::sign(claim_of_size(size), key, cert, {});
    if (!signed_xml.ok()) {
      std::cerr << signed_xml.error << "\n";
      return 2;
    }
    const auto path = tmp / ("sskdt-signature-bench-" + std::to_string(size) + ".xml");
    std::ofstream(path, std::ios::binary) << signed_xml.signed_xml;
    const double f = per_second(fast, signed_xml.signed_xml, seconds);
    const double s = per_second(slow, signed_xml.signed_xml, seconds);
    const double x = xmlsec1_ms(path, size > (1u << 20) ? 5 : 20);
    std::printf("%-10s %10zu %14.0f %14.0f %16.1f   fast = %.0fx xmlsec1\n",
                size > (1u << 20) ? "large" : "typical", signed_xml.signed_xml.size(), f, s, x,
                x > 0 ? f * x / 1000.0 : 0.0);
    std::filesystem::remove(path);
  }
#ifdef SSKDT_BENCH_VALIDATE
  // verify + validate (issue 8 target: ≥ 2,000 typical claims a second per core): generated
  // claims of the embedded world, signed with the embedded PKI, judged by validate_file with
  // the signature hook.
  sim::synth::generator gen({.seed = 42, .signer = sim::signature::default_pki_signer()});
  std::vector<std::string> claims;
  std::size_t bytes = 0;
  for (std::size_t i = 0; claims.size() < 64 && i < 1000; ++i) {
    for (auto& f : gen.encounter(i)) {
      if (!f.checkin && f.bytes.size() >= 6000 && f.bytes.size() <= 20000) {
        bytes += f.bytes.size();
        claims.push_back(std::move(f.bytes));
      }
    }
  }
  auto shared = std::make_shared<const sim::signature::verifier>(
      sim::signature::default_pki_trust());
  sim::rules::validate_options opt;
  opt.at = sim::synth::validation_time;
  sim::rules::validate_options with_sig = opt;
  with_sig.extra_checks.push_back(sim::signature::make_extra_check(shared, opt.at));
  with_sig.extra_catalogues.push_back(sim::signature::sig_catalogue());
  for (const auto& c : claims) {
    auto r = sim::rules::validate_file(c, with_sig);
    if (!r.accepted) {
      std::cerr << "a generated claim is rejected: " << r.findings.front().code << " "
                << r.findings.front().detail << "\n";
      return 2;
    }
  }
  auto rate = [&](const sim::rules::validate_options& o) {
    std::size_t n = 0;
    const auto t0 = clock_type::now();
    std::chrono::duration<double> elapsed{};
    do {
      for (const auto& c : claims) {
        if (!sim::rules::validate_file(c, o).accepted) std::exit(2);
      }
      n += claims.size();
      elapsed = clock_type::now() - t0;
    } while (elapsed.count() < seconds);
    return static_cast<double>(n) / elapsed.count();
  };
  std::printf("\n%zu generated claims (mean %zu bytes), one thread:\n", claims.size(),
              claims.empty() ? 0 : bytes / claims.size());
  std::printf("  validate only:        %8.0f /s\n", rate(opt));
  std::printf("  verify + validate:    %8.0f /s\n", rate(with_sig));
#endif
  return 0;
}
