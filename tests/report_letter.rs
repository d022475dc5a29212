//! End-to-end: reports and official letters — computed results, the results
//! table, the công văn header and Kính gửi.

mod common;

use std::path::PathBuf;

use common::{assert_close, engine, example, layout, line};
use vanban::Document;

fn all_text(l: &vanban::inspect::Layout) -> String {
    (0..l.pages.len())
        .map(|p| l.page_text(p))
        .collect::<Vec<_>>()
        .join("\n")
        .replace('\n', " ")
}

#[test]
fn the_half_year_report_words_its_results_from_the_data() {
    let l = layout(&example("bao-cao-6-thang-2017.yaml"));
    assert!(l.pages.len() >= 5, "{} pages", l.pages.len());
    let text = all_text(&l);
    for phrase in [
        "9.043 lao động (đạt 51,09% kế hoạch năm 2017); tăng 4,7% so với cùng kỳ năm 2016.",
        "7.390 người (đạt 48,62% kế hoạch năm 2017)",
        "vượt",
        "bằng cùng kỳ năm 2016",
        "giảm",
        "I. CÔNG TÁC THAM MƯU, CHỈ ĐẠO ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2017",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ] {
        assert!(text.contains(phrase), "missing {phrase:?}");
    }
    // The table row carries the same figures as the sentence.
    let row = l
        .lines()
        .into_iter()
        .find(|r| r.text.contains("Giải quyết việc làm") && r.size == 13.0)
        .expect("the table row");
    let cells: String = l
        .lines()
        .into_iter()
        .filter(|r| r.page == row.page && (r.y - row.y).abs() < 0.3)
        .map(|r| r.text)
        .collect::<Vec<_>>()
        .join(" | ");
    for figure in ["17.700", "9.043", "51,09", "+4,7%"] {
        assert!(cells.contains(figure), "{figure} not in the row: {cells}");
    }
}

#[test]
fn the_results_table_repeats_its_header_and_keeps_rows_whole() {
    let l = layout(&example("bao-cao-6-thang-2017.yaml"));
    let headers: Vec<_> = l
        .lines()
        .into_iter()
        .filter(|r| r.text == "Chỉ tiêu" && r.bold)
        .collect();
    assert!(
        headers.len() >= 2,
        "the results table should cross a page: {headers:?}"
    );
    let (first, second) = (&headers[0], &headers[1]);
    assert_eq!(
        second.page,
        first.page + 1,
        "the header is repeated on the next page"
    );
    assert!(
        second.y < 45.0,
        "the repeated header opens the page: y = {}",
        second.y
    );
    assert_close(first.x, second.x, 0.1, "same column");
    // No row is split: every numbered row's cells share a page (its STT and
    // its last cell in the "So cùng kỳ" column are on the same page).
    let table_pages = first.page..=second.page;
    let stt: Vec<_> = l
        .texts
        .iter()
        .filter(|r| table_pages.contains(&r.page) && r.size == 13.0 && r.x < 45.0 && !r.bold)
        .filter(|r| r.text.parse::<u32>().is_ok())
        .collect();
    assert!(
        stt.len() >= 8,
        "at least eight main indicators: {}",
        stt.len()
    );
    for cell in stt {
        let last = l
            .texts
            .iter()
            .filter(|t| (t.y - cell.y).abs() < 0.3 && t.x > 170.0 && t.size == 13.0)
            .count();
        let on_page = l
            .texts
            .iter()
            .any(|t| t.page == cell.page && (t.y - cell.y).abs() < 0.3 && t.x > 170.0);
        assert!(
            last >= 1 && on_page,
            "row {} is split or incomplete",
            cell.text
        );
    }
}

#[test]
fn letter_header_has_vv_under_the_number_and_no_type_line() {
    let l = layout(&example("cong-van-dien-bien-2022.yaml"));
    let number = line(&l, "Số: 464/SLĐTBXH-TE&BĐG");
    let vv = line(&l, "V/v triển khai");
    assert_eq!(vv.size, 12.0);
    assert!(!vv.bold && !vv.italic);
    assert_close(vv.centre(), number.centre(), 0.6, "V/v centred under Số");
    let gap_pt = (vv.y - number.y) / 0.352_778;
    assert!(
        (12.0..=24.0).contains(&gap_pt),
        "V/v is {gap_pt:.1} pt below Số"
    );
    for title in ["CÔNG VĂN", "KẾ HOẠCH", "BÁO CÁO"] {
        assert!(
            l.find_line(title).is_none(),
            "a công văn has no type line ({title})"
        );
    }
    // One addressee: on the "Kính gửi:" line, ending with a period.
    let kg = line(&l, "Kính gửi:");
    assert!(
        kg.text
            .starts_with("Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố."),
        "{}",
        kg.text
    );
    // Ten tasks in ordinal words, in order.
    let text = all_text(&l);
    let words = [
        "Một là,",
        "Hai là,",
        "Ba là,",
        "Bốn là,",
        "Năm là,",
        "Sáu là,",
        "Bảy là,",
        "Tám là,",
        "Chín là,",
        "Mười là,",
    ];
    let mut at = 0;
    for w in words {
        at += text[at..]
            .find(w)
            .unwrap_or_else(|| panic!("{w} missing or out of order"));
    }
    assert!(!text.contains("Mười một là"));
    assert!(text.contains("Thông tư số 13/2021/TT-BLĐTBXH ngày 30/9/2021"));
    assert!(text.trim_end().contains("./."));
}

#[test]
fn several_addressees_are_listed_with_aligned_dashes() {
    let l = layout(&example("bao-cao-6-thang-2017.yaml"));
    let kg = line(&l, "Kính gửi:");
    let rows: Vec<_> = l
        .lines()
        .into_iter()
        .filter(|r| r.page == 0 && r.y >= kg.y - 0.2 && r.y < kg.y + 20.0 && r.text.contains("- "))
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].text.ends_with(';') && rows[1].text.ends_with('.'),
        "{rows:?}"
    );
    assert_close(
        rows[0].y,
        kg.y,
        0.2,
        "the first addressee is on the Kính gửi line",
    );
    // The dashes of the two lines are aligned.
    let dash_x = |r: &vanban::inspect::TextRun| {
        l.texts
            .iter()
            .find(|t| t.page == r.page && (t.y - r.y).abs() < 0.2 && t.text.starts_with('-'))
            .map(|t| t.x)
            .expect("a dash")
    };
    assert_close(dash_x(&rows[0]), dash_x(&rows[1]), 0.1, "dashes aligned");
}

#[test]
fn sections_a_report_leaves_out_disappear() {
    let text = std::fs::read_to_string(common::example_path("bao-cao-tre-em-2022.yaml")).unwrap();
    // Drop the direction section: results become I., assessment II. …
    let start = text.find("\ndirection:").expect("a direction section");
    let end = start
        + 1
        + text[start + 1..]
            .find("\nresults:")
            .expect("results follow");
    let trimmed = format!("{}{}", &text[..start], &text[end..]);
    let doc = Document::from_yaml_str(&trimmed).unwrap();
    let t = all_text(&engine().inspect(&doc).unwrap());
    assert!(t.contains("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ"), "{t}");
    assert!(t.contains("II. ĐÁNH GIÁ CHUNG"));
    assert!(!t.contains(" V. KIẾN NGHỊ"));
    assert!(t.contains("IV. KIẾN NGHỊ, ĐỀ XUẤT"));
}

fn scratch(name: &str, text: &str) -> PathBuf {
    let path = common::scratch_path("report_letter", name);
    std::fs::write(&path, text).unwrap();
    path
}

fn report_with(result: &str) -> String {
    format!(
        r#"kind: bao-cao
issuer: {{ parent: UBND tỉnh Yên Bái, name: Sở Lao động - Thương binh và Xã hội, code: SLĐTBXH }}
number: 7
place: Yên Bái
date: 2024-06-20
subject: Kết quả 6 tháng đầu năm 2024
period: {{ kind: 6-thang-dau-nam, year: 2024 }}
plan-file: plan.yaml
results:
  indicators:
{result}
signature: {{ authority: KT. GIÁM ĐỐC, title: Phó Giám đốc, name: Nguyễn Văn A }}
recipients: [ UBND tỉnh (b/c) ]
archive: VT, VP
"#
    )
}

#[test]
fn results_refer_to_plan_targets_by_id() {
    scratch(
        "plan.yaml",
        &common::minimal_plan("Kế hoạch năm 2024", "Nhiệm vụ."),
    );
    let ok = scratch(
        "report-ok.yaml",
        &report_with(
            "    - { target: viec-lam, text: đã giải quyết việc làm cho, actual: 10500, previous: 10000 }",
        ),
    );
    let doc = Document::from_path(&ok).unwrap();
    let t = all_text(&engine().inspect(&doc).unwrap());
    assert!(
        t.contains("đã giải quyết việc làm cho 10.500 người (đạt 52,50% kế hoạch năm 2024); tăng 5,0% so với cùng kỳ năm 2023."),
        "{t}"
    );
    // The table takes the target's name, unit and plan figure.
    assert!(
        t.contains("Giải quyết việc làm cho người 20.000 10.500 52,50 +5,0%"),
        "{t}"
    );
}

#[test]
fn bad_references_and_tables_are_located() {
    scratch(
        "plan.yaml",
        &common::minimal_plan("Kế hoạch năm 2024", "Nhiệm vụ."),
    );
    let unknown = scratch(
        "report-unknown.yaml",
        &report_with("    - { target: viec-lam-2, actual: 1 }"),
    );
    let err = Document::from_path(&unknown).unwrap_err().to_string();
    assert!(err.contains("the plan has no target `viec-lam-2`"), "{err}");
    assert!(err.contains("did you mean `viec-lam`?"), "{err}");
    assert!(
        err.contains("line 11") && err.contains("results.indicators[0].target"),
        "{err}"
    );

    let unit = scratch(
        "report-unit.yaml",
        &report_with("    - { target: viec-lam, unit: hộ, actual: 1 }"),
    );
    let err = Document::from_path(&unit).unwrap_err().to_string();
    assert!(
        err.contains("the unit `hộ` differs from the unit of target `viec-lam` (`người`)"),
        "{err}"
    );
    assert!(err.contains("results.indicators[0].unit"), "{err}");

    let table = report_with("    - { name: Việc làm, unit: người, actual: 1 }").replace(
        "  indicators:",
        "  intro:\n    - table:\n        columns: [Huyện, Số lượng]\n        rows:\n          - [Văn Yên, 12]\n          - [Lục Yên]\n  indicators:",
    );
    let path = scratch("report-table.yaml", &table);
    let err = Document::from_path(&path).unwrap_err().to_string();
    assert!(
        err.contains("this row has 1 cells; the table has 2 columns"),
        "{err}"
    );
    assert!(
        err.contains("results.intro[0].table.rows[1]") && err.contains("line 15"),
        "{err}"
    );

    // Through the CLI: exit code 1 and no PDF.
    let out = path.with_extension("pdf");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("render")
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(!out.exists());
    assert!(String::from_utf8_lossy(&run.stderr).contains("report-table.yaml:15:"));
}

#[test]
fn general_tables_have_grouped_headers_and_computed_totals() {
    let l = layout(&example("bao-cao-6-thang-2017.yaml"));
    let total = line(&l, "Tổng cộng");
    assert!(total.bold);
    let row: String = l
        .lines()
        .into_iter()
        .filter(|r| r.page == total.page && (r.y - total.y).abs() < 0.3)
        .map(|r| r.text)
        .collect::<Vec<_>>()
        .join(" ");
    // Sums of the nine districts, computed by the library.
    assert!(row.contains("17.700") && row.contains("9.043"), "{row}");
    // Two header rows: a group title spans its columns above theirs.
    let group = l
        .texts
        .iter()
        .find(|r| r.page == total.page && r.bold && r.text.starts_with("Giải quyết"))
        .expect("the group heading");
    let subs: Vec<_> = l
        .texts
        .iter()
        .filter(|r| {
            r.page == group.page
                && r.bold
                && r.text.starts_with("Kế hoạch")
                && r.y > group.y
                && r.y < group.y + 20.0
        })
        .collect();
    assert_eq!(
        subs.len(),
        2,
        "one Kế hoạch sub-heading under each group: {subs:?}"
    );
    assert_close(subs[0].y, subs[1].y, 0.2, "sub-headings on one row");
}
