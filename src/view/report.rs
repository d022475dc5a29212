//! The outline of a report: I. direction, II. results (main indicators with
//! the results table, then field by field), III. assessment, IV. next tasks,
//! V. proposals. Sections a report leaves out disappear; the rest are renumbered.

use crate::model::{Block, Bullet, Period, PeriodKind};
use crate::resolve::{Resolved, ResultLine};
use crate::vi;

use super::ViewBlock;
use super::blocks::{flatten_into, table_block};
use super::numbering::Ctx;
use super::outline::{Standard, field_items, item, outlined_body};
use super::results::{change_clause, share_clause};

/// The flattened body of a report.
pub(crate) fn body(r: &Resolved) -> Vec<ViewBlock> {
    outlined_body(&r.doc, &mut |key, ctx| standard(r, key, ctx))
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
                if let Some(table) = &r.results_table {
                    out.push(table_block(table));
                }
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
struct Row {
    sentence: String,
    children: Vec<Row>,
}

impl Row {
    /// "toàn tỉnh đã giải quyết việc làm cho 9.043 lao động (đạt 51,09% kế
    /// hoạch năm 2017); tăng 4,7% so với cùng kỳ năm 2016".
    fn of(line: &ResultLine, labels: &Labels) -> Self {
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
