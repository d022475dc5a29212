//! The "Số:" line of the header (Nghị định 30, Phụ lục III): number,
//! type abbreviation, issuer and drafting unit.

/// The "Số:" line of the header (Nghị định 30, Phụ lục III).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NumberLine<'a> {
    /// A document with a type abbreviation: "Số: 05/KH-SLĐTBXH"; a draft
    /// (`number` None) leaves a blank: "Số:      /KH-SLĐTBXH".
    Typed {
        /// The registered number; None for a draft.
        number: Option<u32>,
        /// The type abbreviation (`KH`, `BC`).
        type_code: &'a str,
        /// The issuer's code (`SLĐTBXH`).
        issuer_code: &'a str,
    },
    /// A công văn: "Số: 464/SLĐTBXH-TE&BĐG"; without a unit code
    /// "Số: 464/SLĐTBXH".
    Letter {
        /// The registered number; None for a draft.
        number: Option<u32>,
        /// The issuer's code (`SLĐTBXH`).
        issuer_code: &'a str,
        /// The drafting unit's code (`TE&BĐG`).
        unit_code: &'a str,
    },
}

/// Renders the "Số:" line. Numbers below 10 get a leading zero; a draft gets
/// five spaces for the number to be written in by hand. Empty codes are
/// left out together with their hyphen.
pub(crate) fn number_line(line: &NumberLine<'_>) -> String {
    let (number, first, second) = match *line {
        NumberLine::Typed {
            number,
            type_code,
            issuer_code,
        } => (number, type_code, issuer_code),
        NumberLine::Letter {
            number,
            issuer_code,
            unit_code,
        } => (number, issuer_code, unit_code),
    };
    let number = match number {
        Some(n) => format!("{n:02}"),
        None => "     ".to_string(),
    };
    let codes: Vec<&str> = [first.trim(), second.trim()]
        .into_iter()
        .filter(|code| !code.is_empty())
        .collect();
    crate::vi::nfc(&format!("Số: {number}/{}", codes.join("-")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_line_typed() {
        let line = |number| NumberLine::Typed {
            number,
            type_code: "KH",
            issuer_code: "SLĐTBXH",
        };
        assert_eq!(number_line(&line(Some(5))), "Số: 05/KH-SLĐTBXH");
        assert_eq!(number_line(&line(Some(12))), "Số: 12/KH-SLĐTBXH");
        assert_eq!(number_line(&line(Some(464))), "Số: 464/KH-SLĐTBXH");
        assert_eq!(number_line(&line(None)), "Số:      /KH-SLĐTBXH");
    }

    #[test]
    fn number_line_letter() {
        let line = |number, unit_code| NumberLine::Letter {
            number,
            issuer_code: "SLĐTBXH",
            unit_code,
        };
        assert_eq!(
            number_line(&line(Some(464), "TE&BĐG")),
            "Số: 464/SLĐTBXH-TE&BĐG"
        );
        assert_eq!(
            number_line(&line(None, "TE&BĐG")),
            "Số:      /SLĐTBXH-TE&BĐG"
        );
        assert_eq!(number_line(&line(Some(464), "")), "Số: 464/SLĐTBXH");
        assert_eq!(number_line(&line(Some(3), "")), "Số: 03/SLĐTBXH");
        assert_eq!(
            number_line(&line(Some(u32::MAX), "VP")),
            "Số: 4294967295/SLĐTBXH-VP"
        );
    }

    #[test]
    fn number_line_output_is_nfc() {
        let line = NumberLine::Typed {
            number: Some(1),
            type_code: "Q\u{110}",
            issuer_code: "UBND",
        };
        assert_eq!(number_line(&line), "Số: 01/QĐ-UBND");
        let line = NumberLine::Typed {
            number: Some(2),
            type_code: "QD",
            issuer_code: "UBND",
        };
        assert_eq!(number_line(&line), "S\u{1ed1}: 02/QD-UBND");
        let unit = "BA\u{300}N";
        let line = NumberLine::Letter {
            number: None,
            issuer_code: "UBND",
            unit_code: unit,
        };
        assert_eq!(number_line(&line), "Số:      /UBND-BÀN");
    }
}
