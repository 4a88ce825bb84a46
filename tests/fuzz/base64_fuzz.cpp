// Fuzz target: sim::core::base64_decode / base64_encode (NOIDUNGFILE of every claim).
// Properties: decoding arbitrary text never crashes and respects `max_output`; an error offset
// lies inside the input; whatever decodes re-encodes to text that decodes to the same bytes;
// and for arbitrary bytes x, decode(encode(x)) == x.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "simulator/core/base64.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using sim::fuzz::check;
  const std::string_view in(reinterpret_cast<const char*>(data), size);

  // A bound taken from the input so that the "too large" path is exercised too.
  const std::size_t max_output = size == 0 ? 0 : (data[0] % 2 == 0 ? size : data[0] / 4u);
  std::string out;
  const auto err = sim::core::base64_decode(in, out, max_output);
  if (err) {
    check(err->offset <= size, "error offset inside the input");
    check(!err->reason.empty(), "error has a reason");
  } else {
    check(out.size() <= max_output, "decoded size within max_output");
    check(out.size() <= size * 3 / 4 + 3, "decoded size bounded by the input");
    const std::string again = sim::core::base64_encode(out);
    std::string round;
    check(!sim::core::base64_decode(again, round, out.size()), "re-encoded text decodes");
    check(round == out, "decode(encode(decode(x))) == decode(x)");
  }

  // Round trip of arbitrary bytes.
  const std::string enc = sim::core::base64_encode(in);
  check(enc.size() == (size + 2) / 3 * 4, "encoded length is 4*ceil(n/3)");
  std::string dec;
  check(!sim::core::base64_decode(enc, dec, size), "encode output decodes");
  check(dec == in, "decode(encode(x)) == x");
  return 0;
}
