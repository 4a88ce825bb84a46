// `sskdt-sim serve`: the simulated portal, the admin API and the pages over HTTP (issue 9).
#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>
#include <variant>

#include "simulator/admin/gateway.hpp"
#include "simulator/app/command.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/virtual_clock.hpp"
#include "simulator/services/c06/c06_service.hpp"
#include "simulator/services/ksk_hub/ksk_hub_service.hpp"
#include "simulator/services/luu_tru/luu_tru_service.hpp"
#include "simulator/services/portal/portal_service.hpp"
#include "simulator/signature/default_pki.hpp"
#include "simulator/transport/http_server.hpp"
#include "simulator/world/world.hpp"

namespace {

constexpr const char* usage_text =
    "usage: sskdt-sim serve [--world FILE] [--bind ADDR] [--port N] [--data DIR] [--seed N] "
    "[--threads N] [--tls-port N [--tls-cert PEM --tls-key PEM]] [--admin-token T]";

// "host:port" for a URL: IPv6 addresses in brackets (RFC 3986 §3.2.2).
std::string url_authority(const std::string& host, std::uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream is(path, std::ios::binary);
  if (!is) return false;
  std::ostringstream ss;
  ss << is.rdbuf();
  out = ss.str();
  return static_cast<bool>(is) || is.eof();
}

int run_serve(std::span<const std::string> args) {
  sim::app::args_reader in(args);
  std::string world_file, bind = "127.0.0.1", port_text = "8080", data_dir, seed_text = "1";
  std::string threads_text = "0", admin_token, tls_port_text, tls_cert, tls_key;
  while (!in.done()) {
    if (in.take_value("--world", world_file) || in.take_value("--bind", bind) ||
        in.take_value("--port", port_text) || in.take_value("--data", data_dir) ||
        in.take_value("--seed", seed_text) || in.take_value("--threads", threads_text) ||
        in.take_value("--admin-token", admin_token) || in.take_value("--tls-port", tls_port_text) ||
        in.take_value("--tls-cert", tls_cert) || in.take_value("--tls-key", tls_key))
      continue;
    throw sim::app::usage_error{"unknown option " + in.peek() + "\n" + usage_text};
  }
  unsigned long port = 0, seed = 0, threads = 0, tls_port = 0;
  try {
    port = std::stoul(port_text);
    seed = std::stoul(seed_text);
    threads = std::stoul(threads_text);
    if (!tls_port_text.empty()) tls_port = std::stoul(tls_port_text);
  } catch (...) {
    throw sim::app::usage_error{"--port, --tls-port, --seed and --threads take numbers"};
  }
  if (port > 65535 || tls_port > 65535) {
    throw sim::app::usage_error{"--port and --tls-port must be 0–65535"};
  }
  if (tls_cert.empty() != tls_key.empty()) {
    throw sim::app::usage_error{"--tls-cert and --tls-key go together\n" + std::string(usage_text)};
  }
  if (!tls_cert.empty() && tls_port_text.empty()) {
    throw sim::app::usage_error{"--tls-cert and --tls-key need --tls-port N\n" +
                                std::string(usage_text)};
  }
  // HTTPS: the given PEM files, or the embedded test certificate for localhost (the test PKI of
  // fixtures/pki/default, issued by its issuing CA; clients trust root-ca.cert.pem).
  std::optional<sim::transport::tls_options> tls;
  std::string tls_source;
  if (!tls_port_text.empty()) {
    tls.emplace();
    tls->port = static_cast<std::uint16_t>(tls_port);
    if (tls_cert.empty()) {
      tls->cert_chain_pem =
          std::string(sim::signature::default_pki_file("server-localhost.chain.pem").value_or(""));
      tls->key_pem =
          std::string(sim::signature::default_pki_file("server-localhost.key.pem").value_or(""));
      tls_source =
          "HTTPS with the embedded test certificate server-localhost (localhost, 127.0.0.1, ::1; "
          "issued by the test PKI of fixtures/pki/default: trust its root-ca.cert.pem; "
          "--tls-cert/--tls-key use your own)";
    } else {
      if (!read_file(tls_cert, tls->cert_chain_pem)) {
        std::cerr << "cannot read --tls-cert " << tls_cert << "\n";
        return 2;
      }
      if (!read_file(tls_key, tls->key_pem)) {
        std::cerr << "cannot read --tls-key " << tls_key << "\n";
        return 2;
      }
      tls_source = "HTTPS with certificate " + tls_cert + " and key " + tls_key;
    }
  }

  const auto world = sim::app::load_world_option(world_file);

  bool temporary = data_dir.empty();
  if (temporary) {
    data_dir =
        (std::filesystem::temp_directory_path() / ("sskdt-sim-" + std::to_string(::getpid())))
            .string();
  }
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    std::cerr << "cannot create data directory " << data_dir << ": " << ec.message() << "\n";
    return 2;
  }
  auto opened = sim::engine::journal::open(data_dir + "/journal.sqlite");
  if (auto* err = std::get_if<std::string>(&opened)) {
    std::cerr << *err << "\n";
    return 2;
  }
  auto journal = std::move(std::get<std::unique_ptr<sim::engine::journal>>(opened));
  sim::engine::sandbox_registry sandboxes(world, sim::engine::system_time_source(), seed);
  sim::services::portal::portal_settings settings;
  settings.seed = seed;
  sim::services::portal::portal_service portal(*journal, settings);
  // The C06 service checks the clients' Timestamp against real wall time (docs/c06.md).
  sim::services::c06::c06_service c06(*journal, {}, sim::engine::system_time_source());
  sim::services::ksk_hub::ksk_hub_service ksk_hub(*journal, {.seed = seed},
                                                  sim::engine::system_time_source());
  sim::services::luu_tru::luu_tru_service luu_tru(*journal, sim::engine::system_time_source());
  sim::admin::gateway gateway({sandboxes, *journal, portal, &c06, &ksk_hub, &luu_tru},
                              {admin_token});

  // Signals are taken by a dedicated thread (sigwait), so the server threads never see them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  sim::transport::server_options options;
  options.bind = bind;
  options.port = static_cast<std::uint16_t>(port);
  options.threads = static_cast<unsigned>(threads);
  options.tls = tls;
  sim::transport::http_server server(
      options, [&](sim::core::http_request&& r) { return gateway.handle(r); });
  std::uint16_t bound = 0;
  auto fail = [&](const std::string& message) {
    std::cerr << message << "\n";
    journal.reset();
    if (temporary) std::filesystem::remove_all(data_dir, ec);
    return 2;
  };
  try {
    bound = server.start();
  } catch (const sim::transport::tls_error& e) {
    return fail((tls_cert.empty() ? std::string("embedded server-localhost certificate")
                                  : "--tls-cert " + tls_cert + " / --tls-key " + tls_key) +
                ": " + e.what());
  } catch (const std::exception& e) {
    return fail("cannot listen on " + bind + " (port " + std::to_string(port) +
                (tls ? ", TLS port " + std::to_string(tls_port) : std::string()) +
                "): " + e.what());
  }
  std::cout << "journal in " << data_dir
            << (temporary ? " (temporary: removed on exit; --data DIR keeps it)" : "") << "\n";
  if (tls) std::cout << tls_source << "\n";
  std::cout << "listening on http://" << url_authority(bind, bound) << std::endl;
  if (tls)
    std::cout << "listening on https://" << url_authority(bind, server.tls_port()) << std::endl;

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });
  server.run();
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  journal.reset();
  if (temporary) std::filesystem::remove_all(data_dir, ec);
  std::cout << "stopped" << std::endl;
  return 0;
}

const sim::app::registration reg{"serve", "Serve the simulated BHYT portal over HTTP", &run_serve};

}  // namespace
