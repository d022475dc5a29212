//! The YAML mistakes a clerk makes when pasting prose, told in their own
//! terms: YAML's message ("mapping values are not allowed", "did not find
//! expected alphabetic or numeric character") names the parser's state, not
//! the cause. Each pitfall is recognised from the line the error is on, and
//! the hint shows that line written the way that works.

use crate::error::Diagnostic;

/// Rewrites the errors of a YAML text that did not parse whose cause is one
/// of the known pitfalls; the others are left as they are.
pub(crate) fn explain(diagnostics: &mut Vec<Diagnostic>, text: &str) {
    // The schema calls `subject: 2024` a number; serde takes it as the text
    // written, and so the document does once its other problems are fixed.
    if diagnostics
        .iter()
        .any(|d| d.is_error() && !is_scalar_taken_as_text(d))
    {
        diagnostics.retain(|d| !is_scalar_taken_as_text(d));
    }
    let lines: Vec<&str> = text.lines().collect();
    for d in diagnostics.iter_mut().filter(|d| d.is_error()) {
        let Some(number) = d.line else { continue };
        let Some(line) = number.checked_sub(1).and_then(|i| lines.get(i)) else {
            continue;
        };
        let told = tab_indent(line)
            .or_else(|| special_start(line))
            .or_else(|| colon_in_text(line, d))
            .or_else(|| list_after_text(&lines, number - 1, d))
            .or_else(|| scalar_for_text(line, d))
            .or_else(|| lines_in_one_line_key(d));
        if let Some((message, hint)) = told {
            d.message = message;
            d.hint = Some(hint);
        }
    }
}

fn is_scalar_taken_as_text(d: &Diagnostic) -> bool {
    d.message
        .strip_prefix("wrong type: expected text, found ")
        .is_some_and(|found| {
            found.starts_with("the number") || found == "`true`" || found == "`false`"
        })
}

/// What is said instead: the message and the hint.
type Told = Option<(String, String)>;

fn tab_indent(line: &str) -> Told {
    let indent: &str = &line[..line.len() - line.trim_start().len()];
    indent.contains('\t').then(|| {
        (
            "this line is indented with a tab; YAML indents with spaces only".into(),
            "replace the tab with spaces, as many as the lines around it use".into(),
        )
    })
}

/// Characters YAML reads specially at the start of a value, and how.
const SPECIAL: [(char, &str); 8] = [
    ('*', "a reference to an anchor (an alias)"),
    ('&', "the name of an anchor"),
    ('!', "a tag"),
    ('%', "a directive"),
    ('@', "a reserved character"),
    ('`', "a reserved character"),
    ('|', "the start of a literal block of text"),
    ('>', "the start of a folded block of text"),
];

fn special_start(line: &str) -> Told {
    let (lead, value) = split_value(line)?;
    let first = value.chars().next()?;
    let (_, reads_as) = SPECIAL.iter().find(|(c, _)| *c == first)?;
    // `|` or `>` alone (with `-`, `+` or a digit) does open a block.
    if matches!(first, '|' | '>') && value[1..].chars().all(|c| "+-0123456789 ".contains(c)) {
        return None;
    }
    Some((
        format!(
            "the text {} starts with {}, which YAML reads as {reads_as}",
            code(&shorten(value)),
            code(&first.to_string())
        ),
        format!("quote the whole text: {lead}{}", quoted(value)),
    ))
}

fn colon_in_text(line: &str, d: &Diagnostic) -> Told {
    let (lead, value) = split_value(line)?;
    let (before, _) = value.split_once(": ")?;
    let read_as_key = d.message.contains("mapping values are not allowed")
        || d.message.contains("found a mapping")
        || d.message == format!("unknown key `{before}`");
    (read_as_key && !is_plain_key(before)).then(|| {
        (
            format!(
                "the text `{}` holds `: `, which YAML reads as a key and its value",
                shorten(value)
            ),
            format!("quote the whole text: {lead}{}", quoted(value)),
        )
    })
}

/// `authority: KT. GIÁM ĐỐC` followed by `- PHÓ GIÁM ĐỐC`: a key holds a
/// text or a list, not both.
fn list_after_text(lines: &[&str], at: usize, d: &Diagnostic) -> Told {
    if !(d.message.contains("did not find expected key")
        || d.message.contains("block sequence entries are not allowed"))
    {
        return None;
    }
    let item = lines[at].trim_start().strip_prefix("- ")?;
    let above = lines[..at]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let (key, first) = above.trim().split_once(": ")?;
    if !is_plain_key(key) || first.trim().is_empty() {
        return None;
    }
    let mut items = vec![first.trim()];
    items.extend(
        lines[at..]
            .iter()
            .map_while(|l| l.trim_start().strip_prefix("- "))
            .map(str::trim),
    );
    Some((
        format!(
            "`- {}` follows `{key}: {}`, which already has its value",
            shorten(item),
            shorten(first.trim())
        ),
        format!(
            "a key holds one text or a list of lines, not both: `{key}: [{}]`, or `{key}:` alone with a `- ` line for each",
            items.join(", ")
        ),
    ))
}

fn scalar_for_text(line: &str, d: &Diagnostic) -> Told {
    let rest = d.message.strip_prefix("wrong type: expected text")?;
    let (_, found) = rest.split_once(", found ")?;
    let (lead, value) = split_value(line)?;
    let reads_as = if found.starts_with("the number") {
        "a number"
    } else if found == "`true`" || found == "`false`" {
        "yes or no (a boolean)"
    } else {
        return None;
    };
    Some((
        format!("`{value}` reads as {reads_as} in YAML, where a text is expected"),
        format!("quote it: {lead}{}", quoted(value)),
    ))
}

/// A title or a decision's authority is one line; only the signature's
/// `authority` is written as lines.
fn lines_in_one_line_key(d: &Diagnostic) -> Told {
    if !d.message.ends_with("found a list") {
        return None;
    }
    let (what, hint) = if d.path == "signature.title" {
        (
            "the signer's title is one line, not a list",
            "write the title alone (`title: PHÓ CHỦ TỊCH`); the lines above it go in `authority`, as a list: `authority: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]`",
        )
    } else if d.path == "decision.authority" {
        (
            "the deciding authority is one line, not a list",
            "write it as it reads in the sentence (`authority: Chủ tịch Ủy ban nhân dân tỉnh`); the lines printed above the signature go in `signature.authority`",
        )
    } else {
        return None;
    };
    Some((what.into(), hint.into()))
}

/// A line's lead (`- `, `subject: `, without the indentation) and its plain
/// value; `None` for a quoted value, a flow mapping or list, or no value.
fn split_value(line: &str) -> Option<(String, &str)> {
    let mut rest = line.trim_start();
    let mut lead = String::new();
    while let Some(after) = rest.strip_prefix("- ") {
        lead.push_str("- ");
        rest = after.trim_start();
    }
    if let Some((key, value)) = rest.split_once(": ")
        && is_plain_key(key)
    {
        lead.push_str(key);
        lead.push_str(": ");
        rest = value.trim_start();
    }
    let value = rest.trim_end();
    let flow_or_quoted = value.starts_with(['"', '\'', '{', '[']);
    (!value.is_empty() && !flow_or_quoted).then_some((lead, value))
}

/// A key as the schema writes them (`subject`, `of-which`, `tre-em`), not prose.
fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Text between backticks, with room for a backtick inside it.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!(
            "{} …",
            text.chars().take(MAX).collect::<String>().trim_end()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn told(line: &str, message: &str) -> (String, Option<String>) {
        let mut d = vec![Diagnostic::error("tasks.a[0]", message).at(2, 5)];
        explain(&mut d, &format!("tasks:\n{line}\n"));
        (d[0].message.clone(), d[0].hint.clone())
    }

    #[test]
    fn a_colon_in_a_paragraph_is_told_with_the_quoted_line() {
        let (message, hint) = told(
            "    - Chính sách tín dụng: cho vay 500 hộ",
            "wrong type: expected text or a mapping, found a mapping",
        );
        assert_eq!(
            message,
            "the text `Chính sách tín dụng: cho vay 500 hộ` holds `: `, which YAML reads as a key and its value"
        );
        assert_eq!(
            hint.unwrap(),
            "quote the whole text: - \"Chính sách tín dụng: cho vay 500 hộ\""
        );
    }

    #[test]
    fn a_block_header_and_a_schema_key_are_not_pitfalls() {
        let (message, _) = told("    note: |", "did not find expected key");
        assert_eq!(message, "did not find expected key");
        let (message, _) = told("    of-which: x", "unknown key `of-which`");
        assert_eq!(message, "unknown key `of-which`");
    }

    #[test]
    fn quotes_inside_the_text_are_escaped() {
        let (_, hint) = told(
            "    - *Ghi chú \"mới\"",
            "did not find expected alphabetic or numeric character",
        );
        assert_eq!(
            hint.unwrap(),
            r#"quote the whole text: - "*Ghi chú \"mới\"""#
        );
    }
}
