#include "simulator/crosscheck/crosscheck.hpp"

#include <cstdio>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>

#include "simulator/core/text.hpp"

namespace sim::crosscheck {
namespace {

// Each lower-case Vietnamese letter with a diacritic, by its base letter (NFC, as fold_case_vi
// leaves them).
constexpr std::array<std::pair<std::string_view, char>, 7> letters{{
    {"àáảãạăằắẳẵặâầấẩẫậ", 'a'},
    {"đ", 'd'},
    {"èéẻẽẹêềếểễệ", 'e'},
    {"ìíỉĩị", 'i'},
    {"òóỏõọôồốổỗộơờớởỡợ", 'o'},
    {"ùúủũụưừứửữự", 'u'},
    {"ỳýỷỹỵ", 'y'},
}};

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

std::optional<char> base_letter(std::string_view cp) {
  for (const auto& [set, base] : letters) {
    for (std::size_t i = 0; i < set.size();) {
      const auto n = utf8_length(static_cast<unsigned char>(set[i]));
      if (set.substr(i, n) == cp) return base;
      i += n;
    }
  }
  return std::nullopt;
}

bool is_ascii(std::string_view s) {
  for (const char ch : s) {
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  }
  return true;
}

std::string normalise_name(std::string_view s) {
  return core::fold_case_vi(core::collapse_spaces(core::compose_vi(s)));
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char ch : s) {
    if (ch < '0' || ch > '9') return false;
  }
  return true;
}

int number(std::string_view digits) {
  int v = 0;
  for (const char ch : digits) v = v * 10 + (ch - '0');
  return v;
}

// yyyymmdd… of the standard; nullopt when the first 8 characters are not digits.
std::optional<core::civil_time> date_of(std::string_view text) {
  if (text.size() < 8 || !all_digits(text.substr(0, 8))) return std::nullopt;
  return core::civil_time{number(text.substr(0, 4)), number(text.substr(4, 2)),
                          number(text.substr(6, 2)), 0, 0};
}

std::vector<std::string_view> split_cards(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const auto pos = s.find(';');
    auto part = s.substr(0, pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.push_back(part);
    if (pos == std::string_view::npos) break;
    s.remove_prefix(pos + 1);
  }
  return out;
}

struct card_match {
  const world::citizen* holder = nullptr;
  core::civil_time valid_from, valid_to;
  world::card_status status = world::card_status::active;
};

// The holder of `number`: the current card of a citizen, or an earlier card listed in the
// current card's replaced_cards (same lifelong BHXH number, spec §3.4 look-up 003/004).
card_match find_card(std::string_view number, const register_view& view) {
  card_match m;
  if (const auto* c = view.find_by_card ? view.find_by_card(number) : nullptr; c && c->card) {
    m.holder = c;
    m.valid_from = c->card->valid_from;
    m.valid_to = c->card->valid_to;
    m.status = c->card->status;
    return m;
  }
  if (number.size() == 15 && view.find_by_ma_bhxh) {
    const auto* c = view.find_by_ma_bhxh(number.substr(5));
    if (c && c->card) {
      for (const auto& old : c->card->replaced) {
        if (old.number != number) continue;
        m.holder = c;
        m.valid_from = old.valid_from;
        m.valid_to = old.valid_to;
        return m;
      }
    }
  }
  return m;
}

core::finding make(std::string_view code, const std::string& ma_lk, int row, std::string_view field,
                   std::string value, std::string detail) {
  core::finding f;
  f.code = std::string(code);
  f.table = "XML1";
  f.ma_lk = ma_lk;
  f.row = row;
  f.field = std::string(field);
  f.value = std::move(value);
  f.detail = std::move(detail);
  return f;
}

void check_row(const standard::row& r, int row, const register_view& view, core::findings& out,
               std::vector<identity_mismatch>* mismatches) {
  const std::size_t first = out.size();
  const std::string ma_lk = r.value_or_empty("MA_LK");
  const std::string so_cccd = r.value_or_empty("SO_CCCD");
  const std::string ma_the = r.value_or_empty("MA_THE_BHYT");
  const auto cards = split_cards(ma_the);  // views into ma_the

  // The person the record claims to be: by SO_CCCD; without one, the holder of the first card.
  // A passport number (a letter first) is a foreigner's, who is not in the population register.
  const world::citizen* person = nullptr;
  const bool passport = !so_cccd.empty() && so_cccd.front() >= 'A' && so_cccd.front() <= 'Z';
  if (!so_cccd.empty() && !passport) {
    person = view.find_citizen ? view.find_citizen(so_cccd) : nullptr;
    if (!person) out.push_back(make("ID.UNKNOWN", ma_lk, row, "SO_CCCD", so_cccd, ""));
  } else if (so_cccd.empty() && !cards.empty()) {
    person = find_card(cards.front(), view).holder;
  }

  if (person) {
    const std::string ho_ten = r.value_or_empty("HO_TEN");
    const auto sent = normalise_name(ho_ten), registered = normalise_name(person->ho_ten);
    // Without diacritics: accepted when equal to the register's name stripped of them (choice of
    // the simulator; a per-world switch may make it strict, docs/crosscheck.md).
    const bool same = sent == registered ||
                      (view.names_without_diacritics && is_ascii(sent) &&
                       sent == strip_diacritics_vi(registered));
    if (!ho_ten.empty() && !same)
      out.push_back(make("ID.NAME", ma_lk, row, "HO_TEN", ho_ten, person->ho_ten));

    const std::string ngay_sinh = r.value_or_empty("NGAY_SINH");
    if (ngay_sinh.size() >= 8 && all_digits(ngay_sinh.substr(0, 8))) {
      const int y = number(std::string_view(ngay_sinh).substr(0, 4));
      const int m = number(std::string_view(ngay_sinh).substr(4, 2));
      const int d = number(std::string_view(ngay_sinh).substr(6, 2));
      const auto& dob = person->date_of_birth;
      const bool differs =
          y != dob.year || (m != 0 && m != dob.month) || (m != 0 && d != 0 && d != dob.day);
      if (differs)
        out.push_back(make("ID.DOB", ma_lk, row, "NGAY_SINH", ngay_sinh, dob.to_yyyymmdd()));
    }

    const std::string gioi_tinh = r.value_or_empty("GIOI_TINH");
    if (person->gender != world::sex::unknown && gioi_tinh.size() == 1 && all_digits(gioi_tinh) &&
        number(gioi_tinh) != static_cast<int>(person->gender))
      out.push_back(make("ID.SEX", ma_lk, row, "GIOI_TINH", gioi_tinh,
                         std::to_string(static_cast<int>(person->gender))));
  }

  // Cards: the first must be usable on the visit date (NGAY_VAO); a later one (a new card during
  // the stay, spec §2 multi-valued fields) anywhere between NGAY_VAO and NGAY_RA.
  const auto vao = date_of(r.value_or_empty("NGAY_VAO"));
  auto ra = date_of(r.value_or_empty("NGAY_RA"));
  if (vao && (!ra || *ra < *vao)) ra = vao;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    const std::string number_text(cards[i]);
    // Cards of the army and police insurance (QN, CA) are kept by their own BHXH (look-up
    // 001/002): not in this card register, not checked.
    if (number_text.starts_with("QN") || number_text.starts_with("CA")) continue;
    const auto m = find_card(cards[i], view);
    // Compared by ID number: an overlay may hand out different objects for the same person.
    if (!m.holder || (person && m.holder->so_dinh_danh != person->so_dinh_danh)) {
      out.push_back(make("CARD.NOT_OWNER", ma_lk, row, "MA_THE_BHYT", number_text,
                         passport || so_cccd.empty() ? std::string("-") : so_cccd));
      continue;
    }
    if (m.status == world::card_status::revoked) {
      out.push_back(make("CARD.REVOKED", ma_lk, row, "MA_THE_BHYT", number_text, ""));
      continue;
    }
    if (m.status == world::card_status::bao_giam) {
      out.push_back(make("CARD.BAO_GIAM", ma_lk, row, "MA_THE_BHYT", number_text, ""));
      continue;
    }
    const std::string validity = m.valid_from.to_yyyymmdd() + "-" + m.valid_to.to_yyyymmdd();
    bool valid = m.status != world::card_status::expired;
    if (valid && vao) {
      const core::civil_time from{m.valid_from.year, m.valid_from.month, m.valid_from.day, 0, 0};
      const core::civil_time to{m.valid_to.year, m.valid_to.month, m.valid_to.day, 0, 0};
      valid = i == 0 ? (from <= *vao && *vao <= to) : (from <= *ra && *vao <= to);
    }
    if (!valid)
      out.push_back(make("CARD.EXPIRED", ma_lk, row, "MA_THE_BHYT", number_text, validity));
  }

  if (!mismatches) return;
  for (std::size_t i = first; i < out.size(); ++i) {
    const auto& f = out[i];
    if (!f.code.starts_with("ID.")) continue;
    identity_mismatch m;
    m.row = row;
    m.ma_lk = ma_lk;
    m.code = f.code;
    m.field = f.field;
    m.claimed = f.value;
    if (f.code == "ID.NAME") m.registered = person->ho_ten;
    if (f.code == "ID.DOB" || f.code == "ID.SEX") m.registered = f.detail;
    m.so_dinh_danh = person ? person->so_dinh_danh : so_cccd;
    if (vao) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", vao->year, vao->month, vao->day);
      m.visit_date = buf;
    }
    mismatches->push_back(std::move(m));
  }
}

}  // namespace

std::string strip_diacritics_vi(std::string_view folded) {
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size();) {
    const auto n = std::min(utf8_length(static_cast<unsigned char>(folded[i])), folded.size() - i);
    const auto cp = folded.substr(i, n);
    if (n > 1) {
      if (const auto b = base_letter(cp)) {
        out.push_back(*b);
        i += n;
        continue;
      }
    }
    out.append(cp);
    i += n;
  }
  return out;
}

register_view view_of(const world::world& w) {
  register_view v{[&w](std::string_view id) { return w.find_citizen(id); },
                  [&w](std::string_view card) { return w.find_by_card(card); },
                  [&w](std::string_view bhxh) { return w.find_by_ma_bhxh(bhxh); }};
  v.names_without_diacritics = w.c06.names_without_diacritics;
  return v;
}

void check_claim(const standard::decoded_file& file, const register_view& view,
                 core::findings& out, std::vector<identity_mismatch>* mismatches) {
  if (file.kind != standard::file_kind::claim) return;
  for (const auto& h : file.claim.hosos) {
    const auto* t = h.table(standard::table_id::xml1);
    if (!t) continue;
    int row = 0;
    for (const auto& r : t->rows) check_row(r, ++row, view, out, mismatches);
  }
}

void add_crosscheck(rules::validate_options& opt, register_view view,
                    std::shared_ptr<std::vector<identity_mismatch>> mismatches) {
  opt.extra_checks.emplace_back(
      [v = std::move(view), sink = std::move(mismatches)](
          std::string_view, const standard::decoded_file& file, core::findings& out) {
        check_claim(file, v, out, sink.get());
      });
  opt.extra_catalogues.push_back(crosscheck_catalogue());
}

}  // namespace sim::crosscheck
