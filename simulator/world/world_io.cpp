#include "simulator/world/world_io.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "simulator/world/detail/checks.hpp"

namespace sim::world {
namespace {

void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(ch));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

struct object_writer {
  std::string& out;
  bool first = true;
  void key(std::string_view k) {
    out += first ? "" : ",";
    first = false;
    append_quoted(out, k);
    out += ':';
  }
  void str(std::string_view k, std::string_view v, bool keep_empty = false) {
    if (v.empty() && !keep_empty) return;
    key(k);
    append_quoted(out, v);
  }
  void date(std::string_view k, const core::civil_time& t) { str(k, detail::to_iso_date(t)); }
};

nlohmann::json facility_json(const facility& f) {
  nlohmann::json j{{"ma_cskcb", f.ma_cskcb},
                   {"name", f.name},
                   {"province", f.province},
                   {"level", f.level},
                   {"accounts", nlohmann::json::array()},
                   {"registered_certificates", f.registered_certificates},
                   {"departments", f.departments}};
  for (const auto& a : f.accounts) {
    nlohmann::json acc{{"username", a.username}, {"password", a.password}};
    if (a.locked) acc["locked"] = true;
    j["accounts"].push_back(std::move(acc));
  }
  j["officers"] = nlohmann::json::array();
  for (const auto& o : f.officers) {
    j["officers"].push_back({{"so_cccd", o.so_cccd}, {"ho_ten", o.ho_ten}});
  }
  return j;
}

// A YAML emitter for the world header: block style, every string double-quoted with JSON
// escapes (valid YAML), so PEM text and Vietnamese names survive unchanged.
void emit_yaml(std::string& out, const nlohmann::json& v, int indent) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (v.is_object()) {
    for (const auto& [k, x] : v.items()) {
      out += pad;
      out += k;
      out += ':';
      if ((x.is_object() && !x.empty()) || (x.is_array() && !x.empty())) {
        out += "\n";
        emit_yaml(out, x, indent + 2);
      } else {
        out += ' ';
        out += x.is_array() ? std::string("[]") : x.is_object() ? std::string("{}") : x.dump();
        out += '\n';
      }
    }
  } else if (v.is_array()) {
    for (const auto& x : v) {
      if (x.is_object() && !x.empty()) {
        std::string inner;
        emit_yaml(inner, x, indent + 2);
        // "- " takes the place of the first line's indentation.
        out += pad;
        out += "- ";
        out += std::string_view(inner).substr(static_cast<std::size_t>(indent) + 2);
      } else {
        out += pad;
        out += "- ";
        out += x.dump();
        out += '\n';
      }
    }
  }
}

nlohmann::json portal_json(const portal_behaviour& p) {
  return {{"token_lifetime", format_world_duration(p.token_lifetime)},
          {"accept_json_login", p.accept_json_login},
          {"accept_lowercase_md5", p.accept_lowercase_md5},
          {"processing_delay", format_world_duration(p.processing_delay)},
          {"refuse_duplicate_of_accepted", p.refuse_duplicate_of_accepted},
          {"card_lookup_body", std::string(to_string(p.card_lookup_body))}};
}

nlohmann::json signature_json(const signature_behaviour& b) {
  return {{"sha1_warning", b.sha1_warning}, {"du_phong_signature", b.du_phong_signature}};
}

nlohmann::json ksk_hub_json(const ksk_hub_behaviour& b) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const auto& a : b.accounts) {
    accounts.push_back({{"username", a.username},
                        {"password", a.password},
                        {"facility", a.facility},
                        {"sender_id", a.sender_id},
                        {"role", a.role}});
  }
  return {{"receiver_ids", b.receiver_ids},
          {"token_lifetime", format_world_duration(b.token_lifetime)},
          {"accounts", std::move(accounts)}};
}

nlohmann::json c06_json(const c06_behaviour& b) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const auto& a : b.accounts) {
    nlohmann::json j = {{"username", a.username},
                        {"secret_key", a.secret_key},
                        {"api_key", a.api_key},
                        {"x_road_client", a.x_road_client}};
    if (!a.facility.empty()) j["facility"] = a.facility;
    j["procedures"] = a.procedures;
    j["officers"] = a.officers;
    accounts.push_back(std::move(j));
  }
  return {{"names_without_diacritics", b.names_without_diacritics},
          {"timestamp_window", format_world_duration(b.timestamp_window)},
          {"correction_delay", format_world_duration(b.correction_delay)},
          {"require_x_road_headers", b.require_x_road_headers},
          {"vaccination_crosscheck", b.vaccination_crosscheck},
          {"accounts", std::move(accounts)}};
}

nlohmann::json vneid_json(const vneid_behaviour& b) {
  const auto& l = b.latency;
  return {{"require_level2", b.require_level2},
          {"require_bhyt_integration", b.require_bhyt_integration},
          {"min_app_version", b.min_app_version},
          {"display_latency",
           {{"distribution", std::string(to_string(l.distribution))},
            {"fixed", format_world_duration(l.fixed)},
            {"min", format_world_duration(l.min)},
            {"max", format_world_duration(l.max)},
            {"median", format_world_duration(l.median)},
            {"sigma", l.sigma}}}};
}

}  // namespace

void append_citizen_json(std::string& out, const citizen& c) {
  out += '{';
  object_writer w{out};
  w.str("so_dinh_danh", c.so_dinh_danh, true);
  w.str("old_cmnd", c.old_cmnd);
  if (!c.cancelled_ids.empty()) {
    w.key("cancelled_ids");
    out += '[';
    for (std::size_t i = 0; i < c.cancelled_ids.size(); ++i) {
      if (i) out += ',';
      append_quoted(out, c.cancelled_ids[i]);
    }
    out += ']';
  }
  w.str("ho_ten", c.ho_ten, true);
  w.date("date_of_birth", c.date_of_birth);
  w.str("sex", to_string(c.gender));
  w.str("address", c.address);
  w.str("matinh", c.matinh);
  w.str("mahuyen", c.mahuyen);
  w.str("maxa", c.maxa);
  w.str("ma_bhxh", c.ma_bhxh);
  if (c.card) {
    w.key("card");
    out += '{';
    object_writer cw{out};
    cw.str("number", c.card->number, true);
    cw.str("ma_dkbd", c.card->ma_dkbd, true);
    cw.date("valid_from", c.card->valid_from);
    cw.date("valid_to", c.card->valid_to);
    cw.str("status", to_string(c.card->status));
    cw.str("ma_khuvuc", c.card->ma_khuvuc);
    cw.str("bao_giam_reason", to_string(c.card->reason));
    if (!c.card->replaced.empty()) {
      cw.key("replaced_cards");
      out += '[';
      for (std::size_t i = 0; i < c.card->replaced.size(); ++i) {
        const replaced_card& old = c.card->replaced[i];
        if (i) out += ',';
        out += '{';
        object_writer ow{out};
        ow.str("number", old.number, true);
        ow.date("valid_from", old.valid_from);
        ow.date("valid_to", old.valid_to);
        out += '}';
      }
      out += ']';
    }
    out += '}';
  }
  w.key("vneid");
  out += "{\"level\":";
  out += std::to_string(c.vneid.level);
  if (!c.vneid.app_version.empty()) {
    out += ",\"app_version\":";
    append_quoted(out, c.vneid.app_version);
  }
  out += c.vneid.bhyt_integrated ? ",\"bhyt_integrated\":true}" : ",\"bhyt_integrated\":false}";
  w.str("guardian_id", c.guardian_id);
  const auto& r = *c.recorded;
  if (r.ho_ten || r.date_of_birth || r.gender || r.so_dinh_danh || r.ma_the_bhyt) {
    w.key("recorded");
    out += '{';
    object_writer rw{out};
    if (r.ho_ten) rw.str("ho_ten", *r.ho_ten, true);
    if (r.date_of_birth) rw.date("date_of_birth", *r.date_of_birth);
    if (r.gender) rw.str("sex", to_string(*r.gender));
    if (r.so_dinh_danh) rw.str("so_dinh_danh", *r.so_dinh_danh, true);
    if (r.ma_the_bhyt) rw.str("ma_the_bhyt", *r.ma_the_bhyt, true);
    out += '}';
  }
  w.str("case_label", c.case_label);
  if (!c.allergies.empty()) {
    w.key("allergies");
    out += '[';
    for (std::size_t i = 0; i < c.allergies.size(); ++i) {
      if (i) out += ',';
      out += '{';
      object_writer aw{out};
      aw.str("agent", c.allergies[i].agent, true);
      aw.str("reaction", c.allergies[i].reaction);
      out += '}';
    }
    out += ']';
  }
  if (!c.vaccinations.empty()) {
    w.key("vaccinations");
    out += '[';
    for (std::size_t i = 0; i < c.vaccinations.size(); ++i) {
      const vaccination& v = c.vaccinations[i];
      if (i) out += ',';
      out += '{';
      object_writer vw{out};
      vw.str("vaccine", v.vaccine, true);
      vw.date("date", v.date);
      vw.str("place", v.place);
      vw.str("dose", v.dose);
      const auto& vr = v.recorded;
      if (vr.ho_ten || vr.date_of_birth || vr.gender || vr.so_dinh_danh) {
        vw.key("recorded");
        out += '{';
        object_writer rw{out};
        if (vr.ho_ten) rw.str("ho_ten", *vr.ho_ten, true);
        if (vr.date_of_birth) rw.date("date_of_birth", *vr.date_of_birth);
        if (vr.gender) rw.str("sex", to_string(*vr.gender));
        if (vr.so_dinh_danh) rw.str("so_dinh_danh", *vr.so_dinh_danh, true);
        out += '}';
      }
      out += '}';
    }
    out += ']';
  }
  out += '}';
}

std::string citizen_to_pretty_json(const citizen& c) {
  std::string s;
  append_citizen_json(s, c);
  return nlohmann::ordered_json::parse(s).dump(2);  // keeps the file format's key order
}

std::string world_summary_json(const world& w) {
  nlohmann::json j;
  j["name"] = w.name;
  j["province"] = w.province;
  j["facilities"] = nlohmann::json::array();
  for (const auto& f : w.facilities) j["facilities"].push_back(facility_json(f));
  j["trusted_cas"] = w.trusted_cas.size();
  j["crls"] = w.crls.size();
  if (w.population) {
    j["population"] = {{"seed", w.population->seed}, {"count", w.population->count}};
  }
  j["portal"] = portal_json(w.portal);
  j["signature"] = signature_json(w.signature);
  j["c06"] = c06_json(w.c06);
  j["ksk_hub"] = ksk_hub_json(w.ksk_hub);
  j["vneid"] = vneid_json(w.vneid);
  j["citizen_count"] = w.citizen_count();
  std::map<std::string, std::size_t> cards{{"none", 0}}, levels;
  std::size_t integrated = 0, with_guardian = 0;
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& c : w.citizens()) {
    ++cards[c.card ? std::string(to_string(c.card->status)) : "none"];
    ++levels[std::to_string(c.vneid.level)];
    integrated += c.vneid.bhyt_integrated ? 1 : 0;
    with_guardian += c.guardian_id.empty() ? 0 : 1;
    if (!c.case_label.empty()) {
      cases.push_back(
          {{"case_label", c.case_label}, {"so_dinh_danh", c.so_dinh_danh}, {"ho_ten", c.ho_ten}});
    }
  }
  j["cards"] = cards;
  j["vneid_levels"] = levels;
  j["bhyt_integrated"] = integrated;
  j["with_guardian"] = with_guardian;
  j["cases"] = cases;
  return j.dump(2);
}

std::string write_generated_world(const world& base, std::uint64_t seed, std::size_t count,
                                  const std::string& out_path) {
  namespace fs = std::filesystem;
  const fs::path out(out_path);
  std::string ext = out.extension().string();
  const bool yaml = ext == ".yaml" || ext == ".yml";
  if (!yaml && ext != ".json") {
    throw world_error(out_path, "", "unknown extension (expected .json, .yaml or .yml)");
  }
  if (count > max_generated_population) {
    throw world_error(out_path, "",
                      "at most " + std::to_string(max_generated_population) +
                          " citizens per seed (docs/world.md)");
  }
  const std::string jsonl_name = out.stem().string() + ".citizens.jsonl";
  const fs::path jsonl_path = out.parent_path() / jsonl_name;

  nlohmann::json header;
  header["name"] = base.name;
  header["province"] = base.province;
  header["facilities"] = nlohmann::json::array();
  for (const auto& f : base.facilities) header["facilities"].push_back(facility_json(f));
  header["trusted_cas"] = base.trusted_cas;
  header["crls"] = base.crls;
  if (base.portal != portal_behaviour{}) header["portal"] = portal_json(base.portal);
  if (base.signature != signature_behaviour{}) header["signature"] = signature_json(base.signature);
  if (base.c06 != c06_behaviour{}) header["c06"] = c06_json(base.c06);
  if (base.ksk_hub != ksk_hub_behaviour{}) header["ksk_hub"] = ksk_hub_json(base.ksk_hub);
  if (base.vneid != vneid_behaviour{}) header["vneid"] = vneid_json(base.vneid);
  header["citizens_file"] = jsonl_name;

  std::ofstream jl(jsonl_path, std::ios::binary | std::ios::trunc);
  if (!jl) throw world_error(jsonl_path.string(), "", "cannot write the file");
  std::string buf;
  buf.reserve(1 << 20);
  for (std::size_t i = 0; i < count; ++i) {
    append_citizen_json(buf, generate_citizen(seed, i, base.province, base.facilities));
    buf += '\n';
    if (buf.size() > (1 << 20) - 4096) {
      jl.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  jl.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  jl.close();
  if (!jl) throw world_error(jsonl_path.string(), "", "write failed");

  std::string text;
  if (yaml) {
    text = "# Generated by `sskdt-sim world generate --seed " + std::to_string(seed) +
           " --citizens " + std::to_string(count) + "`; see docs/world.md.\n";
    emit_yaml(text, header, 0);
  } else {
    text = header.dump(2) + "\n";
  }
  std::ofstream wf(out, std::ios::binary | std::ios::trunc);
  if (!wf) throw world_error(out_path, "", "cannot write the file");
  wf << text;
  wf.close();
  if (!wf) throw world_error(out_path, "", "write failed");
  return jsonl_path.string();
}

}  // namespace sim::world
