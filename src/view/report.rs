//! The outline of a report: I. direction, II. results (main indicators with
//! the results table, then field by field), III. assessment, IV. next tasks,
//! V. proposals. Sections a report leaves out disappear; the rest are renumbered.

use crate::model::{Block, Bullet, Period, PeriodKind};
use crate::resolve::{Resolved, ResultLine};
use crate::vi;

use super::blocks::{STT_WIDTH, flatten_into, fr};
use super::numbering::Ctx;
use super::outline::{Sections, Standard, field_items, item, sections_into};
use super::results::{change_clause, share_clause};
use super::{HeaderCell, TableView, ViewBlock, close_body};

/// The flattened body of a report.
pub(crate) fn body(r: &Resolved) -> Vec<ViewBlock> {
    let doc = &r.doc;
    let ctx = Ctx::of(doc);
    let mut out = Vec::new();
    flatten_into(&doc.preamble, &Vec::new(), &ctx, &mut out);
    let mut sections = Sections::new();
    sections_into(
        doc,
        &ctx,
        &mut sections,
        &mut |key| standard(r, key, &ctx),
        &mut out,
    );
    flatten_into(&doc.closing, &Vec::new(), &ctx, &mut out);
    close_body(&mut out);
    out
}

/// A standard section of a report, when the report has it.
fn standard(r: &Resolved, key: &str, ctx: &Ctx) -> Option<Standard> {
    let doc = &r.doc;
    let flat = |title: &str, items: &[Block]| {
        let mut blocks = Vec::new();
        flatten_into(items, &Vec::new(), ctx, &mut blocks);
        Some(Standard {
            title: title.to_string(),
            blocks,
        })
    };
    match key {
        "direction" if !doc.direction.is_empty() => {
            flat("Công tác tham mưu, chỉ đạo điều hành", &doc.direction)
        }
        "results" => {
            let results = doc.results.as_ref()?;
            let mut out = Vec::new();
            flatten_into(&results.intro, &Vec::new(), ctx, &mut out);
            let mut number = 0;
            if !results.indicators.is_empty() {
                number += 1;
                out.push(heading(
                    ctx,
                    number,
                    &ctx.title("indicators", "Các chỉ tiêu chủ yếu"),
                ));
                // The table first, then each figure in words: the same computed values.
                let year = doc.period.map_or(doc.date.year(), |p| p.year);
                let labels = Labels {
                    plan: format!("kế hoạch năm {year}"),
                    previous: format!("cùng kỳ năm {}", year - 1),
                };
                let rows: Vec<Row> = r.results.iter().map(|l| Row::of(l, &labels)).collect();
                out.push(ViewBlock::Table(results_table(&rows)));
                let bullets = rows.iter().map(|r| r.bullet()).collect();
                flatten_into(&[Block::Bullets { bullets }], &vec![number], ctx, &mut out);
            }
            if let Some(fields) = &results.fields {
                let items = field_items(fields, ctx);
                if !items.is_empty() {
                    number += 1;
                    out.push(heading(
                        ctx,
                        number,
                        &ctx.title("fields", "Kết quả thực hiện trên các lĩnh vực"),
                    ));
                    flatten_into(&items, &vec![number], ctx, &mut out);
                }
            }
            Some(Standard {
                title: "Kết quả thực hiện nhiệm vụ".to_string(),
                blocks: out,
            })
        }
        "assessment" => {
            let a = doc.assessment.as_ref()?;
            let mut items = Vec::new();
            for (key, title, blocks) in [
                ("achievements", "Kết quả đạt được", &a.achievements),
                ("limitations", "Tồn tại, hạn chế", &a.limitations),
                ("causes", "Nguyên nhân", &a.causes),
            ] {
                if !blocks.is_empty() {
                    items.push(item(&ctx.title(key, title), blocks.clone()));
                }
            }
            flat("Đánh giá chung", &items)
        }
        "next-tasks" => {
            let next = doc.next_tasks.as_ref()?;
            let title = match doc.period.map(next_period) {
                Some(p) => format!("Phương hướng, nhiệm vụ {p}"),
                None => "Phương hướng, nhiệm vụ kỳ tới".to_string(),
            };
            flat(&title, &field_items(next, ctx))
        }
        "proposals" if !doc.proposals.is_empty() => flat("Kiến nghị, đề xuất", &doc.proposals),
        _ => None,
    }
}

fn heading(ctx: &Ctx, number: usize, title: &str) -> ViewBlock {
    let style = ctx.style(1);
    ViewBlock::Heading {
        label: ctx.label(1, &[number]),
        title: title.to_string(),
        bold: style.bold,
        italic: style.italic,
        depth: 1,
    }
}

/// "6 tháng đầu năm 2017", "quý II năm 2017", "tháng 6 năm 2017", "năm 2017".
pub(crate) fn period_text(p: Period) -> String {
    let n = p.number.unwrap_or(1);
    match p.kind {
        PeriodKind::FirstHalf => format!("6 tháng đầu năm {}", p.year),
        PeriodKind::SecondHalf => format!("6 tháng cuối năm {}", p.year),
        PeriodKind::NineMonths => format!("9 tháng năm {}", p.year),
        PeriodKind::Nam => format!("năm {}", p.year),
        PeriodKind::Quy => format!("quý {} năm {}", vi::roman(n).unwrap_or_default(), p.year),
        PeriodKind::Thang => format!("tháng {} năm {}", n, p.year),
    }
}

/// The period after `p`, as a report's section IV names it.
fn next_period(p: Period) -> String {
    let y = p.year;
    let n = p.number.unwrap_or(1);
    match p.kind {
        PeriodKind::FirstHalf => format!("6 tháng cuối năm {y}"),
        PeriodKind::NineMonths => format!("quý IV năm {y}"),
        PeriodKind::SecondHalf | PeriodKind::Nam => format!("năm {}", y + 1),
        PeriodKind::Quy if n >= 4 => format!("quý I năm {}", y + 1),
        PeriodKind::Quy => format!("quý {} năm {y}", vi::roman(n + 1).unwrap_or_default()),
        PeriodKind::Thang if n >= 12 => format!("tháng 1 năm {}", y + 1),
        PeriodKind::Thang => format!("tháng {} năm {y}", n + 1),
    }
}

/// How a sentence names the plan and the same period.
struct Labels {
    plan: String,
    previous: String,
}

/// A resolved result and its sentence.
struct Row<'a> {
    line: &'a ResultLine,
    sentence: String,
    children: Vec<Row<'a>>,
}

impl<'a> Row<'a> {
    /// "toàn tỉnh đã giải quyết việc làm cho 9.043 lao động (đạt 51,09% kế
    /// hoạch năm 2017); tăng 4,7% so với cùng kỳ năm 2016".
    fn of(line: &'a ResultLine, labels: &Labels) -> Self {
        let c = &line.computed;
        let mut sentence = format!(
            "{} {}{}",
            line.lead.trim(),
            c.actual,
            vi::unit_suffix(&line.unit)
        );
        if let Some(share) = share_clause(c, &labels.plan, &line.unit) {
            sentence.push(' ');
            sentence.push_str(&share);
        }
        if let Some(change) = change_clause(c, &labels.previous) {
            sentence.push_str("; ");
            sentence.push_str(&change);
        }
        Row {
            line,
            sentence,
            children: line.children.iter().map(|l| Row::of(l, labels)).collect(),
        }
    }

    fn bullet(&self) -> Bullet {
        let text = format!("{}.", self.sentence);
        if self.children.is_empty() {
            Bullet::Text(text)
        } else {
            Bullet::Nested {
                text,
                bullets: self.children.iter().map(Row::bullet).collect(),
            }
        }
    }
}

/// STT | Chỉ tiêu | Đơn vị | Kế hoạch | Thực hiện | Tỷ lệ % KH | So cùng kỳ.
fn results_table(rows: &[Row]) -> TableView {
    let titles = [
        "STT",
        "Chỉ tiêu",
        "Đơn vị",
        "Kế hoạch",
        "Thực hiện",
        "Tỷ lệ % KH",
        "So cùng kỳ",
    ];
    let mut table = TableView {
        widths: vec![
            STT_WIDTH.to_string(),
            fr(3.4),
            fr(1.3),
            fr(1.3),
            fr(1.3),
            fr(1.2),
            fr(1.2),
        ],
        header: vec![titles.iter().map(|t| HeaderCell::new(t, 1, 1)).collect()],
        rows: Vec::new(),
        groups: Vec::new(),
        levels: Vec::new(),
        name_column: 1,
        numeric: vec![3, 4, 5, 6],
        centred: vec![0, 2],
        strong_rows: Vec::new(),
    };
    fn push(table: &mut TableView, row: &Row, stt: String) {
        let line = row.line;
        let name = if line.level > 0 {
            format!("- {}", line.name.trim())
        } else {
            line.name.trim().to_string()
        };
        table.rows.push(vec![
            stt,
            name,
            line.unit.trim().to_string(),
            line.computed.plan.clone().unwrap_or_default(),
            line.computed.actual.clone(),
            line.computed.share_cell(),
            line.computed.change_cell(),
        ]);
        table.levels.push(line.level);
        for child in &row.children {
            push(table, child, String::new());
        }
    }
    for (i, row) in rows.iter().enumerate() {
        push(&mut table, row, (i + 1).to_string());
    }
    table.group_cells()
}
