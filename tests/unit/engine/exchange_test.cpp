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

}  // namespace
}  // namespace sim::engine
