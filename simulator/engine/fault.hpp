// sim::engine — faults: a registry of small named units described by data (Toxiproxy's toxics,
// WireMock's Fault), scoped to an endpoint and/or a facility, with a probability, drawn from a
// seeded generator so that a run can be replayed (house style §2).
//
//   sim::engine::fault_registry faults(/*seed=*/42);
//   auto id = faults.add({.type = "slow", .scope = {.endpoint = "claim"},
//                         .attributes = {{"delay_ms", "2000"}}});
//   sim::engine::fault_effect e = faults.evaluate("claim", "22001");
//   // e.delay == 2000 ms: the transport answers after a timer.
//
// Types (one file each in engine/faults/): outage, slow, token_expiry, ma_ket_qua_500,
// response_lost, duplicate_transaction. Each validates its own attributes.
// Errors: add() returns an error message for an unknown type, a bad probability or a bad
// attribute (control plane, answered as HTTP 400 by the admin API).
// Thread safety: all members are safe to call concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sim::engine {

struct fault_scope {
  std::string endpoint;  // "" = every endpoint; else "token", "checkin", "claim", "card", …
  std::string facility;  // "" = every facility; else a MA_CSKCB
};

struct fault_spec {
  std::string id;        // assigned by the registry when empty
  std::string type;      // a registered fault type
  fault_scope scope;
  double probability = 1.0;
  std::map<std::string, std::string> attributes;
};

// What the faults that fired ask the service to do with one request.
struct fault_effect {
  int http_status = 0;                     // outage: answer this status (e.g. 503) instead
  bool reset_connection = false;           // outage mode "reset": close without answering
  std::chrono::milliseconds delay{0};      // slow: answer after this (virtual-time free) delay
  bool expire_tokens = false;              // token_expiry: every token of the sandbox expires now
  std::string ma_ket_qua;                  // ma_ket_qua_500: answer this maKetQua
  bool lose_response = false;              // response_lost: record, then drop the answer
  bool repeat_transaction_id = false;      // duplicate_transaction: reuse the last maGiaoDich
  std::vector<std::string> fired;          // ids of the faults that fired
};

struct fault_type {
  std::string_view name;
  std::string_view description;
  // Returns an error message when the spec's attributes are not valid for this type.
  std::optional<std::string> (*validate)(const fault_spec&);
  void (*apply)(const fault_spec&, fault_effect&);
};

const std::vector<fault_type>& fault_types();
const fault_type* find_fault_type(std::string_view name);

class fault_registry {
 public:
  explicit fault_registry(std::uint64_t seed);

  std::variant<std::string, std::string> add(fault_spec spec);  // index 0: id, 1: error
  bool remove(const std::string& id);
  std::vector<fault_spec> list() const;
  void clear();

  fault_effect evaluate(std::string_view endpoint, std::string_view facility);

 private:
  mutable std::mutex mutex_;
  std::uint64_t seed_;
  std::uint64_t draws_ = 0;
  std::uint64_t next_id_ = 1;
  std::vector<fault_spec> faults_;
};

}  // namespace sim::engine
