// sim::world — the simulated province as plain data: facilities (with portal accounts and
// registered signing certificates), trusted certificate authorities, and citizens (population
// register entry, BHYT card, VNeID account, guardian).
//
// A world is loaded once (JSON, YAML or JSON Lines; or the embedded default world compiled into
// the binary), validated, then frozen: share it as `std::shared_ptr<const world>`. Sandboxes
// (later issues) add small overlays on top of one frozen world; they never copy it.
//
//   auto w = sim::world::load_world_file("fixtures/worlds/thuong-ninh.yaml");  // or
//   auto w = sim::world::embedded_default_world();
//   const citizen* c = w->find_citizen("022190001234");
//
// Errors: loading is control plane: load_world_file throws world_error naming the file, the
// JSON/YAML path and the reason; the CLI turns it into exit code 2.
// Thread safety: a frozen world is immutable and safe to read from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "simulator/core/civil_time.hpp"

namespace sim::world {

enum class sex { male = 1, female = 2, unknown = 3 };  // GIOI_TINH codes of the standard

enum class card_status { active, expired, revoked, bao_giam };  // báo giảm = reported ended

// Why a card was reported off (báo giảm), when known: look-up codes 121–124 of PL03 CV 1923
// (spec §3.4); `unspecified` answers the plain 120.
enum class bao_giam_reason {
  unspecified,
  chuyen_ngoai_tinh,  // 121: moved out of the province
  chuyen_trong_tinh,  // 122: moved within the province
  tham_gia_lai,       // 123: re-enrolled at the same unit
  ngung_tham_gia,     // 124: stopped participating
};

// An earlier card of the same holder, replaced by the current one (re-issued). Looking up its
// number answers 003 (it has expired) or 004 (still valid) with the new card (spec §3.4).
struct replaced_card {
  std::string number;  // same format as bhyt_card::number, same 10-digit BHXH number
  core::civil_time valid_from;
  core::civil_time valid_to;
};

struct bhyt_card {
  std::string number;       // 15 chars, e.g. "DN4220123456789"
  std::string ma_dkbd;      // registered primary-care facility (5 chars)
  core::civil_time valid_from;
  core::civil_time valid_to;
  card_status status = card_status::active;
  std::string ma_khuvuc;    // K1/K2/K3 or empty
  bao_giam_reason reason = bao_giam_reason::unspecified;  // only with status bao_giam
  std::vector<replaced_card> replaced;  // earlier cards this one replaced (oldest first)
};

struct vneid_account {
  int level = 0;              // 0 = no account, 1, 2
  std::string app_version;    // e.g. "2.1.10"; empty when no account
  bool bhyt_integrated = false;
};

// What the facility's own records hold when they differ from the population register, so that
// identity mismatches (name, date of birth, sex, ID number) can be rehearsed. Empty = same.
struct recorded_identity {
  std::optional<std::string> ho_ten;
  std::optional<core::civil_time> date_of_birth;
  std::optional<sex> gender;
  std::optional<std::string> so_dinh_danh;
  // A card number the facility recorded that is not the citizen's (another person's card:
  // CARD.NOT_OWNER rehearsal).
  std::optional<std::string> ma_the_bhyt;

  friend bool operator==(const recorded_identity&, const recorded_identity&) = default;
};

// An allergy of the health book's history group (QĐ 31 Đ2 k3 "Tiền sử"). No XML table carries
// allergies, so they come from the world's citizen records (docs/vneid.md).
struct allergy {
  std::string agent;     // what the citizen reacts to, e.g. "Penicillin"
  std::string reaction;  // e.g. "Nổi mề đay, khó thở"

  friend bool operator==(const allergy&, const allergy&) = default;
};

// A vaccination of the history group (QĐ 31: vaccine type, time, place), incl. COVID-19 doses
// cleaned against the register (Bà Rịa–Vũng Tàu plan 3.2). From the world, like allergies.
struct vaccination {
  std::string vaccine;  // e.g. "COVID-19 (Comirnaty)"
  core::civil_time date;
  std::string place;    // where it was given
  std::string dose;     // e.g. "Mũi 2"; may be empty
  // The identity the vaccination system recorded where it differs from the register (ho_ten,
  // date_of_birth, gender, so_dinh_danh; never ma_the_bhyt); empty = the register's. A
  // difference is an identity mismatch of the mismatch list (docs/crosscheck.md).
  recorded_identity recorded;

  friend bool operator==(const vaccination&, const vaccination&) = default;
};

// A value most citizens leave empty, kept on the heap only once written: 8 bytes in each of a
// million citizens instead of sizeof(T) (docs/world.md, "Memory"). Reading an empty box sees
// T{}; `mut()` allocates. Copies are deep.
//   if (c.recorded->ho_ten) …;            c.recorded.mut().ho_ten = "…";
template <class T>
class boxed {
 public:
  boxed() = default;
  boxed(const boxed& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  boxed(boxed&&) noexcept = default;
  boxed& operator=(const boxed& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  boxed& operator=(boxed&&) noexcept = default;
  ~boxed() = default;

  const T* operator->() const { return p_ ? p_.get() : &empty(); }
  const T& operator*() const { return *operator->(); }
  T& mut() {
    if (!p_) p_ = std::make_unique<T>();
    return *p_;
  }

 private:
  static const T& empty() {
    static const T e{};
    return e;
  }
  std::unique_ptr<T> p_;
};

struct citizen {
  std::string so_dinh_danh;     // 12-digit personal ID (CCCD number)
  std::string old_cmnd;         // 9-digit old ID card number, when any
  // Earlier 12-digit personal ID numbers of this citizen, cancelled and re-issued (NĐ 70 Đ11
  // k7; spec c06 A6): kept, never reassigned, and resolved by find_citizen to this citizen.
  std::vector<std::string> cancelled_ids;
  std::string ho_ten;           // full name with diacritics, NFC
  core::civil_time date_of_birth;
  sex gender = sex::unknown;
  std::string address;          // DIA_CHI
  std::string matinh;           // MATINH_CU_TRU (2–3 chars)
  std::string mahuyen;          // MAHUYEN_CU_TRU (3 chars)
  std::string maxa;             // MAXA_CU_TRU (5 chars)
  std::string ma_bhxh;          // 10-digit social-insurance number
  std::optional<bhyt_card> card;
  vneid_account vneid;
  std::string guardian_id;      // so_dinh_danh of the guardian / legal representative, if any
  boxed<recorded_identity> recorded;  // facility-side differences (mismatch rehearsal)
  std::string case_label;       // named rehearsal case, e.g. "the-het-han" (docs/world.md)
  std::vector<allergy> allergies;        // health-book history (docs/vneid.md)
  std::vector<vaccination> vaccinations;  // health-book history, oldest first
};

struct portal_account {
  std::string username;  // "<MA_CSKCB>_BV"
  std::string password;  // plain text in the world; the portal expects MD5 upper-case hex
  bool locked = false;   // token/take answers maKetQua 403 "account locked" (spec §3.2)
};

// A staff member the facility registered for card look-ups (CV 1923: `hoTenCb`/`cccdCb` of the
// look-up request must match one of them, else codes 054/055).
struct lookup_officer {
  std::string so_cccd;  // 12-digit ID number
  std::string ho_ten;   // with diacritics, NFC
};

struct facility {
  std::string ma_cskcb;   // 5 chars; the first 2 digits are the province code
  std::string name;       // with diacritics
  std::string province;   // 2-digit province code
  std::string level;      // "trung-uong" | "tinh" | "huyen" | "xa" | "tu-nhan"
  std::vector<portal_account> accounts;
  std::vector<std::string> registered_certificates;  // PEM text of registered signing certs
  std::vector<std::string> departments;               // MA_KHOA codes, e.g. "K01"
  std::vector<lookup_officer> officers;               // registered card look-up officers
};

// Which body the card look-up accepts (spec §3.4: the spec says JSON, one production client
// found that only form-urlencoded worked; both are accepted by default).
enum class lookup_body { both, json, form };

// How the simulated portal behaves where the real gateway is not known exactly or where real
// clients deviate from the spec: the world file's `portal` section (docs/world.md, each switch
// explained in docs/portal.md). Durations are virtual time on the sandbox clock. The defaults
// are what the real gateway is believed to do.
struct portal_behaviour {
  std::chrono::seconds token_lifetime{std::chrono::hours(1)};
  bool accept_json_login = true;       // VNPT's client posts JSON to token/take (spec §3.2)
  bool accept_lowercase_md5 = true;    // another client sends lower-case MD5 (spec §3.2)
  // Virtual time between receipt and verdict (the portal is asynchronous, spec §3.3, §6.4).
  std::chrono::seconds processing_delay{std::chrono::minutes(1)};
  // A claim whose MA_LK was already accepted for the facility is refused (DUP.MA_LK), or —
  // when false — replaces the accepted record (assumption; spec §7).
  bool refuse_duplicate_of_accepted = true;
  lookup_body card_lookup_body = lookup_body::both;

  friend bool operator==(const portal_behaviour&, const portal_behaviour&) = default;
};

// The world file's `signature` section: per-world switches of the signature check (issue 8;
// docs/signature.md). Defaults are the portal profile as vendors' code shows it.
struct signature_behaviour {
  // SHA-1 signatures/digests are a warning instead of SIG.ALGORITHM errors.
  bool sha1_warning = false;
  // Under QĐ 3176, DU_PHONG of XML13/XML14 must carry the facility's signature (reported by a
  // secondary source, spec §2.3; its format is unknown, so only presence and base64 shape are
  // checked: SIG.DU_PHONG).
  bool du_phong_signature = false;

  friend bool operator==(const signature_behaviour&, const signature_behaviour&) = default;
};

// The Ministry of Health data hub ("Trục dữ liệu Bộ Y tế", api.emrhub.vn) that takes health-check
// (KSK) records under QĐ 1551 PL02 (spec c06 B3; docs/ksk-hub.md): a facility's "Agent Account"
// logs in and pushes signed envelopes from its 13-digit sender_id. The real accounts are not
// public; these fields are what the clients send.
struct ksk_hub_account {
  std::string username;   // `POST /api/auth/login` username
  std::string password;   // its password
  std::string facility;   // MA_CSKCB of the facility (its registered certificates sign)
  std::string sender_id;  // the 13-digit GLN-style facility ID (app.qlhanhnghekcb.gov.vn)
  std::string role = "facility";  // `role` of the login answer: facility | department

  friend bool operator==(const ksk_hub_account&, const ksk_hub_account&) = default;
};

// The world file's `ksk_hub` section (docs/ksk-hub.md, docs/world.md "KSK hub").
struct ksk_hub_behaviour {
  // receiver_id values the hub answers to (spec: "e.g. TDLBYT"; one client sends TTYQG).
  std::vector<std::string> receiver_ids{"TDLBYT", "TTYQG"};
  std::chrono::seconds token_lifetime{std::chrono::hours(1)};  // `duration` of a token [I]
  std::vector<ksk_hub_account> accounts;

  const ksk_hub_account* find_account(std::string_view username) const {
    for (const auto& a : accounts) {
      if (a.username == username) return &a;
    }
    return nullptr;
  }
  friend bool operator==(const ksk_hub_behaviour&, const ksk_hub_behaviour&) = default;
};

// A client account of the C06 population-register service (issue 10; docs/c06.md): what a
// reception system or a provincial gateway (LGSP) presents. The real service's accounts are
// not public; the fields are the ones real clients send (spec c06 A4).
struct c06_account {
  std::string username;        // the HTTP Basic user (userNameService of the JSON form)
  std::string secret_key;      // secretKey of sha256hex(url + user + timestamp + secretKey)
  std::string api_key;         // the `ApiKey` header
  std::string x_road_client;   // the `X-Road-Client` header
  std::string facility;        // MA_CSKCB of the facility it belongs to; empty = a gateway
  std::vector<std::string> procedures;  // MaDVC codes granted (else code 004)
  std::vector<std::string> officers;    // MaCanBo values allowed (else code 005); "*" = any

  friend bool operator==(const c06_account&, const c06_account&) = default;
};

// The world file's `c06` section: how the simulated C06 service behaves where the real one is
// not known (each switch an assumption documented in docs/c06.md), and its client accounts.
struct c06_behaviour {
  // A name sent without diacritics (one real client strips them, spec c06 A4) matches the
  // register's name with its diacritics removed. Inferred [I].
  bool names_without_diacritics = true;
  // How far the client's `Timestamp` (Unix ms, its own wall clock) may be from the server's
  // real wall clock, either way. Chosen [I].
  std::chrono::seconds timestamp_window{std::chrono::minutes(5)};
  // How long (virtual time) the commune police take to correct the register for a mismatch
  // (POST /_sim/mismatches/{id}/correction without `delay`): the provinces' plans ask for
  // corrections within 24 hours (docs/crosscheck.md) [I].
  std::chrono::seconds correction_delay{std::chrono::hours(24)};
  // The `ApiKey` and `X-Road-Client` headers must be present (the C# client sends them; the
  // PHP client's code shows only `timestamp` and Basic). When false, absent ones are not
  // required, but a value sent must still be the account's. Chosen [I].
  bool require_x_road_headers = true;
  // Vaccination records (the history group) are cleaned against the register and their
  // differences listed as mismatches (GET /_sim/mismatches, docs/crosscheck.md). Off by default
  // so the claim-only rehearsals' lists are unchanged; a world turns it on. Chosen [I].
  bool vaccination_crosscheck = true;
  std::vector<c06_account> accounts;

  const c06_account* find_account(std::string_view username) const {
    for (const auto& a : accounts) {
      if (a.username == username) return &a;
    }
    return nullptr;
  }
  friend bool operator==(const c06_behaviour&, const c06_behaviour&) = default;
};

// How long BHXH's extraction takes from the moment a visit may be shown (all preconditions
// hold) until it is on the VNeID app (QĐ 2733 PL01 Đ5 step 7: "trong vòng 24 giờ"). No
// statistic of the real latency exists (spec c06 B6): the default is a choice, inside the
// 24 h (docs/vneid.md).
enum class latency_distribution { fixed, uniform, log_normal };

struct display_latency {
  latency_distribution distribution = latency_distribution::log_normal;
  std::chrono::seconds fixed{std::chrono::hours(4)};       // `fixed`
  std::chrono::seconds min{std::chrono::minutes(5)};       // `uniform` bounds; log-normal clamp
  std::chrono::seconds max{std::chrono::hours(20)};
  std::chrono::seconds median{std::chrono::hours(4)};      // `log_normal`: e^mu
  double sigma = 0.6;                                      // `log_normal`: sigma of ln(latency)

  friend bool operator==(const display_latency&, const display_latency&) = default;
};

// The world file's `vneid` section: which account rules the VNeID health book enforces and the
// default display latency of a sandbox (docs/vneid.md). Defaults: level 2 and BHYT integration
// required (Sơn La plan l. 21, 52), the health book from app 2.1.10 (spec c06 A2; Kiên Hải's
// 2.0.4 is the version to integrate the card, which the world's data already reflect).
struct vneid_behaviour {
  bool require_level2 = true;
  bool require_bhyt_integration = true;
  std::string min_app_version = "2.1.10";
  display_latency latency;

  friend bool operator==(const vneid_behaviour&, const vneid_behaviour&) = default;
};

std::string_view to_string(latency_distribution d);  // "fixed" | "uniform" | "log_normal"
std::optional<latency_distribution> parse_latency_distribution(std::string_view text);
// Compares two app versions like "2.1.10" numerically, part by part: <0, 0, >0.
int compare_app_versions(std::string_view a, std::string_view b);

struct generated_population {
  std::uint64_t seed = 0;
  std::size_t count = 0;
};

class world {
 public:
  std::string name;                       // e.g. "Tỉnh Thượng Ninh (mô phỏng)"
  std::string province;                   // 2-digit province code of the world
  ksk_hub_behaviour ksk_hub;              // the `ksk_hub` section (defaults when absent)
  std::vector<facility> facilities;
  std::vector<std::string> trusted_cas;   // PEM text of trusted CA certificates
  std::vector<std::string> crls;          // PEM text of CRLs
  std::optional<generated_population> population;  // how the generated part was made
  portal_behaviour portal;                // the `portal` section (defaults when absent)
  signature_behaviour signature;          // the `signature` section (defaults when absent)
  c06_behaviour c06;                      // the `c06` section (defaults when absent)
  vneid_behaviour vneid;                  // the `vneid` section (defaults when absent)

  const facility* find_facility(std::string_view ma_cskcb) const;
  // Also old CMND numbers and cancelled ID numbers (the same person, spec c06 A6/A7).
  const citizen* find_citizen(std::string_view so_dinh_danh) const;
  const citizen* find_by_card(std::string_view card_number) const;
  const citizen* find_by_case(std::string_view case_label) const;
  const citizen* find_by_ma_bhxh(std::string_view ma_bhxh) const;  // 10-digit BHXH number
  std::size_t citizen_count() const { return citizens_.size(); }
  const citizen& citizen_at(std::size_t i) const { return citizens_[i]; }
  const std::vector<citizen>& citizens() const { return citizens_; }

  // Builder side, used by loaders before the world is frozen: adds or replaces (same
  // so_dinh_danh) a citizen; index() must be called once all citizens are in.
  // upsert_citizen returns the citizen's position. index() throws index_conflict on a shared
  // card number, MA_BHXH, old CMND number, cancelled ID number (or one that is another
  // citizen's current number) or case label.
  std::size_t upsert_citizen(citizen c);
  void index();
  // Builder side: position of a citizen by so_dinh_danh while building (before or after
  // index()); also lets a loader merge an override into an existing entry.
  std::optional<std::size_t> position_of(std::string_view so_dinh_danh) const;
  citizen& mutable_citizen_at(std::size_t i) { return citizens_[i]; }
  void reserve_citizens(std::size_t n);

 private:
  // Compact indexes (a 1,000,000-citizen world must fit in well under 1 GB): numeric keys
  // sorted once by index(), 16 bytes per entry instead of a hash node per string.
  struct key_pos {
    std::uint64_t key;
    std::uint32_t pos;
  };
  std::vector<citizen> citizens_;
  std::unordered_map<std::uint64_t, std::uint32_t> building_ids_;  // emptied by index()
  std::unordered_map<std::string, std::size_t> other_ids_;  // so_dinh_danh not 12 digits
  std::vector<key_pos> by_id_;
  std::vector<key_pos> by_cmnd_;
  std::vector<key_pos> by_cancelled_;  // cancelled 12-digit ID numbers
  std::vector<key_pos> by_card_;
  std::vector<key_pos> by_bhxh_;
  std::unordered_map<std::string, std::size_t> by_case_;
};

class world_error : public std::runtime_error {
 public:
  world_error(std::string file, std::string path, std::string reason);
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string file_, path_, reason_;
};

// Thrown by world::index() when two citizens share a card number, a MA_BHXH, an old CMND number
// or a case label; `first`/`second` are their positions in citizens(). Loaders catch it and rethrow a
// world_error naming the entry's path.
class index_conflict : public world_error {
 public:
  index_conflict(std::string reason, std::size_t first, std::size_t second)
      : world_error("", "", std::move(reason)), first_(first), second_(second) {}
  std::size_t first() const { return first_; }
  std::size_t second() const { return second_; }

 private:
  std::size_t first_, second_;
};

// Largest generated population: the six "random" digits of the 12-digit ID number give 10^6
// distinct numbers, and the generator makes them unique by construction (docs/world.md).
inline constexpr std::size_t max_generated_population = 1'000'000;

// The date generated ages and card validities are computed against (fixed, so that a seed
// gives the same population whenever it is generated).
inline constexpr core::civil_time generation_reference_date{2026, 7, 1, 0, 0};

// Names used in world files (and JSON output): "male" | "female" | "unknown";
// "active" | "expired" | "revoked" | "bao_giam".
std::string_view to_string(sex s);
// The Vietnamese label a card, a page or an answer shows: "Nam" | "Nữ" | "Chưa xác định".
std::string_view label_vi(sex s);
std::string_view to_string(card_status s);
std::optional<sex> parse_sex(std::string_view text);
std::optional<card_status> parse_card_status(std::string_view text);
// "chuyen_ngoai_tinh" | "chuyen_trong_tinh" | "tham_gia_lai" | "ngung_tham_gia" ("" for
// unspecified); parse refuses "" and unknown names.
std::string_view to_string(bao_giam_reason r);
std::optional<bao_giam_reason> parse_bao_giam_reason(std::string_view text);
std::string_view to_string(lookup_body b);  // "both" | "json" | "form"
std::optional<lookup_body> parse_lookup_body(std::string_view text);
// An ISO-8601 duration of whole days, hours, minutes and seconds as the world file writes it
// ("PT1H", "P1DT30M", "PT90S"); nullopt when malformed, zero or over 366 days.
std::optional<std::chrono::seconds> parse_world_duration(std::string_view text);
// The shortest such text for `d` (> 0): "PT1H", "P1DT30M".
std::string format_world_duration(std::chrono::seconds d);

// Loads a world from a .json, .yaml/.yml or .jsonl file; throws world_error.
std::shared_ptr<const world> load_world_file(const std::string& path);
// Parses world text of the given format ("json" | "yaml"); `origin` names it in errors.
std::shared_ptr<const world> load_world_text(std::string_view text, std::string_view format,
                                             const std::string& origin);
// The small province compiled into the binary (3–5 facilities, a few hundred citizens, with a
// named citizen for every rehearsal case; see docs/world.md). Built once.
std::shared_ptr<const world> embedded_default_world();

// One entry of a world file's `citizens` list or `facilities` list (docs/world.md), parsed and
// validated by the loader's own code against `base` (facility codes of card registrations,
// the loader's override rules): a `so_dinh_danh` that `base` already holds is applied on top of
// that citizen (keys given replace theirs, like a world file's inline override of a generated
// citizen); a new one must be complete. `origin` names the entry in errors, whose path starts
// at "$" (e.g. "$.card.number"). Used by the admin API to add to a sandbox's overlay.
//   auto c = sim::world::parse_citizen_entry(j, *w, "POST /_sim/world");
// Throws world_error(origin, path, reason). Does not check uniqueness against other citizens
// (card number, MA_BHXH): the caller decides.
// `existing`: the citizen to apply the entry on top of when the caller's view differs from
// `base` (a sandbox's replaced citizen); null = `base`'s citizen of that so_dinh_danh, if any.
// `has_facility`: which MA_CSKCB exist (a sandbox's added facilities); empty = `base`'s.
citizen parse_citizen_entry(const nlohmann::json& entry, const world& base,
                            const std::string& origin, const citizen* existing = nullptr,
                            const std::function<bool(std::string_view)>& has_facility = {});
// A facility entry; PEM entries must be text (there is no directory for {file: …}).
// Throws world_error(origin, path, reason).
facility parse_facility_entry(const nlohmann::json& entry, const world& base,
                              const std::string& origin);

// Deterministic synthetic citizen number `index` of a population with `seed`.
citizen generate_citizen(std::uint64_t seed, std::size_t index, std::string_view province,
                         const std::vector<facility>& facilities);

}  // namespace sim::world
