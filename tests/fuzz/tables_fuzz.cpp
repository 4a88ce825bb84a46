// Fuzz target: the inner table documents (XML1…XML15, the base64 NOIDUNGFILE of a claim)
// through the whole validator: sim::rules::validate_file = envelope decode (QĐ 4750) + table
// decode + content rules (FIELD.*, LINK.*, SUM.*, DATE.*).
//
// The fuzzer mutates the inner documents directly rather than their base64 (which it could not
// usefully mutate). Input format: segments separated by NUL bytes; each segment is
// "LOAIHOSO\n<inner document>". They become the FILEHOSO entries of one HOSO of a GIAMDINHHS
// envelope, e.g. "XML1\n<TONG_HOP>…</TONG_HOP>\0XML2\n<CHITIEU_CHITIET_THUOC>…".
// Properties: no crash, no hang, no exception; a file is accepted iff it has no error finding;
// every finding carries a code and rendered messages. (Determinism is checked by
// validate_fuzz; judging each input once here doubles the execution rate.)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "simulator/core/base64.hpp"
#include "simulator/rules/validator.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      default:
        out += c;
    }
  }
}

std::string envelope_of(std::string_view input) {
  std::string files;
  std::size_t count = 0;
  while (true) {
    const auto nul = input.find('\0');
    std::string_view segment = input.substr(0, nul);
    const auto nl = segment.find('\n');
    const std::string_view loaihoso = segment.substr(0, nl);
    const std::string_view inner =
        nl == std::string_view::npos ? std::string_view{} : segment.substr(nl + 1);
    files += "<FILEHOSO><LOAIHOSO>";
    append_escaped(files, loaihoso);
    files += "</LOAIHOSO><NOIDUNGFILE>";
    files += sim::core::base64_encode(inner);
    files += "</NOIDUNGFILE></FILEHOSO>";
    ++count;
    if (nul == std::string_view::npos) {
      break;
    }
    input.remove_prefix(nul + 1);
  }
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<GIAMDINHHS><THONGTINDONVI><MACSKCB>38001"
         "</MACSKCB></THONGTINDONVI><THONGTINHOSO><NGAYLAP>20261203</NGAYLAP><SOLUONGHOSO>1"
         "</SOLUONGHOSO><DANHSACHHOSO><HOSO>" +
         files + "</HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using sim::fuzz::check;
  const std::string file = envelope_of(std::string_view(reinterpret_cast<const char*>(data), size));

  sim::rules::validate_options opt;
  opt.standard = sim::standard::standard_id::qd4750;
  opt.at = sim::core::civil_time{2026, 12, 3, 10, 0};
  opt.limits.max_file_bytes = 4u << 20;
  opt.limits.max_inner_bytes = 2u << 20;
  const auto report = sim::rules::validate_file(file, opt);
  check(report.accepted == !sim::core::has_error(report.findings), "accepted iff no error finding");
  for (const auto& f : report.findings) {
    check(!f.code.empty(), "every finding has a code");
    check(!f.message_vi.empty() && !f.message_en.empty(), "every finding is rendered");
  }
  return 0;
}
