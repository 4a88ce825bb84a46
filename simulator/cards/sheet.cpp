#include <nlohmann/json.hpp>

#include "simulator/core/text.hpp"
#include "simulator/cards/cards.hpp"

namespace sim::cards {
namespace {

std::string escape(std::string_view s) { return core::html_escape(s); }

std::string_view status_label(world::card_status s) {
  switch (s) {
    case world::card_status::active:
      return "đang sử dụng";
    case world::card_status::expired:
      return "hết hạn";
    case world::card_status::revoked:
      return "bị thu hồi";
    case world::card_status::bao_giam:
      return "báo giảm";
  }
  return "";
}

std::string row(std::string_view label, const std::string& value_html) {
  return "<tr><th>" + escape(label) + "</th><td>" + value_html + "</td></tr>";
}

constexpr std::string_view style =
    "@page{size:A4 portrait;margin:10mm}"
    "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:10mm;color:#000}"
    "@media print{body{margin:0}.no-print{display:none}"
    ".card:nth-of-type(4n){break-after:page;page-break-after:always}}"
    "header h1{font-size:14pt;margin:0 0 1mm}header p{font-size:9pt;margin:0 0 4mm}"
    ".card{box-sizing:border-box;width:190mm;height:64mm;border:0.4mm solid #000;"
    "border-radius:3mm;padding:2.5mm 3.5mm;margin:0 0 4mm;display:flex;gap:3mm;"
    "break-inside:avoid;page-break-inside:avoid;overflow:hidden}"
    ".info{flex:1;min-width:0;font-size:8.5pt;line-height:1.3}"
    ".info table{border-collapse:collapse}.info th{text-align:left;font-weight:normal;"
    "color:#333;padding:0 2mm 0 0;white-space:nowrap;vertical-align:top}"
    ".info td{padding:0;vertical-align:top}.name{font-size:11pt;font-weight:bold}"
    ".banner{font-size:7pt;font-weight:bold;color:#b00;margin-bottom:1mm}"
    ".qr{width:44mm;flex:none;text-align:center;font-size:7.5pt}"
    ".qr img{display:block;width:42mm;height:42mm;margin:0 auto 0.5mm;"
    "image-rendering:pixelated;image-rendering:crisp-edges}"
    ".qr .none{width:42mm;height:42mm;margin:0 auto 0.5mm;border:0.3mm dashed #999;"
    "display:flex;align-items:center;justify-content:center;color:#666}"
    ".errors{font-size:9pt;color:#b00}";

std::string card_html(const printed_card& card, const sheet_options& options) {
  const auto& c = card.citizen;
  std::string info =
      "<div class=\"banner\">THẺ MẪU ĐỂ TẬP HUẤN — KHÔNG CÓ GIÁ TRỊ SỬ DỤNG"
      "</div><div class=\"name\">" +
      escape(c.ho_ten) + "</div><table>";
  info += row("Ngày sinh", escape(format_dd_mm_yyyy(c.date_of_birth)) +
                               " — Giới tính: " + escape(world::label_vi(c.gender)));
  info += row("Số định danh", "<b>" + escape(c.so_dinh_danh) + "</b>");
  info += row("Số CMND cũ", c.old_cmnd.empty() ? "—" : escape(c.old_cmnd));
  info += row("Ngày cấp CCCD", escape(format_dd_mm_yyyy(card.cccd_issue_date)) +
                                   " <small>(suy ra, xem docs/cards.md)</small>");
  info += row("Nơi thường trú", escape(c.address));
  if (c.card) {
    const auto& b = *c.card;
    info += row("Mã thẻ BHYT", "<b>" + escape(b.number) + "</b>");
    info += row("Giá trị sử dụng", "từ " + escape(format_dd_mm_yyyy(b.valid_from)) + " đến " +
                                       escape(format_dd_mm_yyyy(b.valid_to)));
    info += row("Nơi ĐKKCB", escape(b.ma_dkbd) + (card.facility_name.empty()
                                                      ? std::string()
                                                      : " — " + escape(card.facility_name)));
  } else {
    info += row("Mã thẻ BHYT", "không có thẻ");
  }
  std::string situation = c.case_label.empty() ? "—" : "<code>" + escape(c.case_label) + "</code>";
  if (c.card) situation += " — thẻ " + escape(status_label(c.card->status));
  info += row("Tình huống", situation);
  info += "</table>";

  auto qr = [&](std::string_view kind, std::string_view caption, bool present) {
    std::string h = "<div class=\"qr\">";
    if (present) {
      const std::string src =
          options.image_src ? options.image_src(card, kind) : png_file_name(card, kind);
      h += "<img src=\"" + escape(src) + "\" alt=\"QR " + escape(caption) + " " +
           escape(c.so_dinh_danh) + "\">";
    } else {
      h += "<div class=\"none\">Không có thẻ BHYT</div>";
    }
    return h + escape(caption) + "</div>";
  };
  return "<section class=\"card\" data-id=\"" + escape(c.so_dinh_danh) + "\" data-case=\"" +
         escape(c.case_label) + "\"><div class=\"info\">" + info + "</div>" +
         qr("cccd", "QR căn cước (CCCD)", true) +
         qr("bhyt", "QR thẻ BHYT giấy", !card.bhyt_payload.empty()) + "</section>";
}

}  // namespace

std::string render_sheet(const std::vector<printed_card>& cards, const sheet_options& options) {
  std::size_t printable = 0;
  for (const auto& c : cards) printable += c.ok() ? 1 : 0;
  std::string body = "<header><h1>" + escape(options.title) + "</h1><p>";
  if (!options.world_name.empty())
    body += "Thế giới mô phỏng: <b>" + escape(options.world_name) + "</b> — ";
  body += std::to_string(printable) +
          " thẻ. QR mã hoá theo byte (UTF-8), mức sửa lỗi M. In khổ A4, tỉ lệ 100%. "
          "Dữ liệu giả lập, không phải giấy tờ thật.</p></header><main>";
  for (const auto& c : cards) {
    if (c.ok()) body += card_html(c, options);
  }
  body += "</main>";
  if (printable != cards.size()) {
    body += "<div class=\"errors\"><h2>Không in được</h2><ul>";
    for (const auto& c : cards) {
      if (!c.ok()) {
        body += "<li data-id=\"" + escape(c.citizen.so_dinh_danh) + "\">" +
                escape(c.citizen.so_dinh_danh) + " " + escape(c.citizen.ho_ten) + ": " +
                escape(c.error) + "</li>";
      }
    }
    body += "</ul></div>";
  }
  return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" +
         escape(options.title) + "</title><style>" + std::string(style) + "</style></head><body>" +
         body + "</body></html>";
}

std::string manifest_json(const std::vector<printed_card>& cards, std::string_view world_name) {
  using json = nlohmann::json;
  json list = json::array();
  for (const auto& c : cards) {
    json e{{"so_dinh_danh", c.citizen.so_dinh_danh},
           {"ho_ten", c.citizen.ho_ten},
           {"case_label", c.citizen.case_label},
           {"cccd", nullptr},
           {"bhyt", nullptr}};
    if (!c.ok()) {
      e["error"] = c.error;
    } else {
      e["cccd"] = {{"payload", c.cccd_payload},
                   {"file", png_file_name(c, "cccd")},
                   {"issue_date", format_dd_mm_yyyy(c.cccd_issue_date)}};
      if (!c.bhyt_payload.empty()) {
        e["bhyt"] = {{"payload", c.bhyt_payload}, {"file", png_file_name(c, "bhyt")}};
      }
    }
    list.push_back(std::move(e));
  }
  json m{{"world", std::string(world_name)},
         {"qr", {{"mode", "byte"}, {"ec_level", "M"}, {"eci", false}, {"encoding", "UTF-8"}}},
         {"issue_date_rule",
          "start = max(2021-01-01, 14th birthday) if 14 by 2024-07-01, else max(2024-07-01, "
          "birth); issue = start + (last 6 digits of so_dinh_danh mod 365) days, at most "
          "2026-06-30 unless start is later (docs/cards.md)"},
         {"cards", std::move(list)}};
  return m.dump(2);
}

}  // namespace sim::cards
