// The invented geography of the simulated province "Thượng Ninh" (docs/world.md): district and
// commune names and codes are made up for the simulator. The province code 38 is borrowed from
// Thanh Hóa (where the real commune Thượng Ninh lies) so that code-list checks on MATINH, card
// and ID numbers pass; the district and commune codes do not name real places.
#pragma once

#include <array>
#include <string_view>

namespace sim::world::detail {

struct commune_info {
  std::string_view maxa;  // 5 digits
  std::string_view name;  // with its kind: "xã Tân Phú", "phường Ninh Giang", "thị trấn …"
  bool urban;
};

struct district_info {
  std::string_view mahuyen;  // 3 digits
  std::string_view name;     // "huyện Ninh Sơn"
  bool mountainous;          // ethnic-minority areas: DT cards and K2/K3 living-area codes
  int weight;                // share of the population, per mille
  std::array<commune_info, 4> communes;
};

inline constexpr std::string_view province_name = "tỉnh Thượng Ninh";

inline constexpr std::array<district_info, 4> districts{{
    {"380", "thành phố Thượng Ninh", false, 380,
     {{{"14701", "phường Ninh Giang", true},
       {"14704", "phường Đông Thành", true},
       {"14707", "phường Bắc Sơn", true},
       {"14710", "xã Hoằng Ninh", false}}}},
    {"385", "huyện Ninh Sơn", false, 260,
     {{{"14800", "thị trấn Ninh Sơn", true},
       {"14803", "xã Tân Phú", false},
       {"14806", "xã Yên Lạc", false},
       {"14809", "xã Thượng Ninh", false}}}},
    {"388", "huyện Đông Hà", false, 230,
     {{{"14900", "thị trấn Đông Hà", true},
       {"14903", "xã Quảng Yên", false},
       {"14906", "xã Hải Thanh", false},
       {"14909", "xã Nga Bạch", false}}}},
    {"391", "huyện Như Lâm", true, 130,
     {{{"15000", "thị trấn Như Lâm", true},
       {"15003", "xã Xuân Bình", false},
       {"15006", "xã Thanh Quân", false},
       {"15009", "xã Phú Mỗ", false}}}},
}};

}  // namespace sim::world::detail
