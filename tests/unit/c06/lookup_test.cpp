// The register's answers (docs/c06.md "Matching"): three factors, birth year only, cancelled
// and old CMND numbers, guardians, grants, and validation of each operation's fields.
#include "simulator/services/c06/lookup.hpp"

#include <gtest/gtest.h>

namespace sim::services::c06 {
namespace {

const std::shared_ptr<const world::world> w = world::embedded_default_world();
const citizen_finder find = [](std::string_view n) { return w->find_citizen(n); };
const core::civil_time today{2026, 12, 3, 10, 0};

lookup_request nhan_than(std::string id, std::string name, std::string dob) {
  lookup_request q;
  q.op = operation::xac_minh_thong_tin_nhan_than;
  q.ma_dvc = "KCB-BHYT";
  q.ma_can_bo = "038185800201";
  q.so_dinh_danh = std::move(id);
  q.ho_va_ten = std::move(name);
  (dob.size() == 4 ? q.nam : q.ngay_thang_nam) = std::move(dob);
  return q;
}

std::size_t matches(const lookup_request& q, bool no_diacritics = true) {
  EXPECT_FALSE(validate(q)) << validate(q)->message;
  return answer(q, find, {no_diacritics, today}).collection.size();
}

TEST(c06_lookup, three_factor_match) {
  // hop-le-38001-a: Hoàng Thị Ngọc Ánh, 1988-09-19, old CMND 173900116.
  EXPECT_EQ(matches(nhan_than("038188900116", "Hoàng Thị Ngọc Ánh", "19880919")), 1u);
  EXPECT_EQ(matches(nhan_than("038188900116", "HOÀNG THỊ NGỌC ÁNH", "19880919")), 1u);
  EXPECT_EQ(matches(nhan_than("038188900116", "HOANG THI NGOC ANH", "19880919")), 1u);
  EXPECT_EQ(matches(nhan_than("038188900116", "HOANG THI NGOC ANH", "19880919"), false), 0u);
  EXPECT_EQ(matches(nhan_than("038188900116", "Hoàng Thị Ngọc Ánh", "1988")), 1u);
  EXPECT_EQ(matches(nhan_than("038188900116", "Hoàng Thị Ngọc Ánh", "1989")), 0u);
  EXPECT_EQ(matches(nhan_than("038188900116", "Hoàng Thị Ngọc Ánh", "19880918")), 0u);
  EXPECT_EQ(matches(nhan_than("038188900116", "Hoàng Thị Ngọc Anh", "19880919")), 0u);
  EXPECT_EQ(matches(nhan_than("038188900199", "Hoàng Thị Ngọc Ánh", "19880919")), 0u);
}

TEST(c06_lookup, old_and_cancelled_numbers_resolve) {
  auto q = nhan_than("", "Hoàng Thị Ngọc Ánh", "19880919");
  q.so_cmnd = "173900116";
  EXPECT_EQ(matches(q), 1u);
  // hop-le-38105-a's cancelled number.
  const auto a =
      answer(nhan_than("038178900918", "Mai Thị Thanh Tâm", "19790108"), find, {true, today});
  ASSERT_EQ(a.collection.size(), 1u);
  EXPECT_EQ(a.collection[0].so_dinh_danh, "038179900118");  // the current number is answered
}

TEST(c06_lookup, not_yet_born_is_not_in_the_register) {
  // tre-em-giam-ho was born 2023-09-05.
  auto q = nhan_than("038223900109", "Nguyễn Bảo An", "20230905");
  EXPECT_EQ(answer(q, find, {true, today}).collection.size(), 1u);
  EXPECT_EQ(answer(q, find, {true, {2023, 9, 4, 23, 59}}).collection.size(), 0u);
}

TEST(c06_lookup, cong_dan_fields) {
  const auto a =
      answer(nhan_than("038223900109", "Nguyễn Bảo An", "20230905"), find, {true, today});
  ASSERT_EQ(a.collection.size(), 1u);
  const cong_dan& d = a.collection[0];
  EXPECT_EQ(d.ho, "Nguyễn");
  EXPECT_EQ(d.chu_dem, "Bảo");
  EXPECT_EQ(d.ten, "An");
  EXPECT_EQ(d.gioi_tinh, "1");
  EXPECT_EQ(d.nam, "2023");
  EXPECT_EQ(d.ngay_thang_nam, "20230905");
  EXPECT_EQ(d.nhom_mau, "00");
  EXPECT_EQ(d.noi_dang_ky_khai_sinh.ma_tinh_thanh, "38");
  EXPECT_EQ(d.thuong_tru.ma_phuong_xa, "14809");
  EXPECT_EQ(d.nguoi_dai_dien.so_dinh_danh, "038091900108");
  EXPECT_EQ(d.nguoi_dai_dien.ho_va_ten, "Nguyễn Văn Phúc");
}

TEST(c06_lookup, guardian) {
  auto q = nhan_than("038223900109", "NGUYEN BAO AN", "20230905");
  q.op = operation::xac_minh_thong_tin_nguoi_giam_ho;
  q.giam_ho_so_dinh_danh = "038091900108";
  q.giam_ho_ho_va_ten = "Nguyễn Văn Phúc";
  EXPECT_EQ(matches(q), 1u);
  q.giam_ho_ho_va_ten = "Nguyễn Văn Phú";
  EXPECT_EQ(matches(q), 0u);
  q.giam_ho_ho_va_ten.clear();
  q.giam_ho_so_dinh_danh = "038188900116";  // a citizen, but not this child's guardian
  EXPECT_EQ(matches(q), 0u);
  q.giam_ho_so_dinh_danh.clear();
  ASSERT_TRUE(validate(q));
  EXPECT_EQ(validate(q)->field, "NguoiGiamHo/SoDinhDanh");
}

TEST(c06_lookup, xac_thuc_yes_no) {
  lookup_request q;
  q.op = operation::xac_thuc_thong_tin_cong_dan;
  q.ma_dvc = "033";
  q.ma_can_bo = "VDXP_VPCP";
  q.so_dinh_danh = "038188900116";
  EXPECT_FALSE(validate(q));
  EXPECT_TRUE(answer(q, find, {true, today}).ton_tai);
  q.ho_va_ten = "Hoàng Thị Ngọc Ánh";
  EXPECT_TRUE(answer(q, find, {true, today}).ton_tai);
  q.ho_va_ten = "Lê Văn Tám";
  EXPECT_FALSE(answer(q, find, {true, today}).ton_tai);
  q.ho_va_ten.clear();
  q.so_dinh_danh = "038188900117";
  EXPECT_FALSE(answer(q, find, {true, today}).ton_tai);
}

TEST(c06_lookup, validation_names_the_field) {
  auto field = [](lookup_request q) { return validate(q) ? validate(q)->field : "-"; };
  auto q = nhan_than("038188900116", "Hoàng Thị Ngọc Ánh", "19880919");
  EXPECT_EQ(field(q), "-");
  auto bad = q;
  bad.ma_dvc.clear();
  EXPECT_EQ(field(bad), "MaDVC");
  bad = q;
  bad.ma_can_bo.clear();
  EXPECT_EQ(field(bad), "MaCanBo");
  bad = q;
  bad.so_dinh_danh = "03818890011";
  EXPECT_EQ(field(bad), "SoDinhDanh");
  bad = q;
  bad.so_dinh_danh.clear();
  EXPECT_EQ(field(bad), "SoDinhDanh");
  bad.so_cmnd = "1739001";
  EXPECT_EQ(field(bad), "SoCMND");
  bad = q;
  bad.ho_va_ten = "   ";
  EXPECT_EQ(field(bad), "HoVaTen");
  bad = q;
  bad.ngay_thang_nam = "19880230";
  EXPECT_EQ(field(bad), "NgayThangNamSinh");
  bad.ngay_thang_nam.clear();
  EXPECT_EQ(field(bad), "NgayThangNamSinh");
  bad.nam = "88";
  EXPECT_EQ(field(bad), "NgayThangNamSinh");
}

TEST(c06_lookup, grants) {
  const world::c06_account* a = w->c06.find_account("his_38001");
  ASSERT_NE(a, nullptr);
  auto q = nhan_than("038188900116", "x", "1988");
  EXPECT_EQ(check_grant(q, *a), "");
  q.ma_dvc = "TRA-CUU-HANG-LOAT";
  EXPECT_EQ(check_grant(q, *a), "004");
  q.ma_dvc = "KCB-BHYT";
  q.ma_can_bo = "038082800202";  // Lê Quang Minh: not granted C06 (the 005 rehearsal)
  EXPECT_EQ(check_grant(q, *a), "005");
  world::c06_account any = *a;
  any.officers = {"*"};
  EXPECT_EQ(check_grant(q, any), "");
}

TEST(c06_lookup, operation_names) {
  EXPECT_EQ(parse_operation("XacMinhThongTinNhanThan"), operation::xac_minh_thong_tin_nhan_than);
  EXPECT_EQ(parse_operation("XacThucThongTinCongDanRequest"),
            operation::xac_thuc_thong_tin_cong_dan);
  EXPECT_FALSE(parse_operation("CungCapThongTinNhomMau"));
  EXPECT_FALSE(parse_operation("Request"));
}

}  // namespace
}  // namespace sim::services::c06
