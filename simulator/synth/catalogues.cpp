// Illustrative catalogues of the generator (see detail/catalogues.hpp and docs/generate.md).
// Codes have the shapes of the real catalogues (DMDC active-ingredient codes, XX.YYYY.ZZZZ
// service codes, QĐ 5937 PL5 department codes, ICD-10); names, prices and registration numbers
// are plausible but NOT taken from the official lists.
#include "simulator/synth/detail/catalogues.hpp"

#include <array>

namespace sim::synth::detail {
namespace {

using namespace std::string_view_literals;

constexpr std::array drug_table{
    drug_entry{"40.26", "Paracetamol 500 mg", "500mg", "Viên", "1.01", "Viên nén", "VD-21093-14",
               "157/QĐ-SYT;G1;N4;2025", 250, 4, 100, false,
               "Ngày uống 3 lần, mỗi lần 1 viên khi sốt hoặc đau", 3},
    drug_entry{"40.131", "Amoxicilin 500 mg", "500mg", "Viên", "1.01", "Viên nang cứng",
               "VD-25123-16", "157/QĐ-SYT;G1;N4;2025", 1100, 4, 100, false,
               "Ngày uống 2 lần, mỗi lần 1 viên sau ăn", 2},
    drug_entry{"40.483", "Amlodipin 5 mg", "5mg", "Viên", "1.01", "Viên nén", "VD-30211-18",
               "157/QĐ-SYT;G1;N3;2025", 320, 4, 100, false, "Ngày uống 1 lần, 1 viên vào buổi sáng",
               1},
    drug_entry{"40.677", "Metformin 850 mg", "850mg", "Viên", "1.01", "Viên nén bao phim",
               "VD-27645-17", "157/QĐ-SYT;G1;N4;2025", 450, 4, 100, false,
               "Ngày uống 2 lần, mỗi lần 1 viên sau ăn sáng và tối", 2},
    drug_entry{"40.679", "Omeprazol 20 mg", "20mg", "Viên", "1.01", "Viên nang tan trong ruột",
               "VD-24510-16", "157/QĐ-SYT;G1;N4;2025", 600, 4, 100, false,
               "Ngày uống 1 lần, 1 viên trước ăn sáng 30 phút", 1},
    drug_entry{"40.217", "Ceftriaxon 1 g", "1g", "Lọ", "2.15", "Bột pha tiêm", "VD-22114-15",
               "201/QĐ-SYT;G1;N2;2025", 15800, 4, 100, true,
               "Tiêm tĩnh mạch chậm ngày 2 lần, mỗi lần 1 lọ", 2},
    drug_entry{"40.962", "Natri clorid 0,9% 500 ml", "0,9% 500ml", "Chai", "2.15",
               "Dung dịch tiêm truyền", "VD-28866-18", "201/QĐ-SYT;G1;N4;2025", 9500, 4, 100, true,
               "Truyền tĩnh mạch XL giọt/phút, ngày 1 chai", 1},
    drug_entry{"40.29", "Diclofenac 75 mg/3 ml", "75mg/3ml", "Ống", "2.10", "Dung dịch tiêm",
               "VD-19874-13", "201/QĐ-SYT;G1;N4;2025", 2100, 4, 100, true, "Tiêm bắp ngày 1 ống",
               1},
    drug_entry{"40.584", "Atorvastatin 20 mg", "20mg", "Viên", "1.01", "Viên nén bao phim",
               "VD-31562-19", "157/QĐ-SYT;G1;N3;2025", 850, 4, 100, false,
               "Ngày uống 1 lần, 1 viên vào buổi tối", 1},
    drug_entry{"40.997", "Oresol 245", "27,9g", "Gói", "1.01", "Thuốc bột pha dung dịch uống",
               "VD-26740-17", "157/QĐ-SYT;G1;N4;2025", 2200, 4, 100, false,
               "Pha 1 gói với 1 lít nước chín, uống dần trong ngày", 2},
    drug_entry{"40.1025", "Salbutamol 100 mcg/liều (bình xịt)", "100mcg/liều", "Bình", "3.01",
               "Hỗn dịch xịt qua bình định liều", "VN-20318-17", "157/QĐ-SYT;G1;N1;2025", 75000, 4,
               100, false, "Xịt 2 nhát khi khó thở, tối đa 4 lần/ngày", 0},
    drug_entry{"40.244", "Albumin người 20% 50 ml", "20% 50ml", "Chai", "2.15",
               "Dung dịch tiêm truyền", "QLSP-0732-13", "201/QĐ-SYT;G1;N1;2025", 690000, 6, 50,
               true, "Truyền tĩnh mạch chậm 1 chai", 0},
};

constexpr std::array service_table{
    service_entry{"02.1896.0001", "Khám Nội", "Lần", 34500, 34500, 13, service_role::exam, -1, 0},
    service_entry{"02.1897.0001", "Khám Cấp cứu", "Lần", 34500, 34500, 13,
                  service_role::emergency_exam, -1, 0},
    service_entry{"22.0120.1370", "Tổng phân tích tế bào máu ngoại vi (bằng máy đếm laser)", "Lần",
                  46200, 46200, 1, service_role::lab, 0, 4},
    service_entry{"23.0075.1494", "Định lượng Glucose [Máu]", "Lần", 21500, 21500, 1,
                  service_role::lab, 4, 1},
    service_entry{"23.0051.1494", "Định lượng Creatinin [Máu]", "Lần", 21500, 21500, 1,
                  service_role::lab, 5, 1},
    service_entry{"23.0206.1596", "Tổng phân tích nước tiểu (bằng máy tự động)", "Lần", 27400,
                  27400, 1, service_role::lab, 6, 2},
    service_entry{"18.0119.0028", "Chụp X-quang ngực thẳng", "Lần", 65400, 65400, 2,
                  service_role::imaging, 8, 1},
    service_entry{"18.0001.0001", "Siêu âm ổ bụng (gan mật, tụy, lách, thận, bàng quang)", "Lần",
                  60000, 43900, 2, service_role::imaging, 9, 1},
    service_entry{"02.0085.1778", "Điện tim thường", "Lần", 32800, 32800, 3,
                  service_role::function_test, 10, 1},
    service_entry{"03.3826.0215", "Thay băng vết thương chiều dài dưới 15 cm", "Lần", 57600, 57600,
                  18, service_role::procedure, -1, 0},
    service_entry{"15.1920.0003", "Giường Nội khoa loại 3 Hạng II", "Ngày", 187100, 187100, 15,
                  service_role::bed, -1, 0},
};

constexpr std::array supply_table{
    supply_entry{"N03.02.070", "Bơm tiêm nhựa liền kim 5 ml", "Cái", "245/QĐ-SYT;G2;N0;2025", 890},
    supply_entry{"N03.05.010", "Kim luồn tĩnh mạch 22G", "Cái", "245/QĐ-SYT;G2;N0;2025", 9800},
    supply_entry{"N04.04.010", "Dây truyền dịch có kim", "Bộ", "245/QĐ-SYT;G2;N0;2025", 5200},
    supply_entry{"N02.01.040", "Bông y tế thấm nước 100 g", "Gói", "245/QĐ-SYT;G2;N0;2025", 11500},
};

constexpr std::array lab_table{
    lab_index_entry{"WBC", "Số lượng bạch cầu", "G/L", 40, 100, "", ""},
    lab_index_entry{"RBC", "Số lượng hồng cầu", "T/L", 38, 55, "", ""},
    lab_index_entry{"HGB", "Lượng huyết sắc tố", "g/L", 1200, 1600, "", ""},
    lab_index_entry{"PLT", "Số lượng tiểu cầu", "G/L", 1500, 4000, "", ""},
    lab_index_entry{"GLU", "Glucose", "mmol/L", 39, 64, "", ""},
    lab_index_entry{"CRE", "Creatinin", "µmol/L", 620, 1060, "", ""},
    lab_index_entry{"PH", "pH nước tiểu", "", 50, 80, "", ""},
    lab_index_entry{"LEU", "Bạch cầu niệu", "Leu/µL", 0, 100, "", ""},
    lab_index_entry{"XQ_NGUC", "X-quang ngực thẳng", "", 0, 0,
                    "Hai phế trường sáng, không thấy tổn thương nhu mô. Bóng tim không to.",
                    "Chưa phát hiện bất thường trên phim X-quang ngực."},
    lab_index_entry{"SA_BUNG", "Siêu âm ổ bụng", "", 0, 0,
                    "Gan không to, nhu mô đều. Túi mật không sỏi. Hai thận không ứ nước.",
                    "Siêu âm ổ bụng chưa phát hiện bất thường."},
    lab_index_entry{"DIEN_TIM", "Điện tim thường", "", 0, 0,
                    "Nhịp xoang đều, tần số 78 lần/phút, trục trung gian.",
                    "Điện tim trong giới hạn bình thường."},
};

constexpr std::array<int, 2> d_j069{0, 1};
constexpr std::array<int, 2> d_i10{2, 8};
constexpr std::array<int, 2> d_e119{3, 8};
constexpr std::array<int, 2> d_k297{4, 0};
constexpr std::array<int, 3> d_j189{5, 6, 0};
constexpr std::array<int, 3> d_a09{9, 6, 0};
constexpr std::array<int, 2> d_m545{7, 0};
constexpr std::array<int, 2> d_j459{10, 0};
constexpr std::array<int, 3> d_n390{1, 0, 6};
constexpr std::array<int, 3> d_s018{7, 1, 0};
constexpr std::array<int, 3> d_k703{11, 4, 6};

constexpr std::array diagnosis_table{
    diagnosis_entry{"J06.9", "Nhiễm trùng đường hô hấp trên cấp, không đặc hiệu",
                    "Sốt, ho, đau họng 3 ngày", "Sốt nhẹ, họng đỏ, phổi không ran.", false, false,
                    d_j069},
    diagnosis_entry{"I10", "Bệnh lý tăng huyết áp vô căn (nguyên phát)",
                    "Đau đầu, chóng mặt, huyết áp cao", "Huyết áp 150/90 mmHg, tim đều, không phù.",
                    true, true, d_i10},
    diagnosis_entry{"E11.9", "Bệnh đái tháo đường không phụ thuộc insulin, không có biến chứng",
                    "Khát nhiều, tiểu nhiều, kiểm tra đường huyết",
                    "Tỉnh, không sốt, đường máu mao mạch 9,2 mmol/L.", true, true, d_e119},
    diagnosis_entry{"K29.7", "Viêm dạ dày, không đặc hiệu", "Đau thượng vị, ợ chua",
                    "Bụng mềm, ấn đau nhẹ thượng vị, không phản ứng thành bụng.", false, true,
                    d_k297},
    diagnosis_entry{"J18.9", "Viêm phổi, không đặc hiệu", "Sốt cao, ho khạc đờm, khó thở",
                    "Sốt 38,5°C, phổi phải có ran nổ, SpO2 94%.", true, false, d_j189},
    diagnosis_entry{"A09", "Tiêu chảy và viêm dạ dày ruột có nguồn gốc nhiễm trùng",
                    "Đi ngoài phân lỏng nhiều lần, nôn",
                    "Mệt, môi khô, bụng chướng nhẹ, đi ngoài 6 lần/ngày.", true, false, d_a09},
    diagnosis_entry{"M54.5", "Đau vùng thắt lưng", "Đau lưng, hạn chế vận động",
                    "Đau cột sống thắt lưng, Lasègue âm tính.", false, true, d_m545},
    diagnosis_entry{"J45.9", "Hen, không đặc hiệu", "Khó thở, khò khè về đêm",
                    "Phổi rải rác ran rít, ran ngáy hai bên.", false, true, d_j459},
    diagnosis_entry{"N39.0", "Nhiễm khuẩn hệ tiết niệu, vị trí không xác định",
                    "Tiểu buốt, tiểu rắt, sốt", "Sốt 38°C, ấn đau hạ vị, chạm thận âm tính.", true,
                    false, d_n390},
    diagnosis_entry{"S01.8", "Vết thương hở phần khác của đầu", "Ngã xe máy, chảy máu vùng trán",
                    "Vết thương vùng trán dài 3 cm, bờ sắc gọn, không chảy máu.", false, false,
                    d_s018},
    diagnosis_entry{"K70.3", "Xơ gan do rượu", "Bụng to dần, mệt mỏi, vàng da",
                    "Da vàng, cổ trướng mức độ vừa, phù hai chân.", true, false, d_k703},
};

constexpr std::array department_table{
    department_entry{"K01", "Khoa Khám bệnh"},    department_entry{"K02", "Khoa Hồi sức cấp cứu"},
    department_entry{"K03", "Khoa Nội tổng hợp"}, department_entry{"K19", "Khoa Ngoại tổng hợp"},
    department_entry{"K26", "Khoa Phụ sản"},
};

constexpr std::array doctor_table{
    "Nguyễn Văn Thành"sv, "Trần Thị Hương"sv,  "Lê Quang Minh"sv, "Phạm Thị Ngọc Ánh"sv,
    "Hoàng Đức Long"sv,   "Vũ Thị Thu Hằng"sv, "Đặng Quốc Bảo"sv, "Bùi Thị Lan"sv,
};

constexpr std::array nghe_nghiep_table{"00000"sv, "21110"sv, "51310"sv, "61110"sv, "93130"sv};

}  // namespace

std::span<const drug_entry> drugs() { return drug_table; }
std::span<const service_entry> services() { return service_table; }
std::span<const supply_entry> supplies() { return supply_table; }
std::span<const lab_index_entry> lab_indices() { return lab_table; }
std::span<const diagnosis_entry> diagnoses() { return diagnosis_table; }
std::span<const department_entry> departments() { return department_table; }
std::span<const std::string_view> doctor_names() { return doctor_table; }
std::span<const std::string_view> nghe_nghiep() { return nghe_nghiep_table; }

}  // namespace sim::synth::detail
