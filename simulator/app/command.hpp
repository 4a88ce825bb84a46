// sim::app — subcommand registry of the `sskdt-sim` binary. Each subcommand lives in its own
// cmd_<name>.cpp and registers itself:
//
//   static const sim::app::registration reg{"validate", "Judge claim / check-in files",
//                                           &run_validate};
//
// A command gets its arguments after the subcommand name and returns the process exit code:
// 0 success, 1 "the files were judged and some were rejected", 2 usage or I/O error.
#pragma once

#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim::world {
class world;
}

namespace sim::app {

using command_fn = int (*)(std::span<const std::string> args);

struct command {
  std::string_view name;   // may contain a space for nested commands: "world generate"
  std::string_view summary;
  command_fn run;
};

std::vector<command>& commands();

struct registration {
  registration(std::string_view name, std::string_view summary, command_fn run) {
    commands().push_back({name, summary, run});
  }
};

// Minimal flag parsing shared by the subcommands.
class args_reader {
 public:
  explicit args_reader(std::span<const std::string> args) : args_(args) {}
  bool done() const { return i_ >= args_.size(); }
  const std::string& peek() const { return args_[i_]; }
  std::string next() { return args_[i_++]; }
  // For "--flag VALUE" and "--flag=VALUE"; returns false when the current arg is not `flag`.
  // Throws usage_error when the value is missing.
  bool take_value(std::string_view flag, std::string& out);
  bool take_flag(std::string_view flag);

 private:
  std::span<const std::string> args_;
  std::size_t i_ = 0;
};

struct usage_error {
  std::string message;
};

// The world of a `--world FILE` option: the file, or the embedded default world when `path` is
// empty. A sim::world::world_error propagates to main(), which prints `file: path: reason` and
// exits 2 — the one place every subcommand reports a bad world.
std::shared_ptr<const world::world> load_world_option(const std::string& path);

}  // namespace sim::app
