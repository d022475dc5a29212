//! Semantic checks: what serde cannot see. Every problem is collected (not
//! only the first) and located through the source map.

use crate::error::Diagnostic;
use crate::model::{
    Block, Cell, Document, Indicator, IndicatorResult, Kind, Layout, PeriodKind, Tasks,
};
use crate::source_map::{join_index, join_key};

/// Tolerance for comparing sums of figures written with decimals.
const SUM_EPSILON: f64 = 1e-6;

/// The signing authorities Nghị định 30 knows.
pub const AUTHORITIES: [&str; 5] = ["TM.", "KT.", "Q.", "TL.", "TUQ."];

/// Checks a parsed document; returns every problem found (errors and warnings).
/// `plan` is the plan file a report's results refer to, if any.
pub fn validate(doc: &Document, plan: Option<&Document>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_kind_sections(doc, &mut out);
    check_period(doc, &mut out);
    check_results(doc, plan, &mut out);
    walk_blocks(doc, &mut |block, path| check_block(block, path, &mut out));
    check_number(doc, &mut out);
    check_signature(doc, &mut out);
    check_layout(&doc.layout, &mut out);
    check_ids(doc, &mut out);
    check_recipients(doc, &mut out);
    check_cited_dates(doc, plan, &mut out);
    check_plan_targets(doc, &mut out);
    if let Some(implementation) = &doc.implementation {
        for (i, duty) in implementation.reporting.iter().enumerate() {
            if duty.deadline < doc.date {
                out.push(
                    Diagnostic::error(
                        join_key(&join_index("implementation.reporting", i), "deadline"),
                        format!(
                            "the deadline {} is before the date of the plan ({})",
                            duty.deadline, doc.date
                        ),
                    )
                    .with_hint("a reporting deadline falls after the plan is issued"),
                );
            }
        }
    }
    out
}

/// The targets of a plan: units and breakdowns that add up.
fn check_plan_targets(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(goals) = &doc.goals {
        for (i, target) in goals.targets.iter().enumerate() {
            let path = join_index("goals.targets", i);
            if target.unit.as_deref().is_none_or(|u| u.trim().is_empty()) {
                out.push(
                    Diagnostic::error(
                        join_key(&path, "unit"),
                        format!("the target `{}` has no unit", target.name),
                    )
                    .with_hint("add `unit:` (người, nhà, hộ, %, triệu đồng …)"),
                );
            }
            check_indicator(target, &path, target.unit.as_deref().unwrap_or(""), out);
        }
    }
}

fn check_kind_sections(doc: &Document, out: &mut Vec<Diagnostic>) {
    let kind = doc.kind.key();
    let mut require = |present: bool, key: &str, what: &str, hint: &str| {
        if !present {
            out.push(
                Diagnostic::error(key, format!("a {kind} needs `{key}` ({what})"))
                    .with_hint(hint.to_string()),
            );
        }
    };
    match doc.kind {
        Kind::KeHoach => {
            require(
                doc.goals.is_some(),
                "goals",
                "I. MỤC TIÊU, YÊU CẦU",
                "add `goals:` with `general`, `targets`, `requirements` or `body`",
            );
            require(
                doc.tasks.is_some(),
                "tasks",
                "II. NHIỆM VỤ VÀ GIẢI PHÁP",
                "add `tasks:` with the tasks of each field",
            );
        }
        Kind::BaoCao => {
            require(
                doc.period.is_some(),
                "period",
                "the period the report covers",
                "add e.g. `period: { kind: 6-thang-dau-nam, year: 2017 }`",
            );
            require(
                doc.results.is_some(),
                "results",
                "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
                "add `results:` with `indicators` and/or `fields`",
            );
        }
        Kind::CongVan => {
            require(
                doc.letter.is_some(),
                "letter",
                "its opening, tasks and closing",
                "add `letter:` with `opening`, `tasks`, `closing`",
            );
            require(
                !doc.addressees.is_empty(),
                "addressees",
                "Kính gửi",
                "add `addressees: [ … ]`",
            );
        }
        Kind::QuyetDinh => {
            require(
                doc.decision.is_some(),
                "decision",
                "the authority and the articles",
                "add `decision:` with `authority` and `articles`",
            );
        }
        Kind::ToTrinh => {
            require(
                doc.submission.as_ref().is_some_and(|o| !o.is_empty()),
                "submission",
                "its body or sections",
                "add `submission:` with `body`, `sections` and/or `closing`",
            );
            require(
                !doc.addressees.is_empty(),
                "addressees",
                "Kính gửi: the superior it is submitted to",
                "add `addressees: [ Ủy ban nhân dân tỉnh … ]`",
            );
        }
        Kind::ThongBao => {
            require(
                doc.notice.as_ref().is_some_and(|o| !o.is_empty()),
                "notice",
                "its body or sections",
                "add `notice:` with `body`, `sections` and/or `closing`",
            );
        }
    }
    if let Some(decision) = &doc.decision {
        if decision.articles.is_empty() {
            out.push(
                Diagnostic::error("decision.articles", "a decision needs at least one article")
                    .with_hint("add `articles: [ … ]`: each is printed `Điều 1.`, `Điều 2.` …"),
            );
        }
        if decision.authority.trim().is_empty() {
            out.push(
                Diagnostic::error("decision.authority", "the deciding authority is empty")
                    .with_hint(
                        "write its title, e.g. `Giám đốc Sở Lao động - Thương binh và Xã hội`",
                    ),
            );
        }
        if let Some(a) = &decision.attachment {
            let plan = crate::view::attached_plan(doc, a);
            // The attached plan is checked as a plan; its paths are under the attachment.
            let mut inner = Vec::new();
            check_kind_sections(&plan, &mut inner);
            walk_blocks(&plan, &mut |block, path| {
                check_block(block, path, &mut inner)
            });
            check_plan_targets(&plan, &mut inner);
            for mut d in inner {
                d.path = join_key("decision.attachment", &d.path);
                out.push(d);
            }
        }
    }
    // Sections of another kind are a mistake, not something to ignore silently.
    let belongs = [
        ("goals", doc.goals.is_some(), Kind::KeHoach),
        ("tasks", doc.tasks.is_some(), Kind::KeHoach),
        (
            "implementation",
            doc.implementation.is_some(),
            Kind::KeHoach,
        ),
        ("funding", !doc.funding.is_empty(), Kind::KeHoach),
        ("period", doc.period.is_some(), Kind::BaoCao),
        ("plan-file", doc.plan_file.is_some(), Kind::BaoCao),
        ("direction", !doc.direction.is_empty(), Kind::BaoCao),
        ("results", doc.results.is_some(), Kind::BaoCao),
        ("assessment", doc.assessment.is_some(), Kind::BaoCao),
        ("next-tasks", doc.next_tasks.is_some(), Kind::BaoCao),
        ("proposals", !doc.proposals.is_empty(), Kind::BaoCao),
        ("letter", doc.letter.is_some(), Kind::CongVan),
        ("decision", doc.decision.is_some(), Kind::QuyetDinh),
        ("submission", doc.submission.is_some(), Kind::ToTrinh),
        ("notice", doc.notice.is_some(), Kind::ThongBao),
    ];
    for (key, present, owner) in belongs {
        if present && owner != doc.kind {
            out.push(
                Diagnostic::error(
                    key,
                    format!("`{key}` belongs to a {}, not a {kind}", owner.key()),
                )
                .with_hint(format!("remove `{key}`, or set `kind: {}`", owner.key())),
            );
        }
    }
}

fn check_period(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(p) = doc.period else { return };
    let needs_number = matches!(p.kind, PeriodKind::Quy | PeriodKind::Thang);
    let max = if p.kind == PeriodKind::Quy { 4 } else { 12 };
    match p.number {
        None if needs_number => out.push(
            Diagnostic::error("period", "a quarter or month period needs `number`")
                .with_hint(format!("add `number:` from 1 to {max}")),
        ),
        Some(n) if needs_number && !(1..=max).contains(&n) => out.push(
            Diagnostic::error(
                "period.number",
                format!("{n} is not a valid number for this period"),
            )
            .with_hint(format!("use 1 to {max}")),
        ),
        Some(_) if !needs_number => out.push(
            Diagnostic::error(
                "period.number",
                "only `quy` and `thang` periods have a number",
            )
            .with_hint("remove `number`"),
        ),
        _ => {}
    }
    if needs_number && !p.number.is_some_and(|n| (1..=max).contains(&n)) {
        // Where the period starts is unknown: said above.
        return;
    }
    let start_month = match p.kind {
        PeriodKind::SecondHalf => 7,
        PeriodKind::Quy => (p.number.unwrap_or(1).clamp(1, 4) - 1) * 3 + 1,
        PeriodKind::Thang => p.number.unwrap_or(1).clamp(1, 12),
        _ => 1,
    };
    if let Some(start) = crate::model::Date::from_ymd(p.year, start_month, 1)
        && doc.date < start
    {
        out.push(
            Diagnostic::error(
                "date",
                format!(
                    "the report is dated {} but its period starts on {}",
                    doc.date, start
                ),
            )
            .with_hint("a report is dated within or after the period it covers"),
        );
    }
}

fn check_results(doc: &Document, plan: Option<&Document>, out: &mut Vec<Diagnostic>) {
    let Some(results) = &doc.results else { return };
    for (i, r) in results.indicators.iter().enumerate() {
        check_result(r, &join_index("results.indicators", i), plan, None, out);
    }
}

fn check_result(
    r: &IndicatorResult,
    path: &str,
    plan: Option<&Document>,
    parent_unit: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    for (key, value) in [
        ("actual", Some(r.actual)),
        ("plan", r.plan),
        ("previous", r.previous),
    ] {
        if let Some(v) = value {
            if !v.is_finite() {
                out.push(Diagnostic::error(
                    join_key(path, key),
                    "the value is not a number",
                ));
            } else if v < 0.0 {
                out.push(
                    Diagnostic::error(
                        join_key(path, key),
                        format!("a count cannot be negative ({v})"),
                    )
                    .with_hint("write the amount achieved; a fall is computed from `previous`"),
                );
            }
        }
    }
    let mut unit = r.unit.clone();
    if let Some(id) = &r.target {
        let target_path = join_key(path, "target");
        if r.plan.is_some() {
            out.push(
                Diagnostic::error(target_path.clone(), "both `plan` and `target` are given")
                    .with_hint("keep one: `plan` is a figure, `target` refers to the plan file"),
            );
        }
        match plan {
            None => out.push(
                Diagnostic::error(target_path, format!("`target: {id}` refers to a plan, but there is no `plan-file`"))
                    .with_hint("add `plan-file: ke-hoach.yaml` (relative to this file), or give `plan:` as a figure"),
            ),
            Some(p) => match crate::view::find_target(p, id) {
                None => {
                    let ids = plan_ids(p);
                    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                    let hint = match crate::parse::closest(id, &refs) {
                        Some(best) => format!("did you mean `{best}`? The plan's ids: {}", ids.join(", ")),
                        None => format!("the plan's ids: {}", ids.join(", ")),
                    };
                    out.push(Diagnostic::error(target_path, format!("the plan has no target `{id}`")).with_hint(hint));
                }
                Some(t) => {
                    let target_unit = t.unit.clone().unwrap_or_default();
                    match &r.unit {
                        Some(u) if !target_unit.is_empty() && u.trim() != target_unit.trim() => out.push(
                            Diagnostic::error(
                                join_key(path, "unit"),
                                format!("the unit `{u}` differs from the unit of target `{id}` (`{target_unit}`)"),
                            )
                            .with_hint("measure the result in the target's unit, or remove `unit` to take it from the plan"),
                        ),
                        _ => unit = Some(target_unit),
                    }
                }
            },
        }
    }
    let planned = r.plan.or_else(|| {
        let id = r.target.as_deref()?;
        Some(crate::view::find_target(plan?, id)?.value)
    });
    if let Some(planned) = planned
        && planned > 0.0
        && r.actual > planned
        && r.actual.is_finite()
    {
        let share = crate::vi::format_percent(r.actual / planned * 100.0, 2);
        out.push(
            Diagnostic::warning(
                join_key(path, "actual"),
                format!("the result is {share} of the plan"),
            )
            .with_hint("a result above the plan happens; check it is not a typing slip"),
        );
    }
    let unit = unit.or_else(|| parent_unit.map(str::to_string));
    if unit.as_deref().is_none_or(|u| u.trim().is_empty()) && parent_unit.is_none() {
        out.push(
            Diagnostic::error(join_key(path, "unit"), "the result has no unit").with_hint(
                "add `unit:` (người, hộ, %, …) or refer to a plan target with `target:`",
            ),
        );
    }
    if r.name.is_none() && r.target.is_none() {
        out.push(
            Diagnostic::error(join_key(path, "name"), "the result has no name")
                .with_hint("add `name:` (printed in the results table)"),
        );
    }
    let list = join_key(path, "of-which");
    for (i, part) in r.of_which.iter().enumerate() {
        check_result(part, &join_index(&list, i), plan, unit.as_deref(), out);
    }
    let unit = unit.unwrap_or_default();
    let same_unit = r
        .of_which
        .iter()
        .all(|p| p.unit.as_deref().is_none_or(|u| u == unit));
    let sum: f64 = r.of_which.iter().map(|p| p.actual).sum();
    if same_unit && is_additive(&unit) && !r.of_which.is_empty() && sum > r.actual + SUM_EPSILON {
        out.push(
            Diagnostic::error(
                list,
                format!(
                    "the of-which parts exceed the total: {} is more than {}",
                    crate::vi::format_number(sum, 3),
                    crate::vi::format_number(r.actual, 3)
                ),
            )
            .with_hint("parts of a result cannot exceed it: correct a part or the total"),
        );
    }
}

fn plan_ids(plan: &Document) -> Vec<String> {
    fn collect(list: &[Indicator], out: &mut Vec<String>) {
        for t in list {
            if let Some(id) = &t.id {
                out.push(id.clone());
            }
            collect(&t.split, out);
            collect(&t.of_which, out);
        }
    }
    let mut ids = Vec::new();
    if let Some(goals) = &plan.goals {
        collect(&goals.targets, &mut ids);
    }
    ids
}

fn check_block(block: &Block, path: &str, out: &mut Vec<Diagnostic>) {
    let Block::Table { table } = block else {
        return;
    };
    let table_path = join_key(path, "table");
    let n = table.columns.len();
    if n == 0 {
        out.push(Diagnostic::error(
            join_key(&table_path, "columns"),
            "a table needs at least one column",
        ));
    }
    if !table.widths.is_empty() && table.widths.len() != n {
        out.push(
            Diagnostic::error(
                join_key(&table_path, "widths"),
                format!("{} widths for {n} columns", table.widths.len()),
            )
            .with_hint("give one width per column (the STT column of a numbered table is added by the library)"),
        );
    }
    for (i, row) in table.rows.iter().enumerate() {
        let row_path = join_index(&join_key(&table_path, "rows"), i);
        if row.len() != n {
            out.push(
                Diagnostic::error(
                    row_path.clone(),
                    format!(
                        "this row has {} cells; the table has {n} columns",
                        row.len()
                    ),
                )
                .with_hint("give every row one cell per column (write \"\" for an empty cell)"),
            );
        }
        for (j, (cell, col)) in row.iter().zip(&table.columns).enumerate() {
            if col.numeric
                && let Cell::Text(t) = cell
                && !t.trim().is_empty()
            {
                out.push(
                    Diagnostic::error(
                        join_index(&row_path, j),
                        format!(
                            "`{t}` is not a number, but column `{}` is numeric",
                            col.title
                        ),
                    )
                    .with_hint("write the number without separators (1200, 3.5)"),
                );
            }
        }
    }
}

/// Calls `f` on every block of the document with its YAML path, nested ones included.
pub fn walk_blocks(doc: &Document, f: &mut dyn FnMut(&Block, &str)) {
    fn list(blocks: &[Block], path: &str, f: &mut dyn FnMut(&Block, &str)) {
        for (i, b) in blocks.iter().enumerate() {
            let p = join_index(path, i);
            f(b, &p);
            if let Block::Item { body, .. } | Block::Point { body, .. } = b {
                list(body, &join_key(&p, "body"), f);
            }
        }
    }
    fn fields(t: &Tasks, path: &str, f: &mut dyn FnMut(&Block, &str)) {
        list(&t.intro, &join_key(path, "intro"), f);
        for (key, blocks) in t.fields() {
            list(blocks, &join_key(path, key.key()), f);
        }
        for (i, s) in t.other.iter().enumerate() {
            list(
                &s.body,
                &join_key(&join_index(&join_key(path, "other"), i), "body"),
                f,
            );
        }
    }
    list(&doc.preamble, "preamble", f);
    if let Some(g) = &doc.goals {
        list(&g.general, "goals.general", f);
        list(&g.requirements, "goals.requirements", f);
        list(&g.body, "goals.body", f);
    }
    if let Some(t) = &doc.tasks {
        fields(t, "tasks", f);
    }
    if let Some(imp) = &doc.implementation {
        list(&imp.intro, "implementation.intro", f);
        for (i, u) in imp.units.iter().enumerate() {
            list(
                &u.tasks,
                &join_key(&join_index("implementation.units", i), "tasks"),
                f,
            );
        }
    }
    list(&doc.funding, "funding", f);
    list(&doc.direction, "direction", f);
    if let Some(r) = &doc.results {
        list(&r.intro, "results.intro", f);
        if let Some(t) = &r.fields {
            fields(t, "results.fields", f);
        }
    }
    if let Some(a) = &doc.assessment {
        list(&a.achievements, "assessment.achievements", f);
        list(&a.limitations, "assessment.limitations", f);
        list(&a.causes, "assessment.causes", f);
    }
    if let Some(t) = &doc.next_tasks {
        fields(t, "next-tasks", f);
    }
    list(&doc.proposals, "proposals", f);
    if let Some(l) = &doc.letter {
        list(&l.opening, "letter.opening", f);
        list(&l.closing, "letter.closing", f);
    }
    if let Some(d) = &doc.decision {
        for (i, a) in d.articles.iter().enumerate() {
            list(
                &a.body,
                &join_key(&join_index("decision.articles", i), "body"),
                f,
            );
        }
    }
    for (key, outline) in [("submission", &doc.submission), ("notice", &doc.notice)] {
        if let Some(o) = outline {
            list(&o.body, &join_key(key, "body"), f);
            for (i, s) in o.sections.iter().enumerate() {
                list(
                    &s.body,
                    &join_key(&join_index(&join_key(key, "sections"), i), "body"),
                    f,
                );
            }
            list(&o.closing, &join_key(key, "closing"), f);
        }
    }
    for (i, a) in doc.appendices.iter().enumerate() {
        list(&a.body, &join_key(&join_index("appendices", i), "body"), f);
    }
}

/// Every `id` (targets at any depth, results at any depth) names one thing.
fn check_ids(doc: &Document, out: &mut Vec<Diagnostic>) {
    fn targets(list: &[Indicator], path: &str, ids: &mut Vec<(String, String)>) {
        for (i, t) in list.iter().enumerate() {
            let p = join_index(path, i);
            if let Some(id) = &t.id {
                ids.push((id.clone(), p.clone()));
            }
            targets(&t.split, &join_key(&p, "split"), ids);
            targets(&t.of_which, &join_key(&p, "of-which"), ids);
        }
    }
    fn results(list: &[IndicatorResult], path: &str, ids: &mut Vec<(String, String)>) {
        for (i, r) in list.iter().enumerate() {
            let p = join_index(path, i);
            if let Some(id) = &r.id {
                ids.push((id.clone(), p.clone()));
            }
            results(&r.of_which, &join_key(&p, "of-which"), ids);
        }
    }
    let mut ids = Vec::new();
    if let Some(goals) = &doc.goals {
        targets(&goals.targets, "goals.targets", &mut ids);
    }
    if let Some(r) = &doc.results {
        results(&r.indicators, "results.indicators", &mut ids);
    }
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (id, path) in &ids {
        if let Some(first) = seen.insert(id, path) {
            out.push(
                Diagnostic::error(join_key(path, "id"), format!("the id `{id}` is used twice"))
                    .with_hint(format!(
                        "it is already the id of {first}; give each one its own id"
                    )),
            );
        }
    }
}

/// The archive line is `archive:`, printed last; a recipient that is an
/// archive line would print it twice, and not last.
fn check_recipients(doc: &Document, out: &mut Vec<Diagnostic>) {
    for (i, r) in doc.recipients.iter().enumerate() {
        let lead = r.trim_start_matches(['-', '+', ' ']).to_lowercase();
        if lead.starts_with("lưu:") || lead.starts_with("lưu ") || lead == "lưu" {
            out.push(
                Diagnostic::error(
                    join_index("recipients", i),
                    "the archive line is written in `archive`, not among the recipients",
                )
                .with_hint(
                    "remove this entry and write `archive: VT, …`; it is printed as the list's last line",
                ),
            );
        }
    }
}

/// A document cannot cite a document issued after it: the legal bases'
/// dates (`ngày 12/3/2024`, `ngày 12 tháng 3 năm 2024`) and a report's plan.
fn check_cited_dates(doc: &Document, plan: Option<&Document>, out: &mut Vec<Diagnostic>) {
    for (i, basis) in doc.legal_bases.iter().enumerate() {
        for cited in crate::vi::cited_dates(basis) {
            if let Some(date) = crate::model::Date::from_ymd(cited.0, cited.1, cited.2)
                && date > doc.date
            {
                out.push(
                    Diagnostic::error(
                        join_index("legal-bases", i),
                        format!(
                            "this basis is dated {date}, after the document itself ({})",
                            doc.date
                        ),
                    )
                    .with_hint(
                        "a document cites only documents issued before it: check both dates",
                    ),
                );
            }
        }
    }
    if let Some(plan) = plan
        && plan.date > doc.date
    {
        out.push(
            Diagnostic::error(
                "plan-file",
                format!(
                    "the plan is dated {}, after this report ({})",
                    plan.date, doc.date
                ),
            )
            .with_hint("a report measures a plan issued before it: check both dates"),
        );
    }
}

fn check_number(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(n) = doc.number
        && !(1..=9999).contains(&n)
    {
        out.push(
            Diagnostic::error("number", format!("the number {n} is out of range")).with_hint(
                "numbers run from 1 to 9999 within a year; leave `number` out for a draft",
            ),
        );
    }
}

fn check_signature(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(authority) = &doc.signature.authority {
        let first = authority.split_whitespace().next().unwrap_or("");
        if !AUTHORITIES.contains(&first.to_uppercase().as_str()) {
            out.push(
                Diagnostic::error(
                    "signature.authority",
                    format!("`{authority}` does not start with a signing authority"),
                )
                .with_hint(
                    "write TM., KT., Q., TL. or TUQ. followed by the office, e.g. `KT. GIÁM ĐỐC`",
                ),
            );
        }
    }
    // KT. (ký thay): a deputy signs for the head, and the title says so.
    let deputy = doc
        .signature
        .title
        .trim_start()
        .to_lowercase()
        .starts_with("phó");
    let on_behalf = doc
        .signature
        .authority
        .as_deref()
        .and_then(|a| a.split_whitespace().next())
        .is_some_and(|first| first.eq_ignore_ascii_case("KT."));
    if on_behalf && !deputy {
        out.push(
            Diagnostic::error(
                "signature.title",
                format!(
                    "`KT.` is signed by a deputy, but the title is `{}`",
                    doc.signature.title
                ),
            )
            .with_hint(
                "write the deputy's title (`Phó Giám đốc`), or remove `KT.` if the head signs",
            ),
        );
    } else if deputy && !on_behalf && doc.signature.authority.is_none() {
        out.push(
            Diagnostic::warning(
                "signature.title",
                format!("a {} signs without `KT.`", doc.signature.title),
            )
            .with_hint(
                "a deputy signs for the head: add `authority: KT. GIÁM ĐỐC` (or the head's title)",
            ),
        );
    }
    if doc.archive.trim().is_empty() {
        out.push(
            Diagnostic::error("archive", "the archive line is empty").with_hint(
                "write who keeps copies, e.g. `VT, KHTC` (printed as `- Lưu: VT, KHTC.`)",
            ),
        );
    }
}

fn check_layout(layout: &Layout, out: &mut Vec<Diagnostic>) {
    if layout.font.as_deref().is_some_and(|f| f.trim().is_empty()) {
        out.push(
            Diagnostic::error("layout.font", "the font family is empty").with_hint(
                "name a family (`Times New Roman`, with --font-dir), or leave `font` out for Liberation Serif",
            ),
        );
    }
    let m = &layout.margins;
    let ranges = [
        ("layout.margins.top", m.top, 20.0, 25.0, "mm"),
        ("layout.margins.bottom", m.bottom, 20.0, 25.0, "mm"),
        ("layout.margins.left", m.left, 30.0, 35.0, "mm"),
        ("layout.margins.right", m.right, 15.0, 20.0, "mm"),
        ("layout.font-size", layout.font_size, 13.0, 14.0, "pt"),
        (
            "layout.line-spacing",
            layout.line_spacing,
            1.0,
            1.5,
            "lines",
        ),
        ("layout.indent", layout.indent, 1.0, 1.27, "cm"),
    ];
    for (path, value, lo, hi, unit) in ranges {
        if !(lo..=hi).contains(&value) {
            out.push(
                Diagnostic::error(
                    path,
                    format!("{value} {unit} is outside Nghị định 30's range"),
                )
                .with_hint(format!("use a value from {lo} to {hi} {unit}")),
            );
        }
    }
}

/// Units whose figures do not add up across parts (rates).
fn is_additive(unit: &str) -> bool {
    !unit.trim().ends_with('%')
}

fn check_indicator(ind: &Indicator, path: &str, unit: &str, out: &mut Vec<Diagnostic>) {
    if !ind.value.is_finite() {
        out.push(Diagnostic::error(
            join_key(path, "value"),
            "the value is not a number",
        ));
        return;
    }
    if ind.value < 0.0 {
        out.push(
            Diagnostic::error(
                join_key(path, "value"),
                format!("`{}` is negative ({})", ind.name, ind.value),
            )
            .with_hint("a target counts or measures something: write it as a positive figure; a fall is `change: giam`"),
        );
    }
    let unit = ind.unit.as_deref().unwrap_or(unit);
    check_parts(ind, path, "split", &ind.split, true, unit, out);
    check_parts(
        ind,
        path,
        "of-which",
        &ind.of_which,
        ind.complete,
        unit,
        out,
    );
    if ind.complete && ind.of_which.is_empty() {
        out.push(
            Diagnostic::error(
                join_key(path, "complete"),
                "`complete: true` but there are no `of-which` parts",
            )
            .with_hint("list the parts under `of-which`, or remove `complete`"),
        );
    }
}

fn check_parts(
    parent: &Indicator,
    path: &str,
    key: &str,
    parts: &[Indicator],
    complete: bool,
    unit: &str,
    out: &mut Vec<Diagnostic>,
) {
    let list_path = join_key(path, key);
    for (i, part) in parts.iter().enumerate() {
        check_indicator(part, &join_index(&list_path, i), unit, out);
    }
    let same_unit = parts
        .iter()
        .all(|p| p.unit.as_deref().is_none_or(|u| u == unit));
    if parts.is_empty() || !is_additive(unit) || !same_unit {
        return;
    }
    let sum: f64 = parts.iter().map(|p| p.value).sum();
    let fmt = |x: f64| crate::vi::format_number(x, 3);
    let terms = parts
        .iter()
        .map(|p| fmt(p.value))
        .collect::<Vec<_>>()
        .join(" + ");
    if complete && (sum - parent.value).abs() > SUM_EPSILON {
        out.push(
            Diagnostic::error(
                list_path,
                format!(
                    "the {key} parts of `{}` do not add up: {terms} = {}, not {}",
                    parent.name,
                    fmt(sum),
                    fmt(parent.value)
                ),
            )
            .with_hint(if key == "split" {
                "a split is complete: correct a part or the total".to_string()
            } else {
                "correct a part or the total, or remove `complete: true` if the parts are only some of the whole".to_string()
            }),
        );
    } else if !complete && sum > parent.value + SUM_EPSILON {
        out.push(
            Diagnostic::error(
                list_path,
                format!(
                    "the of-which parts of `{}` exceed the total: {terms} = {}, more than {}",
                    parent.name,
                    fmt(sum),
                    fmt(parent.value)
                ),
            )
            .with_hint("parts of a figure cannot exceed it: correct a part or the total"),
        );
    }
}
