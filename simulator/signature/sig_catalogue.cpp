#include "simulator/signature/sig_catalogue.hpp"

#include <array>

namespace sim::signature {
namespace {

using core::severity;

constexpr std::string_view src_profile =
    "bhyt-portal-and-xml.md §1.4 (CV 1245/BHXH-CNTT; HIS vendors' signers); issue 8";
constexpr std::string_view src_cert =
    "bhyt-portal-and-xml.md §1.4: certificate registered on the portal (Danh mục chứng thư số); "
    "RFC 5280";

constexpr std::array<rules::catalogue_entry, 13> entries{{
    {"SIG.MISSING", severity::error,
     "Tệp chưa được ký số: không có chữ ký (ds:Signature) trong thẻ CHUKYDONVI.",
     "The file is not signed: there is no signature (ds:Signature) in CHUKYDONVI.", src_profile},
    {"SIG.MALFORMED", severity::error, "Chữ ký số không đọc được hoặc sai cấu trúc: {detail}.",
     "The signature cannot be read or is malformed: {detail}.", src_profile},
    {"SIG.DIGEST", severity::error,
     "Nội dung tệp đã bị thay đổi sau khi ký (giá trị băm không khớp): {detail}.",
     "The content was changed after signing (the digest does not match): {detail}.", src_profile},
    {"SIG.VALUE", severity::error,
     "Giá trị chữ ký không hợp lệ với khóa của chứng thư số trong tệp: {detail}.",
     "The signature value is not valid for the key of the certificate in the file: {detail}.",
     src_profile},
    {"SIG.ALGORITHM", severity::error,
     "Thuật toán hoặc độ dài khóa không được chấp nhận (yêu cầu RSA-SHA256, SHA-256, khóa RSA "
     "từ 2048 bit): {detail}.",
     "Algorithm or key size not accepted (RSA-SHA256, SHA-256 and RSA keys of at least 2048 bits "
     "are required): {detail}.",
     src_profile},
    {"SIG.REFERENCE", severity::error,
     "Chữ ký không bao phủ đúng toàn bộ tệp (yêu cầu đúng một chữ ký trong CHUKYDONVI, một "
     "Reference URI=\"\", phép biến đổi enveloped-signature): {detail}.",
     "The signature does not cover exactly the whole file (exactly one signature in CHUKYDONVI, "
     "one Reference URI=\"\", the enveloped-signature transform are required): {detail}.",
     src_profile},
    {"SIG.CERT_EXPIRED", severity::error, "Chứng thư số đã hết hạn tại thời điểm gửi: {detail}.",
     "The certificate had expired at the time of submission: {detail}.", src_cert},
    {"SIG.CERT_NOT_YET_VALID", severity::error,
     "Chứng thư số chưa có hiệu lực tại thời điểm gửi: {detail}.",
     "The certificate was not yet valid at the time of submission: {detail}.", src_cert},
    {"SIG.CERT_UNTRUSTED", severity::error,
     "Chứng thư số không do tổ chức chứng thực được tin cậy cấp: {detail}.",
     "The certificate does not chain to a trusted certification authority: {detail}.", src_cert},
    {"SIG.CERT_REVOKED", severity::error,
     "Chứng thư số đã bị thu hồi (có trong danh sách thu hồi CRL): {detail}.",
     "The certificate has been revoked (listed in the CRL): {detail}.", src_cert},
    {"SIG.CERT_UNREGISTERED", severity::error,
     "Chứng thư số chưa được đăng ký cho cơ sở KCB trên Cổng tiếp nhận: {detail}.",
     "The certificate is not registered for this facility on the portal: {detail}.", src_cert},
    {"SIG.CERT_USAGE", severity::error,
     "Chứng thư số không được phép dùng để ký số (thiếu mục đích digitalSignature): {detail}.",
     "The certificate may not be used for signing (no digitalSignature key usage): {detail}.",
     src_cert},
    {"SIG.DU_PHONG", severity::error,
     "Trường DU_PHONG ở bảng {table}, dòng {row} phải mang chữ ký số của cơ sở KCB (QĐ 3176) "
     "nhưng {detail}.",
     "DU_PHONG in table {table}, row {row} must carry the facility's signature (QĐ 3176) but is "
     "{detail}.",
     "bhyt-portal-and-xml.md §2.3 [S]: under QĐ 3176 DU_PHONG of XML13/XML14 carries the "
     "facility signature; per-world switch signature.du_phong_signature (off by default)"},
}};

}  // namespace

std::span<const rules::catalogue_entry> sig_catalogue() { return entries; }

}  // namespace sim::signature
