//! Figures as exact decimals: `9043`, `3564.68`, or the Vietnamese way in a
//! string, `"20.000"`, `"3.564,680"`. Never a float: 0,1 + 0,2 is 0,3, and a
//! breakdown that misses by 0,001 is seen.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::vi;

/// Figures keep at most this many significant digits (999.999.999.999.999):
/// far above any real figure, and what every reader of the JSON (a float)
/// still holds exactly.
pub const MAX_DIGITS: u32 = 15;

/// An exact figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(pub Decimal);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// An amount from an integer.
    pub fn from_int(n: i64) -> Self {
        Amount(Decimal::from(n))
    }

    /// The exact value.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// The amount, if it is exact within [`MAX_DIGITS`]; otherwise why not.
    pub fn exact(d: Decimal, written: &str) -> Result<Self, String> {
        // The written decimals are kept ("10.367,700" prints as written).
        let digits = significant_digits(d.normalize());
        if digits > MAX_DIGITS {
            return Err(format!(
                "`{written}` has {digits} significant digits; figures are kept exactly up to \
                 {MAX_DIGITS} (999.999.999.999.999), so it would not print as written"
            ));
        }
        Ok(Amount(d))
    }
}

/// Digits from the first non-zero one to the last written decimal.
fn significant_digits(d: Decimal) -> u32 {
    let text = d.abs().to_string();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        1
    } else {
        trimmed.len() as u32
    }
}

impl From<i64> for Amount {
    fn from(n: i64) -> Self {
        Amount::from_int(n)
    }
}

impl From<Decimal> for Amount {
    fn from(d: Decimal) -> Self {
        Amount(d)
    }
}

impl vi::Number for Amount {
    fn digits(&self) -> Option<vi::Digits> {
        vi::Number::digits(&self.0)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.normalize().fmt(f)
    }
}

impl Serialize for Amount {
    /// As a JSON/YAML number: an integer when whole, else its decimal value
    /// (exact within [`MAX_DIGITS`], so it reads back the same).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if d.scale() == 0
            && self.0.scale() == 0
            && let Ok(n) = i64::try_from(d)
        {
            return s.serialize_i64(n);
        }
        // Written with trailing zeros: the Vietnamese string keeps them.
        if self.0.scale() != d.scale() {
            return s.serialize_str(&vi::format_decimal(self.0, self.0.scale() as usize));
        }
        match d.to_string().parse::<f64>() {
            Ok(x) => s.serialize_f64(x),
            Err(_) => s.serialize_str(&d.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // serde's wording: "expected a number" gets the parser's hint.
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Amount::exact(Decimal::from(v), &v.to_string()).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Amount::exact(Decimal::from(v), &v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if !v.is_finite() {
                    return Err(E::custom(format!("`{v}` is not a figure")));
                }
                // The shortest decimal form: the number as written.
                let text = format!("{v}");
                match Decimal::from_str_exact(&text) {
                    Ok(d) if !(d.is_zero() && v != 0.0) => {
                        Amount::exact(d, &text).map_err(E::custom)
                    }
                    _ => Err(E::custom(format!(
                        "`{v:e}` is beyond what a figure holds exactly ({MAX_DIGITS} significant digits)"
                    ))),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                match vi::parse_number(v) {
                    Some(d) => Amount::exact(d, v.trim()).map_err(E::custom),
                    None => Err(E::invalid_type(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A figure, exact: a number (9043, 3564.68) or a string written the Vietnamese way (\"20.000\", \"3.564,680\").",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*[-+]?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?\\s*$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> Result<Amount, String> {
        serde_yaml::from_str::<Amount>(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn figures_are_exact_and_read_the_vietnamese_way() {
        assert_eq!(read("9043").unwrap(), Amount::from_int(9043));
        assert_eq!(read("\"20.000\"").unwrap(), Amount::from_int(20000));
        assert_eq!(read("\"3.564,680\"").unwrap().0, Decimal::new(3_564_680, 3));
        assert_eq!(read("3564.68").unwrap().0, Decimal::new(356_468, 2));
        assert_eq!(
            read("0.1").unwrap().0 + read("0.2").unwrap().0,
            Decimal::new(3, 1)
        );
    }

    #[test]
    fn figures_beyond_exact_are_errors() {
        for bad in [
            "123456789012345678",
            "1e308",
            "1e-300",
            "1.0e20",
            "\"1.2.3\"",
            "abc",
        ] {
            let e = read(bad).unwrap_err();
            assert!(
                e.contains("exact") || e.contains("expected a number"),
                "{bad}: {e}"
            );
        }
        assert!(
            read("123456789012345678")
                .unwrap_err()
                .contains("18 significant digits")
        );
        assert_eq!(
            read("999999999999999").unwrap(),
            Amount::from_int(999_999_999_999_999)
        );
    }

    #[test]
    fn a_figure_serialises_as_it_reads() {
        for text in ["9043", "3564.68", "0.001", "-12.5"] {
            let a = read(text).unwrap();
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<Amount>(&json).unwrap(), a, "{text}");
        }
    }
}
