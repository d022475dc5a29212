//! The outline of a plan: I. goals, II. tasks by field, III. implementation,
//! IV. funding, or the document's own `sections:`. Section numbers are
//! counted, never typed.

use crate::model::{Block, Bullet, Document, FieldKey, Indicator};
use crate::vi;

use super::blocks::flatten_into;
use super::numbering::Ctx;
use super::outline::{Standard, field_items, item, outlined_body};
use super::{ViewBlock, indicator_phrase};

/// The flattened body of a plan.
pub(crate) fn body(doc: &Document) -> Vec<ViewBlock> {
    outlined_body(doc, &mut |key, ctx| standard(doc, key, ctx))
}

/// A standard section of a plan, when the plan has it.
fn standard(doc: &Document, key: &str, ctx: &Ctx) -> Option<Standard> {
    let flat = |title: &str, items: &[Block]| {
        let mut blocks = Vec::new();
        flatten_into(items, &Vec::new(), ctx, &mut blocks);
        Some(Standard {
            title: title.to_string(),
            blocks,
        })
    };
    match key {
        "goals" => {
            let goals = doc.goals.as_ref()?;
            let title = goals.heading.as_deref().unwrap_or("Mục tiêu, yêu cầu");
            let mut items = Vec::new();
            if !goals.general.is_empty() {
                items.push(item(
                    &ctx.title("general", "Mục tiêu chung"),
                    goals.general.clone(),
                ));
            }
            if !goals.targets.is_empty() {
                items.push(item(
                    &ctx.title("targets", "Chỉ tiêu cụ thể"),
                    targets_blocks(&goals.targets, ctx),
                ));
            }
            if !goals.requirements.is_empty() {
                items.push(item(
                    &ctx.title("requirements", "Yêu cầu"),
                    goals.requirements.clone(),
                ));
            }
            items.extend(goals.body.iter().cloned());
            flat(title, &items)
        }
        "tasks" => flat(
            "Nhiệm vụ và giải pháp",
            &field_items(doc.tasks.as_ref()?, ctx),
        ),
        "implementation" => {
            let imp = doc.implementation.as_ref()?;
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
                items.push(item(
                    &ctx.title("reporting", "Chế độ báo cáo"),
                    vec![Block::Bullets { bullets }],
                ));
            }
            if let Some(closing) = &imp.closing {
                items.push(Block::Paragraph(closing.clone()));
            }
            flat("Tổ chức thực hiện", &items)
        }
        "funding" if !doc.funding.is_empty() => flat("Kinh phí thực hiện", &doc.funding),
        _ => None,
    }
}

/// Targets as bullets, grouped under a) b) points by field when they have one.
fn targets_blocks(targets: &[Indicator], ctx: &Ctx) -> Vec<Block> {
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
            Some(k) => format!("{}:", ctx.title(k.key(), k.title())),
            None => format!("{}:", ctx.title("other-targets", "Các chỉ tiêu khác")),
        };
        blocks.push(Block::Point {
            point: title,
            body: vec![Block::Bullets { bullets: in_group }],
        });
    }
    blocks
}
