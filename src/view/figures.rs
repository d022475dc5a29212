//! Sentences that state a figure: "Hỗ trợ làm nhà 1.883 nhà (làm mới 1.292
//! nhà; sửa chữa 591 nhà), trong đó: …". Computed from the indicator, never typed.

use crate::model::Indicator;
use crate::vi::{self, unit_suffix};

/// Decimals shown for figures in running text.
const FIGURE_DECIMALS: usize = 3;

/// The phrase for a target, without final punctuation.
pub(crate) fn indicator_phrase(ind: &Indicator) -> String {
    phrase(ind, ind.unit.as_deref().unwrap_or(""), 0)
}

fn phrase(ind: &Indicator, inherited_unit: &str, depth: usize) -> String {
    let unit = ind.unit.as_deref().unwrap_or(inherited_unit);
    let lead = ind.text.as_deref().unwrap_or(&ind.name);
    let figure = format!(
        "{}{}",
        vi::format_number(ind.value, FIGURE_DECIMALS),
        unit_suffix(unit)
    );
    let mut s = match ind.change {
        Some(change) => format!("{} {} {}", lead.trim(), change.word(), figure),
        None => format!("{} {}", lead.trim(), figure),
    };
    if let Some(suffix) = &ind.suffix {
        s.push(' ');
        s.push_str(suffix.trim());
    }
    if let Some(base) = &ind.compared_to {
        s.push_str(&format!(" so với {}", base.trim()));
    }
    // Deeper levels separate their parts with commas, the top level with semicolons.
    let sep = if depth == 0 { "; " } else { ", " };
    let parts = |list: &[Indicator]| -> String {
        list.iter()
            .map(|p| phrase(p, unit, depth + 1))
            .collect::<Vec<_>>()
            .join(sep)
    };
    if !ind.split.is_empty() {
        s.push_str(&format!(" ({})", parts(&ind.split)));
    }
    if let Some(note) = &ind.note {
        s.push_str(&format!(" ({})", note.trim().trim_end_matches('.')));
    }
    if !ind.of_which.is_empty() {
        s.push_str(&format!(", trong đó: {}", parts(&ind.of_which)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Change;

    fn ind(name: &str, value: f64) -> Indicator {
        let value = crate::model::Amount(value.to_string().parse().unwrap());
        Indicator {
            id: None,
            field: None,
            name: name.into(),
            text: None,
            value,
            unit: None,
            change: None,
            compared_to: None,
            split: vec![],
            of_which: vec![],
            complete: false,
            suffix: None,
            note: None,
        }
    }

    #[test]
    fn housing_target_reads_like_the_seed() {
        let split = |a, b| vec![ind("làm mới", a), ind("sửa chữa", b)];
        let mut ncc = ind("người có công", 459.0);
        ncc.split = split(246.0, 213.0);
        let mut hn = ind("hộ nghèo, hộ cận nghèo", 1424.0);
        hn.split = split(1046.0, 378.0);
        let mut house = ind("Hỗ trợ làm nhà", 1883.0);
        house.unit = Some("nhà".into());
        house.split = split(1292.0, 591.0);
        house.of_which = vec![ncc, hn];
        house.complete = true;
        assert_eq!(
            indicator_phrase(&house),
            "Hỗ trợ làm nhà 1.883 nhà (làm mới 1.292 nhà; sửa chữa 591 nhà), trong đó: \
             người có công 459 nhà (làm mới 246 nhà, sửa chữa 213 nhà); \
             hộ nghèo, hộ cận nghèo 1.424 nhà (làm mới 1.046 nhà, sửa chữa 378 nhà)"
        );
    }

    #[test]
    fn rates_and_changes() {
        let mut rate = ind("Tỷ lệ hộ nghèo", 3.3);
        rate.unit = Some("%".into());
        rate.change = Some(Change::Giam);
        rate.compared_to = Some("năm 2023".into());
        assert_eq!(
            indicator_phrase(&rate),
            "Tỷ lệ hộ nghèo giảm 3,3% so với năm 2023"
        );
    }
}
