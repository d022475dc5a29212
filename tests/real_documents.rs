//! Real public documents (issue 12), encoded in `examples/` from the clean
//! texts in `examples/real-sources/`: each renders, keeps its own outline
//! and signature, and every phrase the source computes is printed by vanban
//! in the source's exact wording (the figures are computed, never typed).

mod common;

use common::{example, layout};
use vanban::inspect::Layout;

/// All text of the document with line breaks and runs of spaces collapsed,
/// so a phrase that wraps across lines is still found.
fn flat(l: &Layout) -> String {
    let joined = (0..l.pages.len())
        .map(|p| l.page_text(p))
        .collect::<Vec<_>>()
        .join(" ");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts each phrase is in the text, in this order.
fn assert_in_order(name: &str, text: &str, phrases: &[&str]) {
    let mut from = 0;
    for p in phrases {
        match text[from..].find(p) {
            Some(at) => from += at + p.len(),
            None => panic!("{name}: {p:?} missing (or out of order) in:\n{text}"),
        }
    }
}

fn render(name: &str) -> String {
    flat(&layout(&example(name)))
}

#[test]
fn hau_giang_letter_keeps_its_words_and_signer() {
    let t = render("cong-van-hau-giang-454-2011.yaml");
    assert_in_order(
        "454/UBND-NCTH",
        &t,
        &[
            "Số: 454/UBND-NCTH",
            "Vị Thanh, ngày 06 tháng 4 năm 2011",
            "Kính gửi:",
            "Giám đốc Đài Phát thanh - Truyền hình Hậu Giang;",
            "Chủ tịch UBND tỉnh có ý kiến như sau:",
            "tham gia bầu chọn Vịnh Hạ Long là kỳ quan thiên nhiên thế giới theo yêu cầu tại Công văn nêu trên",
            "(Đính kèm Công văn số 847/UBND-VX1 ngày 22/3/2011)",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Trần Thành Lập",
        ],
    );
}

#[test]
fn quang_ngai_decision_issues_a_plan_with_its_own_outline() {
    let t = render("quyet-dinh-quang-ngai-1627-2025.yaml");
    assert_in_order(
        "1627/QĐ-UBND",
        &t,
        &[
            "Số: 1627/QĐ-UBND",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
            "Theo đề nghị của Sở Tài chính tại Công văn số 3679/STC-QLGCS ngày 05 tháng 11 năm 2025",
            "Điều 1.",
            "Điều 2.",
            "chịu trách nhiệm thi hành Quyết định này./.",
            "KT. CHỦ TỊCH",
            "Nguyễn Ngọc Sâm",
            "KẾ HOẠCH",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích:",
            "a) Xác định cụ thể các nội dung công việc",
            "II. PHẠM VI, ĐỐI TƯỢNG",
            "III. NỘI DUNG THỰC HIỆN",
            "5. Tổng hợp, báo cáo, công bố kết quả Tổng kiểm kê.",
            "IV. NHIỆM VỤ CỤ THỂ",
            "1. Nhiệm vụ của thành viên Ban Chỉ đạo",
            "1.1. Trưởng Ban Chỉ đạo",
            "1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo",
            "Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê.",
            "+ Sở Xây dựng: hướng dẫn",
            "1.6. Trách nhiệm của các cơ quan quản lý cấp trên",
            "V. KINH PHÍ THỰC HIỆN",
            "VI. TỔ CHỨC THỰC HIỆN",
            "để xem xét, chỉ đạo thực hiện./.",
        ],
    );
}

#[test]
fn nghe_an_plan_keeps_its_outline_closing_and_collective_signature() {
    let t = render("ke-hoach-nghe-an-980-2025.yaml");
    assert_in_order(
        "980/KH-UBND",
        &t,
        &[
            "Số: 980/KH-UBND",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "2. Yêu cầu",
            "- Bảo đảm sự chỉ đạo, điều hành thống nhất",
            "II. NỘI DUNG",
            "1. Kiện toàn và hoàn thiện cơ chế chỉ đạo, điều hành phòng thủ dân sự.",
            "8. Duy trì hoạt động phòng thủ dân sự thường xuyên.",
            "(Chi tiết Danh mục nhiệm vụ tại Phụ lục kèm theo)",
            "III. NGUỒN KINH PHÍ THỰC HIỆN",
            "IV. TỔ CHỨC THỰC HIỆN",
            "Yêu cầu các sở, ban, ngành, Ủy ban nhân dân các xã, phường và các đơn vị có liên quan thực hiện nghiêm túc./.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn Đệ",
        ],
    );
    assert!(!t.contains("./../."), "the closing's ./. is doubled:\n{t}");
}

/// Every computed phrase of Công văn 18590/BTC-PTHT, in the source's words
/// (examples/real-sources/05-cong-van-btc-18590-2025.txt, "COMPUTED").
const BTC_COMPUTED: &[&str] = &[
    "913.216,2 tỷ đồng (bao gồm: vốn ngân sách trung ương (NSTW) là 437.488,9 tỷ đồng và vốn ngân sách địa phương (NSĐP) là 475.727,3 tỷ đồng)",
    "825.922,3 tỷ đồng (bao gồm: vốn NSTW là 350.195 tỷ đồng và vốn NSĐP là 475.727,3 tỷ đồng)",
    "87.293,9 tỷ đồng (bao gồm: 2.498,28 tỷ đồng vốn chương trình mục tiêu quốc gia; 84.795,68 tỷ đồng từ nguồn tăng thu NSTW hàng năm)",
    "là 27.429,6 tỷ đồng",
    "là 167.612,6 tỷ đồng",
    "là 1.080.828,8 tỷ đồng",
    "1.035.078,9 tỷ đồng (bao gồm NSTW là 391.739 tỷ đồng, NSĐP là 643.339,9 tỷ đồng)",
    "867.466,27 tỷ đồng, đạt 95% kế hoạch vốn Thủ tướng Chính phủ đã giao",
    "45.749,96 tỷ đồng vốn NSTW, chiếm 5% kế hoạch Thủ tướng Chính phủ giao",
    "44.800,88 tỷ đồng mới được Thủ tướng Chính phủ giao bổ sung",
    "(chiếm 97,9% vốn NSTW chưa phân bổ)",
    "949,08 tỷ đồng vốn giao từ đầu năm chưa phân bổ",
    "516.793,3 tỷ đồng, đạt 56,6% kể hoạch Thủ tướng Chính phủ giao (913.216,2 tỷ đồng)",
    "528.870,2 tỷ đồng, đạt 57,9% kế hoạch Thủ tướng Chính phủ giao (tăng 12.076,9 tỷ đồng so với tuần trước)",
    "(27.429,6 tỷ đồng), ước tỷ lệ giải ngân đạt 59,7% kế hoạch Thủ tướng Chính phủ giao",
];

#[test]
fn btc_letter_computes_every_phrase_the_source_computes() {
    let t = render("cong-van-btc-giai-ngan-18590-2025.yaml");
    assert_in_order("18590/BTC-PTHT", &t, BTC_COMPUTED);
}

#[test]
fn btc_letter_breakdown_that_misses_by_six_hundredths_is_an_error() {
    // The source's own parts of the supplementary plan add to 87.293,96 while
    // its total says 87.293,9: declared complete, vanban must refuse it.
    let path = common::example_path("cong-van-btc-giai-ngan-18590-2025.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap().replace(
        "      - { id: kh-bo-sung-tang-thu, value: \"84.795,68\" }\n",
        "      - { id: kh-bo-sung-tang-thu, value: \"84.795,68\" }\n    complete: true\n",
    );
    assert!(yaml.contains("complete: true\n  - { id: kh-bo-sung-sau-30-9"));
    let err = vanban::Document::from_yaml_str(&yaml)
        .err()
        .expect("a breakdown that does not add up must be an error");
    let msg = err.to_string();
    assert!(
        msg.contains("87.293,96") && msg.contains("87.293,9"),
        "{msg}"
    );
}

/// Every computed phrase of Kế hoạch 0204/KH-UBND of Cà Mau, in the source's
/// words (examples/real-sources/08-ke-hoach-ca-mau-0204-2025.txt, "COMPUTED"),
/// except where the source's own arithmetic is wrong (629/731 is 86,0%, not 86,1%).
const CA_MAU_COMPUTED: &[&str] = &[
    "629/731 trường công lập đạt chuẩn quốc gia, đạt tỷ lệ 86,0%",
    "3/25 trường ngoài công lập đạt chuẩn quốc gia, đạt tỷ lệ 12%",
    "12.375,3/10.200 triệu đồng, vượt 21,3% kế hoạch",
    "tổng thu ngân sách nhà nước 10.367,700 tỷ đồng; trong đó: thu nội địa 10.052,700 tỷ đồng, thu từ hoạt động xuất nhập khẩu 315 tỷ đồng",
    "Ước thực hiện cả năm là 11.580 tỷ đồng, vượt 11,69% so dự toán, tăng 10,48% so cùng kỳ (10.482 tỷ đồng)",
    "thu nội địa 11.080 tỷ đồng, vượt 10,22% so dự toán, tăng 10,26% so cùng kỳ (10.049 tỷ đồng)",
    "thu từ hoạt động xuất, nhập khẩu 500 tỷ đồng, vượt 58,73% so dự toán, tăng 15,47% so cùng kỳ (433 tỷ đồng)",
    "thu từ doanh nghiệp nhà nước địa phương quản lý ước vượt 20% dự toán",
    "thu từ khu vực kinh tế ngoài quốc doanh ước vượt 41,56% dự toán",
    "thuế thu nhập cá nhân ước vượt 14,55% dự toán",
    "thu từ hoạt động xổ số kiến thiết (kể cả xổ số điện toán) ước vượt 18,72% dự toán",
    "Thuế bảo vệ môi trường ước đạt 60% dự toán",
    "thu từ hoạt động xổ số ước vượt 19% dự toán năm",
    "Ước thực hiện năm 2025 là 27.535 tỷ đồng, đạt 102,70% dự toán, tăng 27,80% so cùng kỳ (21.546 tỷ đồng)",
    "5.817,196 tỷ đồng/5.937,440 tỷ đồng, đạt 97,97% kế hoạch",
    "560 tỷ đồng/690 tỷ đồng, ước đạt 81,16% kế hoạch",
    "22,656 tỷ đồng/12,9 tỷ đồng, ước đạt 175,63% kế hoạch",
    "15.942,496 tỷ đồng/14.635,050 tỷ đồng, đạt 108,93% dự toán",
];

#[test]
fn ca_mau_plan_computes_every_phrase_and_its_appendix_table() {
    let t = render("ke-hoach-ca-mau-0204-2025.yaml");
    assert_in_order("204/KH-UBND", &t, CA_MAU_COMPUTED);
    // The appendix's 2025 columns are computed from the same figures.
    assert_in_order(
        "Mẫu biểu 01",
        &t,
        &[
            "Năm hiện hành 2025",
            "172.033 172.033",
            "Kim ngạch xuất khẩu",
            "2.614 2.600",
        ],
    );
}
