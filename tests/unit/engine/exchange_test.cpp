#include "simulator/engine/exchange.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sim::engine {
namespace {

using headers = std::vector<std::pair<std::string, std::string>>;

// What the services wrote before headers_json: a nlohmann object built header by header.
std::string reference(const headers& h, const std::string& extra_key = {},
                      const std::string& extra_json = {}) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : h) j[k] = v;
  if (!extra_key.empty()) j[extra_key] = nlohmann::json::parse(extra_json);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(ExchangeJson, SameTextAsTheJsonTreeForOrdinaryHeaders) {
  const headers h = {{"Host", "127.0.0.1:8080"},
                     {"Content-Type", "text/xml; charset=utf-8"},
                     {"SOAPAction", "\"\""},
                     {"Authorization", "Basic aGlzXzM4MDAxOmFiYw=="},
                     {"Timestamp", "1764730000000"},
                     {"content-length", "556"}};
  EXPECT_EQ(headers_json(h), reference(h));
  const std::string extra = R"({"form":"soap","operation":"XacMinhThongTinNhanThan","outcome":"ok:1"})";
  EXPECT_EQ(headers_json(h, "x-sim-c06", extra), reference(h, "x-sim-c06", extra));
  EXPECT_EQ(headers_json({}), "{}");
}

TEST(ExchangeJson, RepeatedNamesKeepTheLastValueAndExtraWins) {
  const headers h = {{"Cookie", "a=1"}, {"Accept", "*/*"}, {"Cookie", "b=2"},
                     {"x-sim-c06", "sent by the client"}};
  EXPECT_EQ(headers_json(h), reference(h));
  EXPECT_EQ(headers_json(h, "x-sim-c06", "{}"), reference(h, "x-sim-c06", "{}"));
  EXPECT_NE(headers_json(h).find("\"Cookie\":\"b=2\""), std::string::npos);
}

TEST(ExchangeJson, EscapesControlQuotesAndNonAsciiAsTheTreeDoes) {
  const headers h = {{"X-Quote", "a\"b\\c"},
                     {"X-Ctl", std::string("t\tn\nr\rb\bf\f\x01\x1f\x7f", 15)},
                     {"X-Ten", "Nguyễn Văn Phúc"},
                     {"X-Bad", "\xC3\x28 \xFF"}};  // invalid UTF-8: replaced by U+FFFD
  EXPECT_EQ(headers_json(h), reference(h));
  std::string s;
  append_json_string(s, "Thư\n");
  EXPECT_EQ(s, "\"Thư\\n\"");
}

TEST(ExchangeJson, JournalEntryRecordsTheExchangeAsTheServicesNeed) {
  core::http_request request;
  request.method = "POST";
  request.target = "/c06/dancu?x=1";
  request.headers = {{"Host", "127.0.0.1"}, {"Timestamp", "1"}};
  request.body = std::string(100, 'b');
  core::http_response response;
  response.status = 200;
  response.body = "<ok/>";
  fault_effect effect;
  const auto received = *parse_iso8601("2026-12-03T03:00:00Z");
  exchange_context at{.sandbox = "lop-a", .endpoint = "c06", .received = received,
                      .real_now = received + std::chrono::hours(1),
                      .started = std::chrono::steady_clock::now()};
  auto e = journal_entry(at, request, response, effect, {.key = "x-sim-c06", .json = "{}"});
  EXPECT_EQ(e.sandbox, "lop-a");
  EXPECT_EQ(e.endpoint, "c06");
  EXPECT_EQ(e.virtual_time, "2026-12-03T03:00:00Z");
  EXPECT_EQ(e.real_time, "2026-12-03T04:00:00Z");
  EXPECT_EQ(e.target, "/c06/dancu?x=1");
  EXPECT_EQ(e.request_headers, R"({"Host":"127.0.0.1","Timestamp":"1","x-sim-c06":{}})");
  EXPECT_EQ(e.request_body, request.body);
  EXPECT_EQ(e.status, 200);
  EXPECT_EQ(e.response_body, "<ok/>");
  EXPECT_EQ(e.faults, "[]");
  EXPECT_GE(e.duration_us, 0);
  // A refused oversized body keeps its first 64 KiB; a reset connection has status 0, no body;
  // the faults that fired are listed.
  request.body = std::string(200 * 1024, 'x');
  at.body_limit = 1024;
  response.reset_connection = true;
  effect.fired = {"f-1", "f-2"};
  e = journal_entry(at, request, response, effect);
  EXPECT_EQ(e.request_body.size(), 64u * 1024);
  EXPECT_EQ(e.status, 0);
  EXPECT_TRUE(e.response_body.empty());
  EXPECT_EQ(e.faults, R"(["f-1","f-2"])");
  EXPECT_EQ(e.request_headers, R"({"Host":"127.0.0.1","Timestamp":"1"})");
}

TEST(ExchangeJson, OutageResponseIsTheProxysErrorPage) {
  fault_effect effect;
  effect.http_status = 503;
  auto r = outage_response(effect);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, "<html><body><h1>503 Service Unavailable</h1></body></html>");
  EXPECT_EQ(outage_response(effect, "Service Temporarily Unavailable").body,
            "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
}

TEST(ExchangeJson, JsonResponseDumpsCompactlyAndReplacesInvalidUtf8) {
  auto r = json_response(400, {{"thongDiep", "Sai \xFF mã"}, {"maKetQua", "400"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(r.body, "{\"maKetQua\":\"400\",\"thongDiep\":\"Sai \xEF\xBF\xBD mã\"}");
}

TEST(ExchangeJson, JournalEntryOfABuiltRequestKeepsItsBodyUnderTheSameLimit) {
  core::http_request request;
  request.method = "POST";
  request.target = "/api/auth/login";
  request.body = R"({"username":"k1","password":"…"})";
  core::http_response response;
  const fault_effect effect;
  exchange_context at{.sandbox = "default", .endpoint = "ksk",
                      .started = std::chrono::steady_clock::now(), .body_limit = 1024};
  auto e = journal_entry(at, core::http_request(request), response, effect);
  EXPECT_EQ(e.request_body, request.body);
  EXPECT_EQ(e.target, "/api/auth/login");
  request.body = std::string(100 * 1024, 'x');
  e = journal_entry(at, std::move(request), response, effect);
  EXPECT_EQ(e.request_body, std::string(64 * 1024, 'x'));
}

}  // namespace
}  // namespace sim::engine
