#include "simulator/services/luu_tru/luu_tru_service.hpp"

#include <algorithm>
#include <atomic>
#include <map>

#include "simulator/engine/exchange.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/standard/standard.hpp"

namespace sim::services::luu_tru {
namespace {

using json = nlohmann::json;

using engine::json_response;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "yyyy-mm-dd" → a day (00:00).
std::optional<core::civil_time> parse_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  std::string compact =
      std::string(s.substr(0, 4)) + std::string(s.substr(5, 2)) + std::string(s.substr(8, 2));
  if (!all_digits(compact)) return std::nullopt;
  return core::parse_yyyymmdd(compact);
}

std::string format_day(const core::civil_time& d) {
  const std::string c = d.to_yyyymmdd();
  return c.substr(0, 4) + "-" + c.substr(4, 2) + "-" + c.substr(6, 2);
}

core::civil_time day_of(core::civil_time t) {
  t.hour = 0;
  t.minute = 0;
  return t;
}

core::civil_time next_day(const core::civil_time& d) {
  return core::civil_time::from_minutes(d.to_minutes() + 24 * 60);
}

std::string str_field(const json& o, const char* key) {
  return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : "";
}

std::atomic<std::uint64_t> g_sequence{0};

}  // namespace

luu_tru_service::luu_tru_service(engine::journal& journal, engine::time_source real_clock)
    : journal_(journal), real_clock_(std::move(real_clock)) {}

core::http_response luu_tru_service::handle(const core::http_request& request,
                                            std::string_view path, engine::sandbox& sb) {
  const auto started = std::chrono::steady_clock::now();
  const auto received = sb.clock.now();
  json body = json::parse(request.body, nullptr, false);
  const std::string facility = str_field(body, "ma_cskcb");
  engine::fault_effect effect = sb.faults.evaluate("luu_tru", facility);
  std::string outcome, ma_khai_bao;

  auto refuse = [&](int status, std::string field, std::string message) {
    outcome = "refused:" + field;
    return json_response(status, {{"ma_loi", std::to_string(status)},
                                  {"truong", std::move(field)},
                                  {"thong_bao", std::move(message)}});
  };
  auto run = [&]() -> core::http_response {
    if (effect.http_status) {
      outcome = "fault:outage";
      return engine::outage_response(effect);
    }
    if (!effect.ma_ket_qua.empty()) {
      outcome = "fault:error";
      return json_response(500, {{"ma_loi", effect.ma_ket_qua},
                                 {"thong_bao", "Lỗi hệ thống tiếp nhận thông báo lưu trú"}});
    }
    if (path != "/c06/luu-tru/khai-bao") {
      outcome = "not_found";
      return json_response(404, {{"ma_loi", "404"},
                                 {"thong_bao", "Không có dịch vụ tại " + std::string(path) +
                                                   " (POST /c06/luu-tru/khai-bao)"}});
    }
    if (request.method != "POST") return refuse(405, "method", "Chỉ nhận POST");
    if (request.body.size() > (1u << 20)) return refuse(413, "body", "Nội dung quá lớn (1 MiB)");
    if (!body.is_object()) return refuse(400, "body", "Nội dung phải là đối tượng JSON");
    const world::facility* f = sb.world.find_facility(facility);
    if (!f) return refuse(400, "ma_cskcb", "ma_cskcb \"" + facility + "\" không phải cơ sở KCB");
    const std::string kenh = str_field(body, "kenh");
    if (kenh != "vneid" && kenh != "dvc")
      return refuse(400, "kenh", "kenh phải là \"vneid\" hoặc \"dvc\" (Cổng dịch vụ công)");
    const auto tu = parse_day(str_field(body, "tu_ngay"));
    if (!tu) return refuse(400, "tu_ngay", "tu_ngay phải là ngày yyyy-mm-dd");
    const auto den = parse_day(str_field(body, "den_ngay"));
    if (!den) return refuse(400, "den_ngay", "den_ngay phải là ngày yyyy-mm-dd");
    if (*den <= *tu)
      return refuse(400, "den_ngay", "den_ngay phải sau tu_ngay (ít nhất một đêm lưu trú)");
    if ((den->to_minutes() - tu->to_minutes()) / (24 * 60) > 366)
      return refuse(400, "den_ngay", "Một thông báo lưu trú không quá 366 đêm");
    if (!body.contains("nguoi_luu_tru") || !body["nguoi_luu_tru"].is_array() ||
        body["nguoi_luu_tru"].empty())
      return refuse(400, "nguoi_luu_tru", "nguoi_luu_tru phải là danh sách không rỗng");
    json people = json::array();
    std::size_t i = 0;
    for (const auto& p : body["nguoi_luu_tru"]) {
      const std::string at = "nguoi_luu_tru[" + std::to_string(i++) + "]";
      const std::string id = str_field(p, "so_dinh_danh");
      const std::string name = str_field(p, "ho_ten");
      if (id.size() != 12 || !all_digits(id))
        return refuse(400, at + ".so_dinh_danh", "so_dinh_danh phải gồm 12 chữ số");
      if (name.empty()) return refuse(400, at + ".ho_ten", "ho_ten không được để trống");
      // The police register is the sandbox's world: an unknown number cannot be declared.
      if (!sb.world.find_citizen(id))
        return refuse(400, at + ".so_dinh_danh",
                      "Số định danh " + id + " không có trong Cơ sở dữ liệu quốc gia về dân cư");
      json person = {{"so_dinh_danh", id}, {"ho_ten", name}};
      if (!str_field(p, "ma_lk").empty()) person["ma_lk"] = str_field(p, "ma_lk");
      people.push_back(std::move(person));
    }
    const auto today = engine::to_vietnam_civil(received);
    const std::uint64_t seq = ++g_sequence;
    const auto real_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(real_clock_().time_since_epoch())
            .count();
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "%012llx",
                  static_cast<unsigned long long>(static_cast<std::uint64_t>(real_ns) + seq) &
                      0xFFFFFFFFFFFFull);
    ma_khai_bao = "LT" + today.to_yyyymmdd() + "-" + facility + "-" + suffix;
    const std::int64_t nights = (den->to_minutes() - tu->to_minutes()) / (24 * 60);
    json stored = {{"ma_khai_bao", ma_khai_bao},
                   {"ma_cskcb", facility},
                   {"ten_co_so", f->name},
                   {"kenh", kenh},
                   {"tu_ngay", format_day(*tu)},
                   {"den_ngay", format_day(*den)},
                   {"so_dem", nights},
                   {"nguoi_luu_tru", people},
                   {"ghi_chu", str_field(body, "ghi_chu")},
                   {"thoi_diem_tiep_nhan", engine::format_iso8601_utc(received)}};
    engine::submission_record s;
    s.sandbox = sb.name;
    s.ma_giao_dich = ma_khai_bao;
    s.kind = "luu_tru";
    s.standard = "luu_tru";
    s.ma_cskcb = facility;
    s.ma_lk = ma_khai_bao;
    s.received_at = engine::format_iso8601_utc(received);
    s.file = stored.dump(-1, ' ', false, json::error_handler_t::replace);
    s.verdict = "accepted";
    s.decided_at = s.received_at;
    if (!journal_.record_submission(s)) {
      outcome = "error:journal";
      return json_response(
          500,
          {{"ma_loi", "500"}, {"thong_bao", "Lỗi hệ thống: chưa lưu được thông báo, hãy gửi lại"}});
    }
    outcome = "accepted";
    return json_response(200, {{"ma_loi", "0"},
                               {"thong_bao", "Tiếp nhận thông báo lưu trú thành công"},
                               {"ma_khai_bao", ma_khai_bao},
                               {"so_dem", nights},
                               {"so_nguoi", people.size()}});
  };

  core::http_response response;
  try {
    response = run();
  } catch (const std::exception& e) {
    outcome = "error";
    response = json_response(500, {{"ma_loi", "500"}, {"thong_bao", e.what()}});
  }
  response.delay += effect.delay;
  if (effect.reset_connection || effect.lose_response) response.reset_connection = true;

  std::string note = "{\"ma_khai_bao\":";
  engine::append_json_string(note, ma_khai_bao);
  note += ",\"outcome\":";
  engine::append_json_string(note, outcome);
  note += '}';
  engine::exchange_record e = engine::journal_entry(
      {.sandbox = sb.name, .endpoint = "luu_tru", .received = received,
       .real_now = real_clock_(), .started = started, .body_limit = 64 * 1024},
      request, response, effect, {.key = "x-sim-luu-tru", .json = note});
  e.ma_giao_dich = ma_khai_bao;
  if (!journal_.record_exchange(std::move(e)) && !response.reset_connection) {
    return json_response(500, {{"ma_loi", "500"}, {"thong_bao", "Lỗi hệ thống: nhật ký"}});
  }
  return response;
}

json check_nights(const engine::journal& journal, const engine::sandbox& sb,
                  std::string_view ma_cskcb, std::optional<core::civil_time> night) {
  // Declared nights: (facility, so_dinh_danh) → [tu, den) ranges with their number.
  struct range {
    std::int64_t from = 0, to = 0;  // minutes of the days
    std::string ma_khai_bao;
  };
  std::map<std::pair<std::string, std::string>, std::vector<range>> declared;
  struct claim_row {
    std::string ma_giao_dich, ma_cskcb, ma_lk, so_cccd, ho_ten;
    core::civil_time vao, ra;
  };
  std::vector<claim_row> claims;
  journal.for_each_submission(sb.name, [&](const engine::submission_record& s) {
    if (!ma_cskcb.empty() && s.ma_cskcb != ma_cskcb) return;
    if (s.kind == "luu_tru" && s.verdict == "accepted") {
      const json d = json::parse(s.file, nullptr, false);
      const auto tu = parse_day(str_field(d, "tu_ngay"));
      const auto den = parse_day(str_field(d, "den_ngay"));
      if (!tu || !den || !d.contains("nguoi_luu_tru") || !d["nguoi_luu_tru"].is_array()) return;
      for (const auto& p : d["nguoi_luu_tru"]) {
        declared[{s.ma_cskcb, str_field(p, "so_dinh_danh")}].push_back(
            {tu->to_minutes(), den->to_minutes(), s.ma_giao_dich});
      }
      return;
    }
    if (s.kind != "claim" || s.verdict != "accepted" || !s.replaced_by.empty()) return;
    const auto id = standard::parse_standard(s.standard);
    if (!id) return;
    const standard::decoded_file f = standard::decode(s.file, standard::get_standard(*id));
    if (f.kind != standard::file_kind::claim) return;
    for (const auto& h : f.claim.hosos) {
      const standard::table_data* xml1 = h.table(standard::table_id::xml1);
      if (!xml1) continue;
      for (const auto& r : xml1->rows) {
        if (r.value_or_empty("MA_LOAI_KCB") != "03") continue;  // QĐ 4750: 03 = nội trú
        std::string vao_text = r.value_or_empty("NGAY_VAO_NOI_TRU");
        if (vao_text.empty()) vao_text = r.value_or_empty("NGAY_VAO");
        const auto vao = core::parse_date_or_datetime(vao_text);
        const auto ra = core::parse_date_or_datetime(r.value_or_empty("NGAY_RA"));
        if (!vao || !ra) continue;
        claims.push_back({s.ma_giao_dich, s.ma_cskcb, r.value_or_empty("MA_LK"),
                          r.value_or_empty("SO_CCCD"), r.value_or_empty("HO_TEN"), *vao, *ra});
      }
    }
  });

  json list = json::array();
  std::size_t total_nights = 0, total_declared = 0;
  for (const auto& c : claims) {
    const core::civil_time first = day_of(c.vao), last = day_of(c.ra);
    if (night && (*night < first || !(*night < last))) continue;
    json nights = json::array();
    const auto it = declared.find({c.ma_cskcb, c.so_cccd});
    for (core::civil_time d = first; d < last; d = next_day(d)) {
      std::string by;
      if (it != declared.end()) {
        for (const auto& rg : it->second) {
          if (rg.from <= d.to_minutes() && d.to_minutes() < rg.to) {
            by = rg.ma_khai_bao;
            break;
          }
        }
      }
      ++total_nights;
      if (!by.empty()) ++total_declared;
      json n = {{"date", format_day(d)}, {"status", by.empty() ? "missing" : "declared"}};
      if (!by.empty()) n["ma_khai_bao"] = by;
      nights.push_back(std::move(n));
    }
    const std::size_t missing = static_cast<std::size_t>(std::count_if(
        nights.begin(), nights.end(), [](const json& n) { return n["status"] == "missing"; }));
    list.push_back({{"maGiaoDich", c.ma_giao_dich},
                    {"ma_cskcb", c.ma_cskcb},
                    {"ma_lk", c.ma_lk},
                    {"so_cccd", c.so_cccd},
                    {"ho_ten", c.ho_ten},
                    {"vao", c.vao.to_yyyymmddhhmm()},
                    {"ra", c.ra.to_yyyymmddhhmm()},
                    {"status", missing == 0 ? "declared" : "missing"},
                    {"nights", std::move(nights)}});
  }
  return {{"claims", list},
          {"summary",
           {{"claims", list.size()},
            {"nights", total_nights},
            {"declared", total_declared},
            {"missing", total_nights - total_declared}}}};
}

}  // namespace sim::services::luu_tru
