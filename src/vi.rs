//! Vietnamese text conventions for official documents (Nghị định 30/2020/NĐ-CP).
//!
//! Conventions followed throughout this module:
//!
//! * Numbers use `.` as the thousands separator and `,` as the decimal
//!   separator: `20.000`, `3.564,68`, `-1.234.567`.
//! * Percentages carry no space before the sign: `51,09%`.
//! * Rounding is half away from zero on the decimal value *as written*: an
//!   `f64` is first turned into its shortest round-trip decimal form, so
//!   `2.675` rounds to `2,68` although its binary value is slightly below.
//! * A negative value that rounds to zero prints without sign (`0,0`, never
//!   `-0,0`).
//! * Dates, document numbers and the "Số:" line follow the leading-zero rule
//!   of Nghị định 30: days below 10, months 1 and 2, and document numbers
//!   below 10 get a leading `0`.
//! * Every string handed out is NFC, the form fonts and PDF text search
//!   expect.
//!
//! No function here panics, whatever its input.

use unicode_normalization::UnicodeNormalization;

/// Largest number of decimals honoured; beyond it an `f64` only has zeros
/// left, and the cap keeps allocation bounded for absurd requests.
pub const MAX_DECIMALS: usize = 1_000;

/// Inserts `.` between groups of three digits, counting from the right.
fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A finite number as its decimal digits, split at the decimal point.
#[doc(hidden)]
pub struct Digits {
    negative: bool,
    /// Integer digits, most significant first, at least one, no leading zeros
    /// except a lone `0`.
    int: Vec<u8>,
    /// Fractional digits, most significant first.
    frac: Vec<u8>,
}

impl Digits {
    /// The shortest decimal form of `x` (what `Display` prints), so rounding
    /// acts on the number as a person wrote it, not on its binary value.
    fn from_f64(x: f64) -> Option<Digits> {
        if !x.is_finite() {
            return None;
        }
        let text = format!("{}", x.abs());
        // Display for f64 never uses an exponent, but parse one anyway so a
        // future std change cannot produce garbage.
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i64>().ok()?),
            None => (text.as_str(), 0),
        };
        let (int_text, frac_text) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut digits: Vec<u8> = Vec::with_capacity(int_text.len() + frac_text.len());
        for c in int_text.chars().chain(frac_text.chars()) {
            digits.push(u8::try_from(c.to_digit(10)?).ok()?);
        }
        // Position of the decimal point within `digits`, moved by the exponent.
        let point = i64::try_from(int_text.len()).ok()?.checked_add(exponent)?;
        let (int, frac) = if point <= 0 {
            let zeros = usize::try_from(point.checked_neg()?).ok()?;
            let mut frac = vec![0u8; zeros];
            frac.extend_from_slice(&digits);
            (vec![0u8], frac)
        } else {
            let point = usize::try_from(point).ok()?;
            if point >= digits.len() {
                let mut int = digits;
                int.resize(point, 0);
                (int, Vec::new())
            } else {
                let frac = digits.split_off(point);
                (digits, frac)
            }
        };
        let mut value = Digits {
            negative: x.is_sign_negative(),
            int,
            frac,
        };
        value.strip_leading_zeros();
        Some(value)
    }

    fn strip_leading_zeros(&mut self) {
        let first_nonzero = self
            .int
            .iter()
            .position(|&d| d != 0)
            .unwrap_or(self.int.len().saturating_sub(1));
        self.int.drain(..first_nonzero);
        if self.int.is_empty() {
            self.int.push(0);
        }
    }

    /// Rounds half away from zero to exactly `decimals` fractional digits.
    fn round(&mut self, decimals: usize) {
        if self.frac.len() <= decimals {
            self.frac.resize(decimals, 0);
            return;
        }
        let round_up = self.frac.get(decimals).is_some_and(|&d| d >= 5);
        self.frac.truncate(decimals);
        if !round_up {
            return;
        }
        for d in self.frac.iter_mut().rev().chain(self.int.iter_mut().rev()) {
            if *d == 9 {
                *d = 0;
            } else {
                *d += 1;
                return;
            }
        }
        // Every digit was a 9: the carry adds a new leading digit.
        self.int.insert(0, 1);
    }

    fn trim_trailing_zeros(&mut self) {
        while self.frac.last() == Some(&0) {
            self.frac.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.int.iter().chain(self.frac.iter()).all(|&d| d == 0)
    }

    /// Vietnamese rendering; a value that is zero prints without sign.
    fn render(&self) -> String {
        let int: String = self.int.iter().map(|&d| char::from(b'0' + d)).collect();
        let mut out = String::with_capacity(int.len() * 2 + self.frac.len() + 2);
        if self.negative && !self.is_zero() {
            out.push('-');
        }
        out.push_str(&group_thousands(&int));
        if !self.frac.is_empty() {
            out.push(',');
            out.extend(self.frac.iter().map(|&d| char::from(b'0' + d)));
        }
        out
    }
}

/// What the formatting functions accept: an exact decimal (every figure of
/// a document) or an `f64` (its shortest decimal form).
pub trait Number {
    /// The number's decimal digits; None for NaN and infinities.
    #[doc(hidden)]
    fn digits(&self) -> Option<Digits>;
}

impl Number for f64 {
    fn digits(&self) -> Option<Digits> {
        Digits::from_f64(*self)
    }
}

impl Number for rust_decimal::Decimal {
    fn digits(&self) -> Option<Digits> {
        // Display of a Decimal never uses an exponent: its digits as they are.
        let text = self.abs().to_string();
        let (int_text, frac_text) = text.split_once('.').unwrap_or((&text, ""));
        let digit = |c: char| c.to_digit(10).and_then(|d| u8::try_from(d).ok());
        let int = int_text.chars().map(digit).collect::<Option<Vec<u8>>>()?;
        let frac = frac_text.chars().map(digit).collect::<Option<Vec<u8>>>()?;
        let mut value = Digits {
            negative: self.is_sign_negative(),
            int,
            frac,
        };
        value.strip_leading_zeros();
        Some(value)
    }
}

/// Fixed decimals with Vietnamese separators: (3564.68, 3) -> "3.564,680",
/// (-0.04, 1) -> "0,0". Rounds half away from zero on the decimal digits
/// (an `f64` on its shortest decimal form). NaN and infinities give "".
/// `decimals` is capped at [`MAX_DECIMALS`].
pub fn format_decimal(x: impl Number, decimals: usize) -> String {
    match x.digits() {
        Some(mut value) => {
            value.round(decimals.min(MAX_DECIMALS));
            value.render()
        }
        None => String::new(),
    }
}

/// A number as written in documents: integers without decimals ("1.883"),
/// otherwise the shortest decimal form ("3,3", "3.564,68"), rounded to at
/// most `max_decimals` decimals with trailing zeros trimmed. NaN and
/// infinities give "".
pub fn format_number(x: impl Number, max_decimals: usize) -> String {
    match x.digits() {
        Some(mut value) => {
            value.round(max_decimals.min(MAX_DECIMALS));
            value.trim_trailing_zeros();
            value.render()
        }
        None => String::new(),
    }
}

/// A figure as it was written: its own decimals, trailing zeros kept
/// ("10.367,700"), at most `max_decimals`.
pub fn format_written(x: rust_decimal::Decimal, max_decimals: usize) -> String {
    format_decimal(x, (x.scale() as usize).min(max_decimals))
}

/// Percentage without a space before the sign: (51.0923, 2) -> "51,09%".
/// NaN and infinities give "".
pub fn format_percent(x: impl Number, decimals: usize) -> String {
    let number = format_decimal(x, decimals);
    if number.is_empty() {
        number
    } else {
        number + "%"
    }
}

/// The unit after a number: `%` sticks to it, words take a space.
pub fn unit_suffix(unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        String::new()
    } else if unit.starts_with('%') {
        unit.to_string()
    } else {
        format!(" {unit}")
    }
}

/// Parses a number written the Vietnamese way: "20.000" -> 20000,
/// "3.564,680" -> 3564.68, "-1.234" -> -1234.
///
/// Surrounding whitespace is ignored and one leading `-` or `+` is allowed.
/// A `.` is accepted only as a thousands separator: the first group has one
/// to three digits and no leading zero, every later group exactly three, so
/// "12.34" and "1.23.4" are rejected rather than guessed. A `,` must have
/// digits on both sides. The value is exact (a decimal, never a float);
/// one that a decimal cannot hold exactly (more than 28 digits) is rejected.
/// The one reader of Vietnamese figures: YAML strings and CSV cells alike.
pub fn parse_number(s: &str) -> Option<rust_decimal::Decimal> {
    let s = s.trim();
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int_part, frac_part) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());

    let mut int_digits = String::with_capacity(int_part.len());
    if int_part.contains('.') {
        let mut groups = int_part.split('.');
        let first = groups.next()?;
        if !all_digits(first) || first.len() > 3 || first.starts_with('0') {
            return None;
        }
        int_digits.push_str(first);
        for group in groups {
            if group.len() != 3 || !all_digits(group) {
                return None;
            }
            int_digits.push_str(group);
        }
    } else if all_digits(int_part) {
        int_digits.push_str(int_part);
    } else {
        return None;
    }

    let mut text = String::with_capacity(int_digits.len() + 2);
    if negative {
        text.push('-');
    }
    text.push_str(&int_digits);
    if let Some(frac) = frac_part {
        if !all_digits(frac) {
            return None;
        }
        text.push('.');
        text.push_str(frac);
    }
    rust_decimal::Decimal::from_str_exact(&text).ok()
}

/// Day with the Nghị định 30 leading zero below 10.
fn day_text(day: u32) -> String {
    if day < 10 {
        format!("0{day}")
    } else {
        day.to_string()
    }
}

/// Month with the Nghị định 30 leading zero for January and February only
/// (so "tháng 01" cannot be misread when a digit is added by hand).
fn month_text(month: u32) -> String {
    if month == 1 || month == 2 {
        format!("0{month}")
    } else {
        month.to_string()
    }
}

/// Date of issue in the header: (2024, 1, 5) -> "ngày 05 tháng 01 năm 2024",
/// (2024, 6, 29) -> "ngày 29 tháng 6 năm 2024". The date is not checked
/// against the calendar: callers validate it.
pub fn date_of_issue(year: i32, month: u32, day: u32) -> String {
    format!(
        "ngày {} tháng {} năm {year}",
        day_text(day),
        month_text(month)
    )
}

/// The date line of an electronic document, its day and month left blank
/// for the signing tool to stamp at issue: "ngày      tháng      năm 2024".
pub fn date_of_issue_blank(year: i32) -> String {
    format!("ngày {BLANK} tháng {BLANK} năm {year}")
}

/// The room left for a number, a day or a month stamped at issue.
pub const BLANK: &str = "    ";

/// Date in running text: (2024, 2, 16) -> "16/02/2024", (2024, 7, 27) ->
/// "27/7/2024", same leading-zero rule as [`date_of_issue`].
pub fn date_short(year: i32, month: u32, day: u32) -> String {
    format!("{}/{}/{year}", day_text(day), month_text(month))
}

/// Roman numerals for 1..=3999 (section numbers): 4 -> "IV"; 0 or more than
/// 3999 -> None.
pub fn roman(n: u32) -> Option<String> {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if !(1..=3999).contains(&n) {
        return None;
    }
    let mut rest = n;
    let mut out = String::new();
    for (value, symbol) in TABLE {
        while rest >= value {
            out.push_str(symbol);
            rest -= value;
        }
    }
    Some(out)
}

/// The 23 letters Vietnamese documents use for points (điểm): no f, j, w, z.
const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Point letter: 1 -> "a", 5 -> "đ", 23 -> "y", then doubled like
/// spreadsheet columns (bijective base 23): 24 -> "aa", 25 -> "ab"; 0 -> "".
pub fn letter(n: usize) -> String {
    let base = POINT_LETTERS.len();
    let mut rest = n;
    let mut parts: Vec<&str> = Vec::new();
    while rest > 0 {
        rest -= 1;
        parts.push(POINT_LETTERS[rest % base]);
        rest /= base;
    }
    parts.iter().rev().copied().collect()
}

const DIGIT_WORDS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reads a group of three digits (`group` < 1000, non-zero). `full` reads
/// the hundreds even when zero ("không trăm"), as needed after a higher
/// group; a leading group drops them ("mười", not "không trăm mười").
fn read_triple(group: u64, full: bool, out: &mut Vec<&'static str>) {
    let hundreds = (group / 100 % 10) as usize;
    let tens = (group / 10 % 10) as usize;
    let units = (group % 10) as usize;
    let said_hundreds = full || hundreds > 0;
    if said_hundreds {
        out.push(DIGIT_WORDS[hundreds]);
        out.push("trăm");
    }
    match tens {
        0 => {
            if units > 0 {
                if said_hundreds {
                    out.push("linh");
                }
                out.push(DIGIT_WORDS[units]);
            }
        }
        1 => {
            out.push("mười");
            match units {
                0 => {}
                5 => out.push("lăm"),
                u => out.push(DIGIT_WORDS[u]),
            }
        }
        t => {
            out.push(DIGIT_WORDS[t]);
            out.push("mươi");
            match units {
                0 => {}
                1 => out.push("mốt"),
                4 => out.push("tư"),
                5 => out.push("lăm"),
                u => out.push(DIGIT_WORDS[u]),
            }
        }
    }
}

/// Reads `n` < 10^9 as triệu / nghìn / units groups; zero groups are skipped
/// and every group after the first said is read in full.
fn read_below_billion(n: u64, full: bool, out: &mut Vec<&'static str>) {
    let groups = [
        (n / 1_000_000 % 1_000, "triệu"),
        (n / 1_000 % 1_000, "nghìn"),
        (n % 1_000, ""),
    ];
    let mut full = full;
    for (group, scale) in groups {
        if group == 0 {
            continue;
        }
        read_triple(group, full, out);
        if !scale.is_empty() {
            out.push(scale);
        }
        full = true;
    }
}

/// Reads non-zero `n`; above 10^9 the part before "tỷ" is read recursively,
/// so 10^18 is "một tỷ tỷ" and 10^12 is "một nghìn tỷ".
fn read_number(n: u64, full: bool, out: &mut Vec<&'static str>) {
    const BILLION: u64 = 1_000_000_000;
    if n >= BILLION {
        read_number(n / BILLION, full, out);
        out.push("tỷ");
        let rest = n % BILLION;
        if rest > 0 {
            read_below_billion(rest, true, out);
        }
    } else {
        read_below_billion(n, full, out);
    }
}

/// Lower-case Vietnamese words for `n`: 11 -> "mười một", 21 -> "hai mươi
/// mốt", 1005 -> "một nghìn không trăm linh năm", 0 -> "không".
pub fn number_words(n: u64) -> String {
    if n == 0 {
        return DIGIT_WORDS[0].to_string();
    }
    let mut words = Vec::new();
    read_number(n, false, &mut words);
    words.join(" ")
}

/// Capitalised number words for task lists: 11 -> "Mười một".
pub fn ordinal_word(n: u64) -> String {
    capitalize_first(&number_words(n))
}

/// Lead-in of a numbered task in a letter: 1 -> "Một là", 11 -> "Mười một là".
pub fn ordinal_lead(n: u64) -> String {
    ordinal_word(n) + " là"
}

/// NFC-normalises a string, the form fonts and PDF text search expect.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Vietnamese-correct upper-casing of a whole string, NFC in and out, so a
/// decomposed "e\u{302}\u{303}" becomes the single letter "Ễ".
pub fn upper(s: &str) -> String {
    nfc(&nfc(s).to_uppercase())
}

/// Upper-cases the first letter only: "mười một" -> "Mười một", "đạt" ->
/// "Đạt". Leading spaces and punctuation are skipped ("(a)" -> "(A)"); if
/// the first alphanumeric character is a digit nothing changes. NFC in and
/// out.
pub fn capitalize_first(s: &str) -> String {
    let s = nfc(s);
    let Some((index, first)) = s.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
        return s;
    };
    if !first.is_alphabetic() {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 4);
    out.push_str(&s[..index]);
    out.extend(first.to_uppercase());
    out.push_str(&s[index + first.len_utf8()..]);
    nfc(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `parse_number` as an f64, to compare with literals.
    fn pf(s: &str) -> Option<f64> {
        parse_number(s).map(|d| d.to_string().parse().unwrap())
    }

    #[test]
    fn parse_number_is_exact() {
        use rust_decimal::Decimal;
        assert_eq!(parse_number("3.564,681"), Some(Decimal::new(3_564_681, 3)));
        assert_eq!(
            parse_number("0,1").unwrap() + parse_number("0,2").unwrap(),
            Decimal::new(3, 1)
        );
        assert_eq!(
            parse_number("123.456.789.012.345.678"),
            Some(Decimal::from(123_456_789_012_345_678i64))
        );
        assert_eq!(
            format_number(
                Decimal::new(9043, 0) / Decimal::new(20000, 0) * Decimal::from(100),
                2
            ),
            "45,22"
        );
    }

    #[test]
    fn format_decimal_examples() {
        assert_eq!(format_decimal(3564.68, 3), "3.564,680");
        assert_eq!(format_decimal(51.0923, 2), "51,09");
        assert_eq!(format_decimal(4.7, 1), "4,7");
        assert_eq!(format_decimal(-0.04, 1), "0,0");
        assert_eq!(format_decimal(-0.0, 2), "0,00");
        assert_eq!(format_decimal(0.0, 0), "0");
        assert_eq!(format_decimal(-0.4, 0), "0");
    }

    #[test]
    fn format_decimal_rounds_half_away_from_zero_as_written() {
        assert_eq!(format_decimal(99.995, 2), "100,00");
        assert_eq!(format_decimal(99.994, 2), "99,99");
        assert_eq!(format_decimal(1.005, 2), "1,01");
        assert_eq!(format_decimal(2.675, 2), "2,68");
        assert_eq!(format_decimal(0.5, 0), "1");
        assert_eq!(format_decimal(1.5, 0), "2");
        assert_eq!(format_decimal(2.5, 0), "3");
        assert_eq!(format_decimal(0.49, 0), "0");
        assert_eq!(format_decimal(-0.5, 0), "-1");
        assert_eq!(format_decimal(-2.675, 2), "-2,68");
        assert_eq!(format_decimal(-1.005, 2), "-1,01");
        assert_eq!(format_decimal(-99.995, 2), "-100,00");
        assert_eq!(format_decimal(999.95, 1), "1.000,0");
        assert_eq!(format_decimal(999_999.5, 0), "1.000.000");
        assert_eq!(format_decimal(9.96, 1), "10,0");
        assert_eq!(format_decimal(0.05, 1), "0,1");
        assert_eq!(format_decimal(0.04, 1), "0,0");
    }

    #[test]
    fn format_decimal_negative_values() {
        assert_eq!(format_decimal(-3564.68, 1), "-3.564,7");
        assert_eq!(format_decimal(-1234.5, 2), "-1.234,50");
        assert_eq!(format_decimal(-0.06, 1), "-0,1");
        assert_eq!(format_decimal(-0.001, 2), "0,00");
    }

    #[test]
    fn format_decimal_extremes() {
        assert_eq!(format_decimal(f64::NAN, 2), "");
        assert_eq!(format_decimal(f64::INFINITY, 2), "");
        assert_eq!(format_decimal(f64::NEG_INFINITY, 0), "");
        assert_eq!(format_decimal(1e21, 0), "1.000.000.000.000.000.000.000");
        assert_eq!(format_decimal(1e-7, 7), "0,0000001");
        assert_eq!(format_decimal(1e-7, 6), "0,000000");
        assert_eq!(format_decimal(5e-324, 2), "0,00");
        let max = format_decimal(f64::MAX, 0);
        assert!(max.starts_with("179.769.313.486.231.57"), "{max}");
        assert_eq!(max.len(), 309 + 102);
        assert_eq!(format_decimal(-f64::MAX, 0), format!("-{max}"));
        // The decimal count is capped, not allowed to exhaust memory.
        assert_eq!(
            format_decimal(1.5, usize::MAX).len(),
            "1,".len() + MAX_DECIMALS
        );
        assert_eq!(format_number(1.5, usize::MAX), "1,5");
    }

    #[test]
    fn format_number_examples() {
        assert_eq!(format_number(1883.0, 2), "1.883");
        assert_eq!(format_number(3.3, 2), "3,3");
        assert_eq!(format_number(0.8, 2), "0,8");
        assert_eq!(format_number(3564.68, 3), "3.564,68");
        assert_eq!(format_number(3564.68, 1), "3.564,7");
        assert_eq!(format_number(3564.68, 0), "3.565");
        assert_eq!(format_number(2.675, 2), "2,68");
        assert_eq!(format_number(2.0001, 2), "2");
        assert_eq!(format_number(99.995, 2), "100");
        assert_eq!(format_number(-0.001, 2), "0");
        assert_eq!(format_number(-12.5, 2), "-12,5");
        assert_eq!(format_number(0.0, 3), "0");
        assert_eq!(format_number(f64::NAN, 3), "");
    }

    #[test]
    fn format_percent_examples() {
        assert_eq!(format_percent(51.0923, 2), "51,09%");
        assert_eq!(format_percent(100.0, 0), "100%");
        assert_eq!(format_percent(4.7, 1), "4,7%");
        assert_eq!(format_percent(-0.04, 1), "0,0%");
        assert_eq!(format_percent(1234.5, 1), "1.234,5%");
        assert_eq!(format_percent(f64::NAN, 1), "");
    }

    #[test]
    fn parse_number_examples() {
        assert_eq!(pf("20.000"), Some(20000.0));
        assert_eq!(pf("3.564,680"), Some(3564.68));
        assert_eq!(pf("51,09"), Some(51.09));
        assert_eq!(pf("-1.234"), Some(-1234.0));
        assert_eq!(pf("0"), Some(0.0));
        assert_eq!(pf("0,5"), Some(0.5));
        assert_eq!(pf("1234"), Some(1234.0));
        assert_eq!(pf("1234,5"), Some(1234.5));
        assert_eq!(pf("+7"), Some(7.0));
        assert_eq!(pf("  1.000 "), Some(1000.0));
        assert_eq!(pf("999"), Some(999.0));
        assert_eq!(pf("1.000.000"), Some(1_000_000.0));
    }

    #[test]
    fn parse_number_rejects_malformed() {
        for bad in [
            "", " ", "-", "+", "1.23.4", "12.34", "1.2345", "1234.567", "0.123", ".123", "1.",
            "1.234.", ",5", "5,", "1,2,3", "1,234.5", "abc", "12a", "1 000", "--1", "-+1", "1,-5",
            "1.234,", "%", "51,09%", "1e5", "NaN", "inf", "١٢٣",
        ] {
            assert_eq!(pf(bad), None, "{bad:?}");
        }
        // Too large for f64.
        let huge = format!("1{}", "0".repeat(400));
        assert_eq!(pf(&huge), None);
    }

    #[test]
    fn parse_number_round_trips_whole_numbers() {
        let mut values = vec![
            0i64,
            1,
            -1,
            9,
            10,
            99,
            100,
            999,
            1000,
            -1000,
            1001,
            9999,
            10_000,
            123_456,
            999_999,
            1_000_000,
            -1_234_567,
            2_147_483_647,
            9_007_199_254_740_992,
            i64::MAX,
            i64::MIN,
        ];
        let mut x: i64 = 1;
        while let Some(next) = x.checked_mul(7) {
            values.push(next);
            values.push(-next + 3);
            x = next;
        }
        for n in values {
            assert_eq!(pf(&format_number(n as f64, 0)), Some(n as f64), "{n}");
        }
    }

    #[test]
    fn parse_number_round_trips_format_decimal() {
        for x in [
            3564.68,
            51.09,
            4.7,
            -4.7,
            0.5,
            1234.567,
            -1234.567,
            0.001,
            999.999,
            1_000_000.25,
            -0.125,
        ] {
            assert_eq!(pf(&format_decimal(x, 3)), Some(x), "{x}");
            assert_eq!(pf(&format_number(x, 3)), Some(x), "{x}");
        }
        assert_eq!(pf(&format_decimal(2.675, 2)), Some(2.68));
        assert_eq!(pf(&format_decimal(99.995, 2)), Some(100.0));
        assert_eq!(pf(&format_decimal(-0.04, 1)), Some(0.0));
    }

    #[test]
    fn date_of_issue_examples() {
        assert_eq!(date_of_issue(2024, 1, 5), "ngày 05 tháng 01 năm 2024");
        assert_eq!(date_of_issue(2024, 6, 29), "ngày 29 tháng 6 năm 2024");
        assert_eq!(date_of_issue(2024, 3, 5), "ngày 05 tháng 3 năm 2024");
        assert_eq!(date_of_issue(2024, 2, 9), "ngày 09 tháng 02 năm 2024");
        assert_eq!(date_of_issue(2024, 12, 10), "ngày 10 tháng 12 năm 2024");
        assert_eq!(date_of_issue(2024, 10, 1), "ngày 01 tháng 10 năm 2024");
        assert_eq!(date_of_issue(2025, 11, 30), "ngày 30 tháng 11 năm 2025");
    }

    #[test]
    fn a_blank_date_keeps_the_year() {
        assert_eq!(date_of_issue_blank(2024), "ngày      tháng      năm 2024");
    }

    #[test]
    fn date_short_examples() {
        assert_eq!(date_short(2024, 2, 16), "16/02/2024");
        assert_eq!(date_short(2024, 7, 27), "27/7/2024");
        assert_eq!(date_short(2022, 3, 3), "03/3/2022");
        assert_eq!(date_short(2024, 1, 1), "01/01/2024");
        assert_eq!(date_short(2024, 12, 31), "31/12/2024");
        assert_eq!(date_short(2024, 9, 10), "10/9/2024");
    }

    #[test]
    fn dates_do_not_panic_on_odd_input() {
        assert_eq!(
            date_short(i32::MIN, u32::MAX, u32::MAX),
            "4294967295/4294967295/-2147483648"
        );
        assert_eq!(date_of_issue(-1, 0, 0), "ngày 00 tháng 0 năm -1");
    }

    #[test]
    fn roman_examples() {
        assert_eq!(roman(1).as_deref(), Some("I"));
        assert_eq!(roman(4).as_deref(), Some("IV"));
        assert_eq!(roman(9).as_deref(), Some("IX"));
        assert_eq!(roman(14).as_deref(), Some("XIV"));
        assert_eq!(roman(40).as_deref(), Some("XL"));
        assert_eq!(roman(90).as_deref(), Some("XC"));
        assert_eq!(roman(400).as_deref(), Some("CD"));
        assert_eq!(roman(1994).as_deref(), Some("MCMXCIV"));
        assert_eq!(roman(2024).as_deref(), Some("MMXXIV"));
        assert_eq!(roman(3999).as_deref(), Some("MMMCMXCIX"));
        assert_eq!(roman(0), None);
        assert_eq!(roman(4000), None);
        assert_eq!(roman(u32::MAX), None);
    }

    #[test]
    fn letter_examples() {
        assert_eq!(letter(0), "");
        assert_eq!(letter(1), "a");
        assert_eq!(letter(4), "d");
        assert_eq!(letter(5), "đ");
        assert_eq!(letter(6), "e");
        assert_eq!(letter(7), "g");
        assert_eq!(letter(10), "k");
        assert_eq!(letter(22), "x");
        assert_eq!(letter(23), "y");
        assert_eq!(letter(24), "aa");
        assert_eq!(letter(25), "ab");
        assert_eq!(letter(28), "ađ");
        assert_eq!(letter(46), "ay");
        assert_eq!(letter(47), "ba");
        assert_eq!(letter(23 * 23 + 23), "yy");
        assert_eq!(letter(23 * 23 + 24), "aaa");
        let all: Vec<String> = (1..=23).map(letter).collect();
        assert_eq!(all.concat(), "abcdđeghiklmnopqrstuvxy");
        assert!(!letter(usize::MAX).is_empty());
    }

    #[test]
    fn number_words_examples() {
        let cases: [(u64, &str); 28] = [
            (0, "không"),
            (1, "một"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (55, "năm mươi lăm"),
            (91, "chín mươi mốt"),
            (100, "một trăm"),
            (101, "một trăm linh một"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (115, "một trăm mười lăm"),
            (999, "chín trăm chín mươi chín"),
            (1_000, "một nghìn"),
            (1_005, "một nghìn không trăm linh năm"),
            (1_050, "một nghìn không trăm năm mươi"),
            (10_000, "mười nghìn"),
            (21_000, "hai mươi mốt nghìn"),
            (100_000, "một trăm nghìn"),
            (
                999_999,
                "chín trăm chín mươi chín nghìn chín trăm chín mươi chín",
            ),
            (1_000_000, "một triệu"),
            (1_000_005, "một triệu không trăm linh năm"),
        ];
        for (n, words) in cases {
            assert_eq!(number_words(n), words, "{n}");
        }
    }

    #[test]
    fn number_words_large() {
        assert_eq!(
            number_words(1_005_000),
            "một triệu không trăm linh năm nghìn"
        );
        assert_eq!(number_words(1_000_000_000), "một tỷ");
        assert_eq!(number_words(1_000_000_005), "một tỷ không trăm linh năm");
        assert_eq!(number_words(1_000_000_000_000), "một nghìn tỷ");
        assert_eq!(
            number_words(1_001_000_000_000),
            "một nghìn không trăm linh một tỷ"
        );
        assert_eq!(number_words(1_000_000_000_000_000_000), "một tỷ tỷ");
        assert_eq!(
            number_words(u64::MAX),
            "mười tám tỷ bốn trăm bốn mươi sáu triệu bảy trăm bốn mươi tư nghìn \
             không trăm bảy mươi ba tỷ bảy trăm linh chín triệu năm trăm năm mươi \
             mốt nghìn sáu trăm mười lăm"
        );
    }

    #[test]
    fn ordinal_words_one_to_thirty_one() {
        let expected = [
            "Một",
            "Hai",
            "Ba",
            "Bốn",
            "Năm",
            "Sáu",
            "Bảy",
            "Tám",
            "Chín",
            "Mười",
            "Mười một",
            "Mười hai",
            "Mười ba",
            "Mười bốn",
            "Mười lăm",
            "Mười sáu",
            "Mười bảy",
            "Mười tám",
            "Mười chín",
            "Hai mươi",
            "Hai mươi mốt",
            "Hai mươi hai",
            "Hai mươi ba",
            "Hai mươi tư",
            "Hai mươi lăm",
            "Hai mươi sáu",
            "Hai mươi bảy",
            "Hai mươi tám",
            "Hai mươi chín",
            "Ba mươi",
            "Ba mươi mốt",
        ];
        for (n, words) in (1u64..).zip(expected) {
            assert_eq!(ordinal_word(n), words, "{n}");
        }
        assert_eq!(ordinal_word(0), "Không");
        assert_eq!(ordinal_word(100), "Một trăm");
        assert_eq!(ordinal_word(101), "Một trăm linh một");
    }

    #[test]
    fn ordinal_lead_examples() {
        assert_eq!(ordinal_lead(1), "Một là");
        assert_eq!(ordinal_lead(2), "Hai là");
        assert_eq!(ordinal_lead(11), "Mười một là");
    }

    #[test]
    fn upper_examples() {
        assert_eq!(upper("đ"), "Đ");
        assert_eq!(upper("ư"), "Ư");
        assert_eq!(upper("ơ"), "Ơ");
        assert_eq!(upper("ễ"), "Ễ");
        assert_eq!(
            upper("Sở Lao động - Thương binh và Xã hội"),
            "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
        );
        assert_eq!(upper("e\u{302}\u{303}"), "\u{1ec4}");
        assert_eq!(upper("e\u{302}\u{303}"), "Ễ");
        assert_eq!(upper("u\u{31b}\u{309}"), "Ử");
        assert_eq!(
            upper("cộng hòa xã hội chủ nghĩa việt nam"),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        assert_eq!(upper(""), "");
        assert_eq!(upper("123-ABC"), "123-ABC");
    }

    #[test]
    fn capitalize_first_examples() {
        assert_eq!(capitalize_first("mười một"), "Mười một");
        assert_eq!(capitalize_first("đạt"), "Đạt");
        assert_eq!(capitalize_first("ủy ban"), "Ủy ban");
        assert_eq!(capitalize_first("u\u{31b}\u{301}ng"), "Ứng");
        assert_eq!(capitalize_first("(a) điểm"), "(A) điểm");
        assert_eq!(capitalize_first("1 cái"), "1 cái");
        assert_eq!(capitalize_first(""), "");
        assert_eq!(capitalize_first("  "), "  ");
        assert_eq!(capitalize_first("Đã"), "Đã");
    }

    #[test]
    fn nfc_examples() {
        assert_eq!(nfc("e\u{302}\u{303}"), "ễ");
        assert_eq!(nfc("a\u{306}\u{301}"), "ắ");
        assert_eq!(nfc("ễ"), "ễ");
        assert_eq!(nfc(""), "");
    }
}
