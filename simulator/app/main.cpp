// sskdt-sim — entry point: dispatches to the registered subcommands (see command.hpp).
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "simulator/app/command.hpp"
#include "simulator/world/world.hpp"

namespace {

void print_help() {
  std::cout << "sskdt-sim — BHYT portal / C06 / VNeID simulator\n\nUsage: sskdt-sim <command> "
               "[options]\n\nCommands:\n";
  auto cmds = sim::app::commands();
  std::sort(cmds.begin(), cmds.end(), [](auto& a, auto& b) { return a.name < b.name; });
  for (const auto& c : cmds) {
    std::cout << "  " << c.name << std::string(c.name.size() < 18 ? 18 - c.name.size() : 1, ' ')
              << c.summary << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help();
    return args.empty() ? 2 : 0;
  }
  // Longest match first, so "world generate" wins over "world".
  const sim::app::command* best = nullptr;
  std::size_t consumed = 0;
  for (const auto& c : sim::app::commands()) {
    std::size_t words = static_cast<std::size_t>(std::count(c.name.begin(), c.name.end(), ' ')) + 1;
    if (words > args.size()) continue;
    std::string joined = args[0];
    for (std::size_t i = 1; i < words; ++i) joined += " " + args[i];
    if (joined == c.name && words > consumed) {
      best = &c;
      consumed = words;
    }
  }
  if (!best) {
    std::cerr << "sskdt-sim: unknown command '" << args[0] << "' (try --help)\n";
    return 2;
  }
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(consumed), args.end());
  try {
    return best->run(rest);
  } catch (const sim::app::usage_error& e) {
    std::cerr << "sskdt-sim " << best->name << ": " << e.message << "\n";
    return 2;
  } catch (const sim::world::world_error& e) {
    // A world file that does not load: control plane, exit 2 with file, path and reason.
    std::cerr << e.file() << ": " << (e.path().empty() ? "$" : e.path()) << ": " << e.reason()
              << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "sskdt-sim " << best->name << ": " << e.what() << "\n";
    return 2;
  }
}
