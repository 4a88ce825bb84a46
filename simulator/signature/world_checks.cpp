#include "simulator/signature/world_checks.hpp"

#include "simulator/core/base64.hpp"
#include "simulator/signature/sig_catalogue.hpp"
#include "simulator/world/world.hpp"

namespace sim::signature {

namespace {
// A signature value of an RSA-2048 key alone is 256 bytes; 64 is a generous floor that still
// refuses placeholders such as "x" or "chuky".
constexpr std::size_t min_signature_bytes = 64;
}  // namespace

void check_du_phong_signatures(const standard::decoded_file& file, core::findings& out) {
  if (file.kind != standard::file_kind::claim) return;
  for (const auto& h : file.claim.hosos) {
    for (const auto id : {standard::table_id::xml13, standard::table_id::xml14}) {
      const auto* t = h.table(id);
      if (!t) continue;
      int row = 0;
      for (const auto& r : t->rows) {
        ++row;
        const std::string value = r.value_or_empty("DU_PHONG");
        std::string decoded;
        const auto err = core::base64_decode(value, decoded, 1u << 20);
        if (!value.empty() && !err && decoded.size() >= min_signature_bytes) continue;
        core::finding f;
        f.code = "SIG.DU_PHONG";
        f.table = std::string(standard::to_string(id));
        f.ma_lk = r.value_or_empty("MA_LK");
        f.row = row;
        f.field = "DU_PHONG";
        f.value = value.substr(0, 40);
        f.detail = value.empty() ? "empty" : err ? "not base64: " + err->reason
                                                 : "only " + std::to_string(decoded.size()) +
                                                       " bytes";
        out.push_back(std::move(f));
      }
    }
  }
}

void add_signature_checks(rules::validate_options& opt, std::shared_ptr<const verifier> v,
                          const world::world& w) {
  if (v) opt.extra_checks.emplace_back(make_extra_check(std::move(v), opt.at));
  if (w.signature.du_phong_signature && opt.standard == standard::standard_id::qd3176) {
    opt.extra_checks.emplace_back(
        [](std::string_view, const standard::decoded_file& file, core::findings& out) {
          check_du_phong_signatures(file, out);
        });
  }
  opt.extra_catalogues.push_back(sig_catalogue());
}

}  // namespace sim::signature
