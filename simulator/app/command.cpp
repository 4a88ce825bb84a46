#include "simulator/app/command.hpp"

#include "simulator/world/world.hpp"

namespace sim::app {

std::vector<command>& commands() {
  static std::vector<command> all;
  return all;
}

std::shared_ptr<const world::world> load_world_option(const std::string& path) {
  return path.empty() ? world::embedded_default_world() : world::load_world_file(path);
}

bool args_reader::take_value(std::string_view flag, std::string& out) {
  if (done()) return false;
  const std::string& a = args_[i_];
  if (a == flag) {
    if (i_ + 1 >= args_.size()) throw usage_error{std::string(flag) + " needs a value"};
    out = args_[i_ + 1];
    i_ += 2;
    return true;
  }
  if (a.size() > flag.size() && a.compare(0, flag.size(), flag) == 0 && a[flag.size()] == '=') {
    out = a.substr(flag.size() + 1);
    ++i_;
    return true;
  }
  return false;
}

bool args_reader::take_flag(std::string_view flag) {
  if (!done() && args_[i_] == flag) {
    ++i_;
    return true;
  }
  return false;
}

}  // namespace sim::app
