// sim::synth — synthetic claim and check-in files that prove the validation rules.
//
// A generator turns (seed, index) into one realistic encounter of a citizen of the world at one
// of its facilities — outpatient exam (MA_LOAI_KCB 01), outpatient treatment (02), inpatient
// (03, with XML5 clinical course, XML7 discharge paper, XML8 summary) or emergency
// (MA_DOITUONG_KCB 2) — with drugs (XML2), services and supplies (XML3), sometimes lab results
// (XML4), a referral (MA_LOAI_RV 2 → XML13) or a follow-up appointment (XML14), and writes it
// as a GIAMDINHHS claim envelope plus the matching XML0 check-in file (none for emergencies:
// QĐ 4750 Đ2 exempts MA_DOITUONG_KCB = 2, spec §6.1 "Check-in timing"). Money satisfies every
// formula of spec §6.1 exactly (integer arithmetic, never floating point). docs/generate.md
// describes the encounter model, the illustrative catalogues and the mutations.
//
// The same (seed, index, standard, world) always gives the same bytes: dates come from a fixed
// window of 2026 chosen by the seed, never from the wall clock. Every unmutated file is
// accepted by sim::rules::validate_file at `validation_time` (or any time from 2026-12-01).
//
// A mutation (`generate_mutation`) breaks one encounter in exactly one way so that the validator
// reports exactly one finding code (and, where given, its table and field). Content mutations
// are applied before the optional `signer` runs, so a signed file still carries only its one
// finding; the SIG.* mutations sign the finished file themselves (with a failure certificate, or
// validly and then edit the signature); transport-level mutations (XML.MALFORMED,
// XML.DTD_FORBIDDEN, XML.ENCODING, XML.TOO_LARGE) are applied to the final bytes, after signing.
//
//   sim::synth::generator gen({.seed = 42});
//   for (std::size_t i = 0; i < 10; ++i)
//     for (auto& f : gen.encounter(i)) write(dir / f.relative_path, f.bytes);
//   auto bad = gen.mutation(0, "SUM.T_THUOC");   // bad->expected_code == "SUM.T_THUOC"
//
// Errors: construction throws std::invalid_argument when the world has no facility or no
// citizen with an active card (control plane). Generation itself never throws.
// Thread safety: a constructed generator is immutable; its const methods may run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/civil_time.hpp"
#include "simulator/standard/standard.hpp"

namespace sim::world {
class world;
}

namespace sim::synth {

// A submission time at which every generated encounter is in the past: every recorded event
// (arrival, orders, results, discharge, papers) lies in 2026-01-05 … 2026-11-27, so any time
// from 2026-12-01 00:00 works; tests and docs use `--at 202612312359`.
inline constexpr core::civil_time validation_time{2026, 12, 31, 23, 59};

enum class encounter_kind {
  outpatient_exam,       // MA_LOAI_KCB 01
  outpatient_treatment,  // MA_LOAI_KCB 02 (XML5)
  inpatient,             // MA_LOAI_KCB 03 (XML5, XML7, XML8)
  emergency,             // MA_DOITUONG_KCB 2, MA_LOAI_KCB 01, no check-in file
};
std::string_view to_string(encounter_kind kind);  // "outpatient_exam", …

// Signs a finished file for facility `ma_cskcb` (signature module, issue 8); returns the signed
// bytes. Unset = files are written unsigned with an empty <CHUKYDONVI/>.
using signer_fn = std::function<std::string(std::string_view bytes, const std::string& ma_cskcb)>;

struct generate_options {
  std::uint64_t seed = 1;
  standard::standard_id standard = standard::standard_id::qd4750;
  std::shared_ptr<const world::world> world;  // null = the embedded default world
  // XML.TOO_LARGE mutation: the file is padded to this many bytes + 1. Defaults to the default
  // decode limit (50 MiB); tests pass a small value and validate with the same limit.
  std::size_t too_large_limit = 50u << 20;
  signer_fn signer;
  // A signer with the facility's certificate of `kind` ("valid", "expired", "not-yet-valid",
  // "revoked", "untrusted-ca", "wrong-usage", "rsa1024": sim::signature::facility_cert_kinds),
  // for the SIG.* mutations (issue 8), which sign themselves and then break the signature.
  // Unset: those mutations cannot be made (needs_signer()); SIG.MISSING needs none.
  //   opt.signer_of_kind = [](std::string_view k) {
  //     return sim::signature::default_pki_signer(std::string(k)); };
  std::function<signer_fn(std::string_view kind)> signer_of_kind;
  // Chosen patients (so_dinh_danh, old CMND or card number): encounter i is patients[i % n]'s,
  // named rehearsal cases included, and XML1/XML0 carry the facility's recorded identity
  // (citizen::recorded) where it differs from the register — the identity mismatches of issue
  // 10. The visit day lies inside the card's validity when it overlaps the generation window,
  // else anywhere in the window (the card is then out of date on the visit day: CARD.EXPIRED).
  // Empty = ordinary citizens drawn by the seed. Construction throws std::invalid_argument for
  // an unknown patient or one without a BHYT card.
  std::vector<std::string> patients;
};

struct generated_file {
  std::string relative_path;  // "claims/<MA_LK>.xml" or "checkins/<MA_LK>.xml"
  std::string bytes;
  std::string ma_lk;
  std::string ma_cskcb;
  encounter_kind kind = encounter_kind::outpatient_exam;
  bool checkin = false;  // XML0 check-in file (else GIAMDINHHS claim envelope)
  // For mutated files: the one finding the validator must report. Empty = must be accepted.
  std::string expected_code;
  std::string expected_table;  // "ENVELOPE", "XML0" … "XML15"; may be empty
  std::string expected_field;  // may be empty
};

struct mutation_info {
  std::string_view code;         // finding code the mutated file must produce
  std::string_view table;        // table the finding names ("" = not checked)
  std::string_view field;        // field the finding names ("" = not checked)
  std::string_view description;  // what is broken (docs/generate.md has the same list)
};

// Every mutation the generator knows, one or more per finding family of issue 7 §3 and one per
// sum / row-formula rule. Several entries may share a code (different ways to break it).
std::span<const mutation_info> mutations();
// The entries for `code` ("all" = every entry).
std::vector<const mutation_info*> find_mutations(std::string_view code);
// Whether `m` can be applied under a standard: its table and field exist there (QĐ 130 has no
// XML13/XML14 and no XML2 NGAY_TH_YL). Generating an inapplicable mutation gives a file that
// does not carry the expected finding.
bool applicable(const mutation_info& m, standard::standard_id id);
// Whether `m` needs generate_options::signer_of_kind (every SIG.* mutation but SIG.MISSING).
bool needs_signer(const mutation_info& m);

class generator {
 public:
  explicit generator(generate_options options);
  ~generator();
  generator(generator&&) noexcept;
  generator& operator=(generator&&) noexcept;

  // Encounter `index`: its claim file, then its check-in file (absent for emergencies).
  std::vector<generated_file> encounter(std::size_t index) const;
  encounter_kind kind_of(std::size_t index) const;

  // Encounter `index` (or the nearest later index whose encounter suits the mutation, e.g. an
  // inpatient one for a missing XML5) broken by `m`; the file the validator must flag.
  generated_file mutation(std::size_t index, const mutation_info& m) const;
  // Convenience: the first mutation entry for `code`; nullopt when the code is unknown.
  std::optional<generated_file> mutation(std::size_t index, std::string_view code) const;

  const generate_options& options() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// manifest.json of a run: {"files":[{"file":…,"code":…,"table":…,"field":…}]}; unmutated files
// get "code": null (and no table/field). Stable key order, one file per line.
std::string manifest_json(const std::vector<generated_file>& files);

}  // namespace sim::synth
