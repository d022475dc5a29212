//! End-to-end: a decision (Quyết định) with the plan it issues, a submission
//! (Tờ trình) and a notice (Thông báo), built on the same blocks as the other kinds.

mod common;

use common::{assert_close, example, layout, line};
use vanban::Document;
use vanban::inspect::{Layout, TextRun};

/// The centre of the text area with the forms' margins (left 35, right 20 mm).
const TEXT_CENTRE: f64 = (35.0 + 190.0) / 2.0;
/// A paragraph's first line starts here: the left margin and a 1.27 cm indent.
const INDENT_X: f64 = 35.0 + 12.7;

fn page_words(l: &Layout, page: usize) -> String {
    l.page_text(page).replace('\n', " ")
}

fn all_text(l: &Layout) -> String {
    (0..l.pages.len())
        .map(|p| page_words(l, p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text run (one font) that starts with `needle`.
fn run(l: &Layout, needle: &str) -> TextRun {
    l.texts
        .iter()
        .find(|t| t.text.starts_with(needle))
        .cloned()
        .unwrap_or_else(|| panic!("no run starts with {needle:?}"))
}

#[test]
fn a_decision_has_its_authority_bases_and_articles() {
    let l = layout(&example("quyet-dinh-tre-em-yen-bai-2024.yaml"));
    line(&l, "Số: 46/QĐ-SLĐTBXH");
    let place = line(&l, "Yên Bái, ngày 08 tháng 3 năm 2024");
    assert!(place.italic);

    // The type line and the subject: bold, centred on the text width.
    let title = line(&l, "QUYẾT ĐỊNH");
    assert_eq!(title.text, "QUYẾT ĐỊNH");
    assert!(title.bold && title.size == 14.0);
    assert_close(title.centre(), TEXT_CENTRE, 0.6, "QUYẾT ĐỊNH centred");
    let subject = line(&l, "Về việc ban hành Kế hoạch");
    assert!(subject.bold && subject.y > title.y);

    // The authority in capitals, bold, centred, below the subject (balanced
    // over two lines: its first line holds the title and the office).
    let authority = line(&l, "GIÁM ĐỐC SỞ LAO ĐỘNG");
    assert!(authority.bold && !authority.italic);
    assert!(authority.y > subject.y);
    assert_close(authority.centre(), TEXT_CENTRE, 1.0, "authority centred");

    // Legal bases: italic, one per paragraph, ";" and the proposal last with ".".
    let first = line(&l, "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;");
    assert!(first.italic && first.y > authority.y);
    assert_close(first.x, INDENT_X, 0.3, "căn cứ indented like a paragraph");
    let proposal = line(
        &l,
        "Theo đề nghị của Trưởng phòng Trẻ em và Bình đẳng giới.",
    );
    assert!(proposal.italic && proposal.y > first.y);
    let text = all_text(&l);
    assert!(
        text.contains("Yên Bái năm 2024; Theo đề nghị của"),
        "{text}"
    );

    // QUYẾT ĐỊNH: bold and centred, after the bases, before Điều 1.
    let decides = line(&l, "QUYẾT ĐỊNH:");
    assert_eq!(decides.text, "QUYẾT ĐỊNH:");
    assert!(decides.bold && decides.y > proposal.y);
    assert_close(decides.centre(), TEXT_CENTRE, 0.6, "QUYẾT ĐỊNH: centred");

    // Articles: "Điều N." bold at the paragraph indent, the text upright.
    let mut last_y = decides.y;
    for n in 1..=3 {
        let label = run(&l, &format!("Điều {n}."));
        assert!(label.bold, "Điều {n}. is bold");
        assert_close(label.x, INDENT_X, 0.3, "Điều indented like a paragraph");
        assert!(label.y > last_y, "Điều {n} in order");
        last_y = label.y;
    }
    let article = line(&l, "Điều 2.");
    assert!(
        article
            .text
            .contains("Quyết định này có hiệu lực thi hành kể từ ngày ký.")
    );
    assert!(
        text.contains("chịu trách nhiệm thi hành Quyết định này./."),
        "the last article closes the body"
    );
    assert!(l.find_line("Điều 4.").is_none());
    line(&l, "GIÁM ĐỐC");
    line(&l, "- Như Điều 3;");
}

#[test]
fn the_plan_a_decision_issues_follows_on_its_own_pages() {
    let l = layout(&example("quyet-dinh-tre-em-yen-bai-2024.yaml"));
    let plan = l
        .lines()
        .into_iter()
        .find(|r| r.text == "KẾ HOẠCH")
        .expect("the attached plan's type line");
    assert!(plan.page >= 1 && plan.bold);
    assert_close(plan.centre(), TEXT_CENTRE, 0.6, "KẾ HOẠCH centred");
    // The plan's page has the issuer and the motto, but no number or date of its own.
    let issuer = line(&l, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(issuer.page == 0);
    let words = page_words(&l, plan.page);
    assert!(
        words.contains("SỞ LAO ĐỘNG -")
            && words.contains("THƯƠNG BINH VÀ XÃ HỘI")
            && words.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{words}"
    );
    assert!(
        !words.contains("Số:") && !words.contains("Yên Bái, ngày"),
        "{words}"
    );
    // The signature is on an earlier page than the plan.
    assert!(line(&l, "Nguyễn Đức Tiến").page < plan.page);
    // The attachment line is computed from the decision's number, date and authority.
    let words = page_words(&l, plan.page);
    assert!(
        words.contains(
            "(Ban hành kèm theo Quyết định số 46/QĐ-SLĐTBXH ngày 08 tháng 3 năm 2024 của Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Yên Bái)"
        ),
        "{words}"
    );
    let attached = line(&l, "(Ban hành kèm theo Quyết định số 46/QĐ-SLĐTBXH");
    assert!(attached.italic && attached.page == plan.page);
    // The plan's own outline, targets stated from the data.
    for phrase in [
        "I. MỤC TIÊU, YÊU CẦU",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "III. TỔ CHỨC THỰC HIỆN",
        "Phấn đấu có 140 xã, phường, thị trấn",
        "Hỗ trợ, chăm sóc 2.500 trẻ em",
    ] {
        assert!(all_text(&l).contains(phrase), "missing {phrase:?}");
    }
    // Its pages are numbered on their own: the plan's first page shows no number.
    let numbers: Vec<_> = l
        .texts
        .iter()
        .filter(|t| t.page == plan.page && t.y < 20.0)
        .collect();
    assert!(numbers.is_empty(), "{numbers:?}");
    if l.pages.len() > plan.page + 1 {
        let next: Vec<_> = l
            .texts
            .iter()
            .filter(|t| t.page == plan.page + 1 && t.y < 20.0)
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(next, ["2"], "the plan's second page is its page 2");
    }
}

#[test]
fn the_attachment_line_follows_the_number_and_is_never_typed() {
    let text = std::fs::read_to_string(common::example_path("quyet-dinh-tre-em-yen-bai-2024.yaml"))
        .unwrap();
    let draft = text.replace("number: 46\n", "");
    let doc = Document::from_yaml_str(&draft).unwrap();
    let view = common::engine().view(&doc);
    let attachment = view.attachment.expect("an attachment");
    assert!(
        attachment
            .attached_to
            .starts_with("(Ban hành kèm theo Quyết định số      /QĐ-SLĐTBXH ngày 08 tháng 3 năm 2024 của Giám đốc"),
        "{}",
        attachment.attached_to
    );
    // Clauses of an article are numbered by the library and upright.
    let clauses = text.replace(
        "    - Quyết định này có hiệu lực thi hành kể từ ngày ký.\n",
        "    - text: \"Tổ công tác có nhiệm vụ:\"\n      body:\n        - { title: Rà soát hộ nghèo., body: [] }\n        - { title: Báo cáo kết quả., body: [] }\n",
    );
    assert_ne!(clauses, text);
    let l = layout(&Document::from_yaml_str(&clauses).unwrap());
    let article = line(&l, "Điều 2.");
    assert!(
        article.text.ends_with("Tổ công tác có nhiệm vụ:"),
        "{}",
        article.text
    );
    let clause = line(&l, "1. Rà soát hộ nghèo.");
    assert!(!clause.bold && clause.y > article.y);
    line(&l, "2. Báo cáo kết quả.");
    // The attached plan's targets are checked like a plan's.
    let broken = text.replace(
        "value: 2500",
        "value: -1\n          split: [ { name: a, value: 5 } ]",
    );
    let err = Document::from_yaml_str(&broken).unwrap_err();
    let diags = err.diagnostics().expect("diagnostics");
    assert!(
        diags
            .as_slice()
            .iter()
            .any(|d| d.path == "decision.attachment.goals.targets[1].split" && d.line.is_some()),
        "{err}"
    );
}

#[test]
fn a_submission_goes_to_its_superior_in_sections() {
    let l = layout(&example("to-trinh-tre-em-yen-bai-2024.yaml"));
    line(&l, "Số: 18/TTr-SLĐTBXH");
    let title = line(&l, "TỜ TRÌNH");
    assert_eq!(title.text, "TỜ TRÌNH");
    assert!(title.bold);
    assert_close(title.centre(), TEXT_CENTRE, 0.6, "TỜ TRÌNH centred");
    let kg = line(&l, "Kính gửi:");
    assert_eq!(kg.text, "Kính gửi: Ủy ban nhân dân tỉnh Yên Bái.");
    assert!(kg.y > title.y);
    let text = all_text(&l);
    let mut at = 0;
    for heading in [
        "I. SỰ CẦN THIẾT BAN HÀNH CHƯƠNG TRÌNH",
        "II. NỘI DUNG CHÍNH CỦA CHƯƠNG TRÌNH",
        "1. Mục tiêu",
        "2. Nhiệm vụ, giải pháp chủ yếu",
        "3. Kinh phí thực hiện",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
    ] {
        at += text[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing or out of order"));
    }
    let section = line(&l, "I. SỰ CẦN THIẾT");
    assert!(section.bold);
    assert!(text.contains("kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./."));
    line(&l, "KT. GIÁM ĐỐC");
}

#[test]
fn a_submission_needs_its_addressee() {
    let text =
        std::fs::read_to_string(common::example_path("to-trinh-tre-em-yen-bai-2024.yaml")).unwrap();
    let without = text.replace("addressees:\n  - Ủy ban nhân dân tỉnh Yên Bái\n", "");
    let err = Document::from_yaml_str(&without).unwrap_err();
    assert!(
        err.to_string().contains("a to-trinh needs `addressees`"),
        "{err}"
    );
    // A section of another kind is refused, not ignored.
    let mixed = format!("{text}\nletter: {{ tasks: [ a ] }}\n");
    let err = Document::from_yaml_str(&mixed).unwrap_err();
    assert!(
        err.to_string().contains("`letter` belongs to a cong-van"),
        "{err}"
    );
}

#[test]
fn a_notice_has_its_type_line_and_no_addressee() {
    let l = layout(&example("thong-bao-giao-ban-yen-bai-2024.yaml"));
    line(&l, "Số: 12/TB-SLĐTBXH");
    let title = line(&l, "THÔNG BÁO");
    assert_eq!(title.text, "THÔNG BÁO");
    assert!(title.bold);
    assert_close(title.centre(), TEXT_CENTRE, 0.6, "THÔNG BÁO centred");
    let subject = line(&l, "Kết luận của Giám đốc Sở");
    assert!(subject.bold);
    assert!(l.find_line("Kính gửi").is_none());
    let text = all_text(&l);
    for phrase in [
        "I. ĐÁNH GIÁ CHUNG",
        "II. NHIỆM VỤ TRỌNG TÂM THÁNG 4 NĂM 2024",
        "a) Phòng Lao động - Việc làm",
        "b) Phòng Bảo trợ xã hội",
        "c) Phòng Trẻ em và Bình đẳng giới",
        "để các phòng, đơn vị biết, thực hiện./.",
    ] {
        assert!(text.contains(phrase), "missing {phrase:?}");
    }
    let opening = line(&l, "Ngày 01/4/2024");
    assert_close(opening.x, INDENT_X, 0.3, "opening indented");
    line(&l, "TL. GIÁM ĐỐC");
    line(&l, "CHÁNH VĂN PHÒNG");
}
