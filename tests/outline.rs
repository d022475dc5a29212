//! The document's own outline (issue 12): `sections:` in the document's
//! order and titles, numbering computed to I., 1., 1.1., 1.1.1., a), then
//! dashes and pluses, each level in its style; the blocks real documents
//! use, a closing paragraph, a two-line authority, and a decision's plan
//! with an outline of its own. Measured in the laid-out pages.

mod common;

use common::{example, layout, minimal_plan};
use vanban::Document;
use vanban::inspect::{Layout, TextRun};

const CITY: &str = "ke-hoach-viec-lam-tp-yen-bai-2024.yaml";

/// All text of the document, lines joined by newlines.
fn text(l: &Layout) -> String {
    (0..l.pages.len())
        .map(|p| l.page_text(p))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The line that starts with `start`.
fn line_starting(l: &Layout, start: &str) -> TextRun {
    l.lines()
        .into_iter()
        .find(|r| r.text.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}:\n{}", text(l)))
}

/// The runs of the line that starts with `start`, left to right.
fn runs(l: &Layout, start: &str) -> Vec<TextRun> {
    let line = line_starting(l, start);
    let mut runs: Vec<TextRun> = l
        .texts
        .iter()
        .filter(|r| r.page == line.page && (r.y - line.y).abs() < 0.3)
        .cloned()
        .collect();
    runs.sort_by(|a, b| a.x.total_cmp(&b.x));
    runs
}

/// The style of every run of the line that starts with `start`: one
/// `(bold, italic)` for the whole line, or a panic if it is mixed.
fn style(l: &Layout, start: &str) -> (bool, bool) {
    let r = runs(l, start);
    let first = (r[0].bold, r[0].italic);
    assert!(
        r.iter().all(|x| (x.bold, x.italic) == first),
        "{start:?} mixes styles: {r:?}"
    );
    first
}

#[test]
fn the_document_orders_and_titles_its_sections() {
    let l = layout(&example(CITY));
    let t = text(&l);
    let pos = |s: &str| t.find(s).unwrap_or_else(|| panic!("{s:?} missing:\n{t}"));
    let sections = [
        "I. MỤC TIÊU",
        "II. THỜI GIAN VÀ PHẠM VI",
        "III. NỘI DUNG",
        "IV. NGUỒN VỐN",
        "V. TỔ CHỨC THỰC HIỆN",
    ];
    for pair in sections.windows(2) {
        assert!(pos(pair[0]) < pos(pair[1]), "{pair:?}");
    }
    assert!(!t.contains("MỤC TIÊU, YÊU CẦU") && !t.contains("NHIỆM VỤ VÀ GIẢI PHÁP"));
    // Each section is bold capitals.
    for s in sections {
        assert_eq!(style(&l, s), (true, false), "{s}");
    }
    // `titles:` renames the sub-headings and the fields, wherever they are.
    assert!(t.contains("\n2. Chỉ tiêu\n"), "{t}");
    assert!(t.contains("a) Công tác giải quyết việc làm, giáo dục nghề nghiệp:"));
    assert!(t.contains("1. Công tác giải quyết việc làm, giáo dục nghề nghiệp\n"));
    assert!(t.contains("2. Công tác giảm nghèo bền vững\n"));
    // The own section's paragraphs sit under its heading.
    assert!(pos("II. THỜI GIAN VÀ PHẠM VI") < pos("Thời gian thực hiện: từ tháng 3"));
    assert!(pos("Phạm vi thực hiện: 15 phường") < pos("III. NỘI DUNG"));
}

#[test]
fn numbering_runs_to_the_third_level_and_each_level_has_its_style() {
    let l = layout(&example(CITY));
    // 1. and 1.1. bold; 1.1.1. bold italic; a) upright; - and + upright.
    assert_eq!(style(&l, "1. Công tác giải quyết việc làm"), (true, false));
    assert_eq!(style(&l, "1.1. Tư vấn, giới thiệu việc làm"), (true, false));
    assert_eq!(
        style(&l, "1.1.1. Tổ chức phiên giao dịch việc làm"),
        (true, true)
    );
    assert_eq!(style(&l, "1.1.2. Tư vấn cho người lao động"), (true, true));
    assert_eq!(
        style(&l, "a) Phiên giao dịch việc làm định kỳ:"),
        (false, false)
    );
    assert_eq!(
        style(&l, "b) Phiên giao dịch việc làm lưu động:"),
        (false, false)
    );
    assert_eq!(style(&l, "+ Hàn Quốc"), (false, false));
    // A heading is indented like a paragraph: 1.1.1. starts where 1.1. does.
    let a = line_starting(&l, "1.1. Tư vấn");
    let b = line_starting(&l, "1.1.1. Tổ chức");
    assert!((a.x - b.x).abs() < 0.3, "{} vs {}", a.x, b.x);
}

#[test]
fn the_blocks_real_documents_use() {
    let l = layout(&example(CITY));
    let t = text(&l);
    let flat = t.replace('\n', " ");
    // Run-in: the bold numbered title and its sentence on one line.
    let r = runs(&l, "1. Phòng Lao động - Thương binh và Xã hội là cơ quan");
    let bold: String = r
        .iter()
        .filter(|x| x.bold)
        .map(|x| x.text.as_str())
        .collect();
    let upright: String = r
        .iter()
        .filter(|x| !x.bold)
        .map(|x| x.text.as_str())
        .collect();
    assert!(
        bold.replace(' ', "")
            .contains("1.PhòngLaođộng-ThươngbinhvàXãhội"),
        "{bold:?}"
    );
    assert!(upright.contains("là cơ quan thường trực"), "{upright:?}");
    assert!(t.contains("3. Ủy ban nhân dân các phường, xã xây dựng kế hoạch"));
    // After three run-ins, the reporting item is the fourth.
    assert!(t.contains("\n4. Chế độ báo cáo\n"));
    // A plain numbered list: upright, 1. 2. 3.
    for (i, entry) in [
        "Kỹ thuật chế biến món ăn",
        "May công nghiệp",
        "Sửa chữa máy nông nghiệp",
    ]
    .iter()
    .enumerate()
    {
        let start = format!("{}. {entry}", i + 1);
        assert_eq!(style(&l, &start), (false, false), "{start}");
    }
    // "*" lead-ins.
    assert!(t.contains("\n* Về công tác tuyên truyền\n"));
    assert!(t.contains("\n* Về hỗ trợ vay vốn\n"));
    // "trong đó" sentences.
    assert!(flat.contains(
        "Tổng kinh phí thực hiện Kế hoạch là 3.564,680 triệu đồng, trong đó: ngân sách tỉnh hỗ trợ 1.200,000 triệu đồng; ngân sách thành phố 1.864,680 triệu đồng; nguồn xã hội hóa 500,000 triệu đồng."
    ), "{flat}");
    assert!(flat.contains("hộ cận nghèo, trong đó: làm mới 30 nhà; sửa chữa 16 nhà."));
    // The note is italic.
    assert_eq!(style(&l, "(Kinh phí chi tiết theo dự toán"), (false, true));
    // The closing paragraph ends the body, once.
    assert!(flat.contains("xem xét, chỉ đạo./."), "{flat}");
    assert_eq!(flat.matches("./.").count(), 1);
}

#[test]
fn a_two_line_authority_and_the_short_name() {
    let l = layout(&example(CITY));
    let tm = line_starting(&l, "TM. ỦY BAN NHÂN DÂN");
    let kt = line_starting(&l, "KT. CHỦ TỊCH");
    let title = line_starting(&l, "PHÓ CHỦ TỊCH");
    assert!(tm.y < kt.y && kt.y < title.y);
    assert!((tm.centre() - kt.centre()).abs() < 0.5);
    assert!((kt.centre() - title.centre()).abs() < 0.5);
    assert!(tm.bold && kt.bold && title.bold);
    // The appendix line ends with the short name.
    let flat = text(&l).replace('\n', " ");
    assert!(
        flat.contains("(Kèm theo Kế hoạch số 58/KH-UBND ngày 12 tháng 3 năm 2024 của Ủy ban nhân dân thành phố)"),
        "{flat}"
    );
    assert!(
        Document::from_path(common::example_path(CITY))
            .unwrap()
            .warnings()
            .is_empty()
    );
}

#[test]
fn a_typed_close_mark_is_not_doubled() {
    let yaml = minimal_plan("Trẻ em năm 2024", "Tổ chức Tháng hành động vì trẻ em./.");
    let doc = Document::from_yaml_str(&yaml).unwrap();
    let w: Vec<&str> = doc.warnings().iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        w,
        ["`./.` is typed here; the library adds it where the body ends"]
    );
    let flat = text(&layout(&doc)).replace('\n', " ");
    assert!(
        flat.contains("Tổ chức Tháng hành động vì trẻ em./."),
        "{flat}"
    );
    assert_eq!(flat.matches("./.").count(), 1, "{flat}");
}

#[test]
fn a_document_reorders_sections_and_chooses_its_numbering() {
    let yaml = minimal_plan("Trẻ em năm 2024", "Tổ chức Tháng hành động vì trẻ em.")
        + "sections: [ tasks, { title: Kinh phí, body: [ Từ nguồn ngân sách. ] }, { use: goals, title: Chỉ tiêu } ]\n\
           numbering: [ \"A.\", \"1)\" ]\n";
    let doc = Document::from_yaml_str(&yaml).unwrap();
    let t = text(&layout(&doc));
    let pos = |s: &str| t.find(s).unwrap_or_else(|| panic!("{s:?} missing:\n{t}"));
    assert!(pos("A. NHIỆM VỤ VÀ GIẢI PHÁP") < pos("1) Trẻ em"));
    assert!(pos("1) Trẻ em") < pos("B. KINH PHÍ"));
    assert!(pos("B. KINH PHÍ") < pos("C. CHỈ TIÊU"));
    // Without `sections:` the standard outline: the same plan as always.
    let plain = Document::from_yaml_str(&minimal_plan("Trẻ em năm 2024", "x.")).unwrap();
    let t = text(&layout(&plain));
    assert!(t.find("I. MỤC TIÊU, YÊU CẦU").unwrap() < t.find("II. NHIỆM VỤ VÀ GIẢI PHÁP").unwrap());
}

#[test]
fn a_decisions_plan_has_an_outline_of_its_own() {
    let yaml = r#"kind: quyet-dinh
issuer: { name: [Ủy ban nhân dân, Thành phố Hà Nội], code: UBND, short-name: Ủy ban nhân dân Thành phố }
number: 12
place: Hà Nội
date: 2024-03-08
subject: Về việc ban hành Kế hoạch hỗ trợ việc làm năm 2024
decision:
  authority: Ủy ban nhân dân Thành phố Hà Nội
  articles: [ Ban hành kèm theo Quyết định này Kế hoạch hỗ trợ việc làm năm 2024., Quyết định này có hiệu lực kể từ ngày ký. ]
  attachment:
    subject: Hỗ trợ việc làm năm 2024
    sections:
      - { use: goals, title: Mục tiêu }
      - { title: Thời gian và phạm vi, body: [ "Năm 2024, trên địa bàn Thành phố." ] }
      - { use: tasks, title: Nội dung }
      - { title: Nguồn vốn, body: [ { text: "Tổng kinh phí 3.564,680 triệu đồng", of-which: [ ngân sách Thành phố 3.000 triệu đồng, "nguồn khác 564,680 triệu đồng" ] } ] }
      - { use: implementation }
    goals: { general: [ Tạo việc làm cho người lao động. ] }
    tasks: { lao-dong-viec-lam: [ Tổ chức sàn giao dịch việc làm. ] }
    implementation: { intro: [ { title: Sở Lao động - Thương binh và Xã hội, text: chủ trì thực hiện. } ] }
    closing: Trên đây là Kế hoạch hỗ trợ việc làm năm 2024 của Thành phố.
signature: { authority: [TM. Ủy ban nhân dân, KT. Chủ tịch], title: Phó Chủ tịch, name: Nguyễn Văn A }
recipients: [ Như Điều 2 ]
archive: VT, KT
"#;
    let doc = Document::from_yaml_str(yaml).unwrap_or_else(|e| panic!("{e}"));
    assert!(doc.warnings().is_empty(), "{:?}", doc.warnings());
    let l = layout(&doc);
    let t = text(&l);
    let pos = |s: &str| t.find(s).unwrap_or_else(|| panic!("{s:?} missing:\n{t}"));
    assert!(pos("Điều 2.") < pos("I. MỤC TIÊU"));
    for pair in [
        "I. MỤC TIÊU",
        "II. THỜI GIAN VÀ PHẠM VI",
        "III. NỘI DUNG",
        "IV. NGUỒN VỐN",
        "V. TỔ CHỨC THỰC HIỆN",
    ]
    .windows(2)
    {
        assert!(pos(pair[0]) < pos(pair[1]), "{pair:?}");
    }
    let flat = t.replace('\n', " ");
    assert!(
        flat.contains("ngày 08 tháng 3 năm 2024 của Ủy ban nhân dân Thành phố)"),
        "{flat}"
    );
    assert!(flat.contains(
        "Tổng kinh phí 3.564,680 triệu đồng, trong đó: ngân sách Thành phố 3.000 triệu đồng; nguồn khác 564,680 triệu đồng."
    ));
    assert!(flat.contains("1. Sở Lao động - Thương binh và Xã hội chủ trì thực hiện."));
    // Both bodies end with the mark: the decision's last article and the plan's closing.
    assert!(flat.contains("kể từ ngày ký./."));
    assert!(flat.contains("năm 2024 của Thành phố./."));
}

#[test]
fn a_standard_section_left_out_of_sections_is_an_error() {
    let yaml = minimal_plan("Trẻ em năm 2024", "x.") + "sections: [ goals ]\n";
    let err = Document::from_yaml_str(&yaml).unwrap_err();
    let d = err.diagnostics().unwrap().as_slice();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].path, "tasks");
    assert!(
        d[0].message.contains("would not be printed"),
        "{}",
        d[0].message
    );
}

#[test]
fn a_report_renames_its_sections_and_closes_with_its_own_paragraph() {
    let yaml = std::fs::read_to_string(common::example_path("bao-cao-6-thang-2017.yaml")).unwrap()
        + "sections:\n  - direction\n  - { use: results, title: Kết quả thực hiện nhiệm vụ 6 tháng đầu năm }\n  - assessment\n  - next-tasks\n  - proposals\n\
           titles: { indicators: Kết quả thực hiện các chỉ tiêu, causes: \"Nguyên nhân của tồn tại, hạn chế\" }\n\
           closing: Trên đây là báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2017 của Sở.\n";
    let doc = Document::from_yaml_str(&yaml).unwrap_or_else(|e| panic!("{e}"));
    let t = text(&layout(&doc));
    let flat = t.replace('\n', " ");
    assert!(
        flat.contains("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM"),
        "{t}"
    );
    assert!(t.contains("\n1. Kết quả thực hiện các chỉ tiêu\n"), "{t}");
    assert!(t.contains("Nguyên nhân của tồn tại, hạn chế\n"), "{t}");
    assert!(flat.contains("6 tháng đầu năm 2017 của Sở./."), "{flat}");
    assert_eq!(flat.matches("./.").count(), 1);
    // The same report without them: its standard outline, as always.
    let plain = text(&layout(&example("bao-cao-6-thang-2017.yaml")));
    assert!(plain.contains("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ\n"));
}
