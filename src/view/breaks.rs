//! Where a centred title or a header line may break. A clerk never splits a
//! word ("công / tác", "Thương / binh"), a place name ("Yên / Bái") or starts
//! a line with a spaced hyphen; and where the width allows, keeps a number
//! with its noun ("số / 163-KH/TU"), a date whole and "và", "của" with what
//! follows. So a text is cut into phrases, each a list of groups: a group
//! never breaks, a phrase breaks only where keeping it whole would cost a
//! line. The Typst library does the breaking.

/// How the words of a text were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// An office's name or title, each word capitalised
    /// (`Sở Lao động - Thương binh và Xã hội`): a capital starts a word.
    Name,
    /// A sentence (`Triển khai công tác trẻ em năm 2024`): only proper
    /// names are capitalised.
    Sentence,
}

/// Administrative units: before a place name they belong to it.
const UNITS: &[&str] = &[
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "thành phố",
    "thị xã",
    "thị trấn",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
];

/// Words that lean on the word after them: a line never ends with one.
const LEANING: &[&str] = &["và", "của", "về", "cho", "với", "tại", "trong", "theo"];

/// Nouns that stay with the number after them (`năm 2024`, `số 163-KH/TU`).
const COUNTED: &[&str] = &["số", "ngày", "tháng", "năm", "điều", "khoản", "điểm"];

/// The nouns of a date, which stays whole (`ngày 08 tháng 3 năm 2024`).
const DATE: &[&str] = &["ngày", "tháng", "năm"];

/// Words of more than one syllable that administrative texts use most: a
/// sentence breaks between words, not inside one ("thực hiện / công tác",
/// never "công / tác"). A word missing here may break inside; nothing worse.
const WORDS: &[&str] = &[
    // Three syllables first: the longest word wins.
    "người có công",
    "người lao động",
    "người khuyết tật",
    "người cao tuổi",
    "phi nông nghiệp",
    "khu công nghiệp",
    "sự cần thiết",
    "an sinh xã hội",
    // Two syllables.
    "an ninh",
    "an sinh",
    "an toàn",
    "báo cáo",
    "bạo lực",
    "ban hành",
    "bảo đảm",
    "bảo trợ",
    "bảo vệ",
    "bệnh nhân",
    "bình đẳng",
    "bồi dưỡng",
    "bổn phận",
    "cai nghiện",
    "can thiệp",
    "cán bộ",
    "cận nghèo",
    "chăm sóc",
    "chỉ đạo",
    "chỉ số",
    "chỉ thị",
    "chỉ tiêu",
    "chính sách",
    "chủ trì",
    "chủ yếu",
    "chuyển dịch",
    "chương trình",
    "cơ quan",
    "cơ sở",
    "công tác",
    "công văn",
    "cung cấp",
    "cùng kỳ",
    "cuộc họp",
    "cuối năm",
    "dân tộc",
    "dịch vụ",
    "doanh nghiệp",
    "đào tạo",
    "đánh giá",
    "đầu năm",
    "đặc biệt",
    "địa bàn",
    "địa phương",
    "đề án",
    "đề nghị",
    "đề xuất",
    "điều hành",
    "đô thị",
    "đối tượng",
    "đối với",
    "đơn vị",
    "gia đình",
    "giai đoạn",
    "giải pháp",
    "giải quyết",
    "giải trí",
    "giám đốc",
    "giám sát",
    "giảm nghèo",
    "giao ban",
    "giáo dục",
    "ghi chú",
    "hạnh phúc",
    "hành động",
    "hệ thống",
    "hỗ trợ",
    "hoàn cảnh",
    "hoàn thành",
    "hoạt động",
    "hộ nghèo",
    "hướng dẫn",
    "hình thức",
    "kế hoạch",
    "kết luận",
    "kết quả",
    "kiểm tra",
    "kiến nghị",
    "kiến thức",
    "kinh phí",
    "kinh tế",
    "kỹ năng",
    "lao động",
    "liệt sĩ",
    "lĩnh vực",
    "mạng lưới",
    "mục tiêu",
    "nâng cao",
    "ngân sách",
    "nghề nghiệp",
    "nghị định",
    "nghị quyết",
    "người dân",
    "nguồn lực",
    "nhà nước",
    "nhiệm vụ",
    "nội dung",
    "nông nghiệp",
    "nông thôn",
    "pháp luật",
    "phát triển",
    "phê duyệt",
    "phòng chống",
    "phòng ngừa",
    "phối hợp",
    "phương hướng",
    "quản lý",
    "quy chế",
    "quy định",
    "quyết định",
    "sức khỏe",
    "số lượng",
    "tệ nạn",
    "thành phố",
    "thành viên",
    "thị xã",
    "thị trấn",
    "thiểu số",
    "thời gian",
    "thông báo",
    "thông tư",
    "thực hiện",
    "thương binh",
    "tiếp tục",
    "tổ chức",
    "tổng cộng",
    "tổng hợp",
    "tổng kết",
    "tổng số",
    "tờ trình",
    "trẻ em",
    "triển khai",
    "triệu đồng",
    "trọng tâm",
    "trợ giúp",
    "truyền thông",
    "tuyên truyền",
    "tuyển sinh",
    "tỷ đồng",
    "tỷ lệ",
    "ứng phó",
    "văn bản",
    "vận động",
    "việc làm",
    "vui chơi",
    "xã hội",
    "xâm hại",
    "xây dựng",
    "về việc",
];

/// One group under construction: its words and what they are.
#[derive(Debug, Clone)]
struct Group<'a> {
    words: Vec<&'a str>,
    /// One capitalised syllable, or a run of them (a proper name).
    proper: bool,
}

impl Group<'_> {
    fn lower(&self) -> String {
        self.words.join(" ").to_lowercase()
    }
}

/// Groups kept on one line where the width allows.
type Phrase<'a> = Vec<Group<'a>>;

/// `text` cut into phrases of groups (see the module); joined with spaces
/// they give back the text's words.
pub fn phrases(text: &str, style: Style) -> Vec<Vec<String>> {
    let groups = join_units(strong_groups(text, style));
    let mut phrases: Vec<Phrase> = groups.into_iter().map(|g| vec![g]).collect();
    phrases = join_counted(phrases);
    phrases = join_leaning(phrases);
    phrases = join_across_hyphens(phrases);
    phrases
        .into_iter()
        .map(|p| p.into_iter().map(|g| g.words.join(" ")).collect())
        .collect()
}

/// The groups of `text` that never break, a unit apart from its place name.
fn strong_groups(text: &str, style: Style) -> Vec<Group<'_>> {
    join_hyphens(join_proper_names(words(text, style)))
}

/// `text` cut into the words that never break, even in a narrow table
/// column: a unit may leave its place name there (`Huyện` / `Mù Cang Chải`).
pub fn unbreakable(text: &str, style: Style) -> Vec<String> {
    strong_groups(text, style)
        .into_iter()
        .map(|g| g.words.join(" "))
        .collect()
}

/// `text` cut into phrases, each written as one string.
pub fn groups(text: &str, style: Style) -> Vec<String> {
    phrases(text, style)
        .into_iter()
        .map(|p| p.join(" "))
        .collect()
}

/// The letters of a word, without the punctuation around it.
fn core(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// A syllable written with a capital and then small letters (`Bái`, `Y`),
/// not an abbreviation (`UBND`).
fn is_capitalised(word: &str) -> bool {
    let mut chars = core(word).chars();
    match chars.next() {
        Some(first) if first.is_uppercase() => chars.all(|c| !c.is_uppercase()),
        _ => false,
    }
}

fn is_lowercase(word: &str) -> bool {
    core(word).chars().next().is_some_and(char::is_lowercase)
}

fn is_hyphen(word: &str) -> bool {
    matches!(word, "-" | "–")
}

/// The number of words of the unit that starts `rest`, if one does.
fn unit_at(rest: &[&str]) -> Option<usize> {
    UNITS.iter().find_map(|unit| {
        let n = unit.split(' ').count();
        let candidate = rest.get(..n)?.join(" ").to_lowercase();
        (candidate == *unit).then_some(n)
    })
}

/// The number of syllables of the known word that starts `rest`, if one does.
fn word_at(rest: &[&str]) -> Option<usize> {
    WORDS.iter().find_map(|word| {
        let n = word.split(' ').count();
        let syllables = rest.get(..n)?;
        // Punctuation may open the first syllable and close the last only
        // ("(triệu đồng)", "bảo vệ,").
        let inner = |s: &&str| core(s) == *s;
        let clean = syllables[1..]
            .iter()
            .all(|s| s.starts_with(char::is_alphabetic))
            && syllables[..n - 1]
                .iter()
                .all(|s| s.ends_with(char::is_alphabetic))
            && syllables[1..n - 1].iter().all(inner);
        let candidate: Vec<&str> = syllables.iter().map(|s| core(s)).collect();
        (clean && candidate.join(" ").to_lowercase() == *word).then_some(n)
    })
}

/// The words of `text`. In a name, a capital starts a word and small
/// syllables continue it (`Lao động`), except a unit before a capitalised
/// place and a leaning word, which start their own.
fn words(text: &str, style: Style) -> Vec<Group<'_>> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let rest = &tokens[i..];
        let unit = unit_at(rest).filter(|&n| rest.get(n).is_some_and(|w| is_capitalised(w)));
        let known = (style == Style::Sentence).then(|| word_at(rest)).flatten();
        let n = unit.or(known).unwrap_or(1);
        let word = &rest[..n];
        let continues = style == Style::Name
            && unit.is_none()
            && is_lowercase(word[0])
            && !LEANING.contains(&core(word[0]).to_lowercase().as_str())
            && out.last().is_some_and(|g: &Group| {
                !g.words.last().is_some_and(|w| is_hyphen(w))
                    && !LEANING.contains(&g.lower().as_str())
            });
        match out.last_mut() {
            Some(last) if continues => {
                last.words.extend_from_slice(word);
                last.proper = false;
            }
            _ => out.push(Group {
                words: word.to_vec(),
                // A unit ("Huyện") is not the start of the name after it.
                proper: n == 1 && unit.is_none() && is_capitalised(word[0]),
            }),
        }
        i += n;
    }
    out
}

/// Runs of capitalised syllables are one proper name (`Hồ Chí Minh`), also
/// across a spaced hyphen between two runs (`Bà Rịa - Vũng Tàu`).
fn join_proper_names(groups: Vec<Group<'_>>) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let next_proper = groups.get(i + 1).is_some_and(|n| n.proper);
        match out.as_mut_slice() {
            [.., last] if g.proper && last.proper => last.words.extend(&g.words),
            [.., name, hyphen]
                if g.proper
                    && next_proper
                    && name.proper
                    && name.words.len() > 1
                    && hyphen.words.len() == 1
                    && is_hyphen(hyphen.words[0]) =>
            {
                name.words.push(hyphen.words[0]);
                name.words.extend(&g.words);
                out.pop();
            }
            _ => out.push(g.clone()),
        }
    }
    out
}

/// A unit before a proper name belongs to it (`tỉnh Yên Bái`, `Thành phố Hồ
/// Chí Minh`), except after an abbreviation, whose short name it completes
/// (`UBND huyện` / `Mù Cang Chải`).
fn join_units(groups: Vec<Group<'_>>) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    for g in groups {
        let after_abbreviation = out.len() >= 2 && is_abbreviation(&out[out.len() - 2]);
        match out.last_mut() {
            Some(last)
                if g.proper
                    && g.words.len() > 1
                    && !after_abbreviation
                    && UNITS.contains(&last.lower().as_str()) =>
            {
                last.words.extend(g.words);
                last.proper = false;
            }
            _ => out.push(g),
        }
    }
    out
}

/// A word in capitals only (`UBND`, `HĐND`).
fn is_abbreviation(group: &Group<'_>) -> bool {
    let word = core(group.words.last().copied().unwrap_or_default());
    word.chars().count() > 1
        && word.chars().all(|c| !c.is_lowercase())
        && word.chars().any(char::is_alphabetic)
}

fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
}

fn lower_core(word: &str) -> String {
    core(word).to_lowercase()
}

/// The first and the last word of a phrase.
fn ends<'a>(phrase: &Phrase<'a>) -> (&'a str, &'a str) {
    let first = phrase.first().and_then(|g| g.words.first()).copied();
    let last = phrase.last().and_then(|g| g.words.last()).copied();
    (first.unwrap_or_default(), last.unwrap_or_default())
}

/// A counted noun stays with its number (`năm 2024`, `số 46/QĐ-SLĐTBXH`), a
/// number with the date noun after it (`6 tháng`), and a date stays whole
/// (`ngày 08 tháng 3 năm 2024`).
fn join_counted(phrases: Vec<Phrase<'_>>) -> Vec<Phrase<'_>> {
    let mut out: Vec<Phrase> = Vec::new();
    for p in phrases {
        let (first, _) = ends(&p);
        let joins = out.last().is_some_and(|last| {
            let (start, end) = ends(last);
            let counted = is_number(first) && COUNTED.contains(&lower_core(end).as_str());
            let single = last.len() == 1 && last[0].words.len() == 1;
            let dated = DATE.contains(&lower_core(first).as_str())
                && is_number(end)
                && (single || DATE.contains(&lower_core(start).as_str()));
            counted || dated
        });
        match out.last_mut() {
            Some(last) if joins => last.extend(p),
            _ => out.push(p),
        }
    }
    out
}

/// A leaning word, or a sign alone (`%` in "Tỷ lệ % KH"), joins the phrase
/// after it (`và Xã hội`).
fn join_leaning(phrases: Vec<Phrase<'_>>) -> Vec<Phrase<'_>> {
    let mut out: Vec<Phrase> = Vec::new();
    let mut pending: Option<Phrase> = None;
    for p in phrases {
        let (first, _) = ends(&p);
        let sign = !first.chars().any(char::is_alphanumeric) && !is_hyphen(first);
        let leans = p.len() == 1
            && p[0].words.len() == 1
            && (sign || LEANING.contains(&lower_core(first).as_str()));
        let p = match pending.take() {
            Some(mut before) => {
                before.extend(p);
                before
            }
            None => p,
        };
        if leans {
            pending = Some(p);
        } else {
            out.push(p);
        }
    }
    out.extend(pending);
    out
}

/// A spaced hyphen keeps the phrases on either side together where the width
/// allows ("kinh tế - xã hội"); it may end a line, never start one.
fn join_across_hyphens(phrases: Vec<Phrase<'_>>) -> Vec<Phrase<'_>> {
    let mut out: Vec<Phrase> = Vec::new();
    for p in phrases {
        match out.last_mut() {
            Some(last) if is_hyphen(ends(last).1) => last.extend(p),
            _ => out.push(p),
        }
    }
    out
}

/// A spaced hyphen ends the group before it: it never starts a line.
fn join_hyphens(groups: Vec<Group<'_>>) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    for g in groups {
        match out.last_mut() {
            Some(last) if is_hyphen(g.words[0]) => last.words.extend(g.words),
            _ => out.push(g),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Vec<String> {
        groups(s, Style::Name)
    }

    fn sentence(s: &str) -> Vec<String> {
        groups(s, Style::Sentence)
    }

    #[test]
    fn an_office_breaks_between_its_words() {
        assert_eq!(
            name("Sở Lao động - Thương binh và Xã hội"),
            ["Sở", "Lao động - Thương binh", "và Xã hội"]
        );
        assert_eq!(
            name("Ủy ban nhân dân Thành phố Hồ Chí Minh"),
            ["Ủy ban nhân dân", "Thành phố Hồ Chí Minh"]
        );
        assert_eq!(
            name("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"),
            ["Ủy ban nhân dân", "tỉnh Bà Rịa - Vũng Tàu"]
        );
        assert_eq!(
            name("UBND huyện Mù Cang Chải"),
            ["UBND", "huyện", "Mù Cang Chải"]
        );
        assert_eq!(
            name("UBND Huyện Mù Cang Chải"),
            ["UBND", "Huyện", "Mù Cang Chải"]
        );
        assert_eq!(
            name("Sở Giao thông Vận tải"),
            ["Sở", "Giao thông", "Vận tải"]
        );
        assert_eq!(
            name("Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Yên Bái"),
            [
                "Giám đốc",
                "Sở",
                "Lao động - Thương binh",
                "và Xã hội",
                "tỉnh Yên Bái"
            ]
        );
    }

    #[test]
    fn a_sentence_keeps_words_names_numbers_and_hyphens() {
        assert_eq!(
            sentence("của Tỉnh ủy Yên Bái về nâng cao chỉ số hạnh phúc năm 2024"),
            [
                "của Tỉnh ủy Yên Bái",
                "về nâng cao",
                "chỉ số",
                "hạnh phúc",
                "năm 2024"
            ]
        );
        assert_eq!(
            sentence("Kế hoạch số 163-KH/TU ngày 16/02/2024"),
            ["Kế hoạch", "số 163-KH/TU", "ngày 16/02/2024"]
        );
        assert_eq!(
            sentence("phát triển kinh tế - xã hội tỉnh Bà Rịa - Vũng Tàu)"),
            ["phát triển", "kinh tế - xã hội", "tỉnh Bà Rịa - Vũng Tàu)"]
        );
        assert_eq!(
            sentence("thực hiện công tác bảo vệ, chăm sóc trẻ em"),
            ["thực hiện", "công tác", "bảo vệ,", "chăm sóc", "trẻ em"]
        );
        assert_eq!(
            sentence("nhiệm vụ 6 tháng cuối năm 2017 (ngày 08 tháng 3 năm 2024)"),
            [
                "nhiệm vụ",
                "6 tháng",
                "cuối năm 2017",
                "(ngày 08 tháng 3 năm 2024)"
            ]
        );
        assert_eq!(sentence("So cùng kỳ"), ["So", "cùng kỳ"]);
        assert_eq!(sentence("Tỷ lệ % KH"), ["Tỷ lệ", "% KH"]);
        assert_eq!(
            sentence("Kinh phí (triệu đồng)"),
            ["Kinh phí", "(triệu đồng)"]
        );
    }

    #[test]
    fn phrases_hold_groups() {
        assert_eq!(
            phrases("và Xã hội năm 2024", Style::Sentence),
            [vec!["và", "Xã hội"], vec!["năm", "2024"]]
        );
        assert_eq!(
            phrases("Sở Lao động - Thương binh và Xã hội", Style::Name),
            [
                vec!["Sở"],
                vec!["Lao động -", "Thương binh"],
                vec!["và", "Xã hội"]
            ]
        );
    }

    #[test]
    fn a_unit_leaves_its_place_name_only_in_a_table() {
        assert_eq!(
            phrases("Huyện Mù Cang Chải", Style::Sentence),
            [vec!["Huyện Mù Cang Chải"]]
        );
        assert_eq!(
            unbreakable("Thành phố Yên Bái", Style::Sentence),
            ["Thành phố", "Yên Bái"]
        );
    }

    #[test]
    fn groups_give_back_the_words() {
        for text in [
            "Sở Lao động - Thương binh và Xã hội",
            "(Ban hành kèm theo Quyết định số 46/QĐ-SLĐTBXH ngày 08 tháng 3 năm 2024 của Giám đốc Sở)",
            "- và của -",
            "",
        ] {
            for style in [Style::Name, Style::Sentence] {
                let words: Vec<&str> = text.split_whitespace().collect();
                assert_eq!(groups(text, style).join(" "), words.join(" "), "{text}");
            }
        }
    }
}
