//! "Did you mean …?": the one home of suggestions for a misspelt key, value
//! or id, used by the parser, the schema check and validation alike.

/// The valid name closest to `name` by edit distance, if close enough to be a typo.
pub(crate) fn closest<'a>(name: &str, valid: &[&'a str]) -> Option<&'a str> {
    valid
        .iter()
        .map(|v| (edit_distance(name, v), *v))
        .filter(|(d, v)| *d <= (v.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

/// What to write instead of an unknown key: the closest valid one, if any
/// is close enough to be a typo, and every valid key.
pub(crate) fn unknown_key_hint(key: &str, valid: &[&str]) -> String {
    match closest(key, valid) {
        Some(best) => format!(
            "did you mean `{best}`? Valid keys here: {}",
            valid.join(", ")
        ),
        None if valid.is_empty() => "remove this key".to_string(),
        None => format!("valid keys here: {}", valid.join(", ")),
    }
}

/// "did you mean `x`? The plan's ids: a, b", or the list alone.
pub(crate) fn did_you_mean(name: &str, valid: &[&str], what: &str) -> String {
    match closest(name, valid) {
        Some(best) => format!("did you mean `{best}`? {what}: {}", valid.join(", ")),
        None => format!("{what}: {}", valid.join(", ")),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_key_is_suggested() {
        assert_eq!(
            closest("subjcet", &["subject", "signature"]),
            Some("subject")
        );
        assert_eq!(closest("xyz", &["subject", "signature"]), None);
    }

    #[test]
    fn hints_name_the_closest_and_every_valid_name() {
        assert_eq!(
            unknown_key_hint("subjet", &["subject", "date"]),
            "did you mean `subject`? Valid keys here: subject, date"
        );
        assert_eq!(unknown_key_hint("x", &[]), "remove this key");
        assert_eq!(
            did_you_mean("viec-lm", &["viec-lam", "nha-o"], "the plan's ids"),
            "did you mean `viec-lam`? the plan's ids: viec-lam, nha-o"
        );
    }
}
