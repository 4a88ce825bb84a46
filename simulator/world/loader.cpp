// The world file loader (docs/world.md "File format"). JSON and YAML documents are read into
// the same tree (YAML scalars stay strings and are converted where a number or boolean is
// expected), so both formats are validated by one code path; JSON Lines citizens files are
// read line by line, one small DOM per line, never the whole file.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_set>

#include "simulator/core/utf8.hpp"
#include "simulator/world/detail/checks.hpp"
#include "simulator/world/world.hpp"

namespace sim::world {
namespace {

// ordered_json: objects keep the file's key order (errors name the first bad key as written)
// and are one vector per object instead of a tree node per key, which matters for 10^6 lines.
using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

// Where each citizen came from, to name it in errors found after all are loaded.
enum class source : std::uint8_t { generated, file, inline_entry };
struct origin {
  source kind;
  std::uint32_t number;  // population index, line number, or array index
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void line_column(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& col) {
  line = 1;
  col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
}

class loader {
 public:
  loader(std::string file, fs::path base_dir, bool yaml)
      : file_(std::move(file)), base_dir_(std::move(base_dir)), yaml_(yaml) {}
  // For single entries checked against an existing world (parse_citizen_entry).
  loader(std::string file, const world& ref, std::function<bool(std::string_view)> has_facility)
      : file_(std::move(file)),
        yaml_(false),
        allow_files_(false),
        ref_(&ref),
        has_facility_(std::move(has_facility)) {}

  std::shared_ptr<const world> load_document(const json& root);
  citizen citizen_entry(const json& v, const citizen* existing);
  facility facility_entry(const json& v) const { return parse_facility(v, "$"); }
  std::shared_ptr<const world> load_jsonl_only(const fs::path& path);

  json yaml_to_json(const YAML::Node& node, const std::string& path) const;

  [[noreturn]] void fail(const std::string& path, std::string reason) const {
    throw world_error(current_file_.empty() ? file_ : current_file_, path, std::move(reason));
  }

 private:
  // --- typed access to the tree -------------------------------------------------------------
  const json& object(const json& v, const std::string& path) const {
    if (!v.is_object()) fail(path, "expected an object (mapping)");
    return v;
  }
  const json& array(const json& v, const std::string& path) const {
    if (!v.is_array()) fail(path, "expected a list");
    return v;
  }
  const std::string& str(const json& v, const std::string& path) const {
    if (!v.is_string()) fail(path, "expected a string");
    return v.get_ref<const std::string&>();
  }
  std::uint64_t uint(const json& v, const std::string& path) const {
    if (v.is_number_unsigned()) return v.get<std::uint64_t>();
    if (yaml_ && v.is_string() && detail::all_digits(v.get_ref<const std::string&>()) &&
        v.get_ref<const std::string&>().size() <= 19) {
      return std::stoull(v.get_ref<const std::string&>());
    }
    fail(path, "expected a non-negative integer");
  }
  bool boolean(const json& v, const std::string& path) const {
    if (v.is_boolean()) return v.get<bool>();
    if (yaml_ && v.is_string()) {
      const auto& s = v.get_ref<const std::string&>();
      if (s == "true") return true;
      if (s == "false") return false;
    }
    fail(path, "expected true or false");
  }
  core::civil_time date(const json& v, const std::string& path) const {
    auto t = detail::parse_iso_date(str(v, path));
    if (!t) fail(path, "\"" + v.get<std::string>() + "\" is not a valid date (YYYY-MM-DD)");
    return *t;
  }
  sex gender(const json& v, const std::string& path) const {
    auto s = parse_sex(str(v, path));
    if (!s) fail(path, "\"" + v.get<std::string>() + "\" is not one of male, female, unknown");
    return *s;
  }
  [[noreturn]] void unknown_key(const std::string& path, const std::string& key) const {
    fail(path + "." + key, "unknown key");
  }

  std::string pem(const json& v, const std::string& path, std::string_view marker) const;
  facility parse_facility(const json& v, const std::string& path) const;
  portal_behaviour parse_portal(const json& v, const std::string& path) const;
  signature_behaviour parse_signature(const json& v, const std::string& path) const;
  c06_behaviour parse_c06(const json& v, const std::string& path) const;
  c06_account parse_c06_account(const json& v, const std::string& path) const;
  ksk_hub_behaviour parse_ksk_hub(const json& v, const std::string& path) const;
  vneid_behaviour parse_vneid(const json& v, const std::string& path) const;
  display_latency parse_latency(const json& v, const std::string& path) const;
  std::vector<std::string> strings(const json& v, const std::string& path) const {
    std::vector<std::string> out;
    std::size_t i = 0;
    for (const auto& x : array(v, path)) {
      out.push_back(str(x, path + "[" + std::to_string(i++) + "]"));
    }
    return out;
  }
  std::chrono::seconds duration(const json& v, const std::string& path) const {
    auto d = parse_world_duration(str(v, path));
    if (!d) {
      fail(path, "\"" + v.get<std::string>() +
                     "\" is not an ISO-8601 duration of days/hours/minutes/seconds between "
                     "PT1S and P366D (e.g. \"PT1H\")");
    }
    return *d;
  }
  void apply_citizen(const json& v, const std::string& path, citizen& c, bool is_new) const;
  void apply_card(const json& v, const std::string& path, citizen& c) const;
  void validate_citizen(citizen& c, const std::string& path) const;
  void add_citizen(const json& v, const std::string& path, origin from);
  void load_citizens_file(const std::string& rel, const std::string& path);
  void finish();
  std::string origin_path(std::size_t pos, std::string& file_out) const;

  std::string file_;
  std::string current_file_;  // the JSON Lines file while it is being read
  fs::path base_dir_;
  bool yaml_;
  bool allow_files_ = true;  // {file: …} PEM entries (not for entries from the admin API)
  std::unique_ptr<world> w_ = std::make_unique<world>();
  const world* ref_ = nullptr;  // the world entries are checked against (default: w_)
  std::function<bool(std::string_view)> has_facility_;
  const world& ref() const { return ref_ ? *ref_ : *w_; }
  std::vector<origin> origins_;
  std::string citizens_file_name_;
};

json loader::yaml_to_json(const YAML::Node& node, const std::string& path) const {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) fail(path, "mapping keys must be plain strings");
        const std::string key = kv.first.Scalar();
        if (out.contains(key)) fail(path + "." + key, "duplicate key");
        out[key] = yaml_to_json(kv.second, path + "." + key);
      }
      return out;
    }
    case YAML::NodeType::Sequence: {
      json out = json::array();
      std::size_t i = 0;
      for (const auto& item : node) {
        out.push_back(yaml_to_json(item, path + "[" + std::to_string(i++) + "]"));
      }
      return out;
    }
    case YAML::NodeType::Scalar:
      return node.Scalar();
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return nullptr;
}

std::string loader::pem(const json& v, const std::string& path, std::string_view marker) const {
  std::string text;
  if (v.is_object() && !allow_files_) fail(path, "must be PEM text here (no {file: …})");
  if (v.is_object()) {
    for (const auto& [key, val] : v.items()) {
      if (key != "file") unknown_key(path, key);
    }
    if (!v.contains("file")) fail(path + ".file", "missing (an entry is PEM text or {file: …})");
    const std::string& rel = str(v["file"], path + ".file");
    const fs::path p = base_dir_ / rel;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) fail(path + ".file", "cannot read " + p.string());
    text = read_file(p);
  } else if (v.is_string()) {
    text = v.get<std::string>();
  } else {
    fail(path, "expected PEM text or {file: \"relative/path.pem\"}");
  }
  if (text.find(marker) == std::string::npos) {
    fail(path, "is not PEM with a \"" + std::string(marker) + "\" block");
  }
  return text;
}

portal_behaviour loader::parse_portal(const json& v, const std::string& path) const {
  object(v, path);
  portal_behaviour p;
  for (const auto& [key, val] : v.items()) {
    const std::string at = path + "." + key;
    if (key == "token_lifetime") {
      p.token_lifetime = duration(val, at);
    } else if (key == "processing_delay") {
      p.processing_delay = duration(val, at);
    } else if (key == "accept_json_login") {
      p.accept_json_login = boolean(val, at);
    } else if (key == "accept_lowercase_md5") {
      p.accept_lowercase_md5 = boolean(val, at);
    } else if (key == "refuse_duplicate_of_accepted") {
      p.refuse_duplicate_of_accepted = boolean(val, at);
    } else if (key == "card_lookup_body") {
      auto b = parse_lookup_body(str(val, at));
      if (!b) fail(at, "\"" + val.get<std::string>() + "\" is not one of both, json, form");
      p.card_lookup_body = *b;
    } else {
      unknown_key(path, key);
    }
  }
  return p;
}

signature_behaviour loader::parse_signature(const json& v, const std::string& path) const {
  object(v, path);
  signature_behaviour b;
  for (const auto& [key, val] : v.items()) {
    const std::string at = path + "." + key;
    if (key == "sha1_warning") {
      b.sha1_warning = boolean(val, at);
    } else if (key == "du_phong_signature") {
      b.du_phong_signature = boolean(val, at);
    } else {
      unknown_key(path, key);
    }
  }
  return b;
}

c06_account loader::parse_c06_account(const json& v, const std::string& path) const {
  object(v, path);
  c06_account a;
  for (const auto& [key, val] : v.items()) {
    const std::string at = path + "." + key;
    if (key == "username") {
      a.username = str(val, at);
    } else if (key == "secret_key") {
      a.secret_key = str(val, at);
    } else if (key == "api_key") {
      a.api_key = str(val, at);
    } else if (key == "x_road_client") {
      a.x_road_client = str(val, at);
    } else if (key == "facility") {
      a.facility = str(val, at);
    } else if (key == "procedures") {
      a.procedures = strings(val, at);
    } else if (key == "officers") {
      a.officers = strings(val, at);
    } else {
      unknown_key(path, key);
    }
  }
  for (const char* key : {"username", "secret_key", "api_key", "x_road_client"}) {
    if (!v.contains(key)) fail(path + "." + key, "missing");
  }
  // The user goes into HTTP Basic (user:password), so no colon; nothing empty.
  if (a.username.empty() || a.username.find(':') != std::string::npos) {
    fail(path + ".username", "must be non-empty and hold no ':'");
  }
  if (a.secret_key.empty()) fail(path + ".secret_key", "must not be empty");
  if (a.api_key.empty()) fail(path + ".api_key", "must not be empty");
  if (a.x_road_client.empty()) fail(path + ".x_road_client", "must not be empty");
  if (!a.facility.empty() && !ref().find_facility(a.facility)) {
    fail(path + ".facility", "\"" + a.facility + "\" is not a facility of this world");
  }
  return a;
}

c06_behaviour loader::parse_c06(const json& v, const std::string& path) const {
  object(v, path);
  c06_behaviour b;
  for (const auto& [key, val] : v.items()) {
    const std::string at = path + "." + key;
    if (key == "names_without_diacritics") {
      b.names_without_diacritics = boolean(val, at);
    } else if (key == "timestamp_window") {
      b.timestamp_window = duration(val, at);
    } else if (key == "correction_delay") {
      b.correction_delay = duration(val, at);
    } else if (key == "require_x_road_headers") {
      b.require_x_road_headers = boolean(val, at);
    } else if (key == "vaccination_crosscheck") {
      b.vaccination_crosscheck = boolean(val, at);
    } else if (key == "accounts") {
      std::size_t i = 0;
      for (const auto& e : array(val, at)) {
        const std::string ap = at + "[" + std::to_string(i++) + "]";
        c06_account a = parse_c06_account(e, ap);
        if (b.find_account(a.username)) {
          fail(ap + ".username", "duplicate: \"" + a.username + "\" is used twice");
        }
        b.accounts.push_back(std::move(a));
      }
    } else {
      unknown_key(path, key);
    }
  }
  return b;
}

display_latency loader::parse_latency(const json& v, const std::string& path) const {
  object(v, path);
  display_latency d;
  for (const auto& [key, val] : v.items()) {
    const std::string at = path + "." + key;
    if (key == "distribution") {
      auto k = parse_latency_distribution(str(val, at));
      if (!k)
        fail(at, "\"" + val.get<std::string>() + "\" is not one of fixed, uniform, log_normal");
      d.distribution = *k;
    } else if (key == "fixed") {
      d.fixed = duration(val, at);
    } else if (key == "min") {
      d.min = duration(val, at);
    } else if (key == "max") {
      d.max = duration(val, at);
    } else if (key == "median") {
      d.median = duration(val, at);
    } else if (key == "sigma") {
      if (!val.is_number() && !(yaml_ && val.is_string())) fail(at, "expected a number");
      double x = 0;
      try {
        x = val.is_number() ? val.get<double>() : std::stod(val.get<std::string>());
      } catch (const std::exception&) {
        fail(at, "expected a number");
      }
      if (!(x >= 0.0 && x <= 5.0)) fail(at, "must be a number from 0 to 5");
      d.sigma = x;
    } else {
      unknown_key(path, key);
    }
  }
  if (d.min > d.max) fail(path + ".min", "must not be greater than max");
  return d;
}

vneid_behaviour loader::parse_vneid(const json& v, const std::string& path) const {
  object(v, path);
  vneid_behaviour b;
  for (const auto& [key, val] : v.items()) {
    const std::string at = path + "." + key;
    if (key == "require_level2") {
      b.require_level2 = boolean(val, at);
    } else if (key == "require_bhyt_integration") {
      b.require_bhyt_integration = boolean(val, at);
    } else if (key == "min_app_version") {
      b.min_app_version = str(val, at);
      if (!b.min_app_version.empty() && !detail::is_app_version(b.min_app_version))
        fail(at, "\"" + b.min_app_version + "\" is not a version like 2.1.10 (or \"\" for none)");
    } else if (key == "display_latency") {
      b.latency = parse_latency(val, at);
    } else {
      unknown_key(path, key);
    }
  }
  return b;
}

ksk_hub_behaviour loader::parse_ksk_hub(const json& v, const std::string& path) const {
  object(v, path);
  ksk_hub_behaviour b;
  for (const auto& [key, val] : v.items()) {
    const std::string at = path + "." + key;
    if (key == "receiver_ids") {
      b.receiver_ids = strings(val, at);
      if (b.receiver_ids.empty()) fail(at, "must name at least one receiver_id");
    } else if (key == "token_lifetime") {
      b.token_lifetime = duration(val, at);
    } else if (key == "accounts") {
      std::size_t i = 0;
      for (const auto& e : array(val, at)) {
        const std::string ap = at + "[" + std::to_string(i++) + "]";
        object(e, ap);
        ksk_hub_account a;
        for (const auto& [k, x] : e.items()) {
          const std::string xp = ap + "." + k;
          if (k == "username") {
            a.username = str(x, xp);
          } else if (k == "password") {
            a.password = str(x, xp);
          } else if (k == "facility") {
            a.facility = str(x, xp);
          } else if (k == "sender_id") {
            a.sender_id = str(x, xp);
          } else if (k == "role") {
            a.role = str(x, xp);
          } else {
            unknown_key(ap, k);
          }
        }
        for (const char* k : {"username", "password", "facility", "sender_id"}) {
          if (!e.contains(k)) fail(ap + "." + k, "missing");
        }
        if (a.username.empty()) fail(ap + ".username", "must not be empty");
        if (a.password.empty()) fail(ap + ".password", "must not be empty");
        if (!ref().find_facility(a.facility)) {
          fail(ap + ".facility", "\"" + a.facility + "\" is not a facility of this world");
        }
        if (a.sender_id.size() != 13 || !detail::all_digits(a.sender_id)) {
          fail(ap + ".sender_id", "\"" + a.sender_id + "\" must be 13 digits");
        }
        if (a.role != "facility" && a.role != "department") {
          fail(ap + ".role", "\"" + a.role + "\" must be facility or department");
        }
        for (const auto& o : b.accounts) {
          if (o.username == a.username) fail(ap + ".username", "duplicate: \"" + a.username + "\"");
          if (o.sender_id == a.sender_id) {
            fail(ap + ".sender_id", "duplicate: \"" + a.sender_id + "\"");
          }
        }
        b.accounts.push_back(std::move(a));
      }
    } else {
      unknown_key(path, key);
    }
  }
  return b;
}

facility loader::parse_facility(const json& v, const std::string& path) const {
  object(v, path);
  facility f;
  bool has_province = false;
  for (const auto& [key, val] : v.items()) {
    const std::string p = path + "." + key;
    if (key == "ma_cskcb") {
      f.ma_cskcb = str(val, p);
    } else if (key == "name") {
      f.name = str(val, p);
    } else if (key == "province") {
      f.province = str(val, p);
      has_province = true;
    } else if (key == "level") {
      f.level = str(val, p);
    } else if (key == "accounts") {
      std::size_t i = 0;
      for (const auto& a : array(val, p)) {
        const std::string ap = p + "[" + std::to_string(i++) + "]";
        object(a, ap);
        portal_account acc;
        for (const auto& [k, x] : a.items()) {
          if (k == "username")
            acc.username = str(x, ap + ".username");
          else if (k == "password")
            acc.password = str(x, ap + ".password");
          else if (k == "locked")
            acc.locked = boolean(x, ap + ".locked");
          else
            unknown_key(ap, k);
        }
        if (acc.username.empty()) fail(ap + ".username", "missing or empty");
        if (acc.password.empty()) fail(ap + ".password", "missing or empty");
        f.accounts.push_back(std::move(acc));
      }
    } else if (key == "registered_certificates") {
      std::size_t i = 0;
      for (const auto& c : array(val, p)) {
        f.registered_certificates.push_back(
            pem(c, p + "[" + std::to_string(i++) + "]", "-----BEGIN CERTIFICATE-----"));
      }
    } else if (key == "officers") {
      std::size_t i = 0;
      for (const auto& o : array(val, p)) {
        const std::string op = p + "[" + std::to_string(i++) + "]";
        object(o, op);
        lookup_officer officer;
        for (const auto& [k, x] : o.items()) {
          if (k == "so_cccd")
            officer.so_cccd = str(x, op + ".so_cccd");
          else if (k == "ho_ten")
            officer.ho_ten = str(x, op + ".ho_ten");
          else
            unknown_key(op, k);
        }
        if (officer.so_cccd.size() != 12 || !detail::all_digits(officer.so_cccd)) {
          fail(op + ".so_cccd", "\"" + officer.so_cccd + "\" must be 12 digits");
        }
        if (auto why = detail::check_name(officer.ho_ten)) fail(op + ".ho_ten", *why);
        f.officers.push_back(std::move(officer));
      }
    } else if (key == "departments") {
      std::size_t i = 0;
      for (const auto& d : array(val, p)) {
        const std::string dp = p + "[" + std::to_string(i++) + "]";
        const std::string& code = str(d, dp);
        // MA_KHOA: QĐ 5937 PL5 "Kxx", sub-codes "Kxx.y" (spec §4).
        if (code.size() < 3 || code[0] != 'K' || !detail::all_digits(code.substr(1, 2)) ||
            (code.size() > 3 && code[3] != '.')) {
          fail(dp, "\"" + code + "\" is not a MA_KHOA code (Kxx or Kxx.y)");
        }
        f.departments.push_back(code);
      }
    } else {
      unknown_key(path, key);
    }
  }
  // MA_CSKCB: 5 chars, the first 2 digits the province code (spec §4).
  if (f.ma_cskcb.size() != 5 || !detail::all_digits(f.ma_cskcb.substr(0, 2))) {
    fail(path + ".ma_cskcb",
         "\"" + f.ma_cskcb + "\" must be 5 characters starting with the 2-digit province code");
  }
  if (f.name.empty()) fail(path + ".name", "missing or empty");
  if (auto why = detail::check_name(f.name)) fail(path + ".name", *why);
  if (!has_province) f.province = f.ma_cskcb.substr(0, 2);
  if (f.province != f.ma_cskcb.substr(0, 2)) {
    fail(path + ".province", "\"" + f.province + "\" differs from the MA_CSKCB prefix \"" +
                                 f.ma_cskcb.substr(0, 2) + "\"");
  }
  static const std::set<std::string> levels{"trung-uong", "tinh", "huyen", "xa", "tu-nhan"};
  if (!levels.count(f.level)) {
    fail(path + ".level", "\"" + f.level + "\" is not one of trung-uong, tinh, huyen, xa, tu-nhan");
  }
  return f;
}

void loader::apply_card(const json& v, const std::string& path, citizen& c) const {
  if (v.is_null()) {
    c.card.reset();
    return;
  }
  object(v, path);
  const bool is_new = !c.card;
  if (is_new) c.card.emplace();
  bhyt_card& card = *c.card;
  bool has_number = false, has_dkbd = false, has_from = false, has_to = false;
  for (const auto& [key, val] : v.items()) {
    if (key == "number") {
      card.number = str(val, path + ".number");
      has_number = true;
    } else if (key == "ma_dkbd") {
      card.ma_dkbd = str(val, path + ".ma_dkbd");
      has_dkbd = true;
    } else if (key == "valid_from") {
      card.valid_from = date(val, path + ".valid_from");
      has_from = true;
    } else if (key == "valid_to") {
      card.valid_to = date(val, path + ".valid_to");
      has_to = true;
    } else if (key == "status") {
      auto s = parse_card_status(str(val, path + ".status"));
      if (!s) {
        fail(path + ".status",
             "\"" + val.get<std::string>() + "\" is not one of active, expired, revoked, bao_giam");
      }
      card.status = *s;
    } else if (key == "ma_khuvuc") {
      card.ma_khuvuc = str(val, path + ".ma_khuvuc");
    } else if (key == "bao_giam_reason") {
      if (val.is_null()) {
        card.reason = bao_giam_reason::unspecified;
        continue;
      }
      auto r = parse_bao_giam_reason(str(val, path + ".bao_giam_reason"));
      if (!r) {
        fail(path + ".bao_giam_reason",
             "\"" + val.get<std::string>() +
                 "\" is not one of chuyen_ngoai_tinh, chuyen_trong_tinh, tham_gia_lai, "
                 "ngung_tham_gia");
      }
      card.reason = *r;
    } else if (key == "replaced_cards") {
      card.replaced.clear();
      std::size_t i = 0;
      for (const auto& e : array(val, path + ".replaced_cards")) {
        const std::string rp = path + ".replaced_cards[" + std::to_string(i++) + "]";
        object(e, rp);
        replaced_card old;
        bool old_number = false, old_from = false, old_to = false;
        for (const auto& [k, x] : e.items()) {
          if (k == "number") {
            old.number = str(x, rp + ".number");
            old_number = true;
          } else if (k == "valid_from") {
            old.valid_from = date(x, rp + ".valid_from");
            old_from = true;
          } else if (k == "valid_to") {
            old.valid_to = date(x, rp + ".valid_to");
            old_to = true;
          } else {
            unknown_key(rp, k);
          }
        }
        if (!old_number) fail(rp + ".number", "missing");
        if (!old_from) fail(rp + ".valid_from", "missing");
        if (!old_to) fail(rp + ".valid_to", "missing");
        card.replaced.push_back(std::move(old));
      }
    } else {
      unknown_key(path, key);
    }
  }
  if (is_new) {
    if (!has_number) fail(path + ".number", "missing");
    if (!has_dkbd) fail(path + ".ma_dkbd", "missing");
    if (!has_from) fail(path + ".valid_from", "missing");
    if (!has_to) fail(path + ".valid_to", "missing");
  }
}

void loader::apply_citizen(const json& v, const std::string& path, citizen& c, bool is_new) const {
  bool has_name = false, has_dob = false, has_sex = false;
  for (const auto& [key, val] : v.items()) {
    if (key == "so_dinh_danh") {
      // already read by add_citizen
    } else if (key == "old_cmnd") {
      c.old_cmnd = str(val, path + ".old_cmnd");
    } else if (key == "cancelled_ids") {
      c.cancelled_ids = strings(val, path + ".cancelled_ids");
    } else if (key == "ho_ten") {
      c.ho_ten = str(val, path + ".ho_ten");
      has_name = true;
    } else if (key == "date_of_birth") {
      c.date_of_birth = date(val, path + ".date_of_birth");
      has_dob = true;
    } else if (key == "sex") {
      c.gender = gender(val, path + ".sex");
      has_sex = true;
    } else if (key == "address") {
      c.address = str(val, path + ".address");
    } else if (key == "matinh") {
      c.matinh = str(val, path + ".matinh");
    } else if (key == "mahuyen") {
      c.mahuyen = str(val, path + ".mahuyen");
    } else if (key == "maxa") {
      c.maxa = str(val, path + ".maxa");
    } else if (key == "ma_bhxh") {
      c.ma_bhxh = str(val, path + ".ma_bhxh");
    } else if (key == "card") {
      apply_card(val, path + ".card", c);
    } else if (key == "vneid") {
      const std::string p = path + ".vneid";
      object(val, p);
      for (const auto& [k, x] : val.items()) {
        if (k == "level") {
          const auto level = uint(x, p + ".level");
          if (level > 2) fail(p + ".level", "must be 0 (no account), 1 or 2");
          c.vneid.level = static_cast<int>(level);
        } else if (k == "app_version") {
          c.vneid.app_version = str(x, p + ".app_version");
        } else if (k == "bhyt_integrated") {
          c.vneid.bhyt_integrated = boolean(x, p + ".bhyt_integrated");
        } else {
          unknown_key(p, k);
        }
      }
    } else if (key == "guardian_id") {
      c.guardian_id = str(val, path + ".guardian_id");
    } else if (key == "recorded") {
      const std::string p = path + ".recorded";
      object(val, p);
      for (const auto& [k, x] : val.items()) {
        const std::string kp = p + "." + k;
        if (k == "ho_ten") {
          c.recorded.mut().ho_ten = x.is_null() ? std::nullopt : std::optional(str(x, kp));
        } else if (k == "date_of_birth") {
          c.recorded.mut().date_of_birth = x.is_null() ? std::nullopt : std::optional(date(x, kp));
        } else if (k == "sex") {
          c.recorded.mut().gender = x.is_null() ? std::nullopt : std::optional(gender(x, kp));
        } else if (k == "so_dinh_danh") {
          c.recorded.mut().so_dinh_danh = x.is_null() ? std::nullopt : std::optional(str(x, kp));
        } else if (k == "ma_the_bhyt") {
          c.recorded.mut().ma_the_bhyt = x.is_null() ? std::nullopt : std::optional(str(x, kp));
        } else {
          unknown_key(p, k);
        }
      }
    } else if (key == "case_label") {
      c.case_label = str(val, path + ".case_label");
    } else if (key == "allergies") {
      c.allergies.clear();
      std::size_t i = 0;
      for (const auto& e : array(val, path + ".allergies")) {
        const std::string p = path + ".allergies[" + std::to_string(i++) + "]";
        object(e, p);
        allergy a;
        for (const auto& [k, x] : e.items()) {
          if (k == "agent") {
            a.agent = str(x, p + ".agent");
          } else if (k == "reaction") {
            a.reaction = str(x, p + ".reaction");
          } else {
            unknown_key(p, k);
          }
        }
        if (a.agent.empty()) fail(p + ".agent", "missing or empty");
        c.allergies.push_back(std::move(a));
      }
    } else if (key == "vaccinations") {
      c.vaccinations.clear();
      std::size_t i = 0;
      for (const auto& e : array(val, path + ".vaccinations")) {
        const std::string p = path + ".vaccinations[" + std::to_string(i++) + "]";
        object(e, p);
        vaccination x;
        bool has_date = false;
        for (const auto& [k, y] : e.items()) {
          if (k == "vaccine") {
            x.vaccine = str(y, p + ".vaccine");
          } else if (k == "date") {
            x.date = date(y, p + ".date");
            has_date = true;
          } else if (k == "place") {
            x.place = str(y, p + ".place");
          } else if (k == "dose") {
            x.dose = str(y, p + ".dose");
          } else if (k == "recorded") {
            // What the vaccination system recorded where it differs from the register.
            object(y, p + ".recorded");
            for (const auto& [rk, rv] : y.items()) {
              const std::string kp = p + ".recorded." + rk;
              if (rk == "ho_ten") {
                x.recorded.ho_ten = str(rv, kp);
                if (auto why = detail::check_name(*x.recorded.ho_ten)) fail(kp, *why);
              } else if (rk == "date_of_birth") {
                x.recorded.date_of_birth = date(rv, kp);
              } else if (rk == "sex") {
                x.recorded.gender = gender(rv, kp);
              } else if (rk == "so_dinh_danh") {
                x.recorded.so_dinh_danh = str(rv, kp);
                const auto& id = *x.recorded.so_dinh_danh;
                if (id.size() != 12 ||
                    !std::all_of(id.begin(), id.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
                  fail(kp, "must be 12 digits");
              } else {
                unknown_key(p + ".recorded", rk);
              }
            }
          } else {
            unknown_key(p, k);
          }
        }
        if (x.vaccine.empty()) fail(p + ".vaccine", "missing or empty");
        if (!has_date) fail(p + ".date", "missing");
        c.vaccinations.push_back(std::move(x));
      }
    } else {
      unknown_key(path, key);
    }
  }
  if (is_new) {
    if (!has_name) fail(path + ".ho_ten", "missing (required for a citizen not generated)");
    if (!has_dob) fail(path + ".date_of_birth", "missing (required for a citizen not generated)");
    if (!has_sex) fail(path + ".sex", "missing (required for a citizen not generated)");
  }
}

bool is_code(std::string_view s, std::size_t min, std::size_t max) {
  return s.size() >= min && s.size() <= max && detail::all_digits(s);
}

void loader::validate_citizen(citizen& c, const std::string& path) const {
  if (auto why = detail::check_id_number(c.so_dinh_danh, c.date_of_birth, c.gender)) {
    fail(path + ".so_dinh_danh", "\"" + c.so_dinh_danh + "\" " + *why);
  }
  if (c.date_of_birth.year < 1900) fail(path + ".date_of_birth", "is before 1900");
  if (!c.old_cmnd.empty() && !is_code(c.old_cmnd, 9, 9) && !is_code(c.old_cmnd, 12, 12)) {
    fail(path + ".old_cmnd", "\"" + c.old_cmnd + "\" must be 9 (or 12) digits");
  }
  for (std::size_t i = 0; i < c.cancelled_ids.size(); ++i) {
    const std::string& old_id = c.cancelled_ids[i];
    const std::string p = path + ".cancelled_ids[" + std::to_string(i) + "]";
    if (!is_code(old_id, 12, 12)) fail(p, "\"" + old_id + "\" must be 12 digits");
    if (old_id == c.so_dinh_danh) fail(p, "is the citizen's current number");
    if (std::find(c.cancelled_ids.begin(), c.cancelled_ids.begin() + static_cast<std::ptrdiff_t>(i),
                  old_id) != c.cancelled_ids.begin() + static_cast<std::ptrdiff_t>(i)) {
      fail(p, "\"" + old_id + "\" is listed twice");
    }
  }
  if (auto why = detail::check_name(c.ho_ten)) fail(path + ".ho_ten", *why);
  if (auto bad = core::first_invalid_utf8(c.address)) {
    fail(path + ".address", "is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  }
  if (!c.matinh.empty() && !is_code(c.matinh, 2, 3)) {
    fail(path + ".matinh", "\"" + c.matinh + "\" must be 2–3 digits");
  }
  if (!c.mahuyen.empty() && !is_code(c.mahuyen, 3, 3)) {
    fail(path + ".mahuyen", "\"" + c.mahuyen + "\" must be 3 digits");
  }
  if (!c.maxa.empty() && !is_code(c.maxa, 5, 5)) {
    fail(path + ".maxa", "\"" + c.maxa + "\" must be 5 digits");
  }
  if (!c.ma_bhxh.empty() &&
      (!is_code(c.ma_bhxh, 10, 10) || c.ma_bhxh.find_first_not_of('0') == std::string::npos)) {
    fail(path + ".ma_bhxh", "\"" + c.ma_bhxh + "\" must be 10 digits, not all zeros");
  }
  if (c.card) {
    bhyt_card& card = *c.card;
    const std::string p = path + ".card";
    if (!detail::is_card_number(card.number)) {
      fail(p + ".number", "\"" + card.number +
                              "\" is not a card number (2 letters, benefit digit 1–5, 2-digit "
                              "province, 10-digit BHXH number)");
    }
    if (c.ma_bhxh.empty()) c.ma_bhxh = card.number.substr(5);
    if (card.number.compare(5, 10, c.ma_bhxh) != 0) {
      fail(p + ".number",
           "\"" + card.number + "\" does not end with the citizen's ma_bhxh \"" + c.ma_bhxh + "\"");
    }
    if (card.ma_dkbd.size() != 5 || !detail::all_digits(card.ma_dkbd.substr(0, 2))) {
      fail(p + ".ma_dkbd",
           "\"" + card.ma_dkbd + "\" must be 5 characters starting with the 2-digit province code");
    }
    // A facility of the world's own province must exist, except the "<province>000" of
    // temporary cards; other provinces' facilities are outside the world and allowed.
    const std::string& province = ref().province;
    if (!province.empty() && card.ma_dkbd.compare(0, 2, province) == 0 &&
        card.ma_dkbd != province + "000" &&
        !(has_facility_ ? has_facility_(card.ma_dkbd)
                        : ref().find_facility(card.ma_dkbd) != nullptr)) {
      fail(p + ".ma_dkbd", "\"" + card.ma_dkbd + "\" is not a facility of this world");
    }
    if (card.valid_to < card.valid_from) fail(p + ".valid_to", "is before valid_from");
    if (!card.ma_khuvuc.empty() && card.ma_khuvuc != "K1" && card.ma_khuvuc != "K2" &&
        card.ma_khuvuc != "K3") {
      fail(p + ".ma_khuvuc", "\"" + card.ma_khuvuc + "\" must be K1, K2, K3 or empty");
    }
    if (card.reason != bao_giam_reason::unspecified && card.status != card_status::bao_giam) {
      fail(p + ".bao_giam_reason", "is only allowed with status bao_giam");
    }
    for (std::size_t i = 0; i < card.replaced.size(); ++i) {
      const replaced_card& old = card.replaced[i];
      const std::string rp = p + ".replaced_cards[" + std::to_string(i) + "]";
      // A re-issued card keeps the holder's lifelong BHXH number (its last 10 digits).
      if (!detail::is_card_number(old.number)) {
        fail(rp + ".number", "\"" + old.number + "\" is not a card number");
      }
      if (old.number.compare(5, 10, c.ma_bhxh) != 0) {
        fail(rp + ".number",
             "\"" + old.number + "\" does not end with the citizen's ma_bhxh \"" + c.ma_bhxh +
                 "\"");
      }
      if (old.number == card.number) fail(rp + ".number", "is the current card's number");
      if (old.valid_to < old.valid_from) fail(rp + ".valid_to", "is before valid_from");
    }
  }
  const std::string vp = path + ".vneid";
  if (c.vneid.level == 0 && !c.vneid.app_version.empty()) {
    fail(vp + ".app_version", "must be empty when there is no account (level 0)");
  }
  if (c.vneid.level > 0 && !detail::is_app_version(c.vneid.app_version)) {
    fail(vp + ".app_version", "\"" + c.vneid.app_version + "\" is not a version like 2.1.10");
  }
  if (c.vneid.bhyt_integrated && (c.vneid.level != 2 || !c.card)) {
    fail(vp + ".bhyt_integrated", "needs a level-2 account and a BHYT card");
  }
  if (!c.guardian_id.empty()) {
    if (c.guardian_id == c.so_dinh_danh) fail(path + ".guardian_id", "is the citizen itself");
    if (!is_code(c.guardian_id, 12, 12)) fail(path + ".guardian_id", "must be 12 digits");
  }
  if (c.recorded->ho_ten) {
    if (auto why = detail::check_name(*c.recorded->ho_ten)) fail(path + ".recorded.ho_ten", *why);
  }
  if (c.recorded->so_dinh_danh && !is_code(*c.recorded->so_dinh_danh, 9, 9) &&
      !is_code(*c.recorded->so_dinh_danh, 12, 12)) {
    fail(path + ".recorded.so_dinh_danh", "must be 9 or 12 digits");
  }
  if (c.recorded->ma_the_bhyt && c.recorded->ma_the_bhyt->size() != 15)
    fail(path + ".recorded.ma_the_bhyt", "must be a 15-character card number");
  for (char ch : c.case_label) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) {
      fail(path + ".case_label", "\"" + c.case_label + "\" may hold only a–z, 0–9 and '-'");
    }
  }
}

void loader::add_citizen(const json& v, const std::string& path, origin from) {
  object(v, path);
  auto id_it = v.find("so_dinh_danh");
  if (id_it == v.end()) fail(path + ".so_dinh_danh", "missing");
  const std::string& id = str(*id_it, path + ".so_dinh_danh");
  if (auto pos = w_->position_of(id)) {
    const origin before = origins_[*pos];
    if (before.kind == from.kind) {
      std::string other_file;
      fail(path + ".so_dinh_danh",
           "duplicate: \"" + id + "\" is also at " + origin_path(*pos, other_file));
    }
    citizen& c = w_->mutable_citizen_at(*pos);
    apply_citizen(v, path, c, false);
    validate_citizen(c, path);
    origins_[*pos] = from;
    return;
  }
  citizen c;
  c.so_dinh_danh = id;
  apply_citizen(v, path, c, true);
  validate_citizen(c, path);
  w_->upsert_citizen(std::move(c));
  origins_.push_back(from);
}

citizen loader::citizen_entry(const json& v, const citizen* existing) {
  object(v, "$");
  auto id_it = v.find("so_dinh_danh");
  if (id_it == v.end()) fail("$.so_dinh_danh", "missing");
  const std::string& id = str(*id_it, "$.so_dinh_danh");
  if (!existing) existing = ref().find_citizen(id);
  // find_citizen also answers old CMND numbers: only the same so_dinh_danh is an override.
  if (existing && existing->so_dinh_danh != id) existing = nullptr;
  citizen c;
  if (existing) c = *existing;
  c.so_dinh_danh = id;
  apply_citizen(v, "$", c, existing == nullptr);
  validate_citizen(c, "$");
  if (!c.guardian_id.empty() && !ref().find_citizen(c.guardian_id)) {
    fail("$.guardian_id", "\"" + c.guardian_id + "\" is not a citizen of this world");
  }
  // A cancelled number is never reassigned (spec c06 A6): not another citizen's number.
  for (std::size_t i = 0; i < c.cancelled_ids.size(); ++i) {
    const citizen* holder = ref().find_citizen(c.cancelled_ids[i]);
    if (holder && holder->so_dinh_danh != c.so_dinh_danh) {
      fail("$.cancelled_ids[" + std::to_string(i) + "]",
           "\"" + c.cancelled_ids[i] + "\" belongs to citizen " + holder->so_dinh_danh);
    }
  }
  return c;
}

std::string loader::origin_path(std::size_t pos, std::string& file_out) const {
  const origin o = origins_[pos];
  switch (o.kind) {
    case source::generated:
      file_out = file_;
      return "$.population (generated citizen #" + std::to_string(o.number) + ")";
    case source::file:
      file_out = citizens_file_name_;
      return "line " + std::to_string(o.number) + ": $";
    case source::inline_entry:
      break;
  }
  file_out = file_;
  return "$.citizens[" + std::to_string(o.number) + "]";
}

std::size_t count_lines(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<char> buf(1 << 20);
  std::size_t n = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    n += static_cast<std::size_t>(std::count(buf.data(), buf.data() + got, '\n'));
  }
  return n + 1;
}

void loader::load_citizens_file(const std::string& rel, const std::string& path) {
  const fs::path p = base_dir_ / rel;
  std::ifstream in(p, std::ios::binary);
  if (!in) fail(path, "cannot read " + p.string());
  citizens_file_name_ = p.string();
  current_file_ = citizens_file_name_;
  std::string line;
  std::uint32_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = "line " + std::to_string(number) + ": $";
    json v;
    try {
      v = json::parse(line);
    } catch (const json::parse_error& e) {
      fail("line " + std::to_string(number) + ", byte " + std::to_string(e.byte), "invalid JSON");
    }
    add_citizen(v, where, {source::file, number});
  }
  current_file_.clear();
}

void loader::finish() {
  // Guardians must exist (spec c06 B5: the guardian manages the dependant's health book).
  for (std::size_t i = 0; i < w_->citizen_count(); ++i) {
    const citizen& c = w_->citizen_at(i);
    if (!c.guardian_id.empty() && !w_->position_of(c.guardian_id)) {
      std::string f;
      const std::string p = origin_path(i, f);
      throw world_error(f, p + ".guardian_id",
                        "\"" + c.guardian_id + "\" is not a citizen of this world");
    }
  }
  try {
    w_->index();
  } catch (const index_conflict& e) {
    std::string f;
    const std::string p = origin_path(e.second(), f);
    throw world_error(f, p, e.reason());
  }
}

std::shared_ptr<const world> loader::load_document(const json& root) {
  object(root, "$");
  for (const auto& [key, val] : root.items()) {
    static const std::set<std::string> known{"ksk_hub", "name",        "province",      "facilities",
                                             "trusted_cas", "crls",          "population",
                                             "citizens",    "citizens_file", "portal",
                                             "signature",   "c06",           "vneid"};
    if (!known.count(key)) unknown_key("$", key);
  }
  if (!root.contains("name")) fail("$.name", "missing");
  w_->name = str(root["name"], "$.name");
  if (auto why = detail::check_name(w_->name)) fail("$.name", *why);
  if (!root.contains("province")) fail("$.province", "missing");
  w_->province = str(root["province"], "$.province");
  if (w_->province.size() != 2 || !detail::all_digits(w_->province)) {
    fail("$.province", "\"" + w_->province + "\" must be a 2-digit province code");
  }
  if (root.contains("portal")) w_->portal = parse_portal(root["portal"], "$.portal");
  if (root.contains("signature"))
    w_->signature = parse_signature(root["signature"], "$.signature");
  if (root.contains("facilities")) {
    std::size_t i = 0;
    std::set<std::string> usernames;
    for (const auto& f : array(root["facilities"], "$.facilities")) {
      const std::string p = "$.facilities[" + std::to_string(i++) + "]";
      facility fac = parse_facility(f, p);
      if (w_->find_facility(fac.ma_cskcb)) {
        fail(p + ".ma_cskcb", "duplicate: \"" + fac.ma_cskcb + "\" is declared twice");
      }
      for (std::size_t a = 0; a < fac.accounts.size(); ++a) {
        if (!usernames.insert(fac.accounts[a].username).second) {
          fail(p + ".accounts[" + std::to_string(a) + "].username",
               "duplicate: \"" + fac.accounts[a].username + "\" is used twice");
        }
      }
      w_->facilities.push_back(std::move(fac));
    }
  }
  // After the facilities: an account names the facility it belongs to.
  if (root.contains("c06")) w_->c06 = parse_c06(root["c06"], "$.c06");
  if (root.contains("ksk_hub")) w_->ksk_hub = parse_ksk_hub(root["ksk_hub"], "$.ksk_hub");
  if (root.contains("vneid")) w_->vneid = parse_vneid(root["vneid"], "$.vneid");
  for (const char* key : {"trusted_cas", "crls"}) {
    if (!root.contains(key)) continue;
    const std::string p = std::string("$.") + key;
    const bool cas = std::string_view(key) == "trusted_cas";
    std::size_t i = 0;
    for (const auto& e : array(root[key], p)) {
      auto text = pem(e, p + "[" + std::to_string(i++) + "]",
                      cas ? "-----BEGIN CERTIFICATE-----" : "-----BEGIN X509 CRL-----");
      (cas ? w_->trusted_cas : w_->crls).push_back(std::move(text));
    }
  }
  // Reserve once for everything (a reallocation would briefly hold two copies of a large
  // population).
  std::size_t expected = 0;
  if (root.contains("citizens")) expected += array(root["citizens"], "$.citizens").size();
  if (root.contains("citizens_file")) {
    const fs::path p = base_dir_ / str(root["citizens_file"], "$.citizens_file");
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) fail("$.citizens_file", "cannot read " + p.string());
    expected += count_lines(p);
  }
  if (root.contains("population")) {
    const json& pop = object(root["population"], "$.population");
    generated_population gp;
    bool has_seed = false, has_count = false;
    for (const auto& [key, val] : pop.items()) {
      if (key == "seed") {
        gp.seed = uint(val, "$.population.seed");
        has_seed = true;
      } else if (key == "count") {
        gp.count = static_cast<std::size_t>(uint(val, "$.population.count"));
        has_count = true;
      } else {
        unknown_key("$.population", key);
      }
    }
    if (!has_seed) fail("$.population.seed", "missing");
    if (!has_count) fail("$.population.count", "missing");
    if (gp.count > max_generated_population) {
      fail("$.population.count", "at most " + std::to_string(max_generated_population) +
                                     " (the ID number's 6 random digits; docs/world.md)");
    }
    w_->population = gp;
    w_->reserve_citizens(expected);
    origins_.reserve(expected);
    expected += gp.count;
    for (std::size_t i = 0; i < gp.count; ++i) {
      w_->upsert_citizen(generate_citizen(gp.seed, i, w_->province, w_->facilities));
      origins_.push_back({source::generated, static_cast<std::uint32_t>(i)});
    }
  }
  if (!root.contains("population")) {
    w_->reserve_citizens(expected);
    origins_.reserve(expected);
  }
  if (root.contains("citizens_file")) {
    load_citizens_file(str(root["citizens_file"], "$.citizens_file"), "$.citizens_file");
  }
  if (root.contains("citizens")) {
    std::uint32_t i = 0;
    for (const auto& c : root["citizens"]) {
      add_citizen(c, "$.citizens[" + std::to_string(i) + "]", {source::inline_entry, i});
      ++i;
    }
  }
  finish();
  return std::shared_ptr<const world>(w_.release());
}

std::shared_ptr<const world> loader::load_jsonl_only(const fs::path& path) {
  w_->name = path.filename().string();
  const std::size_t expected = count_lines(path);
  w_->reserve_citizens(expected);
  origins_.reserve(expected);
  load_citizens_file(path.filename().string(), "$");
  finish();
  return std::shared_ptr<const world>(w_.release());
}

std::string lower_extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

std::shared_ptr<const world> load_text(std::string_view text, bool yaml,
                                       const std::string& origin_name, const fs::path& base_dir) {
  loader l(origin_name, base_dir, yaml);
  json root;
  if (yaml) {
    YAML::Node node;
    try {
      node = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      throw world_error(origin_name,
                        "line " + std::to_string(e.mark.line + 1) + ", column " +
                            std::to_string(e.mark.column + 1),
                        "invalid YAML: " + e.msg);
    }
    root = l.yaml_to_json(node, "$");
  } else {
    try {
      root = json::parse(text);
    } catch (const json::parse_error& e) {
      std::size_t line = 0, col = 0;
      line_column(text, e.byte == 0 ? 0 : e.byte - 1, line, col);
      throw world_error(origin_name,
                        "line " + std::to_string(line) + ", column " + std::to_string(col),
                        "invalid JSON");
    }
  }
  return l.load_document(root);
}

}  // namespace

std::shared_ptr<const world> load_world_text(std::string_view text, std::string_view format,
                                             const std::string& origin) {
  if (format != "json" && format != "yaml") {
    throw world_error(origin, "",
                      "unknown world format \"" + std::string(format) + "\" (json or yaml)");
  }
  return load_text(text, format == "yaml", origin, fs::path(origin).parent_path());
}

citizen parse_citizen_entry(const nlohmann::json& entry, const world& base,
                            const std::string& origin, const citizen* existing,
                            const std::function<bool(std::string_view)>& has_facility) {
  loader l(origin, base, has_facility);
  // The loader reads ordered trees (errors name keys as written); the entry is small.
  return l.citizen_entry(json::parse(entry.dump()), existing);
}

facility parse_facility_entry(const nlohmann::json& entry, const world& base,
                              const std::string& origin) {
  loader l(origin, base, {});
  return l.facility_entry(json::parse(entry.dump()));
}

std::shared_ptr<const world> load_world_file(const std::string& path) {
  const std::string ext = lower_extension(path);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw world_error(path, "", "cannot read the file");
  if (ext == ".jsonl") {
    loader l(path, fs::path(path).parent_path(), false);
    return l.load_jsonl_only(path);
  }
  if (ext != ".json" && ext != ".yaml" && ext != ".yml") {
    throw world_error(path, "", "unknown extension (expected .json, .yaml, .yml or .jsonl)");
  }
  const std::string text = read_file(path);
  return load_text(text, ext != ".json", path, fs::path(path).parent_path());
}

}  // namespace sim::world
