// bench/journal_bench: the CPU cost of journalling one exchange (record_exchange on the request
// thread + the writer thread's batch insert, LZ4 packing, WAL and checkpoint), for rows shaped
// like a C06 SOAP look-up (≈0.5 KB headers, 0.55 KB request, 2.1 KB response) and like a portal
// token request. Prints CPU microseconds per exchange (process user+system time, all threads),
// so the figure holds even on a busy machine, and the journal's size on disk per exchange.
// Requests arrive at `rate` per second (default 20,000, as under bench/c06_load.py), so the
// writer's batches are the size the server makes; 0 = as fast as possible (bigger batches).
//
//   build/release/bench/journal_bench [exchanges=200000] [dir=/tmp] [rate=20000]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "simulator/engine/exchange.hpp"
#include "simulator/engine/journal.hpp"

namespace {

double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string c06_response() {
  std::string out =
      R"(<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dan="http://dancuquocgia.bca"><soapenv:Header/><soapenv:Body><ns1:CongdanCollection xmlns:ns1="http://www.mic.gov.vn/dancu/1.0" SoCongDan="1" GhiChu="" ThoiDiemDuLieu="2026-12-03T10:24:26Z"><ns1:CongDan><ns1:SoDinhDanh>038198597297</ns1:SoDinhDanh><ns1:SoCMND>179637066</ns1:SoCMND><ns1:HoVaTen><ns1:Ho>Nguyễn</ns1:Ho><ns1:ChuDem>Ngọc</ns1:ChuDem><ns1:Ten>Thư</ns1:Ten></ns1:HoVaTen><ns1:GioiTinh>2</ns1:GioiTinh><ns1:NgayThangNamSinh><ns1:Nam>1998</ns1:Nam><ns1:NgayThangNam>19980915</ns1:NgayThangNam></ns1:NgayThangNamSinh><ns1:DanToc/><ns1:TonGiao/><ns1:TinhTrangHonNhan/><ns1:NhomMau>00</ns1:NhomMau><ns1:QuocTich>VN</ns1:QuocTich>)";
  for (const char* a : {"NoiDangKyKhaiSinh", "QueQuan", "ThuongTru", "NoiOHienTai"}) {
    out += std::string("<ns1:") + a +
           "><ns1:MaTinhThanh>38</ns1:MaTinhThanh><ns1:MaQuanHuyen>385</ns1:MaQuanHuyen>"
           "<ns1:MaPhuongXa>14800</ns1:MaPhuongXa><ns1:ChiTiet>Số 76, tổ dân phố 8, thị trấn "
           "Ninh Sơn, huyện Ninh Sơn, tỉnh Thượng Ninh</ns1:ChiTiet><ns1:QuocGia>VN</ns1:QuocGia>"
           "</ns1:" + a + ">";
  }
  for (const char* p : {"Cha", "Me", "VoChong", "NguoiDaiDien"}) {
    out += std::string("<ns1:") + p +
           "><ns1:HoVaTen/><ns1:QuocTich/><ns1:SoDinhDanh/><ns1:SoCMND/></ns1:" + p + ">";
  }
  out += "<ns1:ChuHo><ns1:QuanHe/><ns1:SoDinhDanh/><ns1:SoCMND/><ns1:HoVaTen/></ns1:ChuHo>"
         "<ns1:SoSoHoKhau/></ns1:CongDan></ns1:CongdanCollection></soapenv:Body>"
         "</soapenv:Envelope>";
  return out;
}

struct shape {
  const char* name;
  std::string headers, request, response, target;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace sim;
  const long n = argc > 1 ? std::atol(argv[1]) : 200000;
  const std::string dir = argc > 2 ? argv[2] : "/tmp";
  const double rate = argc > 3 ? std::atof(argv[3]) : 20000;
  const std::vector<std::pair<std::string, std::string>> soap_headers = {
      {"Host", "127.0.0.1:41234"},
      {"Content-Type", "text/xml; charset=utf-8"},
      {"SOAPAction", "\"\""},
      {"Timestamp", "1764757466000"},
      {"Authorization", "Basic aGlzXzM4MDAxOjk1ZDNlYjA3ZGY0ZTk0N2UzYTJmNDg2ZjFjN2E5MGM0YjFh"
                        "YjY2ZGY2ZWJmODM5OTQ4OTE5ZTc3ZTljODQyMzE="},
      {"ApiKey", "APIKEY-38001-THUONGNINH"},
      {"X-Road-Client", "VN/GOV/38001/HIS"},
      {"Content-Length", "556"}};
  const std::string soap_request(556, 'x');
  const shape shapes[] = {
      {"c06-soap",
       engine::headers_json(soap_headers, "x-sim-c06",
                            R"({"form":"soap","operation":"XacMinhThongTinNhanThan","outcome":"ok:1"})"),
       R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dan="http://dancuquocgia.bca"><soapenv:Header/><soapenv:Body><dan:XacMinhThongTinNhanThan><dan:MaYeuCau>BENCH</dan:MaYeuCau><dan:MaDVC>KCB-BHYT</dan:MaDVC><dan:MaTichHop>037</dan:MaTichHop><dan:MaCanBo>038185800201</dan:MaCanBo><dan:SoDinhDanh>038198597297</dan:SoDinhDanh><dan:HoVaTen>NGUYỄN NGỌC THƯ</dan:HoVaTen><dan:NgayThangNamSinh><dan:NgayThangNam>19980915</dan:NgayThangNam></dan:NgayThangNamSinh></dan:XacMinhThongTinNhanThan></soapenv:Body></soapenv:Envelope>)",
       c06_response(), "/c06/dancu"},
      {"token",
       engine::headers_json({{"Host", "127.0.0.1:41234"},
                             {"Content-Type", "application/x-www-form-urlencoded"},
                             {"Content-Length", "59"}}),
       "username=38001_BV&password=E10ADC3949BA59ABBE56E057F20F883E",
       R"({"maKetQua":"200","APIKey":{"access_token":"5f2b7c1e-0d7a-4c55-9a7e-2f0b3c9d1e44","id_token":"0b1c2d3e4f","token_type":"Bearer","username":"38001_BV","expires_in":"2026-12-03T11:24:26Z"}})",
       "/api/token/take"}};
  std::printf("journal_bench: %ld exchanges per shape at %.0f/s, journal in %s\n", n, rate,
              dir.c_str());
  std::printf("%-10s %8s %12s %12s %14s\n", "shape", "row", "CPU us/exch", "wall us/exch",
              "disk B/exch");
  for (const auto& s : shapes) {
    const std::string path =
        dir + "/journal_bench-" + std::to_string(::getpid()) + "-" + s.name + ".sqlite";
    auto opened = engine::journal::open(path);
    if (auto* err = std::get_if<std::string>(&opened)) {
      std::fprintf(stderr, "%s\n", err->c_str());
      return 2;
    }
    auto& j = *std::get<std::unique_ptr<engine::journal>>(opened);
    const double c0 = cpu_seconds();
    const auto w0 = std::chrono::steady_clock::now();
    for (long i = 0; i < n; ++i) {
      if (rate > 0 && i % 20 == 0)
        std::this_thread::sleep_until(
            w0 + std::chrono::microseconds(static_cast<long>(static_cast<double>(i) * 1e6 / rate)));
      engine::exchange_record e;
      e.sandbox = "default";
      e.endpoint = s.name[0] == 'c' ? "c06" : "token";
      e.virtual_time = "2026-12-03T10:24:26Z";
      e.real_time = "2026-12-03T10:24:26Z";
      e.method = "POST";
      e.target = s.target;
      e.request_headers = s.headers;
      e.request_body = s.request;
      e.status = 200;
      e.response_body = s.response;
      e.faults = "[]";
      e.duration_us = 40;
      j.record_exchange(std::move(e));
    }
    j.flush();
    const double cpu = cpu_seconds() - c0;
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    std::uintmax_t disk = 0;
    for (const char* ext : {"", "-wal"})
      if (std::filesystem::exists(path + ext)) disk += std::filesystem::file_size(path + ext);
    const std::size_t row = s.headers.size() + s.request.size() + s.response.size();
    std::printf("%-10s %7zuB %12.2f %12.2f %14.0f\n", s.name, row, cpu / static_cast<double>(n) * 1e6,
                wall / static_cast<double>(n) * 1e6, static_cast<double>(disk) / static_cast<double>(n));
    opened = std::string();  // closes the journal
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
  }
  return 0;
}
