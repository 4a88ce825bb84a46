// sim::rules — judges one submitted file (claim envelope or XML0 check-in) the way the BHYT
// assessment portal would: decoding (XML.*, ENV.*), field rules (FIELD.*), linkage (LINK.*),
// sums (SUM.*), dates (DATE.*), and — through `extra_checks` — signature (SIG.*) and identity
// checks added by later modules.
//
//   sim::rules::validate_options opt;
//   opt.standard = sim::standard::standard_id::qd4750;
//   opt.at = *sim::core::parse_yyyymmddhhmm("202612031000");
//   auto report = sim::rules::validate_file(bytes, opt);
//   report.accepted  // false iff any finding is an error
//
// Errors: none thrown; everything about the file is a finding, messages rendered.
// Thread safety: validate_file is reentrant; options are read-only.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "simulator/core/civil_time.hpp"
#include "simulator/core/finding.hpp"
#include "simulator/rules/catalogue.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/standard/standard.hpp"

namespace sim::world {
class world;
}

namespace sim::rules {

struct validate_options {
  standard::standard_id standard = standard::standard_id::qd4750;
  core::civil_time at;                             // submission time (DATE.FUTURE, card validity)
  std::shared_ptr<const world::world> world;       // may be null: world-dependent checks skipped
  standard::decode_limits limits;
  // Hooks run on the raw bytes and the decoded file after the content rules (signature, …).
  std::vector<std::function<void(std::string_view bytes, const standard::decoded_file&,
                                 core::findings&)>>
      extra_checks;
  // Catalogues of the codes `extra_checks` produce (e.g. sim::signature::sig_catalogue()), used
  // to render their findings; looked up before the rules catalogue.
  std::vector<std::span<const catalogue_entry>> extra_catalogues;
};

struct file_report {
  bool accepted = false;
  standard::decoded_file decoded;
  core::findings findings;  // rendered, in a stable order (table, row, field, code)
};

file_report validate_file(std::string_view bytes, const validate_options& options);

// The content rules alone, on an already decoded file (used by validate_file and the generator's
// self-check). Appends to `out`; does not render.
void check_content(const standard::decoded_file& file, const validate_options& options,
                   core::findings& out);

}  // namespace sim::rules
