#include "simulator/services/portal/card_lookup.hpp"

#include <nlohmann/json.hpp>

#include "simulator/core/form.hpp"
#include "simulator/core/text.hpp"
#include "simulator/standard/envelope.hpp"

namespace sim::services::portal {
namespace {

using json = nlohmann::json;

core::http_response json_response(const json& body) {
  core::http_response r;
  r.status = 200;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string dmy(const core::civil_time& t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", t.day, t.month, t.year);
  return buf;
}

// Parses the look-up's date of birth: dd/MM/yyyy, ddMMyyyy, MM/yyyy or yyyy (spec §3.4).
// Returns {year, month (0 = not given), day (0 = not given)}.
std::optional<core::civil_time> parse_birth(std::string_view s) {
  core::civil_time t;
  auto num = [](std::string_view v, int& out) {
    if (!all_digits(v)) return false;
    out = std::stoi(std::string(v));
    return true;
  };
  if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
    if (!num(s.substr(0, 2), t.day) || !num(s.substr(3, 2), t.month) || !num(s.substr(6), t.year))
      return std::nullopt;
  } else if (s.size() == 8 && all_digits(s)) {
    num(s.substr(0, 2), t.day);
    num(s.substr(2, 2), t.month);
    num(s.substr(4), t.year);
  } else if (s.size() == 7 && s[2] == '/') {
    if (!num(s.substr(0, 2), t.month) || !num(s.substr(3), t.year)) return std::nullopt;
  } else if (s.size() == 4) {
    if (!num(s, t.year)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (t.year < 1900 || t.month > 12 || t.day > 31) return std::nullopt;
  if (t.day > 0 && (t.month == 0 || t.day > core::days_in_month(t.year, t.month)))
    return std::nullopt;
  return t;
}

std::string normalise_name(std::string_view s) {
  return core::fold_case_vi(core::collapse_spaces(s));
}

// First code point of a UTF-8 string (for 061: wrong name, first letter correct).
std::string first_letter(const std::string& s) {
  if (s.empty()) return {};
  const auto c = static_cast<unsigned char>(s[0]);
  const std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  return s.substr(0, len);
}

}  // namespace

card_lookup::verdict card_lookup::judge(engine::sandbox& sb, std::string_view ma_the,
                                        std::string_view ho_ten, std::string_view ngay_sinh,
                                        std::string_view ho_ten_cb, std::string_view cccd_cb,
                                        const world::facility& facility) const {
  // 205: parameters present and well-formed.
  const auto birth = parse_birth(ngay_sinh);
  if (ma_the.empty() || ho_ten.empty() || !birth || ho_ten_cb.empty() || cccd_cb.empty())
    return {"205", "Lỗi định dạng tham số (maThe, hoTen, ngaySinh, hoTenCb, cccdCb)", nullptr};
  // 054/055: the look-up officer must be registered by the facility (CV 1923).
  const world::lookup_officer* officer = nullptr;
  for (const auto& o : facility.officers) {
    if (o.so_cccd == cccd_cb) officer = &o;
  }
  if (!officer)
    return {"054", "CCCD của cán bộ tra cứu không có trong danh sách người dùng của cơ sở KCB",
            nullptr};
  if (normalise_name(officer->ho_ten) != normalise_name(ho_ten_cb))
    return {"055", "Họ tên cán bộ tra cứu không khớp với số CCCD", nullptr};

  // Which card: 15-char card, 10-digit BHXH number or 12-digit ID number (spec §3.4 [I]).
  const world::citizen* c = nullptr;
  if (ma_the.size() == 15) {
    const bool letters = std::isupper(static_cast<unsigned char>(ma_the[0])) &&
                         std::isupper(static_cast<unsigned char>(ma_the[1]));
    if (!letters || !all_digits(ma_the.substr(3))) return {"051", "Mã thẻ không đúng", nullptr};
    if (ma_the[2] < '1' || ma_the[2] > '5')
      return {"053", "Mã quyền lợi (ký tự thứ 3) không đúng", nullptr};
    const std::string province(ma_the.substr(3, 2));
    const int p = std::stoi(province);
    if (p < 1 || p > 99) return {"052", "Mã tỉnh (ký tự thứ 4–5) không đúng", nullptr};
    c = sb.world.find_by_card(ma_the);
    if (!c) {
      // An earlier card of a holder (re-issued): same lifelong BHXH number, listed in the
      // current card's replaced_cards (docs/world.md). 003/004 (spec §3.4).
      const world::citizen* holder = sb.world.find_by_ma_bhxh(ma_the.substr(5));
      if (holder && holder->card) {
        for (const auto& old : holder->card->replaced) {
          if (old.number != ma_the) continue;
          const auto now = engine::to_vietnam_civil(sb.clock.now());
          const core::civil_time today{now.year, now.month, now.day, 0, 0};
          verdict v =
              today > old.valid_to
                  ? verdict{"003", "Thẻ cũ hết giá trị sử dụng, đã được cấp thẻ mới", holder}
                  : verdict{"004", "Thẻ cũ còn giá trị sử dụng, đã được cấp thẻ mới", holder};
          v.replaced = &old;
          return v;
        }
      }
    }
  } else if (ma_the.size() == 12 && all_digits(ma_the)) {
    c = sb.world.find_citizen(ma_the);
  } else if (ma_the.size() == 10 && all_digits(ma_the)) {
    c = sb.world.find_by_ma_bhxh(ma_the);
  } else {
    return {"051", "Mã thẻ không đúng", nullptr};
  }
  if (c && !c->card && ma_the.size() == 12) {
    // 130: a child under 6 has BHYT without presenting a card (Luật BHYT Art. 12; looked up by
    // the ID number). Age on the sandbox's today.
    const auto now = engine::to_vietnam_civil(sb.clock.now());
    const auto& dob = c->date_of_birth;
    int age = now.year - dob.year;
    if (now.month < dob.month || (now.month == dob.month && now.day < dob.day)) --age;
    if (age < 6) return {"130", "Trẻ em không xuất trình thẻ", c};
  }
  if (!c || !c->card) return {"050", "Không có thông tin thẻ", nullptr};
  const auto& card = *c->card;
  const auto group = card.number.substr(0, 2);
  if (group == "QN") return {"001", "Thẻ do BHXH Bộ Quốc phòng quản lý", c};
  if (group == "CA") return {"002", "Thẻ do BHXH Bộ Công an quản lý", c};
  if (card.status == world::card_status::revoked) return {"110", "Thẻ đã bị thu hồi", c};
  if (card.status == world::card_status::bao_giam) {
    switch (card.reason) {
      case world::bao_giam_reason::chuyen_ngoai_tinh:
        return {"121", "Thẻ đã báo giảm: chuyển ngoại tỉnh", c};
      case world::bao_giam_reason::chuyen_trong_tinh:
        return {"122", "Thẻ đã báo giảm: chuyển nội tỉnh", c};
      case world::bao_giam_reason::tham_gia_lai:
        return {"123", "Thẻ đã báo giảm: tham gia lại tại đơn vị", c};
      case world::bao_giam_reason::ngung_tham_gia:
        return {"124", "Thẻ đã báo giảm: ngừng tham gia", c};
      case world::bao_giam_reason::unspecified:
        break;
    }
    return {"120", "Thẻ đã báo giảm", c};
  }
  const auto today = engine::to_vietnam_civil(sb.clock.now());
  const core::civil_time today_date{today.year, today.month, today.day, 0, 0};
  if (card.status == world::card_status::expired || today_date > card.valid_to)
    return {"010", "Thẻ hết giá trị sử dụng", c};

  // Name and date of birth against the register.
  const auto sent = normalise_name(ho_ten), registered = normalise_name(c->ho_ten);
  if (sent != registered) {
    if (first_letter(sent) == first_letter(registered))
      return {"061", "Họ tên không đúng (đúng ký tự đầu)", c};
    return {"060", "Họ tên không đúng", c};
  }
  const auto& dob = c->date_of_birth;
  if (birth->year != dob.year || (birth->month && birth->month != dob.month) ||
      (birth->day && birth->day != dob.day))
    return {"070", "Ngày sinh không đúng", c};
  return {"000", "Thẻ còn giá trị sử dụng!", c};
}

core::http_response card_lookup::handle(const core::http_request& request, engine::sandbox& sb,
                                        bool history) const {
  auto query = core::parse_form(request.query()).value_or(core::form_fields{});
  auto q = [&](std::string_view n) {
    const std::string* v = core::form_value(query, n);
    return v ? *v : std::string();
  };
  const world::portal_account* account = nullptr;
  const world::facility* facility = sb.world.find_account(q("username"), &account);
  const world::portal_behaviour& behaviour = sb.world.base().portal;
  const bool accept_json = behaviour.card_lookup_body != world::lookup_body::form;
  const bool accept_form = behaviour.card_lookup_body != world::lookup_body::json;
  const std::string expected = core::md5_hex_upper(account ? account->password : "");
  std::string sent_password = q("password");
  if (behaviour.accept_lowercase_md5)
    for (auto& ch : sent_password)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (!facility || sent_password != expected || q("token").empty() || q("id_token").empty())
    return json_response({{"maKetQua", "401"}, {"ghiChu", "Lỗi xác thực"}});
  // The look-up's table has no "locked" code: a locked account is an authentication error
  // (assumption, docs/portal.md).
  if (account->locked)
    return json_response({{"maKetQua", "401"}, {"ghiChu", "Lỗi xác thực: tài khoản đã bị khóa"}});

  std::string ma_the, ho_ten, ngay_sinh, ho_ten_cb, cccd_cb;
  const std::string* ctype = request.header("Content-Type");
  const bool is_json = ctype && ctype->find("json") != std::string::npos;
  if (is_json && accept_json) {
    auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
      return json_response({{"maKetQua", "205"}, {"ghiChu", "Lỗi định dạng tham số"}});
    auto get = [&](const char* k) {
      return body.contains(k) && body[k].is_string() ? body[k].get<std::string>() : std::string();
    };
    ma_the = get("maThe");
    ho_ten = get("hoTen");
    ngay_sinh = get("ngaySinh");
    ho_ten_cb = get("hoTenCb");
    cccd_cb = get("cccdCb");
  } else if (!is_json && accept_form) {
    auto form = core::parse_form(request.body);
    if (!form) return json_response({{"maKetQua", "205"}, {"ghiChu", "Lỗi định dạng tham số"}});
    auto get = [&](std::string_view k) {
      const std::string* v = core::form_value(*form, k);
      return v ? *v : std::string();
    };
    ma_the = get("maThe");
    ho_ten = get("hoTen");
    ngay_sinh = get("ngaySinh");
    ho_ten_cb = get("hoTenCb");
    cccd_cb = get("cccdCb");
  } else {
    return json_response({{"maKetQua", "205"}, {"ghiChu", "Lỗi định dạng tham số"}});
  }

  const auto v = judge(sb, ma_the, ho_ten, ngay_sinh, ho_ten_cb, cccd_cb, *facility);
  json out = {{"maKetQua", v.code}, {"ghiChu", v.message}};
  if (v.citizen && v.citizen->card) {
    const auto& c = *v.citizen;
    const auto& card = *c.card;
    out["maThe"] = card.number;
    out["hoTen"] = c.ho_ten;
    out["ngaySinh"] = dmy(c.date_of_birth);
    out["gioiTinh"] = std::string(world::label_vi(c.gender));
    out["diaChi"] = c.address;
    out["maDKBD"] = card.ma_dkbd;
    out["cqBHXH"] = "Bảo hiểm xã hội tỉnh (mô phỏng)";
    out["gtTheTu"] = dmy(card.valid_from);
    out["gtTheDen"] = dmy(card.valid_to);
    out["maKV"] = card.ma_khuvuc;
    out["maSoBHXH"] = c.ma_bhxh;
    if (v.replaced) {
      // Assumption (docs/portal.md): maThe/gtTheTu/gtTheDen describe the card looked up (the
      // old one); the *Moi fields the current card.
      out["maThe"] = v.replaced->number;
      out["gtTheTu"] = dmy(v.replaced->valid_from);
      out["gtTheDen"] = dmy(v.replaced->valid_to);
      out["maTheCu"] = v.replaced->number;
      out["maTheMoi"] = card.number;
      out["gtTheTuMoi"] = dmy(card.valid_from);
      out["gtTheDenMoi"] = dmy(card.valid_to);
      out["maDKBDMoi"] = card.ma_dkbd;
      const world::facility* dkbd = sb.world.find_facility(card.ma_dkbd);
      out["tenDKBDMoi"] = dkbd ? dkbd->name : std::string();
    }
    if (v.code == "000") {
      out["ghiChu"] = "Thẻ còn giá trị sử dụng! Họ tên: " + c.ho_ten +
                      ", Ngày sinh: " + dmy(c.date_of_birth) + ", Giới tính: " +
                      std::string(world::label_vi(c.gender)) + "! (ĐC: " + c.address +
                      "; Nơi KCBBĐ: " + card.ma_dkbd + "; Hạn thẻ: " + dmy(card.valid_from) +
                      " - " + dmy(card.valid_to) + ").";
    }
  }
  out["dsLichSuKT2018"] = json::array();
  if (!history) {
    out["dsLichSuKCB2018"] = nullptr;  // moved to Lskcb2025 by CV 2746 (spec §3.5)
  } else {
    // Assumption (docs/portal.md): the history lists the sandbox's accepted claims of this card.
    json visits = json::array();
    if (v.code == "000" && v.citizen && v.citizen->card) {
      journal_.for_each_submission(sb.name, [&](const engine::submission_record& s) {
        if (s.kind != "claim" || s.verdict != "accepted") return;
        auto decoded =
            standard::decode(s.file, standard::get_standard(*standard::parse_standard(s.standard)));
        for (const auto& h : decoded.claim.hosos) {
          const auto* x1 = h.table(standard::table_id::xml1);
          if (!x1 || x1->rows.empty()) continue;
          const auto& r = x1->rows.front();
          if (r.value_or_empty("MA_THE_BHYT").find(v.citizen->card->number) == std::string::npos)
            continue;
          visits.push_back({{"maHoSo", s.ma_giao_dich},
                            {"maCSKCB", r.value_or_empty("MA_CSKCB")},
                            {"ngayVao", r.value_or_empty("NGAY_VAO")},
                            {"ngayRa", r.value_or_empty("NGAY_RA")},
                            {"tenBenh", r.value_or_empty("CHAN_DOAN_RV")},
                            {"tinhTrang", r.value_or_empty("MA_LOAI_RV")},
                            {"kqDieuTri", r.value_or_empty("KET_QUA_DTRI")},
                            {"maLoaiKCB", r.value_or_empty("MA_LOAI_KCB")}});
        }
      });
    }
    out["dsLichSuKCB2025"] = visits;
  }
  return json_response(out);
}

}  // namespace sim::services::portal
