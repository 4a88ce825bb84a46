// `sskdt-sim admin …`: the admin API of a running server from the command line. Every
// subcommand is one call of the same JSON routes the pytest client and the /ui pages use
// (docs/admin-api.md); the answer is printed as it comes.
#include <iostream>
#include <string>
#include <vector>

#include "simulator/app/command.hpp"
#include "simulator/transport/http_client.hpp"

namespace {

constexpr const char* usage =
    "usage: sskdt-sim admin [--url http://127.0.0.1:8080] [--sandbox NAME] [--admin-token T]\n"
    "                       COMMAND\n"
    "commands:\n"
    "  health | reset | fault-types\n"
    "  sandboxes | sandboxes create NAME | sandboxes delete NAME\n"
    "  clock | clock set ISO-8601 | clock advance PT48H | clock scale N | clock freeze |\n"
    "  clock unfreeze\n"
    "  world [LIMIT [OFFSET]] | world add JSON   ({\"citizen\"|\"facility\"|\"certificate\": …})\n"
    "  faults | faults add JSON | faults delete ID\n"
    "  journal [SINCE [LIMIT]]\n"
    "  results [KEY=VALUE]...   (ma_cskcb, ma_lk, result, date, maGiaoDich)\n"
    "  raw METHOD PATH [JSON]";

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

int run_admin(std::span<const std::string> args) {
  sim::app::args_reader in(args);
  std::string url = "http://127.0.0.1:8080", sandbox, token;
  while (!in.done() && in.peek().rfind("--", 0) == 0) {
    if (in.take_value("--url", url) || in.take_value("--sandbox", sandbox) ||
        in.take_value("--admin-token", token))
      continue;
    throw sim::app::usage_error{"unknown option " + in.peek() + "\n" + usage};
  }
  std::vector<std::string> words;
  while (!in.done()) words.push_back(in.next());
  if (words.empty()) throw sim::app::usage_error{usage};
  auto arg = [&](std::size_t i) -> const std::string& {
    if (i >= words.size()) throw sim::app::usage_error{"missing argument\n" + std::string(usage)};
    return words[i];
  };

  std::string method = "GET", path, body;
  const std::string& cmd = words[0];
  if (cmd == "health" || cmd == "fault-types") {
    path = "/_sim/" + cmd;
  } else if (cmd == "reset") {
    method = "POST";
    path = "/_sim/reset";
  } else if (cmd == "sandboxes") {
    path = "/_sim/sandboxes";
    if (words.size() > 1 && words[1] == "create") {
      method = "POST";
      body = "{\"name\":" + json_string(arg(2)) + "}";
    } else if (words.size() > 1 && words[1] == "delete") {
      method = "DELETE";
      path += "/" + arg(2);
    } else if (words.size() > 1) {
      throw sim::app::usage_error{usage};
    }
  } else if (cmd == "clock") {
    path = "/_sim/clock";
    if (words.size() > 1) {
      method = "POST";
      const std::string& op = words[1];
      if (op == "set") body = "{\"set\":" + json_string(arg(2)) + "}";
      else if (op == "advance") body = "{\"advance\":" + json_string(arg(2)) + "}";
      else if (op == "scale") body = "{\"scale\":" + arg(2) + "}";
      else if (op == "freeze") body = "{\"freeze\":true}";
      else if (op == "unfreeze") body = "{\"freeze\":false}";
      else throw sim::app::usage_error{usage};
    }
  } else if (cmd == "world" && words.size() > 1 && words[1] == "add") {
    method = "POST";
    path = "/_sim/world";
    body = arg(2);
  } else if (cmd == "world") {
    path = "/_sim/world?limit=" + (words.size() > 1 ? words[1] : std::string("100")) +
           "&offset=" + (words.size() > 2 ? words[2] : std::string("0"));
  } else if (cmd == "faults") {
    path = "/_sim/faults";
    if (words.size() > 1 && words[1] == "add") {
      method = "POST";
      body = arg(2);
    } else if (words.size() > 1 && words[1] == "delete") {
      method = "DELETE";
      path += "/" + arg(2);
    } else if (words.size() > 1) {
      throw sim::app::usage_error{usage};
    }
  } else if (cmd == "journal") {
    path = "/_sim/journal?since=" + (words.size() > 1 ? words[1] : std::string("0")) +
           "&limit=" + (words.size() > 2 ? words[2] : std::string("100"));
  } else if (cmd == "results") {
    path = "/_sim/results";
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (words[i].find('=') == std::string::npos)
        throw sim::app::usage_error{"results filters are KEY=VALUE\n" + std::string(usage)};
      path += (i == 1 ? "?" : "&") + words[i];
    }
  } else if (cmd == "raw") {
    method = arg(1);
    path = arg(2);
    if (words.size() > 3) body = words[3];
  } else {
    throw sim::app::usage_error{"unknown admin command '" + cmd + "'\n" + usage};
  }
  if (!sandbox.empty()) path = "/s/" + sandbox + path;

  sim::transport::http_call_options call{.url = url, .method = method, .target = path,
                                         .body = body};
  if (!token.empty()) call.headers.emplace_back("X-Admin-Token", token);
  const auto r = sim::transport::http_call(call);
  if (!r.error.empty()) {
    std::cerr << r.error << "\n";
    return 2;
  }
  std::cout << r.body << "\n";
  return r.status >= 200 && r.status < 300 ? 0 : 1;
}

const sim::app::registration reg{"admin", "Call the admin API of a running server", &run_admin};

}  // namespace
