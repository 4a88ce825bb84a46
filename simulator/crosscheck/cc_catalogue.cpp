// ID.* and CARD.* entries. docs/crosscheck.md lists the same codes (tests/unit/crosscheck keeps
// them in step). {detail} carries language-neutral text only (dates, codes, numbers).
#include <array>

#include "simulator/crosscheck/crosscheck.hpp"

namespace sim::crosscheck {
namespace {

using core::severity;
using rules::catalogue_entry;

constexpr std::string_view reconciliation =
    "spec c06 A8 (BHXH đối chiếu với CSDLQG về dân cư; QĐ 1864/QĐ-BHXH); severity and wording "
    "of the simulator (docs/crosscheck.md)";

constexpr std::array entries{
    catalogue_entry{"ID.UNKNOWN", severity::error,
                    "Số định danh {field} \"{value}\" không có trong Cơ sở dữ liệu quốc gia về "
                    "dân cư; hồ sơ không được xác thực danh tính.",
                    "The ID number {field} \"{value}\" is not in the national population "
                    "register; the record's identity is not confirmed.",
                    reconciliation},
    catalogue_entry{"ID.NAME", severity::error,
                    "Họ tên \"{value}\" ({field}) khác họ tên trong Cơ sở dữ liệu quốc gia về "
                    "dân cư \"{detail}\".",
                    "The name \"{value}\" ({field}) differs from the name in the national "
                    "population register \"{detail}\".",
                    reconciliation},
    catalogue_entry{"ID.DOB", severity::error,
                    "Ngày sinh \"{value}\" ({field}) khác ngày sinh trong Cơ sở dữ liệu quốc gia "
                    "về dân cư ({detail}).",
                    "The date of birth \"{value}\" ({field}) differs from the one in the national "
                    "population register ({detail}).",
                    reconciliation},
    catalogue_entry{"ID.SEX", severity::error,
                    "Giới tính \"{value}\" ({field}) khác giới tính trong Cơ sở dữ liệu quốc gia "
                    "về dân cư (mã {detail}; 1 = nam, 2 = nữ).",
                    "The sex \"{value}\" ({field}) differs from the one in the national "
                    "population register (code {detail}; 1 = male, 2 = female).",
                    reconciliation},
    catalogue_entry{"CARD.NOT_OWNER", severity::error,
                    "Thẻ BHYT \"{value}\" ({field}) không có trong dữ liệu thẻ hoặc không phải "
                    "thẻ của người có số định danh {detail}.",
                    "The BHYT card \"{value}\" ({field}) is not in the card register or is not "
                    "the card of the person with ID number {detail}.",
                    "spec c06 A8 (thẻ đồng bộ theo mã thẻ và số định danh, NĐ 188/2025 Đ10 k3); "
                    "look-up 050/051 (spec §3.4)"},
    catalogue_entry{"CARD.EXPIRED", severity::error,
                    "Thẻ BHYT \"{value}\" ({field}) không có giá trị sử dụng vào ngày khám chữa "
                    "bệnh (giá trị sử dụng {detail}).",
                    "The BHYT card \"{value}\" ({field}) is not valid on the visit date "
                    "(validity {detail}).",
                    "Luật BHYT Đ16 (giá trị sử dụng của thẻ); look-up 010 (spec §3.4)"},
    catalogue_entry{"CARD.REVOKED", severity::error,
                    "Thẻ BHYT \"{value}\" ({field}) đã bị thu hồi.",
                    "The BHYT card \"{value}\" ({field}) has been revoked.",
                    "Luật BHYT Đ19 (thu hồi thẻ); look-up 110 (spec §3.4)"},
    catalogue_entry{"CARD.BAO_GIAM", severity::error,
                    "Thẻ BHYT \"{value}\" ({field}) đã bị báo giảm.",
                    "The BHYT card \"{value}\" ({field}) has been reported off (báo giảm).",
                    "look-up 120–124 (spec §3.4, PL03 CV 1923)"},
};

}  // namespace

std::span<const rules::catalogue_entry> crosscheck_catalogue() { return entries; }

}  // namespace sim::crosscheck
