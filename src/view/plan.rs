//! The outline of a plan: I. goals, II. tasks by field, III. implementation,
//! IV. funding. Section numbers are counted, never typed.

use crate::model::{Block, Bullet, Document, FieldKey, Indicator};
use crate::vi;

use super::blocks::flatten_into;
use super::outline::{Sections, field_items, item};
use super::{ViewBlock, close_body, indicator_phrase};

/// The flattened body of a plan.
pub(crate) fn body(doc: &Document) -> Vec<ViewBlock> {
    let mut out = Vec::new();
    flatten_into(&doc.preamble, &Vec::new(), &mut out);
    let mut sections = Sections::default();

    if let Some(goals) = &doc.goals {
        let title = goals.heading.as_deref().unwrap_or("Mục tiêu, yêu cầu");
        sections.open(title, &mut out);
        let mut items = Vec::new();
        if !goals.general.is_empty() {
            items.push(item("Mục tiêu chung", goals.general.clone()));
        }
        if !goals.targets.is_empty() {
            items.push(item("Chỉ tiêu cụ thể", targets_blocks(&goals.targets)));
        }
        if !goals.requirements.is_empty() {
            items.push(item("Yêu cầu", goals.requirements.clone()));
        }
        items.extend(goals.body.iter().cloned());
        flatten_into(&items, &Vec::new(), &mut out);
    }

    if let Some(tasks) = &doc.tasks {
        sections.open("Nhiệm vụ và giải pháp", &mut out);
        flatten_into(&field_items(tasks), &Vec::new(), &mut out);
    }

    if let Some(imp) = &doc.implementation {
        sections.open("Tổ chức thực hiện", &mut out);
        let mut items = imp.intro.clone();
        for duty in &imp.units {
            items.push(item(&duty.unit, duty.tasks.clone()));
        }
        if !imp.reporting.is_empty() {
            let bullets = imp
                .reporting
                .iter()
                .map(|r| {
                    let date =
                        vi::date_short(r.deadline.year(), r.deadline.month(), r.deadline.day());
                    let who =
                        r.by.as_deref()
                            .map(|b| format!("{} ", b.trim()))
                            .unwrap_or_default();
                    Bullet::Text(format!(
                        "{}: {}gửi {} trước ngày {}.",
                        r.report.trim().trim_end_matches('.'),
                        who,
                        r.to.trim(),
                        date
                    ))
                })
                .collect();
            items.push(item("Chế độ báo cáo", vec![Block::Bullets { bullets }]));
        }
        if let Some(closing) = &imp.closing {
            items.push(Block::Paragraph(closing.clone()));
        }
        flatten_into(&items, &Vec::new(), &mut out);
    }

    if !doc.funding.is_empty() {
        sections.open("Kinh phí thực hiện", &mut out);
        flatten_into(&doc.funding, &Vec::new(), &mut out);
    }

    close_body(&mut out);
    out
}

/// Targets as bullets, grouped under a) b) points by field when they have one.
fn targets_blocks(targets: &[Indicator]) -> Vec<Block> {
    let bullet = |t: &Indicator| Bullet::Text(format!("{}.", indicator_phrase(t)));
    if targets.iter().all(|t| t.field.is_none()) {
        return vec![Block::Bullets {
            bullets: targets.iter().map(bullet).collect(),
        }];
    }
    let mut blocks = Vec::new();
    let groups = FieldKey::ALL.iter().map(|k| Some(*k)).chain([None]);
    for key in groups {
        let in_group: Vec<Bullet> = targets
            .iter()
            .filter(|t| t.field == key)
            .map(bullet)
            .collect();
        if in_group.is_empty() {
            continue;
        }
        let title = match key {
            Some(k) => format!("{}:", k.title()),
            None => "Các chỉ tiêu khác:".to_string(),
        };
        blocks.push(Block::Point {
            point: title,
            body: vec![Block::Bullets { bullets: in_group }],
        });
    }
    blocks
}
