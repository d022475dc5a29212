//! End-to-end: every example, typeset and measured against Nghị định 30.

mod common;

use common::{assert_close, example, layout, line};
use vanban::inspect::Layout;

const EXAMPLES: [&str; 2] = [
    "ke-hoach-yen-bai-2024.yaml",
    "ke-hoach-quang-ninh-2024.yaml",
];
const TOP_MARGIN: f64 = 25.0;

fn each_example(check: impl Fn(&str, &Layout)) {
    for name in EXAMPLES {
        let l = layout(&example(name));
        check(name, &l);
    }
}

#[test]
fn pages_are_a4_portrait() {
    each_example(|name, l| {
        assert!(l.pages.len() >= 3, "{name}: only {} pages", l.pages.len());
        for (w, h) in &l.pages {
            assert_close(*w, 210.0, 0.1, "page width");
            assert_close(*h, 297.0, 0.1, "page height");
        }
    });
}

#[test]
fn every_glyph_is_liberation_serif() {
    each_example(|name, l| {
        for run in &l.texts {
            assert_eq!(run.family, "Liberation Serif", "{name}: {:?}", run.text);
        }
    });
}

#[test]
fn body_text_sits_inside_the_decree_margins() {
    each_example(|name, l| {
        // Body lines of page 2: everything below the top margin.
        let body: Vec<_> = l
            .lines()
            .into_iter()
            .filter(|r| r.page == 1 && r.y > TOP_MARGIN)
            .collect();
        assert!(body.len() > 20, "{name}: page 2 has {} lines", body.len());
        let left = body.iter().map(|r| r.x).fold(f64::INFINITY, f64::min);
        let right = body.iter().map(|r| r.right()).fold(0.0, f64::max);
        assert!(
            (30.0..=35.01).contains(&left),
            "{name}: body starts {left:.2} mm from the left"
        );
        let right_margin = 210.0 - right;
        assert!(
            (14.99..=20.0).contains(&right_margin),
            "{name}: body ends {right_margin:.2} mm from the right"
        );
        // Justified: most lines of page 2 end at the right margin.
        let full = body
            .iter()
            .filter(|r| (r.right() - right).abs() < 0.3)
            .count();
        assert!(
            full * 2 > body.len(),
            "{name}: only {full} of {} lines are justified",
            body.len()
        );
    });
}

#[test]
fn header_boxes_have_their_styles_and_columns() {
    let l = layout(&example("ke-hoach-yen-bai-2024.yaml"));
    let parent = line(&l, "UBND TỈNH YÊN BÁI");
    let issuer = line(&l, "SỞ LAO ĐỘNG");
    let nation = line(&l, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    let motto = line(&l, "Độc lập - Tự do - Hạnh phúc");
    let number = line(&l, "Số: 25/KH-SLĐTBXH");
    let date = line(&l, "Yên Bái, ngày 05 tháng 3 năm 2024");
    let kind = line(&l, "KẾ HOẠCH");

    // Sizes and styles (nd30.md, header table).
    assert_eq!(
        (parent.size, parent.bold, parent.italic),
        (13.0, false, false)
    );
    assert_eq!((issuer.size, issuer.bold), (13.0, true));
    assert_eq!((nation.size, nation.bold), (13.0, true));
    assert_eq!((motto.size, motto.bold), (14.0, true));
    assert_eq!(
        (number.size, number.bold, number.italic),
        (13.0, false, false)
    );
    assert_eq!((date.size, date.italic), (14.0, true));
    assert_eq!((kind.size, kind.bold), (14.0, true));
    for r in [&parent, &issuer, &nation, &motto, &number, &date, &kind] {
        assert_eq!(r.page, 0);
    }

    // Same lines: parent | nation, issuer | motto, number | date.
    assert_close(
        parent.y,
        nation.y,
        0.2,
        "parent and national name baselines",
    );
    assert_close(issuer.y, motto.y, 0.2, "issuer and motto baselines");
    assert_close(number.y, date.y, 0.2, "number and date baselines");

    // Columns: left boxes centred on one axis, right boxes on another, to its right.
    assert_close(
        parent.centre(),
        issuer.centre(),
        0.5,
        "parent centred over issuer",
    );
    assert_close(
        number.centre(),
        issuer.centre(),
        0.5,
        "number centred under issuer",
    );
    assert_close(
        nation.centre(),
        motto.centre(),
        0.5,
        "motto centred under national name",
    );
    assert_close(
        date.centre(),
        motto.centre(),
        0.5,
        "date centred under motto",
    );
    assert!(
        nation.x > issuer.right(),
        "the national name is in the right column"
    );
    assert!(parent.right() < nation.x, "the columns do not overlap");
    // The national name fits its column on one line.
    assert!(nation.text.ends_with("VIỆT NAM"));

    // The type line is centred on the text width (35 … 190 mm).
    assert_close(
        kind.centre(),
        (35.0 + 190.0) / 2.0,
        0.5,
        "type line centred",
    );
    assert!(kind.y > number.y, "the type line is under the number line");
}

#[test]
fn rules_under_motto_issuer_and_subject() {
    let l = layout(&example("ke-hoach-yen-bai-2024.yaml"));
    let motto = line(&l, "Độc lập - Tự do - Hạnh phúc");
    let rules: Vec<_> = l.rules.iter().filter(|r| r.page == 0).collect();

    let under_motto = rules
        .iter()
        .find(|r| (r.centre() - motto.centre()).abs() < 1.0 && r.y > motto.y && r.y < motto.y + 5.0)
        .expect("a rule under the motto");
    assert_close(
        under_motto.length,
        motto.width,
        0.3,
        "motto rule as long as the motto",
    );
    // Clear of the descenders (0.216 em of 14 pt ≈ 1.07 mm) but close.
    assert!(
        under_motto.y - motto.y > 1.0,
        "the motto rule is clear of the text"
    );

    // Issuer: the rule is 1/3–1/2 of the issuer text's length, centred under its last line.
    let issuer_lines: Vec<_> = l
        .lines()
        .into_iter()
        .filter(|r| r.page == 0 && r.bold && r.size == 13.0 && r.right() < line(&l, "CỘNG HÒA").x)
        .collect();
    let issuer_width = issuer_lines.iter().map(|r| r.width).fold(0.0, f64::max);
    let last = issuer_lines
        .iter()
        .max_by(|a, b| a.y.total_cmp(&b.y))
        .expect("issuer lines");
    let under_issuer = rules
        .iter()
        .find(|r| (r.centre() - last.centre()).abs() < 1.0 && r.y > last.y && r.y < last.y + 5.0)
        .expect("a rule under the issuer");
    let ratio = under_issuer.length / issuer_width;
    assert!(
        (1.0 / 3.0..=0.5).contains(&ratio),
        "issuer rule is {ratio:.2} of the text"
    );

    // Subject: the rule under the last subject line (the one that ends it,
    // wherever the balanced lines break), 1/3–1/2 of its length.
    let subject = line(&l, "của người dân Yên Bái năm 2024");
    let under_subject = rules
        .iter()
        .find(|r| r.y > subject.y && r.y < subject.y + 5.0)
        .expect("a rule under the subject");
    let subject_width = l
        .lines()
        .into_iter()
        .filter(|r| {
            r.page == 0
                && r.bold
                && r.size == 14.0
                && r.y > line(&l, "KẾ HOẠCH").y
                && r.y <= subject.y
        })
        .map(|r| r.width)
        .fold(0.0, f64::max);
    let ratio = under_subject.length / subject_width;
    assert!(
        (1.0 / 3.0..=0.5).contains(&ratio),
        "subject rule is {ratio:.2} of the text"
    );
    assert_close(
        under_subject.centre(),
        (35.0 + 190.0) / 2.0,
        0.5,
        "subject rule centred",
    );
}

#[test]
fn page_numbers_start_on_page_two_centred_in_the_top_margin() {
    each_example(|name, l| {
        let in_top_margin = |page: usize| -> Vec<_> {
            l.lines()
                .into_iter()
                .filter(|r| r.page == page && r.y < TOP_MARGIN)
                .collect()
        };
        assert!(
            in_top_margin(0).is_empty(),
            "{name}: page 1 has {:?}",
            in_top_margin(0)
        );
        let appendix_start = l
            .lines()
            .into_iter()
            .find(|r| r.text == "Phụ lục")
            .map(|r| r.page)
            .unwrap_or(usize::MAX);
        for page in 1..l.pages.len() {
            let marks = in_top_margin(page);
            if page == appendix_start {
                assert!(marks.is_empty(), "{name}: the appendix starts unnumbered");
                continue;
            }
            assert_eq!(
                marks.len(),
                1,
                "{name}: page {} top margin: {marks:?}",
                page + 1
            );
            let expected = if page > appendix_start {
                page - appendix_start + 1
            } else {
                page + 1
            };
            assert_eq!(
                marks[0].text,
                expected.to_string(),
                "{name}: page {}",
                page + 1
            );
            assert!((13.0..=14.0).contains(&marks[0].size));
            assert!(!marks[0].bold && !marks[0].italic);
            assert_close(
                marks[0].centre(),
                (35.0 + 190.0) / 2.0,
                0.5,
                "page number centred",
            );
        }
    });
}

#[test]
fn signature_and_recipients_are_level_and_on_one_page() {
    each_example(|name, l| {
        let recipients = line(l, "Nơi nhận:");
        let authority = line(l, "KT. GIÁM ĐỐC");
        let title = line(l, "PHÓ GIÁM ĐỐC");
        let archive = line(l, "- Lưu: ");
        assert!(archive.text.ends_with('.'), "{name}: {}", archive.text);
        assert_eq!(
            (recipients.size, recipients.bold, recipients.italic),
            (12.0, true, true),
            "{name}"
        );
        assert_eq!(archive.size, 11.0, "{name}");
        assert_eq!(recipients.page, authority.page, "{name}: same page");
        assert_eq!(
            archive.page, authority.page,
            "{name}: the list stays with the signature"
        );
        assert_close(
            recipients.y,
            authority.y,
            0.2,
            "Nơi nhận level with the authority line",
        );
        assert!(
            recipients.right() < authority.x,
            "{name}: recipients left, signature right"
        );
        assert!(title.y > authority.y && authority.bold && title.bold);
        assert_close(
            title.centre(),
            authority.centre(),
            0.5,
            "title centred under authority",
        );
        // The name comes after about four blank lines, centred.
        let name_line = l
            .lines()
            .into_iter()
            .find(|r| {
                r.page == title.page
                    && r.y > title.y + 15.0
                    && (r.centre() - title.centre()).abs() < 0.5
            })
            .expect("the signer's name under the title");
        assert!(name_line.bold, "{name}: the name is bold");
    });
}

#[test]
fn sections_are_numbered_by_the_library() {
    let l = layout(&example("ke-hoach-quang-ninh-2024.yaml"));
    let text: String = (0..l.pages.len())
        .map(|p| l.page_text(p))
        .collect::<Vec<_>>()
        .join("\n");
    let pos = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} missing"));
    assert!(pos("I. MỤC TIÊU, YÊU CẦU") < pos("II. NHIỆM VỤ VÀ GIẢI PHÁP"));
    assert!(pos("II. NHIỆM VỤ VÀ GIẢI PHÁP") < pos("III. TỔ CHỨC THỰC HIỆN"));
    assert!(pos("2.1. Nội dung tập trung") < pos("a) Lĩnh vực trẻ em:"));
    assert!(pos("a) Lĩnh vực trẻ em:") < pos("b) Lĩnh vực bình đẳng giới:"));
    assert!(pos("2.2. Đối tượng") < pos("4.1. Lĩnh vực trẻ em"));
    assert!(text.contains("\n+ Tuyên truyền, hướng dẫn trẻ em"));
    // Exactly one section "II.".
    assert_eq!(text.matches("II. NHIỆM VỤ").count(), 1);
    // The appendix: its label, title in capitals and attachment line.
    assert!(text.contains("Phụ lục\nCÁC VĂN BẢN CHỈ ĐẠO CỦA TỈNH"));
    // The attachment line is balanced over two lines: where it breaks is the layout's to choose.
    assert!(
        text.replace('\n', " ")
            .contains("(Kèm theo Kế hoạch số 27/KH-SGTVT ngày 05 tháng 02 năm 2024 của Sở")
    );
}

#[test]
fn targets_are_stated_from_the_data() {
    let l = layout(&example("ke-hoach-yen-bai-2024.yaml"));
    let text: String = (0..l.pages.len())
        .map(|p| l.page_text(p))
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\n', " ");
    for phrase in [
        "giải quyết việc làm cho 20.000 người.",
        "Chuyển dịch 7.000 lao động nông nghiệp sang phi nông nghiệp.",
        "18.000 người, trong đó: hỗ trợ đào tạo nghề cho 4.000 lao động nông thôn",
        "1.883 nhà (làm mới 1.292 nhà; sửa chữa 591 nhà), trong đó:",
        "459 nhà (làm mới 246 nhà, sửa chữa 213 nhà)",
        "1.424 nhà (làm mới 1.046 nhà, sửa chữa 378 nhà)",
        "tỷ lệ hộ nghèo giảm 3,3% so với năm 2023.",
    ] {
        assert!(text.contains(phrase), "missing {phrase:?}");
    }
}
