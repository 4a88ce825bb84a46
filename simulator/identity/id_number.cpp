#include "simulator/identity/id_number.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "simulator/core/utf8.hpp"
#include "simulator/identity/id_catalogue.hpp"

namespace sim::identity {
namespace {

// TT 07/2016/TT-BCA Phụ lục I, as the spec records it (c06 A6, [C]): the 63 provinces before
// the 2025 mergers. Numbers keep their birth-registration prefix after the merger (c06 A6 [I]).
constexpr std::array<std::pair<std::string_view, const char*>, 63> provinces{{
    {"001", "Hà Nội"},          {"002", "Hà Giang"},    {"004", "Cao Bằng"},
    {"006", "Bắc Kạn"},         {"008", "Tuyên Quang"}, {"010", "Lào Cai"},
    {"011", "Điện Biên"},       {"012", "Lai Châu"},    {"014", "Sơn La"},
    {"015", "Yên Bái"},         {"017", "Hòa Bình"},    {"019", "Thái Nguyên"},
    {"020", "Lạng Sơn"},        {"022", "Quảng Ninh"},  {"024", "Bắc Giang"},
    {"025", "Phú Thọ"},         {"026", "Vĩnh Phúc"},   {"027", "Bắc Ninh"},
    {"030", "Hải Dương"},       {"031", "Hải Phòng"},   {"033", "Hưng Yên"},
    {"034", "Thái Bình"},       {"035", "Hà Nam"},      {"036", "Nam Định"},
    {"037", "Ninh Bình"},       {"038", "Thanh Hóa"},   {"040", "Nghệ An"},
    {"042", "Hà Tĩnh"},         {"044", "Quảng Bình"},  {"045", "Quảng Trị"},
    {"046", "Thừa Thiên Huế"},  {"048", "Đà Nẵng"},     {"049", "Quảng Nam"},
    {"051", "Quảng Ngãi"},      {"052", "Bình Định"},   {"054", "Phú Yên"},
    {"056", "Khánh Hòa"},       {"058", "Ninh Thuận"},  {"060", "Bình Thuận"},
    {"062", "Kon Tum"},         {"064", "Gia Lai"},     {"066", "Đắk Lắk"},
    {"067", "Đắk Nông"},        {"068", "Lâm Đồng"},    {"070", "Bình Phước"},
    {"072", "Tây Ninh"},        {"074", "Bình Dương"},  {"075", "Đồng Nai"},
    {"077", "Bà Rịa-Vũng Tàu"}, {"079", "TP HCM"},      {"080", "Long An"},
    {"082", "Tiền Giang"},      {"083", "Bến Tre"},     {"084", "Trà Vinh"},
    {"086", "Vĩnh Long"},       {"087", "Đồng Tháp"},   {"089", "An Giang"},
    {"091", "Kiên Giang"},      {"092", "Cần Thơ"},     {"093", "Hậu Giang"},
    {"094", "Sóc Trăng"},       {"095", "Bạc Liêu"},    {"096", "Cà Mau"},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }

// Findings keep at most this much of a hostile value (render truncates the display further).
constexpr std::size_t max_value_bytes = 256;

core::finding make(std::string_view code, const std::string& field, std::string_view value,
                   std::string detail = {}) {
  core::finding f;
  f.code = std::string(code);
  f.field = field;
  f.value = std::string(value.substr(0, max_value_bytes));
  f.detail = std::move(detail);
  render_identity(f);
  return f;
}

}  // namespace

std::string_view to_string(id_kind k) {
  switch (k) {
    case id_kind::personal_id:
      return "personal_id";
    case id_kind::cmnd:
      return "cmnd";
    case id_kind::passport:
      return "passport";
    case id_kind::unknown:
      break;
  }
  return "unknown";
}

const char* province_name(std::string_view code3) {
  auto it = std::lower_bound(provinces.begin(), provinces.end(), code3,
                             [](const auto& p, std::string_view c) { return p.first < c; });
  return it != provinces.end() && it->first == code3 ? it->second : nullptr;
}

const std::vector<std::string_view>& province_codes() {
  static const std::vector<std::string_view> codes = [] {
    std::vector<std::string_view> v;
    for (const auto& p : provinces) v.push_back(p.first);
    return v;
  }();
  return codes;
}

id_check_result check_id_number(std::string_view number, const id_check_options& options) {
  id_check_result r;
  r.parsed.number = std::string(number.substr(0, max_value_bytes));
  const std::string& field = options.field;
  if (number.empty()) {
    r.findings.push_back(make("IDNUM.EMPTY", field, number));
    return r;
  }
  if (auto bad = core::first_invalid_utf8(number)) {
    r.findings.push_back(make("IDNUM.ENCODING", field, number, std::to_string(*bad)));
    return r;
  }
  const std::size_t n = number.size();
  if (n == 8) {
    // Passport form of SO_CCCD (CTN): [A-Z]\d{7}. Nothing about birth is encoded in it.
    if (number[0] >= 'A' && number[0] <= 'Z' && all_digits(number.substr(1))) {
      r.parsed.kind = id_kind::passport;
    } else {
      r.findings.push_back(make("IDNUM.PASSPORT", field, number));
    }
    return r;
  }
  if (n != 9 && n != 12) {
    r.findings.push_back(
        make("IDNUM.LENGTH", field, number, std::to_string(core::utf8_length(number))));
    return r;
  }
  if (!all_digits(number)) {
    const auto pos = std::find_if_not(number.begin(), number.end(), is_digit) - number.begin();
    r.findings.push_back(make("IDNUM.NOT_DIGITS", field, number, std::to_string(pos + 1)));
    return r;
  }
  if (n == 9) {
    // Old CMND (c06 A7): its 2-digit prefix is the issuing province's police code, a list the
    // spec does not give; birth data is not encoded.
    r.parsed.kind = id_kind::cmnd;
    return r;
  }

  auto& p = r.parsed;
  p.kind = id_kind::personal_id;
  p.region_code = std::string(number.substr(0, 3));
  p.region_is_country = number[0] != '0';
  p.century_sex_digit = number[3] - '0';
  p.sex = p.century_sex_digit % 2 == 0 ? 1 : 2;
  p.birth_year =
      1900 + (p.century_sex_digit / 2) * 100 + (number[4] - '0') * 10 + (number[5] - '0');
  p.serial = std::string(number.substr(6));

  if (p.region_is_country) {
    r.findings.push_back(make("IDNUM.COUNTRY", field, p.region_code));
  } else if (const char* name = province_name(p.region_code)) {
    p.region_name = name;
  } else {
    r.findings.push_back(make("IDNUM.PROVINCE", field, p.region_code));
  }
  if (options.as_of && p.birth_year > options.as_of->year) {
    r.findings.push_back(
        make("IDNUM.CENTURY", field, number.substr(3, 1), std::to_string(p.birth_year)));
  }
  if (options.date_of_birth && options.date_of_birth->year != p.birth_year) {
    r.findings.push_back(make("IDNUM.BIRTH_YEAR", field, std::to_string(p.birth_year),
                              std::to_string(options.date_of_birth->year)));
  }
  // GIOI_TINH 3 (chưa xác định) cannot be compared with the digit; it is accepted.
  if (options.sex && (*options.sex == 1 || *options.sex == 2) && *options.sex != p.sex) {
    r.findings.push_back(
        make("IDNUM.SEX", field, number.substr(3, 1), "GIOI_TINH=" + std::to_string(*options.sex)));
  }
  return r;
}

}  // namespace sim::identity
