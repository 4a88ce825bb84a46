// Fuzz target: a whole submitted file (claim envelope or XML0 check-in) through
// sim::rules::validate_file, as `sskdt-sim validate` and the portal's submission endpoint see it,
// under QĐ 4750 and QĐ 3176 (each input is judged under both). It shares the envelope corpus.
// The envelope codec alone is fuzzed by envelope_fuzz; this adds the content rules on whatever
// the decoder salvages, plus re-checking that decoded file with check_content.
// Properties: no crash, no hang, no exception; accepted iff no error finding; every finding has
// a code and rendered messages; check_content on the decoded file is deterministic.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "simulator/rules/validator.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

void judge(std::string_view file, sim::standard::standard_id id) {
  using sim::fuzz::check;
  sim::rules::validate_options opt;
  opt.standard = id;
  opt.at = sim::core::civil_time{2026, 12, 3, 10, 0};
  opt.limits.max_file_bytes = 4u << 20;
  opt.limits.max_inner_bytes = 2u << 20;

  const auto report = sim::rules::validate_file(file, opt);
  check(report.accepted == !sim::core::has_error(report.findings), "accepted iff no error finding");
  for (const auto& f : report.findings) {
    check(!f.code.empty(), "every finding has a code");
    check(!f.message_vi.empty() && !f.message_en.empty(), "every finding is rendered");
  }
  sim::core::findings a;
  sim::core::findings b;
  sim::rules::check_content(report.decoded, opt, a);
  sim::rules::check_content(report.decoded, opt, b);
  check(a.size() == b.size(), "check_content is deterministic");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  for (const auto id : {sim::standard::standard_id::qd4750, sim::standard::standard_id::qd3176}) {
    judge(file, id);
  }
  return 0;
}
