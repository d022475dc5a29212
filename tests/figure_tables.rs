//! Tables computed from figures (issue 12, item 4): columns that `show` a
//! part of each figure, rows that cite figures, parts indented, totals
//! computed from sums; and a report's results table with its own columns.

mod common;

use common::{engine, layout};
use vanban::Document;
use vanban::inspect::{Layout, TextRun};

fn report(extra: &str) -> String {
    format!(
        r#"kind: bao-cao
issuer: {{ parent: UBND tỉnh Yên Bái, name: Sở Lao động - Thương binh và Xã hội, code: SLĐTBXH }}
number: 120
place: Yên Bái
date: 2017-06-20
subject: Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2017
period: {{ kind: 6-thang-dau-nam, year: 2017 }}
{extra}
signature: {{ authority: KT. GIÁM ĐỐC, title: Phó Giám đốc, name: Nguyễn Văn A }}
recipients: [ UBND tỉnh (b/c) ]
archive: VT
"#
    )
}

const FIGURES: &str = r#"figures:
  - id: viec-lam
    name: Việc làm
    unit: người
    actual: 9043
    plan: 17700
    previous: 8637
    parts:
      - { id: trong-tinh, name: Nam, actual: 6950, plan: 13500, previous: 6700 }
      - { id: ngoai-tinh, name: Nữ, actual: 2093, plan: 4200, previous: 1937 }
    complete: true
  - id: xkld
    name: XKLĐ
    unit: người
    actual: 312
    plan: 300
    previous: 330
    precision: 1
"#;

const TABLE: &str = r#"sections:
  - title: Kết quả
    body:
      - table:
          numbered: true
          columns:
            - { title: Chỉ tiêu, show: name }
            - { title: ĐVT, show: unit }
            - { title: KH, show: plan, total: true }
            - { title: TH, show: actual, total: true }
            - { title: "% KH", show: percent, total: true }
            - { title: "% CK", show: ratio, total: true }
            - { title: "+/-", show: difference }
            - { title: TT, show: portion }
            - Ghi chú
          rows:
            - { figure: viec-lam }
            - { figure: xkld, cells: [ Vượt ] }
          totals: Cộng
"#;

/// The cells of a table row, left to right: text runs on one baseline,
/// merged where a space (< 2 mm) separates them and split at a cell's
/// padding (two insets, 2,8 mm). Every cell of these rows fits on one line.
fn cells_on_baseline(l: &Layout, page: usize, y: f64) -> Vec<String> {
    let mut runs: Vec<&TextRun> = l
        .texts
        .iter()
        .filter(|t| t.page == page && (t.y - y).abs() < 0.3)
        .collect();
    runs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut cells: Vec<(String, f64)> = Vec::new();
    for run in runs {
        match cells.last_mut() {
            Some((text, right)) if run.x - *right < 2.0 => {
                if run.x - *right > 0.5 {
                    text.push(' ');
                }
                text.push_str(&run.text);
                *right = run.right();
            }
            _ => cells.push((run.text.clone(), run.right())),
        }
    }
    cells
        .into_iter()
        .map(|(t, _)| t.trim().to_string())
        .collect()
}

fn row_text(l: &Layout, needle: &str) -> String {
    let anchor = line_of(l, needle);
    cells_on_baseline(l, anchor.page, anchor.y).join(" | ")
}

fn line_of(l: &Layout, needle: &str) -> TextRun {
    l.find_line(needle)
        .unwrap_or_else(|| panic!("no line holds {needle:?}:\n{}", l.page_text(0)))
}

#[test]
fn every_cell_of_a_figure_row_is_computed_and_parts_are_indented() {
    let doc = Document::from_yaml_str(&report(&format!("{FIGURES}{TABLE}"))).unwrap();
    let l = layout(&doc);
    // 9.043 / 17.700 = 51,09%; 9.043 / 8.637 = 104,70%; 9.043 − 8.637 = 406.
    assert_eq!(
        row_text(&l, "Việc làm"),
        "1 | Việc làm | người | 17.700 | 9.043 | 51,09 | 104,70 | +406"
    );
    // A part: no STT, "- " before its name, its share of the whole (6.950 / 9.043 = 76,855%).
    assert_eq!(
        row_text(&l, "- Nam"),
        "- Nam | người | 13.500 | 6.950 | 51,48 | 103,73 | +250 | 76,86"
    );
    // Its own precision (1), above plan; the free cell last.
    assert_eq!(
        row_text(&l, "XKLĐ"),
        "2 | XKLĐ | người | 300 | 312 | 104,0 | 94,5 | -18 | Vượt"
    );
    // Totals: sums of the main rows, and the share of the summed plan
    // (9.355 / 18.000 = 51,97%), not a sum of shares; 9.355 / 8.967 = 104,33%.
    assert_eq!(
        row_text(&l, "Cộng"),
        "Cộng | người | 18.000 | 9.355 | 51,97 | 104,33./."
    );
    let total = line_of(&l, "Cộng");
    assert!(total.bold, "the totals row is bold");
    assert!(!line_of(&l, "Việc làm").bold, "a figure's row is not bold");
    // The part's name is indented further than its main row's.
    let main = line_of(&l, "Việc làm").x;
    let part = line_of(&l, "- Nam").x;
    assert!(part > main + 2.0, "part at {part}, main at {main}");
}

#[test]
fn a_row_can_leave_out_the_parts_and_plain_rows_mix_with_figure_rows() {
    let table = TABLE.replace(
        "- { figure: viec-lam }",
        "- { figure: viec-lam, parts: false }\n            - { cells: [ Nhóm, '', '', '', '', '', '', '', '' ], strong: true }",
    );
    let doc = Document::from_yaml_str(&report(&format!("{FIGURES}{table}"))).unwrap();
    let l = layout(&doc);
    let t = l.page_text(0);
    assert!(!t.contains("- Nam"), "{t}");
    let group = line_of(&l, "Nhóm");
    assert!(group.bold, "a strong row is bold");
    // The group row takes no number: the next figure is still 2.
    assert!(row_text(&l, "XKLĐ").starts_with("2 | XKLĐ"), "{t}");
}

#[test]
fn a_quoted_number_in_a_numeric_column_reads_the_vietnamese_way_as_written() {
    let yaml = report(
        "sections:\n  - title: Kết quả\n    body:\n      - table:\n          columns: [ Huyện, { title: Thu, numeric: true, total: true } ]\n          rows: [ [ A, \"12.375,300\" ], [ B, 10 ] ]\n          totals: Cộng\n",
    );
    let doc = Document::from_yaml_str(&yaml).unwrap();
    let l = layout(&doc);
    assert_eq!(row_text(&l, "12.375"), "A | 12.375,300");
    assert!(
        row_text(&l, "Cộng").starts_with("Cộng | 12.385,300"),
        "{}",
        l.page_text(0)
    );
}

#[test]
fn an_unknown_figure_a_row_with_too_many_cells_and_mixed_units_are_errors() {
    let bad = TABLE
        .replace("- { figure: viec-lam }", "- { figure: viec-lm }")
        .replace("cells: [ Vượt ]", "cells: [ Vượt, thừa ]");
    let err = Document::from_yaml_str(&report(&format!("{FIGURES}{bad}")))
        .err()
        .expect("errors")
        .to_string();
    assert!(err.contains("`figure: viec-lm` names no figure"), "{err}");
    assert!(err.contains("did you mean `viec-lam`"), "{err}");
    assert!(
        err.contains("2 cells, but the table has 1 columns"),
        "{err}"
    );
    let mixed = FIGURES.replace(
        "    name: XKLĐ\n    unit: người\n",
        "    name: XKLĐ\n    unit: lao động\n",
    );
    let err = Document::from_yaml_str(&report(&format!("{mixed}{TABLE}")))
        .err()
        .expect("errors")
        .to_string();
    assert!(
        err.contains("would add figures in lao động, người"),
        "{err}"
    );
}

#[test]
fn a_reports_results_table_takes_its_own_columns() {
    let results = r#"results:
  indicators:
    - { name: Việc làm, unit: người, actual: 9043, plan: 17700, previous: 8637 }
    - { name: XKLĐ, unit: người, actual: 312, plan: 300, previous: 330 }
  table:
    columns:
      - { title: Chỉ tiêu, show: name }
      - { title: Kế hoạch năm 2017, group: Năm 2017, show: plan }
      - { title: Thực hiện 6 tháng, group: Năm 2017, show: actual }
      - { title: Cùng kỳ năm 2016, show: previous }
      - { title: So cùng kỳ (%), show: ratio }
    totals: Cộng
"#;
    let doc = Document::from_yaml_str(&report(results)).unwrap();
    let l = engine().inspect(&doc).unwrap();
    assert_eq!(
        row_text(&l, "Việc làm"),
        "1 | Việc làm | 17.700 | 9.043 | 8.637 | 104,70"
    );
    let header = l.page_text(0);
    assert!(header.contains("Năm 2017"), "{header}");
    assert!(header.contains("6 tháng"), "{header}");
    // No column is marked `total`: the totals row holds its label only.
    assert_eq!(row_text(&l, "Cộng"), "Cộng");
}

#[test]
fn the_difference_part_words_the_change_as_an_amount() {
    let text = "results:\n  indicators: [ { name: A, unit: người, actual: 1 } ]\ndirection:\n  - \"Giải ngân ((g.value)) (((g.difference))); ((h.difference)); ((k.difference)).\"\nfigures:\n  - { id: g, unit: tỷ đồng, actual: \"528.870,2\", previous: \"516.793,3\", previous-label: tuần trước }\n  - { id: h, unit: người, actual: 5, previous: 7 }\n  - { id: k, unit: người, actual: 5, previous: 5 }\n";
    let doc = Document::from_yaml_str(&report(text)).unwrap();
    let flat = layout(&doc)
        .page_text(0)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("Giải ngân 528.870,2 tỷ đồng (tăng 12.076,9 tỷ đồng so với tuần trước); giảm 2 người so với cùng kỳ năm 2016; bằng cùng kỳ năm 2016."),
        "{flat}"
    );
}
