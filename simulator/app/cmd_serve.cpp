// `sskdt-sim serve`: the simulated portal, the admin API and the pages over HTTP (issue 9).
#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <iostream>
#include <thread>
#include <variant>

#include "simulator/admin/gateway.hpp"
#include "simulator/app/command.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/virtual_clock.hpp"
#include "simulator/services/portal/portal_service.hpp"
#include "simulator/transport/http_server.hpp"
#include "simulator/world/world.hpp"

namespace {

int run_serve(std::span<const std::string> args) {
  sim::app::args_reader in(args);
  std::string world_file, bind = "127.0.0.1", port_text = "8080", data_dir, seed_text = "1";
  std::string threads_text = "0", admin_token;
  while (!in.done()) {
    if (in.take_value("--world", world_file) || in.take_value("--bind", bind) ||
        in.take_value("--port", port_text) || in.take_value("--data", data_dir) ||
        in.take_value("--seed", seed_text) || in.take_value("--threads", threads_text) ||
        in.take_value("--admin-token", admin_token))
      continue;
    throw sim::app::usage_error{"unknown option " + in.peek() +
                                "\nusage: sskdt-sim serve [--world FILE] [--bind ADDR] "
                                "[--port N] [--data DIR] [--seed N] [--threads N] [--admin-token T]"};
  }
  unsigned long port = 0, seed = 0, threads = 0;
  try {
    port = std::stoul(port_text);
    seed = std::stoul(seed_text);
    threads = std::stoul(threads_text);
  } catch (...) {
    throw sim::app::usage_error{"--port, --seed and --threads take numbers"};
  }
  if (port > 65535) throw sim::app::usage_error{"--port must be 0–65535"};

  std::shared_ptr<const sim::world::world> world;
  try {
    world = world_file.empty() ? sim::world::embedded_default_world()
                               : sim::world::load_world_file(world_file);
  } catch (const sim::world::world_error& e) {
    std::cerr << e.file() << ": " << e.path() << ": " << e.reason() << "\n";
    return 2;
  }

  bool temporary = data_dir.empty();
  if (temporary) {
    data_dir = (std::filesystem::temp_directory_path() /
                ("sskdt-sim-" + std::to_string(::getpid())))
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
  sim::admin::gateway gateway({sandboxes, *journal, portal}, {admin_token});

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
  sim::transport::http_server server(
      options, [&](sim::core::http_request&& r) { return gateway.handle(r); });
  std::uint16_t bound = 0;
  try {
    bound = server.start();
  } catch (const std::exception& e) {
    std::cerr << "cannot listen on " << bind << ":" << port << ": " << e.what() << "\n";
    return 2;
  }
  std::cout << "journal in " << data_dir
            << (temporary ? " (temporary: removed on exit; --data DIR keeps it)" : "") << "\n";
  std::cout << "listening on http://" << bind << ":" << bound << std::endl;

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

const sim::app::registration reg{"serve", "Serve the simulated BHYT portal over HTTP",
                                 &run_serve};

}  // namespace
