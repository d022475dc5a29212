//! ASCII file names from Vietnamese names: "Huyện Văn Yên" → "huyen-van-yen".

use unicode_normalization::UnicodeNormalization;

/// Lower-case ASCII letters and digits joined by single dashes; diacritics
/// dropped and `đ` written `d`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "khong-ten".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn vietnamese_names_become_ascii_slugs() {
        assert_eq!(slug("Huyện Văn Yên"), "huyen-van-yen");
        assert_eq!(slug("Thị xã Nghĩa Lộ"), "thi-xa-nghia-lo");
        assert_eq!(slug("Thành phố Yên Bái"), "thanh-pho-yen-bai");
        assert_eq!(slug("Mù Cang Chải"), "mu-cang-chai");
        assert_eq!(slug("Đắk Lắk  (mới)"), "dak-lak-moi");
        assert_eq!(slug("!!!"), "khong-ten");
    }
}
