#include "simulator/admin/admin_api.hpp"
#include "simulator/admin/route_groups.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>

#include "simulator/admin/detail/reply.hpp"
#include "simulator/core/form.hpp"

namespace sim::admin {
namespace {

using json = nlohmann::json;

core::http_response reply(int status, const json& body) { return detail::reply(status, body); }

core::http_response error(int status, const std::string& message) {
  return reply(status, {{"error", message}});
}

// What the mismatch list calls each ID.* code (the `kind` filter).
constexpr std::pair<std::string_view, std::string_view> k_mismatch_kinds[] = {
    {"so_dinh_danh", "ID.UNKNOWN"},
    {"ho_ten", "ID.NAME"},
    {"ngay_sinh", "ID.DOB"},
    {"gioi_tinh", "ID.SEX"}};

std::string kind_of_code(std::string_view code) {
  for (const auto& [kind, c] : k_mismatch_kinds)
    if (c == code) return std::string(kind);
  return std::string(code);
}

json mismatch_json(const engine::mismatch_record& m) {
  return {{"id", m.id},
          {"kind", kind_of_code(m.code)},
          {"code", m.code},
          // A claim's verdict, or a vaccination record of the register (docs/crosscheck.md).
          {"source", m.ma_giao_dich.starts_with("TIEMCHUNG-") ? "tiem_chung" : "ho_so"},
          {"maGiaoDich", m.ma_giao_dich},
          {"ma_cskcb", m.ma_cskcb},
          {"ma_lk", m.ma_lk},
          {"row", m.row},
          {"field", m.field},
          {"claimed", m.claimed},
          {"registered", m.registered},
          {"so_dinh_danh", m.so_dinh_danh},
          {"visit_date", m.visit_date},
          {"detected_at", m.detected_at},
          {"status", m.status},
          {"correction",
           m.correction_requested_at.empty()
               ? json(nullptr)
               : json{{"requested_at", m.correction_requested_at},
                      {"effective_at", m.correction_effective_at},
                      {"by", m.correction_by}}},
          {"resolution", m.resolution.empty() ? json(nullptr) : json(m.resolution)},
          {"resolved_at", m.resolved_at.empty() ? json(nullptr) : json(m.resolved_at)},
          {"resolved_by", m.resolved_by.empty() ? json(nullptr) : json(m.resolved_by)}};
}

// yyyy-mm-dd or yyyymmdd → yyyy-mm-dd; nullopt when neither.
std::optional<std::string> iso_day(const std::string& text) {
  auto digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (text.size() == 8 && digits(text))
    return text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && digits(text.substr(0, 4)) &&
      digits(text.substr(5, 2)) && digits(text.substr(8, 2)))
    return text;
  return std::nullopt;
}

core::http_response mismatch_list(admin_context& ctx, const core::form_fields& query,
                                  engine::sandbox& sb) {
  ctx.portal.decide_due(sb);  // verdicts due and register corrections in effect first
  ctx.portal.find_vaccination_mismatches(sb);  // vaccination records, once per record
  auto q = [&](std::string_view n) {
    const std::string* v = core::form_value(query, n);
    return v ? *v : std::string();
  };
  engine::mismatch_filter f;
  f.ma_cskcb = q("ma_cskcb");
  f.ma_giao_dich = q("maGiaoDich");
  // Which records: claims ("ho_so") or vaccination records ("tiem_chung"); empty = both.
  const std::string source = q("source");
  if (!source.empty() && source != "ho_so" && source != "tiem_chung")
    return error(400, "source must be ho_so or tiem_chung");
  f.status = q("status");
  if (!f.status.empty() && f.status != "open" && f.status != "correction_pending" &&
      f.status != "resolved")
    return error(400, "status must be open, correction_pending or resolved");
  if (const auto kind = q("kind"); !kind.empty()) {
    for (const auto& [k, c] : k_mismatch_kinds)
      if (kind == k || kind == c) f.code = std::string(c);
    if (f.code.empty())
      return error(400, "kind must be so_dinh_danh, ho_ten, ngay_sinh or gioi_tinh (or the "
                        "ID.* code)");
  }
  for (auto [name, target] : {std::pair{"from", &f.visit_from}, std::pair{"to", &f.visit_to}}) {
    const auto v = q(name);
    if (v.empty()) continue;
    const auto day = iso_day(v);
    if (!day) return error(400, std::string(name) + " must be a date yyyy-mm-dd or yyyymmdd");
    *target = *day;
  }
  std::size_t limit = 1000;
  if (const auto l = q("limit"); !l.empty()) {
    std::size_t v = 0;
    const auto [p, ec] = std::from_chars(l.data(), l.data() + l.size(), v);
    if (ec != std::errc() || p != l.data() + l.size() || v == 0)
      return error(400, "limit must be a positive integer");
    limit = v;
  }
  f.limit = 1'000'000;
  auto rows = ctx.journal.mismatches(sb.name, f);
  if (!source.empty()) {
    std::erase_if(rows, [&](const engine::mismatch_record& m) {
      return (m.ma_giao_dich.starts_with("TIEMCHUNG-") ? "tiem_chung" : "ho_so") != source;
    });
  }
  // The summary the provinces' plans report: how many, how many resolved, and how many resolved
  // within 24 hours of being found (Thượng Ninh: corrected within 24 h, target 100 %).
  struct counts {
    std::size_t total = 0, open = 0, pending = 0, resolved = 0, within_24h = 0;
    std::size_t by_police = 0, by_resubmission = 0;
  };
  std::map<std::string, counts> per_facility;
  counts all;
  json list = json::array();
  for (const auto& m : rows) {
    for (counts* c : {&all, &per_facility[m.ma_cskcb]}) {
      ++c->total;
      if (m.status == "open") ++c->open;
      if (m.status == "correction_pending") ++c->pending;
      if (m.status == "resolved") {
        ++c->resolved;
        (m.resolution == "police_correction" ? c->by_police : c->by_resubmission)++;
        const auto found = engine::parse_iso8601(m.detected_at);
        const auto done = engine::parse_iso8601(m.resolved_at);
        if (found && done && *done - *found <= std::chrono::hours(24)) ++c->within_24h;
      }
    }
    if (list.size() < limit) list.push_back(mismatch_json(m));
  }
  auto counts_json = [](const counts& c) {
    return json{{"total", c.total},
                {"open", c.open},
                {"correction_pending", c.pending},
                {"resolved", c.resolved},
                {"resolved_by_police", c.by_police},
                {"resolved_by_resubmission", c.by_resubmission},
                {"resolved_within_24h", c.within_24h},
                {"resolved_share", c.total ? static_cast<double>(c.resolved) /
                                                 static_cast<double>(c.total)
                                           : 1.0}};
  };
  json facilities = json::object();
  for (const auto& [code, c] : per_facility) facilities[code] = counts_json(c);
  return reply(200, {{"summary", counts_json(all)},
                     {"facilities", facilities},
                     {"mismatches", list},
                     {"truncated", rows.size() > list.size()}});
}

std::string sex_text(world::sex s) {
  switch (s) {
    case world::sex::male:
      return "1";
    case world::sex::female:
      return "2";
    default:
      return "3";
  }
}

std::string card_status_text(world::card_status s) {
  switch (s) {
    case world::card_status::active:
      return "active";
    case world::card_status::expired:
      return "expired";
    case world::card_status::revoked:
      return "revoked";
    case world::card_status::bao_giam:
      return "bao_giam";
  }
  return "?";
}

json citizen_json(const world::citizen& c) {
  json j = {{"so_dinh_danh", c.so_dinh_danh},
            {"ho_ten", c.ho_ten},
            {"ngay_sinh", c.date_of_birth.to_yyyymmdd()},
            {"gioi_tinh", sex_text(c.gender)},
            {"dia_chi", c.address},
            {"ma_bhxh", c.ma_bhxh},
            {"case_label", c.case_label},
            {"guardian_id", c.guardian_id},
            {"vneid",
             {{"level", c.vneid.level},
              {"app_version", c.vneid.app_version},
              {"bhyt_integrated", c.vneid.bhyt_integrated}}}};
  if (c.card) {
    j["bhyt"] = {{"ma_the", c.card->number},
                 {"ma_dkbd", c.card->ma_dkbd},
                 {"gt_the_tu", c.card->valid_from.to_yyyymmdd()},
                 {"gt_the_den", c.card->valid_to.to_yyyymmdd()},
                 {"status", card_status_text(c.card->status)},
                 {"bao_giam_reason", std::string(world::to_string(c.card->reason))}};
    json replaced = json::array();
    for (const auto& old : c.card->replaced)
      replaced.push_back({{"ma_the", old.number},
                          {"gt_the_tu", old.valid_from.to_yyyymmdd()},
                          {"gt_the_den", old.valid_to.to_yyyymmdd()}});
    j["bhyt"]["replaced_cards"] = replaced;
  } else {
    j["bhyt"] = nullptr;
  }
  return j;
}

json facility_json(const world::facility& f) {
  json accounts = json::array();
  for (const auto& a : f.accounts)
    accounts.push_back({{"username", a.username}, {"password", a.password}, {"locked", a.locked}});
  json officers = json::array();
  for (const auto& o : f.officers)
    officers.push_back({{"ho_ten", o.ho_ten}, {"so_cccd", o.so_cccd}});
  return {{"ma_cskcb", f.ma_cskcb},
          {"name", f.name},
          {"province", f.province},
          {"level", f.level},
          {"accounts", accounts},
          {"officers", officers},
          {"departments", f.departments},
          {"registered_certificates", f.registered_certificates.size()}};
}

json clock_json(const engine::sandbox& sb) {
  const auto st = sb.clock.state();
  return {{"now", engine::format_iso8601_utc(st.now)}, {"scale", st.scale}, {"frozen", st.frozen}};
}

json fault_json(const engine::fault_spec& f) {
  return {{"id", f.id},
          {"type", f.type},
          {"scope", {{"endpoint", f.scope.endpoint}, {"facility", f.scope.facility}}},
          {"probability", f.probability},
          {"attributes", f.attributes}};
}

long query_number(const core::form_fields& q, std::string_view name, long fallback, long max) {
  const std::string* v = core::form_value(q, name);
  if (!v) return fallback;
  try {
    const long n = std::stol(*v);
    return std::clamp(n, 0L, max);
  } catch (...) {
    return fallback;
  }
}

// True when `pem` holds an X.509 certificate OpenSSL can read (the loader checks the marker only).
bool certificate_parses(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return false;
  X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  ERR_clear_error();
  if (!cert) return false;
  X509_free(cert);
  return true;
}

// POST /_sim/world: {"certificate": {ma_cskcb, pem}}, {"citizen": {…}} or {"facility": {…}}
// (the world file's entry format, parsed by the world loader; docs/admin-api.md).
core::http_response post_world(const json& b, engine::sandbox& sb) {
  constexpr const char* origin = "POST /_sim/world";
  if (!b.is_object() || b.size() != 1 ||
      !(b.contains("certificate") || b.contains("citizen") || b.contains("facility")))
    return error(400,
                 "body must be one of {\"certificate\": {…}}, {\"citizen\": {…}}, "
                 "{\"facility\": {…}}");
  if (b.contains("certificate")) {
    const auto& c = b["certificate"];
    if (!c.is_object() || !c.contains("ma_cskcb") || !c["ma_cskcb"].is_string() ||
        !c.contains("pem") || !c["pem"].is_string())
      return error(400,
                   "$.certificate: {\"ma_cskcb\": \"…\", \"pem\": \"-----BEGIN CERTIFICATE…\"}");
    const std::string pem = c["pem"].get<std::string>();
    if (pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos || !certificate_parses(pem))
      return error(400, "$.certificate.pem: is not a PEM X.509 certificate that can be read");
    if (!sb.world.register_certificate(c["ma_cskcb"], pem))
      return error(404, "no facility " + c["ma_cskcb"].get<std::string>());
    return reply(201, {{"registered", c["ma_cskcb"]}});
  }
  try {
    if (b.contains("citizen")) {
      const json& entry = b["citizen"];
      const std::string id =
          entry.is_object() && entry.contains("so_dinh_danh") && entry["so_dinh_danh"].is_string()
              ? entry["so_dinh_danh"].get<std::string>()
              : std::string();
      const world::citizen* existing = id.empty() ? nullptr : sb.world.find_citizen(id);
      if (existing && existing->so_dinh_danh != id) existing = nullptr;  // an old CMND number
      auto c = world::parse_citizen_entry(
          entry, sb.world.base(), origin, existing,
          [&sb](std::string_view code) { return sb.world.find_facility(code) != nullptr; });
      // Uniqueness the loader checks for a whole world: card number and MA_BHXH.
      if (c.card) {
        if (const auto* other = sb.world.find_by_card(c.card->number);
            other && other->so_dinh_danh != c.so_dinh_danh)
          throw world::world_error(
              origin, "$.card.number",
              "\"" + c.card->number + "\" is the card of " + other->so_dinh_danh);
      }
      if (const auto* other = c.ma_bhxh.empty() ? nullptr : sb.world.find_by_ma_bhxh(c.ma_bhxh);
          other && other->so_dinh_danh != c.so_dinh_danh)
        throw world::world_error(origin, "$.ma_bhxh",
                                 "\"" + c.ma_bhxh + "\" is the MA_BHXH of " + other->so_dinh_danh);
      const bool replaced = existing != nullptr;
      json answer = {{"citizen", citizen_json(c)}, {"replaced", replaced}};
      sb.world.upsert_citizen(std::move(c));
      return reply(replaced ? 200 : 201, answer);
    }
    auto f = world::parse_facility_entry(b["facility"], sb.world.base(), origin);
    for (std::size_t i = 0; i < f.accounts.size(); ++i) {
      if (const auto* owner = sb.world.find_account(f.accounts[i].username, nullptr);
          owner && owner->ma_cskcb != f.ma_cskcb)
        throw world::world_error(
            origin, "$.accounts[" + std::to_string(i) + "].username",
            "duplicate: \"" + f.accounts[i].username + "\" is an account of " + owner->ma_cskcb);
    }
    for (std::size_t i = 0; i < f.registered_certificates.size(); ++i) {
      if (!certificate_parses(f.registered_certificates[i]))
        throw world::world_error(origin, "$.registered_certificates[" + std::to_string(i) + "]",
                                 "is not a PEM X.509 certificate that can be read");
    }
    const bool replaced = sb.world.find_facility(f.ma_cskcb) != nullptr;
    json answer = {{"facility", facility_json(f)}, {"replaced", replaced}};
    sb.world.upsert_facility(std::move(f));
    return reply(replaced ? 200 : 201, answer);
  } catch (const world::world_error& e) {
    // The loader's paths start at the entry ("$.card.number"); name them within the body.
    const std::string key = b.contains("citizen") ? "citizen" : "facility";
    std::string path = e.path();
    if (path.starts_with("$")) path = "$." + key + path.substr(1);
    return error(400, path + ": " + e.reason());
  }
}

}  // namespace

const std::vector<route_info>& admin_api::routes() {
  static const std::vector<route_info> all = {
      {"GET", "/_sim/health", "liveness and the sandbox's virtual time"},
      {"POST", "/_sim/reset", "remove every sandbox but default, clear journal, tokens, faults"},
      {"GET", "/_sim/sandboxes", "list sandboxes"},
      {"POST", "/_sim/sandboxes", "create a sandbox {\"name\": …}"},
      {"DELETE", "/_sim/sandboxes/{name}", "delete a sandbox and its journal rows"},
      {"GET", "/_sim/clock", "the sandbox clock {now, scale, frozen}"},
      {"POST", "/_sim/clock", "set / advance / scale / freeze the sandbox clock"},
      {"GET", "/_sim/world", "facilities and citizens (paged: limit, offset)"},
      {"POST", "/_sim/world", "register a certificate for a facility"},
      {"GET", "/_sim/faults", "list the sandbox's faults"},
      {"POST", "/_sim/faults", "add a fault {type, scope, probability, attributes}"},
      {"DELETE", "/_sim/faults/{id}", "remove a fault"},
      {"GET", "/_sim/fault-types", "the fault types and what they do"},
      {"GET", "/_sim/journal", "exchanges since an id (since, limit)"},
      {"GET", "/_sim/results", "verdicts of submissions (ma_cskcb, ma_lk, result, date)"},
      {"GET", "/_sim/mismatches",
       "identity mismatches with a summary (ma_cskcb, kind, status, from, to, maGiaoDich)"},
      {"POST", "/_sim/mismatches/{id}/correction",
       "the commune police correct the register for a mismatch {delay, by}"},
  };
  static const std::vector<route_info> with_groups = [] {
    std::vector<route_info> v = all;
    for (const auto* g : route_groups()) v.insert(v.end(), g->routes().begin(), g->routes().end());
    return v;
  }();
  return with_groups;
}

core::http_response admin_api::handle(const core::http_request& request, std::string_view path,
                                      engine::sandbox& sb) {
  const auto& m = request.method;
  auto query = core::parse_form(request.query()).value_or(core::form_fields{});
  auto body = [&]() -> json {
    if (request.body.empty()) return json::object();
    return json::parse(request.body, nullptr, false);
  };

  if (path == "/_sim/health" && m == "GET")
    return reply(200, {{"status", "ok"},
                       {"sandbox", sb.name},
                       {"now", engine::format_iso8601_utc(sb.clock.now())}});

  if (path == "/_sim/reset" && m == "POST") {
    for (const auto& s : ctx_.sandboxes.list()) {
      ctx_.journal.clear(s->name);
      ctx_.portal.forget(s->name);
    }
    ctx_.sandboxes.reset();
    return reply(200, {{"reset", true}});
  }

  if (path == "/_sim/sandboxes") {
    if (m == "GET") {
      json list = json::array();
      for (const auto& s : ctx_.sandboxes.list())
        list.push_back(
            {{"name", s->name}, {"clock", clock_json(*s)}, {"faults", s->faults.list().size()}});
      return reply(200, {{"sandboxes", list}});
    }
    if (m == "POST") {
      auto b = body();
      if (!b.is_object() || !b.contains("name") || !b["name"].is_string())
        return error(400, "body must be {\"name\": \"...\"}");
      auto r = ctx_.sandboxes.create(b["name"].get<std::string>());
      if (auto* err = std::get_if<std::string>(&r))
        return error(err->find("exists") != std::string::npos ? 409 : 400, *err);
      auto& created = std::get<std::shared_ptr<engine::sandbox>>(r);
      return reply(201, {{"name", created->name},
                         {"clock", clock_json(*created)},
                         {"base", "/s/" + created->name}});
    }
  }
  if (path.starts_with("/_sim/sandboxes/") && m == "DELETE") {
    const std::string name(path.substr(16));
    auto r = ctx_.sandboxes.remove(name);
    if (auto* err = std::get_if<std::string>(&r)) return error(400, *err);
    if (!std::get<bool>(r)) return error(404, "no sandbox '" + name + "'");
    ctx_.journal.clear(name);
    ctx_.portal.forget(name);
    return reply(200, {{"deleted", name}});
  }

  if (path == "/_sim/clock") {
    if (m == "GET") return reply(200, clock_json(sb));
    if (m == "POST") {
      auto b = body();
      if (!b.is_object() || b.empty())
        return error(400,
                     "body must be one of {\"set\": ISO-8601}, {\"advance\": \"PT48H\"}, "
                     "{\"scale\": N}, {\"freeze\": bool}");
      if (b.contains("set")) {
        auto t = b["set"].is_string() ? engine::parse_iso8601(b["set"].get<std::string>())
                                      : std::nullopt;
        if (!t) return error(400, "set: not an ISO-8601 instant with a zone");
        sb.clock.set(*t);
      }
      if (b.contains("advance")) {
        auto d = b["advance"].is_string()
                     ? engine::parse_iso8601_duration(b["advance"].get<std::string>())
                     : std::nullopt;
        if (!d) return error(400, "advance: not an ISO-8601 duration such as PT48H");
        sb.clock.advance(*d);
      }
      if (b.contains("scale")) {
        if (!b["scale"].is_number() || !sb.clock.set_scale(b["scale"].get<double>()))
          return error(400, "scale: a number > 0 and ≤ 1000000");
      }
      if (b.contains("freeze")) {
        if (!b["freeze"].is_boolean()) return error(400, "freeze: true or false");
        sb.clock.freeze(b["freeze"].get<bool>());
      }
      return reply(200, clock_json(sb));
    }
  }

  if (path == "/_sim/world") {
    if (m == "GET") {
      const long limit = query_number(query, "limit", 100, 10000);
      const long offset = query_number(query, "offset", 0, 1L << 40);
      json facilities = json::array();
      for (const auto* f : sb.world.facilities()) facilities.push_back(facility_json(*f));
      json citizens = json::array();
      for (const auto* c :
           sb.world.citizens(static_cast<std::size_t>(offset), static_cast<std::size_t>(limit)))
        citizens.push_back(citizen_json(*c));
      return reply(200, {{"name", sb.world.base().name},
                         {"facilities", facilities},
                         {"citizens", citizens},
                         {"total_citizens", sb.world.citizen_count()},
                         {"limit", limit},
                         {"offset", offset}});
    }
    if (m == "POST") return post_world(body(), sb);
  }

  if (path == "/_sim/fault-types" && m == "GET") {
    json list = json::array();
    for (const auto& t : engine::fault_types())
      list.push_back({{"type", t.name}, {"description", t.description}});
    return reply(200, {{"fault_types", list}});
  }
  if (path == "/_sim/faults") {
    if (m == "GET") {
      json list = json::array();
      for (const auto& f : sb.faults.list()) list.push_back(fault_json(f));
      return reply(200, {{"faults", list}});
    }
    if (m == "POST") {
      auto b = body();
      if (!b.is_object() || !b.contains("type") || !b["type"].is_string())
        return error(400,
                     "body must be {\"type\": …, \"scope\": {…}, \"probability\": p, "
                     "\"attributes\": {…}}");
      engine::fault_spec spec;
      spec.type = b["type"];
      if (b.contains("id") && b["id"].is_string()) spec.id = b["id"];
      if (b.contains("probability")) {
        if (!b["probability"].is_number()) return error(400, "probability: a number 0–1");
        spec.probability = b["probability"];
      }
      if (b.contains("scope")) {
        const auto& s = b["scope"];
        if (!s.is_object()) return error(400, "scope: {\"endpoint\": …, \"facility\": …}");
        if (s.contains("endpoint") && s["endpoint"].is_string())
          spec.scope.endpoint = s["endpoint"];
        if (s.contains("facility") && s["facility"].is_string())
          spec.scope.facility = s["facility"];
      }
      if (b.contains("attributes")) {
        if (!b["attributes"].is_object()) return error(400, "attributes: an object");
        for (const auto& [k, v] : b["attributes"].items())
          spec.attributes[k] = v.is_string() ? v.get<std::string>() : v.dump();
      }
      auto r = sb.faults.add(spec);
      if (r.index() == 1) return error(400, std::get<1>(r));
      spec.id = std::get<0>(r);
      return reply(201, fault_json(spec));
    }
  }
  if (path.starts_with("/_sim/faults/") && m == "DELETE") {
    const std::string id(path.substr(13));
    if (!sb.faults.remove(id)) return error(404, "no fault '" + id + "'");
    return reply(200, {{"deleted", id}});
  }

  if (path == "/_sim/journal" && m == "GET") {
    const long since = query_number(query, "since", 0, 1L << 62);
    const long limit = query_number(query, "limit", 100, 1000);
    json entries = json::array();
    for (const auto& e : ctx_.journal.exchanges(sb.name, since, static_cast<int>(limit))) {
      entries.push_back(
          {{"id", e.id},
           {"endpoint", e.endpoint},
           {"virtual_time", e.virtual_time},
           {"real_time", e.real_time},
           {"request",
            {{"method", e.method},
             {"target", e.target},
             {"headers", json::parse(e.request_headers, nullptr, false)},
             {"body_bytes", e.request_body.size()},
             {"body",
              e.request_body.size() <= 4096 ? e.request_body : e.request_body.substr(0, 4096)}}},
           {"response",
            {{"status", e.status},
             {"body", json::parse(e.response_body, nullptr, false).is_discarded()
                          ? json(e.response_body)
                          : json::parse(e.response_body)}}},
           {"duration_us", e.duration_us},
           {"maGiaoDich", e.ma_giao_dich},
           {"faults", json::parse(e.faults, nullptr, false)}});
    }
    return reply(200, {{"entries", entries}});
  }

  if (path == "/_sim/results" && m == "GET") {
    ctx_.portal.decide_due(sb);
    auto q = [&](std::string_view n) {
      const std::string* v = core::form_value(query, n);
      return v ? *v : std::string();
    };
    const std::string facility = q("ma_cskcb"), ma_lk = q("ma_lk"), result = q("result"),
                      date = q("date"), giao_dich = q("maGiaoDich");
    json list = json::array();
    ctx_.journal.for_each_submission(
        sb.name,
        [&](const engine::submission_record& s) {
          const std::string status = s.verdict.empty() ? "processing" : s.verdict;
          const auto received = engine::parse_iso8601(s.received_at);
          const std::string day =
              received ? engine::to_vietnam_civil(*received).to_yyyymmdd() : std::string();
          if ((!facility.empty() && s.ma_cskcb != facility) ||
              (!ma_lk.empty() && s.ma_lk != ma_lk) || (!result.empty() && status != result) ||
              (!date.empty() && day != date) || (!giao_dich.empty() && s.ma_giao_dich != giao_dich))
            return;
          list.push_back({{"maGiaoDich", s.ma_giao_dich},
                          {"kind", s.kind},
                          {"standard", s.standard},
                          {"ma_cskcb", s.ma_cskcb},
                          {"ma_lk", s.ma_lk},
                          {"received_at", s.received_at},
                          {"result", status},
                          {"decided_at", s.decided_at},
                          {"replaced_by", s.replaced_by},
                          {"findings", json::parse(s.findings_json, nullptr, false)}});
        },
        /*with_files=*/false);
    return reply(200, {{"results", list}});
  }

  if (path == "/_sim/mismatches" && m == "GET") return mismatch_list(ctx_, query, sb);
  if (path.starts_with("/_sim/mismatches/") && path.ends_with("/correction")) {
    if (m != "POST") return error(405, std::string(m) + " not allowed on " + std::string(path));
    const auto id_text = path.substr(17, path.size() - 17 - 11);
    std::int64_t id = 0;
    const auto [p, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (ec != std::errc() || p != id_text.data() + id_text.size() || id <= 0)
      return error(404, "no mismatch '" + std::string(id_text) + "'");
    auto b = body();
    if (!b.is_object()) return error(400, "body must be a JSON object {\"delay\", \"by\"}");
    // Default: the world's c06.correction_delay ("within 24 hours" of the provinces' plans).
    std::chrono::seconds delay = sb.world.base().c06.correction_delay;
    if (b.contains("delay")) {
      const auto d = b["delay"].is_string()
                         ? world::parse_world_duration(b["delay"].get<std::string>())
                         : std::nullopt;
      // "PT0S" is allowed here: a correction that takes effect at once.
      const bool zero = b["delay"].is_string() && (b["delay"] == "PT0S" || b["delay"] == "P0D");
      if (!d && !zero)
        return error(400, "delay must be an ISO-8601 duration such as \"PT24H\" (at most "
                          "366 days), or \"PT0S\"");
      delay = d ? *d : std::chrono::seconds(0);
    }
    std::string by = "Công an cấp xã";
    if (b.contains("by")) {
      if (!b["by"].is_string() || b["by"].get<std::string>().empty())
        return error(400, "by must be a non-empty string (who corrects the register)");
      by = b["by"].get<std::string>();
    }
    auto r = ctx_.portal.correct_register(sb, id, delay, by);
    if (r.status != 200) return error(r.status, r.error);
    return reply(200, mismatch_json(r.mismatch));
  }

  for (const auto* g : route_groups()) {
    if (auto r = g->handle(ctx_, request, path, sb)) return std::move(*r);
  }
  for (const auto& r : routes()) {
    if (r.path == path) return error(405, std::string(m) + " not allowed on " + std::string(path));
  }
  return error(404, "no admin route " + std::string(path));
}

}  // namespace sim::admin
