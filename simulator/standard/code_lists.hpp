// sim::standard — code lists the rules need (GIOI_TINH, MA_LOAI_KCB, MA_DOITUONG_KCB,
// KET_QUA_DTRI, MA_LOAI_RV, MA_NHOM, PHAM_VI, …, province codes), loaded from the data file
// `standard/data/code_lists.json` compiled into the binary. Each list cites its source.
// Catalogues the sources do not contain (ICD-10, drugs, services, supplies, communes) are NOT
// here: their fields are checked for format only (docs/findings.md).
//
//   const auto* l = sim::standard::find_code_list("MA_LOAI_KCB");
//   l->contains("03");  // true
//
// Thread safety: immutable after first use (thread-safe static).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sim::standard {

struct code_entry {
  std::string code;
  std::string label_vi;
};

struct code_list {
  std::string name;    // "MA_LOAI_KCB"
  std::string source;  // "PL4750 NGAY_RA wording; QĐ 824/2023 PL1 (DH ma_loai_kcb.md)"
  std::vector<code_entry> entries;

  bool contains(std::string_view code) const;
  const code_entry* find(std::string_view code) const;
};

const code_list* find_code_list(std::string_view name);
const std::vector<code_list>& all_code_lists();

}  // namespace sim::standard
