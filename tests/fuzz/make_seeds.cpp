// Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/), deterministically:
//
//   cmake --build build/<dir> --target fuzz_make_seeds
//   build/<dir>/tests/fuzz/fuzz_make_seeds tests/fuzz/corpus
//
// envelope/  generated claims and check-ins (sim::synth, seed 2026; the smallest of each
//            encounter kind), one file per mutation code (the smallest of 16), and hand-written
//            hostile files (DTD bombs, external entities, deep nesting, odd encodings, truncation,
//            bad base64). Shared by the `validate` target.
// tables/    the inner documents of those claims, NUL-separated as tables_fuzz.cpp reads them.
// signature/ claims and check-ins signed with the test PKI (fixtures/pki/default): valid,
//            expired, self-signed, 1024-bit, untrusted CA, C14N transform variant, tampered
//            after signing, a wrapping variant.
// The small hand-written corpora (base64, utf8, form, civil_time, iso8601) and regression
// inputs found by fuzzing are committed files, not written here.
// Exit: 0 on success, 2 on usage or I/O error.
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/base64.hpp"
#include "simulator/signature/signer.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/synth/generator.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool write(const fs::path& p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

std::string safe_name(std::string_view s) {
  std::string out;
  for (const char c : s) {
    out += (c == '.' || c == '/' || c == ' ') ? '_' : c;
  }
  return out;
}

// The inner documents of a claim as tables_fuzz.cpp reads them: "LOAIHOSO\n<doc>" joined by NUL.
std::string tables_input(std::string_view claim) {
  const auto& std4750 = sim::standard::get_standard(sim::standard::standard_id::qd4750);
  const auto d = sim::standard::decode(claim, std4750);
  std::string out;
  for (const auto& h : d.claim.hosos) {
    for (const auto& t : h.tables) {
      if (!out.empty()) {
        out += '\0';
      }
      out += t.loaihoso;
      out += '\n';
      out += t.xml;
    }
  }
  return out;
}

std::string claim_with(std::string_view loaihoso, std::string_view noidung) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<GIAMDINHHS><THONGTINDONVI><MACSKCB>38001"
         "</MACSKCB></THONGTINDONVI><THONGTINHOSO><NGAYLAP>20261203</NGAYLAP><SOLUONGHOSO>1"
         "</SOLUONGHOSO><DANHSACHHOSO><HOSO><FILEHOSO><LOAIHOSO>" +
         std::string(loaihoso) + "</LOAIHOSO><NOIDUNGFILE>" + std::string(noidung) +
         "</NOIDUNGFILE></FILEHOSO></HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/>"
         "</GIAMDINHHS>";
}

// Hostile files of issue 7 §3: each must give a finding, never a crash or a hang.
std::vector<std::pair<std::string, std::string>> hostile_envelopes() {
  const std::string decl = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  std::vector<std::pair<std::string, std::string>> v;
  v.emplace_back("hostile_billion_laughs.xml",
                 decl +
                     "<!DOCTYPE GIAMDINHHS [<!ENTITY a \"aaaaaaaaaa\">"
                     "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                     "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                     "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                     "<GIAMDINHHS><THONGTINDONVI><MACSKCB>&d;</MACSKCB></THONGTINDONVI>"
                     "</GIAMDINHHS>");
  v.emplace_back("hostile_external_entity.xml",
                 decl +
                     "<!DOCTYPE GIAMDINHHS [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                     "<GIAMDINHHS><THONGTINDONVI><MACSKCB>&x;</MACSKCB></THONGTINDONVI>"
                     "</GIAMDINHHS>");
  v.emplace_back("hostile_parameter_entity.xml",
                 decl +
                     "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]>"
                     "<GIAMDINHHS/>");
  std::string deep = decl;
  for (int i = 0; i < 200; ++i) deep += "<a>";
  for (int i = 0; i < 200; ++i) deep += "</a>";
  v.emplace_back("hostile_deep_nesting.xml", deep);
  v.emplace_back("hostile_utf16_declared.xml",
                 "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<GIAMDINHHS/>");
  v.emplace_back("hostile_latin1_bytes.xml",
                 decl +
                     "<GIAMDINHHS><THONGTINDONVI><MACSKCB>B\xe1nh vi\xea\x6e</MACSKCB>"
                     "</THONGTINDONVI></GIAMDINHHS>");
  v.emplace_back("hostile_utf16le_bom.xml", std::string("\xff\xfe<\0G\0/\0>\0", 10));
  v.emplace_back("hostile_utf8_bom.xml", "\xef\xbb\xbf" + decl + "<GIAMDINHHS/>");
  v.emplace_back(
      "hostile_truncated.xml",
      claim_with("XML1", sim::core::base64_encode("<TONG_HOP><MA_LK>1</MA_LK>")).substr(0, 180));
  v.emplace_back("hostile_bad_base64.xml", claim_with("XML1", "PFRPTkdfSE9QPg=*=="));
  v.emplace_back(
      "hostile_inner_doctype.xml",
      claim_with("XML1", sim::core::base64_encode("<!DOCTYPE TONG_HOP [<!ENTITY e \"x\">]>"
                                                  "<TONG_HOP><MA_LK>&e;</MA_LK></TONG_HOP>")));
  v.emplace_back("hostile_inner_not_utf8.xml",
                 claim_with("XML1", sim::core::base64_encode(
                                        "<TONG_HOP><HO_TEN>Nguy\xeen</HO_TEN></TONG_HOP>")));
  v.emplace_back("hostile_unknown_loaihoso.xml", claim_with("XML99", "AAAA"));
  v.emplace_back("hostile_empty.xml", "");
  v.emplace_back("hostile_nul_bytes.xml", std::string("<GIAMDINHHS>\0\0</GIAMDINHHS>", 27));
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_make_seeds CORPUS_DIR\n");
    return 2;
  }
  const fs::path out(argv[1]);
  const fs::path pki = fs::path(SSKDT_SOURCE_DIR) / "fixtures/pki/default";
  bool ok = true;

  // Unsigned generated files: envelope and tables corpora.
  sim::synth::generator gen({.seed = 2026});
  // The smallest encounter of each kind among the first 64 (small seeds fuzz faster).
  std::map<sim::synth::encounter_kind, std::vector<sim::synth::generated_file>> smallest;
  const auto total = [](const std::vector<sim::synth::generated_file>& fs) {
    std::size_t n = 0;
    for (const auto& f : fs) n += f.bytes.size();
    return n;
  };
  for (std::size_t i = 0; i < 64; ++i) {
    auto files = gen.encounter(i);
    auto& best = smallest[gen.kind_of(i)];
    if (best.empty() || total(files) < total(best)) best = std::move(files);
  }
  std::string first_claim;
  std::string first_checkin;
  for (const auto& [kind, files] : smallest) {
    for (const auto& f : files) {
      const std::string name =
          std::string(sim::synth::to_string(kind)) + (f.checkin ? "_checkin.xml" : "_claim.xml");
      ok &= write(out / "envelope" / name, f.bytes);
      if (!f.checkin) {
        ok &= write(out / "tables" / name, tables_input(f.bytes));
        if (kind == sim::synth::encounter_kind::outpatient_exam) first_claim = f.bytes;
      } else if (kind == sim::synth::encounter_kind::outpatient_exam) {
        first_checkin = f.bytes;
      }
    }
  }
  // One file per mutation code: the smallest over the first 16 encounters.
  std::set<std::string_view> codes;
  for (const auto& m : sim::synth::mutations()) {
    if (m.code == "XML.TOO_LARGE" || !codes.insert(m.code).second) {
      continue;  // XML.TOO_LARGE is 50 MiB by default: not a seed
    }
    auto f = gen.mutation(0, m);
    for (std::size_t i = 1; i < 16; ++i) {
      auto g = gen.mutation(i, m);
      if (g.bytes.size() < f.bytes.size()) f = std::move(g);
    }
    const std::string name = "mutation_" + safe_name(m.code) + ".xml";
    ok &= write(out / "envelope" / name, f.bytes);
    if (!f.checkin && !m.code.starts_with("XML.") && !m.code.starts_with("ENV.")) {
      ok &= write(out / "tables" / name, tables_input(f.bytes));
    }
  }
  for (const auto& [name, bytes] : hostile_envelopes()) {
    ok &= write(out / "envelope" / name, bytes);
  }

  // Signed files: signature corpus.
  const auto sign_with = [&](std::string_view doc, std::string_view cert,
                             const sim::signature::sign_options& o) {
    const auto r = sim::signature::sign(doc, read_text(pki / (std::string(cert) + ".key.pem")),
                                        read_text(pki / (std::string(cert) + ".cert.pem")),
                                        {read_text(pki / "issuing-ca.cert.pem")}, o);
    if (!r.ok()) {
      std::fprintf(stderr, "fuzz_make_seeds: sign with %s: %s\n", std::string(cert).c_str(),
                   r.error.c_str());
      ok = false;
    }
    return r.signed_xml;
  };
  // The first generated claim is facility 38xxx of the embedded world; sign as 38001 anyway:
  // the signature corpus is about the signature path, registration mismatches are findings too.
  const std::string valid = sign_with(first_claim, "38001-valid", {});
  ok &= write(out / "signature" / "claim_valid.xml", valid);
  ok &= write(out / "signature" / "checkin_valid.xml", sign_with(first_checkin, "38001-valid", {}));
  ok &= write(out / "signature" / "claim_valid_c14n_transform.xml",
              sign_with(first_claim, "38001-valid", {.add_c14n_transform = true}));
  for (const char* cert : {"38001-expired", "38001-self-signed", "38001-rsa1024",
                           "38001-untrusted-ca", "38001-revoked", "38001-wrong-usage"}) {
    ok &= write(out / "signature" / (std::string("claim_") + cert + ".xml"),
                sign_with(first_claim, cert, {}));
  }
  // Content changed after signing (SIG.DIGEST) and a second signature (SIG.REFERENCE).
  std::string tampered = valid;
  if (const auto p = tampered.find("<NGAYLAP>"); p != std::string::npos) {
    tampered[p + 9] = tampered[p + 9] == '1' ? '2' : '1';
  }
  ok &= write(out / "signature" / "claim_tampered.xml", tampered);
  ok &= write(out / "signature" / "claim_two_signatures.xml", sign_with(valid, "38001-valid", {}));
  ok &= write(out / "signature" / "unsigned_claim.xml", first_claim);

  if (!ok) {
    std::fprintf(stderr, "fuzz_make_seeds: failed\n");
    return 2;
  }
  return 0;
}
