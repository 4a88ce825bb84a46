#include <gtest/gtest.h>

#include "simulator/world/world.hpp"
#include "simulator/world/world_io.hpp"
#include "tests/unit/world/test_support.hpp"

namespace sim::world {
namespace {

using testing::temp_dir;

// A valid base world in YAML; tests append to it.
const std::string base_yaml = R"(name: "Thử nghiệm"
province: "38"
facilities:
  - ma_cskcb: "38001"
    name: "Bệnh viện Đa khoa tỉnh Thượng Ninh"
    level: tinh
    accounts: [{username: "38001_BV", password: "p"}]
)";

// One valid explicit citizen (female, 1985) as a YAML list item with the given extra lines.
std::string citizen_yaml(const std::string& id = "038185900301", const std::string& extra = "") {
  return "  - so_dinh_danh: \"" + id +
         "\"\n"
         "    ho_ten: \"Trần Thị Hải Yến\"\n"
         "    date_of_birth: \"1985-04-30\"\n"
         "    sex: female\n" +
         extra;
}

struct failure {
  std::string file, path, reason;
};

failure load_failure(const std::string& text, const std::string& format = "yaml") {
  try {
    load_world_text(text, format, "test." + format);
  } catch (const world_error& e) {
    return {e.file(), e.path(), e.reason()};
  }
  ADD_FAILURE() << "no world_error for:\n" << text;
  return {};
}

TEST(world_loader, accepts_the_base_world) {
  auto w = load_world_text(base_yaml + "citizens:\n" + citizen_yaml(), "yaml", "test.yaml");
  ASSERT_EQ(w->citizen_count(), 1u);
  EXPECT_EQ(w->citizen_at(0).ho_ten, "Trần Thị Hải Yến");
  EXPECT_EQ(w->facilities.at(0).province, "38");  // defaulted from the MA_CSKCB prefix
}

TEST(world_loader, unknown_top_level_key_is_an_error) {
  auto f = load_failure(base_yaml + "colour: blue\n");
  EXPECT_EQ(f.file, "test.yaml");
  EXPECT_EQ(f.path, "$.colour");
  EXPECT_EQ(f.reason, "unknown key");
}

TEST(world_loader, unknown_nested_key_names_its_path) {
  auto f = load_failure(base_yaml + "citizens:\n" +
                        citizen_yaml("038185900301",
                                     "    card: {number: \"GD4383890000301\", "
                                     "ma_dkbd: \"38001\", valid_from: "
                                     "\"2026-01-01\", valid_to: \"2026-12-31\", "
                                     "colour: red}\n"));
  EXPECT_EQ(f.path, "$.citizens[0].card.colour");
}

TEST(world_loader, invalid_date_names_the_field) {
  std::string second = citizen_yaml("038185900302");
  second.replace(second.find("1985-04-30"), 10, "1985-02-30");
  auto f = load_failure(base_yaml + "citizens:\n" + citizen_yaml() + second);
  EXPECT_EQ(f.path, "$.citizens[1].date_of_birth");
  EXPECT_NE(f.reason.find("not a valid date"), std::string::npos) << f.reason;
}

TEST(world_loader, id_number_must_match_sex) {
  // Digit 4 = 0 means male born in the 1900s; the entry says female.
  auto f = load_failure(base_yaml + "citizens:\n" + citizen_yaml("038085900301"));
  EXPECT_EQ(f.path, "$.citizens[0].so_dinh_danh");
  EXPECT_NE(f.reason.find("means male"), std::string::npos) << f.reason;
}

TEST(world_loader, id_number_must_match_birth_year) {
  auto f = load_failure(base_yaml + "citizens:\n" + citizen_yaml("038186900301"));
  EXPECT_EQ(f.path, "$.citizens[0].so_dinh_danh");
  EXPECT_NE(f.reason.find("birth year"), std::string::npos) << f.reason;
  auto g = load_failure(base_yaml + "citizens:\n" + citizen_yaml("038385900301"));
  EXPECT_NE(g.reason.find("2000s"), std::string::npos) << g.reason;
  auto h = load_failure(base_yaml + "citizens:\n" + citizen_yaml("03818590030"));
  EXPECT_EQ(h.reason, "\"03818590030\" must be 12 digits");
  auto k = load_failure(base_yaml + "citizens:\n" + citizen_yaml("003185900301"));
  EXPECT_NE(k.reason.find("not a province code"), std::string::npos) << k.reason;
}

TEST(world_loader, card_number_must_be_well_formed) {
  const std::string card =
      "    card: {number: \"GD6383890000301\", ma_dkbd: \"38001\", "
      "valid_from: \"2026-01-01\", valid_to: \"2026-12-31\"}\n";
  auto f = load_failure(base_yaml + "citizens:\n" + citizen_yaml("038185900301", card));
  EXPECT_EQ(f.path, "$.citizens[0].card.number");
  EXPECT_NE(f.reason.find("benefit digit 1–5"), std::string::npos) << f.reason;
}

TEST(world_loader, card_must_end_with_ma_bhxh) {
  const std::string card =
      "    ma_bhxh: \"3890000999\"\n"
      "    card: {number: \"GD4383890000301\", ma_dkbd: \"38001\", "
      "valid_from: \"2026-01-01\", valid_to: \"2026-12-31\"}\n";
  auto f = load_failure(base_yaml + "citizens:\n" + citizen_yaml("038185900301", card));
  EXPECT_EQ(f.path, "$.citizens[0].card.number");
}

TEST(world_loader, card_validity_and_status) {
  const std::string reversed =
      "    card: {number: \"GD4383890000301\", ma_dkbd: \"38001\", "
      "valid_from: \"2026-12-31\", valid_to: \"2026-01-01\"}\n";
  EXPECT_EQ(load_failure(base_yaml + "citizens:\n" + citizen_yaml("038185900301", reversed)).path,
            "$.citizens[0].card.valid_to");
  const std::string status =
      "    card: {number: \"GD4383890000301\", ma_dkbd: \"38001\", "
      "valid_from: \"2026-01-01\", valid_to: \"2026-12-31\", "
      "status: lost}\n";
  auto f = load_failure(base_yaml + "citizens:\n" + citizen_yaml("038185900301", status));
  EXPECT_EQ(f.path, "$.citizens[0].card.status");
}

TEST(world_loader, ma_cskcb_must_have_five_chars) {
  std::string text = base_yaml;
  text.replace(text.find("\"38001\""), 7, "\"3801\"");
  auto f = load_failure(text);
  EXPECT_EQ(f.path, "$.facilities[0].ma_cskcb");
  EXPECT_NE(f.reason.find("5 characters"), std::string::npos);
}

TEST(world_loader, facility_level_and_duplicates) {
  std::string text = base_yaml;
  text.replace(text.find("level: tinh"), 11, "level: big");
  EXPECT_EQ(load_failure(text).path, "$.facilities[0].level");
  const std::string dup = base_yaml + R"(  - ma_cskcb: "38001"
    name: "Bệnh viện khác"
    level: huyen
)";
  auto f = load_failure(dup);
  EXPECT_EQ(f.path, "$.facilities[1].ma_cskcb");
  EXPECT_NE(f.reason.find("duplicate"), std::string::npos);
}

TEST(world_loader, officers_are_validated) {
  auto w = load_world_text(base_yaml +
                               "    officers: [{so_cccd: \"038185800201\", ho_ten: "
                               "\"Nguyễn Thị Thanh Hà\"}]\n",
                           "yaml", "t.yaml");
  ASSERT_EQ(w->facilities[0].officers.size(), 1u);
  EXPECT_EQ(w->facilities[0].officers[0].ho_ten, "Nguyễn Thị Thanh Hà");
  auto f = load_failure(base_yaml + "    officers: [{so_cccd: \"12345\", ho_ten: \"A\"}]\n");
  EXPECT_EQ(f.path, "$.facilities[0].officers[0].so_cccd");
  auto g = load_failure(base_yaml + "    officers: [{so_cccd: \"038185800201\", name: \"A\"}]\n");
  EXPECT_EQ(g.path, "$.facilities[0].officers[0].name");
}

TEST(world_loader, duplicate_ids_are_errors) {
  auto f = load_failure(base_yaml + "citizens:\n" + citizen_yaml() + citizen_yaml());
  EXPECT_EQ(f.path, "$.citizens[1].so_dinh_danh");
  EXPECT_NE(f.reason.find("duplicate"), std::string::npos);
  EXPECT_NE(f.reason.find("$.citizens[0]"), std::string::npos) << f.reason;
}

TEST(world_loader, guardian_must_exist) {
  auto f = load_failure(base_yaml + "citizens:\n" +
                        citizen_yaml("038185900301", "    guardian_id: \"038080900999\"\n"));
  EXPECT_EQ(f.path, "$.citizens[0].guardian_id");
  EXPECT_NE(f.reason.find("not a citizen"), std::string::npos);
}

TEST(world_loader, ma_dkbd_must_be_a_world_facility_in_the_province) {
  auto with_dkbd = [](const std::string& dkbd) {
    return base_yaml + "citizens:\n" +
           citizen_yaml("038185900301", "    card: {number: \"GD4383890000301\", ma_dkbd: \"" +
                                            dkbd +
                                            "\", valid_from: \"2026-01-01\", valid_to: "
                                            "\"2026-12-31\"}\n");
  };
  auto f = load_failure(with_dkbd("38999"));
  EXPECT_EQ(f.path, "$.citizens[0].card.ma_dkbd");
  EXPECT_NE(f.reason.find("not a facility of this world"), std::string::npos);
  // Temporary cards ("<province>000") and other provinces' facilities are allowed.
  EXPECT_EQ(load_world_text(with_dkbd("38000"), "yaml", "t.yaml")->citizen_count(), 1u);
  EXPECT_EQ(load_world_text(with_dkbd("01013"), "yaml", "t.yaml")->citizen_count(), 1u);
}

TEST(world_loader, duplicate_card_numbers_name_the_second_entry) {
  const std::string card =
      "    card: {number: \"GD4383890000301\", ma_dkbd: \"38001\", "
      "valid_from: \"2026-01-01\", valid_to: \"2026-12-31\"}\n";
  auto f = load_failure(base_yaml + "citizens:\n" + citizen_yaml("038185900301", card) +
                        citizen_yaml("038185900302", card));
  EXPECT_EQ(f.path, "$.citizens[1]");
  EXPECT_NE(f.reason.find("card number GD4383890000301"), std::string::npos) << f.reason;
}

TEST(world_loader, duplicate_ma_bhxh_is_an_error) {
  auto f = load_failure(base_yaml + "citizens:\n" +
                        citizen_yaml("038185900301", "    ma_bhxh: \"3890000301\"\n") +
                        citizen_yaml("038185900302", "    ma_bhxh: \"3890000301\"\n"));
  EXPECT_EQ(f.path, "$.citizens[1]");
  EXPECT_NE(f.reason.find("ma_bhxh 3890000301"), std::string::npos) << f.reason;
}

TEST(world_loader, vneid_rules) {
  auto f = load_failure(base_yaml + "citizens:\n" +
                        citizen_yaml("038185900301",
                                     "    vneid: {level: 1, app_version: "
                                     "\"2.2.8\", bhyt_integrated: true}\n"));
  EXPECT_EQ(f.path, "$.citizens[0].vneid.bhyt_integrated");
  auto g = load_failure(base_yaml + "citizens:\n" +
                        citizen_yaml("038185900301", "    vneid: {level: 3}\n"));
  EXPECT_EQ(g.path, "$.citizens[0].vneid.level");
  auto h = load_failure(base_yaml + "citizens:\n" +
                        citizen_yaml("038185900301", "    vneid: {level: 2, app_version: x}\n"));
  EXPECT_EQ(h.path, "$.citizens[0].vneid.app_version");
}

TEST(world_loader, names_must_be_nfc) {
  // "Yê" + U+0301 (combining acute) + "n": decomposed, not NFC.
  std::string text = base_yaml + "citizens:\n" + citizen_yaml();
  text.replace(text.find("Yến"), std::string("Yến").size(), "Y\xc3\xaa\xcc\x81n");
  auto f = load_failure(text);
  EXPECT_EQ(f.path, "$.citizens[0].ho_ten");
  EXPECT_NE(f.reason.find("NFC"), std::string::npos);
}

TEST(world_loader, required_fields_of_a_new_citizen) {
  auto f = load_failure(base_yaml +
                        "citizens:\n  - so_dinh_danh: \"038185900301\"\n"
                        "    ho_ten: \"Trần Thị Hải Yến\"\n    sex: female\n");
  EXPECT_EQ(f.path, "$.citizens[0].date_of_birth");
  EXPECT_NE(f.reason.find("missing"), std::string::npos);
}

TEST(world_loader, syntax_errors_name_line_and_column) {
  auto f = load_failure("{\"name\": \"x\",\n  \"province\": 38,,}", "json");
  EXPECT_EQ(f.path, "line 2, column 18");  // the second comma
  EXPECT_EQ(f.reason, "invalid JSON");
  auto g = load_failure("name: [unclosed\nprovince: \"38\"\n");
  EXPECT_EQ(g.path.rfind("line ", 0), 0u) << g.path;
  EXPECT_NE(g.reason.find("invalid YAML"), std::string::npos);
}

TEST(world_loader, json_types_are_checked) {
  auto f = load_failure(R"({"name": "x", "province": 38})", "json");
  EXPECT_EQ(f.path, "$.province");
  EXPECT_EQ(f.reason, "expected a string");
  auto g = load_failure(base_yaml + "population: {seed: 1, count: many}\n");
  EXPECT_EQ(g.path, "$.population.count");
}

TEST(world_loader, population_is_capped) {
  auto f = load_failure(base_yaml + "population: {seed: 1, count: 1000001}\n");
  EXPECT_EQ(f.path, "$.population.count");
}

TEST(world_loader, pem_entries_inline_or_from_a_file) {
  temp_dir dir;
  dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  const std::string ok =
      base_yaml +
      "trusted_cas:\n  - {file: ca.pem}\n"
      "  - \"-----BEGIN CERTIFICATE-----\\nMIIC\\n-----END CERTIFICATE-----\\n\"\n"
      "crls: []\n";
  auto w = load_world_file(dir.write("w.yaml", ok));
  ASSERT_EQ(w->trusted_cas.size(), 2u);
  EXPECT_NE(w->trusted_cas[0].find("MIIB"), std::string::npos);
  EXPECT_NE(w->trusted_cas[1].find("MIIC"), std::string::npos);

  const std::string path = dir.write("bad.yaml", base_yaml + "trusted_cas: [{file: none.pem}]\n");
  try {
    load_world_file(path);
    FAIL() << "missing PEM file accepted";
  } catch (const world_error& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.path(), "$.trusted_cas[0].file");
    EXPECT_NE(e.reason().find("cannot read"), std::string::npos);
  }
  auto g = load_failure(base_yaml + "crls: [\"not pem\"]\n");
  EXPECT_EQ(g.path, "$.crls[0]");
}

std::string serialise(const world& w) {
  std::string out = w.name + "|" + w.province + "\n";
  for (const auto& f : w.facilities) {
    out += f.ma_cskcb + "|" + f.name + "|" + f.province + "|" + f.level + "|";
    for (const auto& a : f.accounts) out += a.username + ":" + a.password + ",";
    for (const auto& d : f.departments) out += d + ",";
    for (const auto& o : f.officers) out += o.so_cccd + ":" + o.ho_ten + ",";
    out += "\n";
  }
  for (const auto& c : w.citizens()) {
    append_citizen_json(out, c);
    out += "\n";
  }
  return out;
}

TEST(world_loader, json_and_yaml_fixtures_load_identically) {
  auto y = load_world_file(testing::fixture("thuong-ninh.yaml"));
  auto j = load_world_file(testing::fixture("thuong-ninh.json"));
  EXPECT_GT(y->citizen_count(), 20u);
  EXPECT_EQ(serialise(*y), serialise(*j));
  // The YAML fixture must not be trivially equal to something else: changing one field in
  // the JSON text changes the result.
  std::string text = serialise(*j);
  EXPECT_NE(text.find("Trần Thị Hải Yến"), std::string::npos);
}

TEST(world_loader, explicit_entries_override_generated_citizens) {
  const auto facilities = load_world_text(base_yaml, "yaml", "t.yaml")->facilities;
  const citizen g3 = generate_citizen(7, 3, "38", facilities);
  const std::string text = base_yaml +
                           "population: {seed: 7, count: 20}\ncitizens:\n"
                           "  - so_dinh_danh: \"" +
                           g3.so_dinh_danh +
                           "\"\n"
                           "    vneid: {level: 0, app_version: \"\", bhyt_integrated: false}\n"
                           "    case_label: ghi-de\n";
  auto w = load_world_text(text, "yaml", "t.yaml");
  EXPECT_EQ(w->citizen_count(), 20u);  // replaced, not added
  const citizen* c = w->find_by_case("ghi-de");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->so_dinh_danh, g3.so_dinh_danh);
  EXPECT_EQ(c->ho_ten, g3.ho_ten);  // untouched fields keep their generated values
  EXPECT_EQ(c->date_of_birth, g3.date_of_birth);
  EXPECT_EQ(c->card.has_value(), g3.card.has_value());
  EXPECT_EQ(c->vneid.level, 0);
  // card: null removes a card.
  const std::string no_card = base_yaml +
                              "population: {seed: 7, count: 20}\ncitizens:\n"
                              "  - {so_dinh_danh: \"" +
                              g3.so_dinh_danh +
                              "\", card: null, "
                              "vneid: {level: 0, app_version: \"\", bhyt_integrated: false}}\n";
  EXPECT_FALSE(load_world_text(no_card, "yaml", "t.yaml")->citizen_at(3).card.has_value());
}

TEST(world_loader, overrides_are_validated_as_a_whole) {
  const auto facilities = load_world_text(base_yaml, "yaml", "t.yaml")->facilities;
  citizen g = generate_citizen(7, 3, "38", facilities);
  const std::string flipped = g.gender == sex::male ? "female" : "male";
  const std::string text = base_yaml +
                           "population: {seed: 7, count: 20}\ncitizens:\n"
                           "  - {so_dinh_danh: \"" +
                           g.so_dinh_danh + "\", sex: " + flipped + "}\n";
  auto f = load_failure(text);
  EXPECT_EQ(f.path, "$.citizens[0].so_dinh_danh");
}

TEST(world_loader, citizens_file_is_streamed_and_overridable) {
  temp_dir dir;
  const auto facilities = load_world_text(base_yaml, "yaml", "t.yaml")->facilities;
  std::string lines;
  for (std::size_t i = 0; i < 500; ++i) {
    append_citizen_json(lines, generate_citizen(99, i, "38", facilities));
    lines += "\n";
  }
  lines += "\n";  // blank lines are skipped
  dir.write("c.jsonl", lines);
  const citizen g0 = generate_citizen(99, 0, "38", facilities);
  const std::string path =
      dir.write("w.yaml", base_yaml + "citizens_file: c.jsonl\ncitizens:\n  - so_dinh_danh: \"" +
                              g0.so_dinh_danh + "\"\n    ho_ten: \"Tên Mới\"\n");
  auto w = load_world_file(path);
  ASSERT_EQ(w->citizen_count(), 500u);
  EXPECT_EQ(w->citizen_at(0).ho_ten, "Tên Mới");
  for (std::size_t i = 1; i < 500; ++i) {
    std::string a, b;
    append_citizen_json(a, w->citizen_at(i));
    append_citizen_json(b, generate_citizen(99, i, "38", facilities));
    ASSERT_EQ(a, b) << i;
  }
}

TEST(world_loader, citizens_file_errors_name_the_line) {
  temp_dir dir;
  const auto facilities = load_world_text(base_yaml, "yaml", "t.yaml")->facilities;
  std::string lines;
  append_citizen_json(lines, generate_citizen(5, 0, "38", facilities));
  lines +=
      "\n{\"so_dinh_danh\":\"038185900301\",\"date_of_birth\":\"1985-04-30\","
      "\"sex\":\"female\"}\n";
  const std::string jsonl = dir.write("c.jsonl", lines);
  const std::string path = dir.write("w.yaml", base_yaml + "citizens_file: c.jsonl\n");
  try {
    load_world_file(path);
    FAIL() << "accepted";
  } catch (const world_error& e) {
    EXPECT_EQ(e.file(), jsonl);
    EXPECT_EQ(e.path(), "line 2: $.ho_ten");
    EXPECT_NE(e.reason().find("missing"), std::string::npos);
  }
  dir.write("c.jsonl", "{\"so_dinh_danh\": \n");
  try {
    load_world_file(path);
    FAIL() << "accepted";
  } catch (const world_error& e) {
    EXPECT_EQ(e.path().rfind("line 1", 0), 0u) << e.path();
    EXPECT_EQ(e.reason(), "invalid JSON");
  }
  // A duplicate inside the file names the earlier line.
  std::string dup;
  append_citizen_json(dup, generate_citizen(5, 0, "38", facilities));
  dir.write("c.jsonl", dup + "\n" + dup + "\n");
  try {
    load_world_file(path);
    FAIL() << "accepted";
  } catch (const world_error& e) {
    EXPECT_EQ(e.path(), "line 2: $.so_dinh_danh");
    EXPECT_NE(e.reason().find("line 1"), std::string::npos) << e.reason();
  }
}

TEST(world_loader, yaml_duplicate_keys_are_errors) {
  auto f = load_failure(base_yaml + "province: \"39\"\n");
  EXPECT_EQ(f.path, "$.province");
  EXPECT_EQ(f.reason, "duplicate key");
}

TEST(world_loader, a_jsonl_file_alone_is_a_world_without_facilities) {
  temp_dir dir;
  std::string lines;
  for (std::size_t i = 0; i < 10; ++i) {
    append_citizen_json(lines, generate_citizen(3, i, "38", {}));  // MA_DKBD 38000
    lines += "\n";
  }
  auto w = load_world_file(dir.write("only.jsonl", lines));
  EXPECT_EQ(w->citizen_count(), 10u);
  EXPECT_TRUE(w->facilities.empty());
  EXPECT_EQ(w->name, "only.jsonl");
}

TEST(world_loader, missing_file_and_bad_extension) {
  EXPECT_THROW(load_world_file("/nonexistent/world.yaml"), world_error);
  temp_dir dir;
  EXPECT_THROW(load_world_file(dir.write("w.txt", base_yaml)), world_error);
}

TEST(world_lookup, finds_by_id_old_cmnd_card_and_case) {
  auto w = load_world_file(testing::fixture("thuong-ninh.yaml"));
  const citizen* c = w->find_by_case("vi-du-the-het-han");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->so_dinh_danh, "038185900301");
  EXPECT_EQ(w->find_citizen("038185900301"), c);
  EXPECT_EQ(w->find_by_card("GD4383890000301"), c);
  EXPECT_EQ(w->find_by_ma_bhxh("3890000301"), c);
  EXPECT_EQ(w->find_by_ma_bhxh("3890000309"), nullptr);
  EXPECT_EQ(w->find_citizen("038185900309"), nullptr);
  EXPECT_EQ(w->find_by_card("GD4383890000309"), nullptr);
  EXPECT_EQ(w->find_by_card("garbage"), nullptr);
  EXPECT_EQ(w->find_by_case("none"), nullptr);
  std::size_t with_cmnd = 0;
  for (const auto& x : w->citizens()) {
    if (x.old_cmnd.empty()) continue;
    ++with_cmnd;
    EXPECT_EQ(w->find_citizen(x.old_cmnd), &x);
  }
  EXPECT_GT(with_cmnd, 0u);
  ASSERT_NE(w->find_facility("38209"), nullptr);
  EXPECT_EQ(w->find_facility("38209")->accounts.at(0).username, "38209_BV");
  EXPECT_EQ(w->find_facility("38999"), nullptr);
}

TEST(world_io, citizen_json_round_trips_through_the_loader) {
  temp_dir dir;
  auto w = embedded_default_world();
  std::string lines;
  for (const auto& c : w->citizens()) {
    append_citizen_json(lines, c);
    lines += "\n";
  }
  dir.write("all.jsonl", lines);
  std::string facilities;
  auto back = load_world_file(dir.write(
      "w.json", "{\"name\":\"x\",\"province\":\"38\",\"facilities\":[" +
                    std::string(R"({"ma_cskcb":"38001","name":"A","level":"tinh"},)"
                                R"({"ma_cskcb":"38105","name":"B","level":"huyen"},)"
                                R"({"ma_cskcb":"38209","name":"C","level":"xa"},)"
                                R"({"ma_cskcb":"38301","name":"D","level":"tu-nhan"}],)") +
                    "\"citizens_file\":\"all.jsonl\"}"));
  ASSERT_EQ(back->citizen_count(), w->citizen_count());
  std::string again;
  for (const auto& c : back->citizens()) {
    append_citizen_json(again, c);
    again += "\n";
  }
  EXPECT_EQ(again, lines);
}

TEST(world_io, generate_writes_a_loadable_world_in_both_formats) {
  temp_dir dir;
  auto base = embedded_default_world();
  for (const std::string ext : {".yaml", ".json"}) {
    const std::string out = dir.file("gen" + ext);
    const std::string jsonl = write_generated_world(*base, 11, 1000, out);
    EXPECT_EQ(jsonl, dir.file("gen.citizens.jsonl"));
    auto w = load_world_file(out);
    ASSERT_EQ(w->citizen_count(), 1000u);
    EXPECT_EQ(w->facilities.size(), base->facilities.size());
    EXPECT_EQ(w->facilities[0].accounts[0].password, base->facilities[0].accounts[0].password);
    EXPECT_EQ(w->name, base->name);
    std::string a, b;
    append_citizen_json(a, w->citizen_at(999));
    append_citizen_json(b, generate_citizen(11, 999, "38", base->facilities));
    EXPECT_EQ(a, b);
  }
}

}  // namespace
}  // namespace sim::world
