// libFuzzer entry point for the envelope codec (sim::standard::decode, QĐ 4750). Built by
// tests/fuzz/CMakeLists.txt: as envelope_replay (corpus replay, label `unit`) in the default
// build, as envelope_fuzz (libFuzzer) with the `fuzz` preset; see docs/fuzzing.md.
// Invariants: decode never crashes or hangs; whatever it decodes re-encodes and decodes again
// without ENV/XML findings of the encoder's own making.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "simulator/standard/envelope.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sim::standard;
  const auto& standard = get_standard(standard_id::qd4750);
  decode_limits limits;
  limits.max_file_bytes = 1u << 20;
  limits.max_inner_bytes = 1u << 20;
  auto d = decode(std::string_view(reinterpret_cast<const char*>(data), size), standard, limits);
  if (d.kind == file_kind::claim) {
    (void)decode(encode_claim(standard, d.claim), standard, limits);
  } else if (d.kind == file_kind::checkin) {
    (void)decode(encode_checkin(standard, d.checkin), standard, limits);
  }
  return 0;
}
