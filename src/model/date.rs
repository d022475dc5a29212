//! Dates as they come from YAML: `2024-03-05`, checked to exist.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date that exists (no 30 February).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// A date from its parts, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Month, 1–12.
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// Day of the month, 1–31.
    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// Parses `YYYY-MM-DD`, explaining what is wrong otherwise.
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(format!(
                "`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2024-03-05"
            ));
        };
        let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
        else {
            return Err(format!(
                "`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2024-03-05"
            ));
        };
        if !(1900..=2200).contains(&year) {
            return Err(format!(
                "year {year} is out of range: a document date lies between 1900 and 2200"
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("`{text}` is not a date: there is no month {month}"));
        }
        Date::from_ymd(year, month, day).ok_or_else(|| {
            let days = days_in_month(year, month);
            format!("`{text}` is not a date: month {month} of {year} has {days} days")
        })
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date written YYYY-MM-DD (2024-03-05).",
            "type": "string",
            "format": "date"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_explained() {
        assert_eq!(
            Date::parse("2024-02-30").unwrap_err(),
            "`2024-02-30` is not a date: month 2 of 2024 has 29 days"
        );
        assert_eq!(
            Date::parse("2023-02-29").unwrap_err(),
            "`2023-02-29` is not a date: month 2 of 2023 has 28 days"
        );
        assert!(
            Date::parse("2024-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(
            Date::parse("05/03/2024")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        assert_eq!(Date::parse("2024-03-05").unwrap().day(), 5);
    }
}
