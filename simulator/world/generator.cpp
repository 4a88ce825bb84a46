// Deterministic synthetic citizens (docs/world.md "Generated population"). Every draw comes
// from one xoshiro256** stream keyed by (seed, index), in a fixed order, so a citizen depends
// only on its seed and index: same seed, same population, on every platform.
#include <array>
#include <string>

#include "simulator/world/detail/geography.hpp"
#include "simulator/world/detail/random.hpp"
#include "simulator/world/world.hpp"

namespace sim::world {
namespace {

using detail::xoshiro256;

struct weighted {
  std::string_view value;
  int weight;
};

template <std::size_t N>
std::string_view pick(xoshiro256& rng, const std::array<weighted, N>& table) {
  int total = 0;
  for (const auto& w : table) total += w.weight;
  int x = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (const auto& w : table) {
    if (x < w.weight) return w.value;
    x -= w.weight;
  }
  return table.back().value;
}

template <std::size_t N>
std::size_t pick_index(xoshiro256& rng, const std::array<int, N>& weights) {
  int total = 0;
  for (int w : weights) total += w;
  int x = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (std::size_t i = 0; i < N; ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return N - 1;
}

template <std::size_t N>
std::string_view pick_uniform(xoshiro256& rng, const std::array<std::string_view, N>& table) {
  return table[rng.below(N)];
}

// Family names with their approximate shares in Vietnam (per 10,000).
constexpr std::array<weighted, 16> family_names{{
    {"Nguyễn", 3800},
    {"Trần", 1100},
    {"Lê", 950},
    {"Phạm", 700},
    {"Hoàng", 510},
    {"Phan", 450},
    {"Vũ", 390},
    {"Đặng", 210},
    {"Bùi", 200},
    {"Đỗ", 140},
    {"Hồ", 130},
    {"Ngô", 130},
    {"Dương", 100},
    {"Lý", 50},
    {"Mai", 60},
    {"Trịnh", 80},
}};

constexpr std::array<std::string_view, 12> male_middle{
    "Văn", "Đức", "Minh", "Hữu", "Quang", "Thành", "Công", "Xuân", "Ngọc", "Đình", "Mạnh", "Gia"};
constexpr std::array<std::string_view, 12> female_middle{
    "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Minh", "Phương", "Kim", "Mai", "Bích", "Thùy", "Khánh"};
constexpr std::array<std::string_view, 30> male_given{
    "Hùng",  "Dũng", "Tuấn",  "Minh", "Nam",  "Long", "Hải",   "Sơn",   "Thắng", "Cường",
    "Hoàng", "Quân", "Khánh", "Phúc", "Bảo",  "Đạt",  "Huy",   "Trung", "Tùng",  "Việt",
    "Anh",   "Đức",  "Thịnh", "Lâm",  "Kiên", "Hiếu", "Nghĩa", "Vinh",  "Toàn",  "Lộc"};
constexpr std::array<std::string_view, 30> female_given{
    "Hoa", "Lan",   "Hương", "Mai",  "Linh",  "Trang",  "Thảo", "Hằng",  "Nga",  "Hà",
    "Yến", "Nhung", "Huyền", "Ngọc", "Vân",   "Phương", "Thủy", "Oanh",  "Dung", "Hạnh",
    "Chi", "Anh",   "My",    "Vy",   "Quỳnh", "Tâm",    "Nhi",  "Giang", "Thư",  "Loan"};

// Population by 5-year age band (0–4 … 85–89, then 90–95), per mille, shaped on Vietnam's
// recent age pyramid.
constexpr std::array<int, 19> age_bands{70, 80, 78, 70, 68, 72, 80, 80, 74, 68,
                                        62, 56, 48, 38, 26, 16, 11, 7,  4};

// Province codes of birth registration (spec A6): most were born in the province itself.
constexpr std::array<std::string_view, 8> other_birth_provinces{"001", "040", "036", "037",
                                                                "079", "026", "034", "048"};

constexpr std::array<weighted, 7> app_versions{{{"2.0.3", 30},
                                                {"2.0.4", 40},
                                                {"2.1.5", 80},
                                                {"2.1.10", 150},
                                                {"2.1.14", 200},
                                                {"2.2.3", 250},
                                                {"2.2.8", 250}}};

// What a citizen's identity needs, drawn first so that a child's guardian (another index) can
// be derived cheaply without generating the whole guardian.
struct core_draws {
  sex gender = sex::unknown;
  core::civil_time dob;
  int age = 0;
  std::string_view family;
  std::size_t district = 0, commune = 0;
  int hamlet = 0, house = 0;
  std::string_view birth_province;
};

core::civil_time add_days(core::civil_time t, std::int64_t days) {
  return core::civil_time::from_minutes(t.to_minutes() + days * 1440);
}

core_draws draw_core(xoshiro256& rng, std::size_t index) {
  core_draws d;
  d.gender = rng.chance(495) ? sex::male : sex::female;
  // Index 0 is always an adult of parenting age, so every child has a guardian to point at.
  const std::size_t band = index == 0 ? 6 : pick_index(rng, age_bands);
  const int span = band == age_bands.size() - 1 ? 6 : 5;
  d.age = index == 0 ? rng.between(25, 45)
                     : static_cast<int>(band) * 5 +
                           static_cast<int>(rng.below(static_cast<std::uint64_t>(span)));
  const auto ref = generation_reference_date;
  // Born on a day in the year before the age-th birthday counted back from the reference date.
  const core::civil_time year_start{ref.year - d.age - 1, ref.month, ref.day, 0, 0};
  d.dob = add_days(year_start, 1 + static_cast<std::int64_t>(rng.below(365)));
  d.family = pick(rng, family_names);
  std::array<int, detail::districts.size()> dw{};
  for (std::size_t i = 0; i < dw.size(); ++i) dw[i] = detail::districts[i].weight;
  d.district = pick_index(rng, dw);
  d.commune = rng.below(detail::districts[d.district].communes.size());
  d.hamlet = rng.between(1, 14);
  d.house = rng.between(1, 220);
  d.birth_province =
      rng.chance(850) ? std::string_view{} : pick_uniform(rng, other_birth_provinces);
  return d;
}

std::uint64_t stream_key(std::uint64_t seed, std::size_t index) {
  return detail::mix(seed, static_cast<std::uint64_t>(index) + 0x5157'0000'0000ULL);
}

std::string zero_pad(std::uint64_t v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width)
    s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return s;
}

// ID number per spec A6: birth-registration province (3) + century/sex digit + birth year (2)
// + 6 digits; the 6 digits are a keyed permutation of the index, so ids never collide.
std::string make_id(std::uint64_t seed, std::size_t index, const core_draws& d,
                    std::string_view province) {
  std::string id;
  id.reserve(12);
  if (d.birth_province.empty()) {
    id += '0';
    id += province;
  } else {
    id += d.birth_province;
  }
  const int century = (d.dob.year / 100) - 19;  // 1900s → 0, 2000s → 1
  id += static_cast<char>('0' + century * 2 + (d.gender == sex::female ? 1 : 0));
  id += zero_pad(static_cast<std::uint64_t>(d.dob.year % 100), 2);
  const auto n = static_cast<std::uint64_t>(index % max_generated_population);
  id += zero_pad(detail::permute(detail::mix(seed, 1), max_generated_population, n), 6);
  return id;
}

std::string make_address(const core_draws& d) {
  const auto& district = detail::districts[d.district];
  const auto& commune = district.communes[d.commune];
  std::string a;
  if (commune.urban) {
    a = "Số " + std::to_string(d.house) + ", tổ dân phố " + std::to_string(d.hamlet);
  } else {
    a = "Thôn " + std::to_string(d.hamlet);
  }
  a += ", ";
  a += commune.name;
  a += ", ";
  a += district.name;
  a += ", ";
  a += detail::province_name;
  return a;
}

std::string_view beneficiary_group(xoshiro256& rng, int age, bool mountainous) {
  // Groups and their benefit digits per spec §4 (1 = TE, CC; 2 = HN, DT, BT; 3 = HT;
  // 4 = DN, HC, GD, HS, SV; 5 = QN, CA).
  if (age < 6) return "TE1";
  if (mountainous && rng.chance(450)) return "DT2";
  if (age < 18) {
    constexpr std::array<weighted, 3> t{{{"HS4", 900}, {"HN2", 50}, {"", 50}}};
    return pick(rng, t);
  }
  if (age < 23) {
    constexpr std::array<weighted, 5> t{
        {{"SV4", 400}, {"GD4", 250}, {"DN4", 200}, {"HN2", 50}, {"", 100}}};
    return pick(rng, t);
  }
  if (age < 60) {
    constexpr std::array<weighted, 7> t{{{"DN4", 350},
                                         {"GD4", 300},
                                         {"HC4", 80},
                                         {"HN2", 40},
                                         {"QN5", 10},
                                         {"CA5", 10},
                                         {"", 110}}};
    return pick(rng, t);
  }
  if (age < 80) {
    constexpr std::array<weighted, 5> t{
        {{"HT3", 500}, {"GD4", 300}, {"CC1", 30}, {"HN2", 60}, {"", 60}}};
    return pick(rng, t);
  }
  constexpr std::array<weighted, 4> t{{{"BT2", 600}, {"HT3", 300}, {"CC1", 50}, {"", 50}}};
  return pick(rng, t);
}

std::string choose_dkbd(xoshiro256& rng, std::string_view province,
                        const std::vector<facility>& facilities) {
  // Primary-care registration mostly at commune stations and district hospitals.
  auto weight_of = [](const std::string& level) {
    if (level == "xa") return 40;
    if (level == "huyen") return 30;
    if (level == "tinh") return 15;
    if (level == "tu-nhan") return 10;
    return 5;
  };
  int total = 0;
  for (const auto& f : facilities) total += weight_of(f.level);
  if (total == 0) return std::string(province) + "000";  // as on a temporary card (spec §4)
  int x = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (const auto& f : facilities) {
    if (x < weight_of(f.level)) return f.ma_cskcb;
    x -= weight_of(f.level);
  }
  return facilities.back().ma_cskcb;
}

}  // namespace

citizen generate_citizen(std::uint64_t seed, std::size_t index, std::string_view province,
                         const std::vector<facility>& facilities) {
  xoshiro256 rng(stream_key(seed, index));
  core_draws d = draw_core(rng, index);
  citizen c;
  c.gender = d.gender;
  c.date_of_birth = d.dob;
  c.so_dinh_danh = make_id(seed, index, d, province);

  // Children under 6 are represented by an adult generated just before them (a guardian of
  // parenting age); they live at the guardian's address and, with a father, take his name.
  if (d.age < 6 && index > 0) {
    std::size_t g = 0;
    core_draws gd;
    for (std::size_t j = index; j-- > 0 && index - j <= 200;) {
      xoshiro256 grng(stream_key(seed, j));
      core_draws cand = draw_core(grng, j);
      if (cand.age >= d.age + 20 && cand.age <= d.age + 45) {
        g = j;
        gd = cand;
        break;
      }
      if (j == 0) break;
    }
    if (gd.gender == sex::unknown) {  // none nearby: index 0 is always of parenting age
      xoshiro256 grng(stream_key(seed, 0));
      gd = draw_core(grng, 0);
      g = 0;
    }
    c.guardian_id = make_id(seed, g, gd, province);
    d.district = gd.district;
    d.commune = gd.commune;
    d.hamlet = gd.hamlet;
    d.house = gd.house;
    if (gd.gender == sex::male) d.family = gd.family;
  }

  const bool male = d.gender == sex::male;
  c.ho_ten = std::string(d.family) + " " +
             std::string(male ? pick_uniform(rng, male_middle) : pick_uniform(rng, female_middle)) +
             " " +
             std::string(male ? pick_uniform(rng, male_given) : pick_uniform(rng, female_given));
  const auto& district = detail::districts[d.district];
  c.address = make_address(d);
  c.matinh = std::string(province);
  c.mahuyen = std::string(district.mahuyen);
  c.maxa = std::string(district.communes[d.commune].maxa);
  const auto n = static_cast<std::uint64_t>(index);
  // MA_BHXH: 10 digits, no check digit (spec §4); here the province code + a keyed
  // permutation of the index, so card numbers never collide either.
  c.ma_bhxh =
      std::string(province.substr(0, 2)) +
      zero_pad(detail::permute(detail::mix(seed, 3), 100'000'000ULL, n % 100'000'000ULL), 8);

  // Old 9-digit CMND (spec A7) for most adults who were 14 before CCCD cards replaced it (2016);
  // its first two digits were the issuing province's CMND code (17 here, invented).
  if (d.dob.year <= 2001 && rng.chance(700)) {
    c.old_cmnd =
        "17" + zero_pad(detail::permute(detail::mix(seed, 2), 10'000'000ULL, n % 10'000'000ULL), 7);
  }

  const std::string_view group = beneficiary_group(rng, d.age, district.mountainous);
  if (!group.empty()) {
    bhyt_card card;
    card.number = std::string(group) + std::string(province.substr(0, 2)) + c.ma_bhxh;
    card.ma_dkbd = choose_dkbd(rng, province, facilities);
    const int roll = static_cast<int>(rng.below(1000));
    if (group == "TE1") {  // valid from birth until the day before the 6th birthday
      card.valid_from = d.dob;
      const int day = d.dob.month == 2 && d.dob.day == 29 ? 28 : d.dob.day;
      card.valid_to = add_days({d.dob.year + 6, d.dob.month, day, 0, 0}, -1);
    } else if (roll < 700) {
      card.valid_from = {2026, 1, 1, 0, 0};
      card.valid_to = {2026, 12, 31, 0, 0};
    } else if (roll < 900) {
      card.valid_from = {2026, 7, 1, 0, 0};
      card.valid_to = {2027, 6, 30, 0, 0};
    } else {
      card.valid_from = {2025, 1, 1, 0, 0};
      card.valid_to = {2027, 12, 31, 0, 0};
    }
    const int status_roll = static_cast<int>(rng.below(1000));
    if (status_roll < 25 && group != "TE1") {
      card.status = card_status::expired;
      card.valid_from = {2025, 1, 1, 0, 0};
      card.valid_to = {2025, 12, 31, 0, 0};
    } else if (status_roll < 30) {
      card.status = card_status::revoked;
    } else if (status_roll < 40) {
      card.status = card_status::bao_giam;
    }
    if (group == "DT2" || (district.mountainous && rng.chance(300))) {
      card.ma_khuvuc = rng.chance(600) ? "K2" : "K3";
    }
    c.card = std::move(card);
  }

  // VNeID (NĐ 69/2024, spec A2): under 6 level 1 at most, used through the guardian.
  int has_account = 0;
  if (d.age < 6)
    has_account = 120;
  else if (d.age < 14)
    has_account = 250;
  else if (d.age < 80)
    has_account = 800;
  else
    has_account = 350;
  if (rng.chance(has_account)) {
    c.vneid.level = (d.age < 6 || rng.chance(150)) ? 1 : 2;
    c.vneid.app_version = std::string(pick(rng, app_versions));
    // Integrating the card needs level 2 and VNeID 2.0.4 or later (Kiên Hải CV 329, Phụ lục 2).
    c.vneid.bhyt_integrated =
        c.vneid.level == 2 && c.card && c.vneid.app_version != "2.0.3" && rng.chance(700);
  }
  return c;
}

}  // namespace sim::world
