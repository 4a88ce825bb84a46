#include <algorithm>
#include <cstdio>

#include "simulator/cards/cards.hpp"
#include "simulator/identity/card_qr.hpp"

namespace sim::cards {
namespace {

constexpr std::int64_t minutes_per_day = 24 * 60;

core::civil_time date(int y, int m, int d) { return core::civil_time{y, m, d, 0, 0}; }

core::civil_time add_days(const core::civil_time& t, std::int64_t days) {
  return core::civil_time::from_minutes(t.to_minutes() + days * minutes_per_day);
}

// The same day `years` later; 29 February becomes 28 February in a common year.
core::civil_time years_later(const core::civil_time& t, int years) {
  const int y = t.year + years;
  return date(y, t.month, std::min(t.day, core::days_in_month(y, t.month)));
}

std::uint64_t last_digits_value(std::string_view id, std::size_t count) {
  std::uint64_t v = 0;
  const auto start = id.size() > count ? id.size() - count : 0;
  for (char ch : id.substr(start)) {
    if (ch >= '0' && ch <= '9') v = v * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return v;
}

// A field of a "|"-separated payload must not hold the separator or a line break (a scanner
// ends the scan at CR/LF); check_card_qr catches the rest.
std::string field_problem(std::string_view name, std::string_view value) {
  if (value.find('|') != std::string_view::npos) return std::string(name) + " contains '|'";
  if (value.find_first_of("\r\n") != std::string_view::npos) {
    return std::string(name) + " contains a line break";
  }
  return {};
}

// Reads the payload back with the receiving side's parser: any finding refuses it.
payload_result verified(std::string payload, identity::qr_kind kind) {
  identity::qr_options o;
  o.kind = kind;
  const auto r = identity::check_card_qr(payload, o);
  if (r.findings.empty()) return {std::move(payload), {}};
  std::string why = "the payload does not read back cleanly:";
  for (const auto& f : r.findings) {
    why += " " + f.code;
    if (!f.field.empty()) why += " (" + f.field + ")";
  }
  return {{}, why};
}

}  // namespace

std::string format_ddmmyyyy(const core::civil_time& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02d%04d", d.day, d.month, d.year);
  return buf;
}

std::string format_dd_mm_yyyy(const core::civil_time& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

// Rule in cards.hpp and docs/cards.md. The chip CCCD exists from 2021 (TT 06/2021/TT-BCA);
// Luật Căn cước 2023 (effective 2024-07-01) issues a card to a child under 14 on request.
core::civil_time cccd_issue_date(const world::citizen& c) {
  const auto chip_start = date(2021, 1, 1);
  const auto new_law = date(2024, 7, 1);
  const auto fourteen = years_later(c.date_of_birth, 14);
  const auto start = fourteen <= new_law
                         ? std::max(chip_start, fourteen)
                         : std::max(new_law, date(c.date_of_birth.year, c.date_of_birth.month,
                                                  c.date_of_birth.day));
  const auto offset = static_cast<std::int64_t>(last_digits_value(c.so_dinh_danh, 6) % 365);
  const auto cap = add_days(world::generation_reference_date, -1);
  const auto d = add_days(start, offset);
  return d <= cap ? d : std::max(start, cap);
}

payload_result cccd_payload(const world::citizen& c) {
  // c06 A5: #4 is the text printed on the card, "Nam" / "Nữ".
  std::string sex;
  if (c.gender == world::sex::male) {
    sex = "Nam";
  } else if (c.gender == world::sex::female) {
    sex = "Nữ";
  } else {
    return {{}, "sex is unknown: the CCCD QR holds Nam or Nữ"};
  }
  for (const auto& [name, value] :
       {std::pair<std::string_view, std::string_view>{"so_dinh_danh", c.so_dinh_danh},
        {"old_cmnd", c.old_cmnd},
        {"ho_ten", c.ho_ten},
        {"address", c.address}}) {
    if (auto p = field_problem(name, value); !p.empty()) return {{}, p};
  }
  std::string p = c.so_dinh_danh;
  p.append("|").append(c.old_cmnd).append("|").append(c.ho_ten).append("|");
  p.append(format_ddmmyyyy(c.date_of_birth)).append("|").append(sex).append("|");
  p.append(c.address).append("|").append(format_ddmmyyyy(cccd_issue_date(c)));
  return verified(std::move(p), identity::qr_kind::cccd);
}

payload_result bhyt_payload(const world::citizen& c) {
  if (!c.card) return {{}, "the citizen has no BHYT card"};
  const auto& card = *c.card;
  // c06 A5 [S]: #3 is GIOI_TINH 1/2 (QĐ 4750).
  std::string sex;
  if (c.gender == world::sex::male) {
    sex = "1";
  } else if (c.gender == world::sex::female) {
    sex = "2";
  } else {
    return {{}, "sex is unknown: the BHYT card QR holds 1 or 2"};
  }
  for (const auto& [name, value] :
       {std::pair<std::string_view, std::string_view>{"card number", card.number},
        {"ma_dkbd", card.ma_dkbd}}) {
    if (auto p = field_problem(name, value); !p.empty()) return {{}, p};
  }
  std::string p = card.number;
  p.append("|").append(identity::encode_hex(c.ho_ten)).append("|");
  p.append(format_dd_mm_yyyy(c.date_of_birth)).append("|").append(sex).append("|");
  p.append(identity::encode_hex(c.address)).append("|").append(card.ma_dkbd).append("|");
  p.append(format_dd_mm_yyyy(card.valid_from)).append("|");
  p.append(format_dd_mm_yyyy(card.valid_to));
  return verified(std::move(p), identity::qr_kind::bhyt_card);
}

printed_card make_card(const world::citizen& c, const world::facility* registered) {
  printed_card card;
  card.citizen = c;
  if (registered) card.facility_name = registered->name;
  card.cccd_issue_date = cccd_issue_date(c);
  auto cccd = cccd_payload(c);
  if (!cccd.ok()) {
    card.error = "CCCD: " + cccd.error;
    return card;
  }
  card.cccd_payload = std::move(cccd.payload);
  if (c.card) {
    auto bhyt = bhyt_payload(c);
    if (!bhyt.ok()) {
      card.error = "BHYT: " + bhyt.error;
      card.cccd_payload.clear();
      return card;
    }
    card.bhyt_payload = std::move(bhyt.payload);
  }
  // Byte mode at level M holds exactly max_payload_bytes (version 40): decided here, so the
  // sheet lists such a citizen as unprintable instead of showing a broken image.
  for (const auto& [kind, payload] :
       {std::pair<std::string_view, const std::string*>{"CCCD", &card.cccd_payload},
        {"BHYT", &card.bhyt_payload}}) {
    if (payload->size() > max_payload_bytes) {
      card.error = std::string(kind) + ": payload of " + std::to_string(payload->size()) +
                   " bytes does not fit in a QR code (byte mode, level M: at most " +
                   std::to_string(max_payload_bytes) + " bytes)";
      card.cccd_payload.clear();
      card.bhyt_payload.clear();
      return card;
    }
  }
  return card;
}

std::string png_file_name(const printed_card& card, std::string_view kind) {
  return card.citizen.so_dinh_danh + "-" + std::string(kind) + ".png";
}

}  // namespace sim::cards
