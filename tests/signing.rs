//! Electronic documents: slots where the decree puts them, unsigned signature
//! fields over them, and PAdES B-B signatures that an independent validator,
//! pyHanko, accepts.
//!
//! The certificates are made here by `openssl` and exported to PKCS#12 the
//! way offices get them; no certificate is kept in the repository. The tools
//! (`openssl`, `qpdf`, `pdftotext`, pyHanko) are installed by `.ci/run`; a
//! test that cannot find one fails and says how to install it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{engine, example, files_with_extension};
use lopdf::{Document as Pdf, Object};
use vanban::electronic::{
    self, ElectronicPdf, SEAL_FIELD, SIGNER_FIELD, SigningError, SigningIdentity, SigningTime,
    SlotKind,
};
use vanban::{Engine, Error, PdfOptions};

const PLAN: &str = "ke-hoach-yen-bai-2024.yaml"; // six pages, signed on the last
const LETTER: &str = "cong-van-dien-bien-2022.yaml";
/// A password as an office might choose it, diacritics and all.
const PASSWORD: &str = "Mật khẩu 2024";
const SIGNER_CN: &str = "Nguyễn Văn A";

fn scratch(name: &str) -> PathBuf {
    common::scratch_path("signing", name)
}

// ---------------------------------------------------------------- tools

fn run(program: &str, args: &[&str], install: &str) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed ({install}): {e}"));
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

fn openssl(args: &[&str]) {
    let (ok, out) = run("openssl", args, "apt-get install openssl");
    assert!(ok, "openssl {}:\n{out}", args.join(" "));
}

fn qpdf_check(path: &Path) {
    let (ok, out) = run(
        "qpdf",
        &["--check", path.to_str().unwrap()],
        "apt-get install qpdf",
    );
    assert!(
        ok && out.contains("No syntax or stream encoding errors"),
        "qpdf --check {}:\n{out}",
        path.display()
    );
}

/// pyHanko's judgement of every signature of `pdf`, trusting `trusted`
/// (tests/signing/validate.py).
fn pyhanko(pdf: &Path, trusted: &Path) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/signing/validate.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(pdf)
        .arg(trusted)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed (apt-get install python3): {e}"));
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        out.status.success(),
        "pyHanko could not validate {} (is it installed? pip install pyhanko pyhanko-certvalidator):\n{stderr}",
        pdf.display()
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("pyHanko's report is not JSON ({e}):\n{stdout}"))
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

// ---------------------------------------------------------- certificates

/// Test certificates, made once per run.
struct Certificates {
    /// RSA 2048, self-signed: the certificate (PEM) and the PKCS#12 files
    /// OpenSSL 3 writes by default (AES-256, PBKDF2-HMAC-SHA256), with the
    /// older 3DES, and with `-legacy` (RC2-40 and 3DES).
    rsa_pem: PathBuf,
    rsa_default: Vec<u8>,
    rsa_3des: Vec<u8>,
    rsa_legacy: Vec<u8>,
    /// ECDSA P-256.
    ec_pem: PathBuf,
    ec_default: Vec<u8>,
    /// The RSA certificate alone, without its key.
    no_key: Vec<u8>,
    /// ECDSA P-384, which vanban does not sign with.
    p384: Vec<u8>,
    /// A moment inside every certificate's validity.
    time: SigningTime,
}

fn certificates() -> &'static Certificates {
    static CERTS: OnceLock<Certificates> = OnceLock::new();
    CERTS.get_or_init(|| {
        let path = |name: &str| scratch(name).to_str().unwrap().to_string();
        let pass = format!("pass:{PASSWORD}");
        let subject =
            format!("/CN={SIGNER_CN}/O=Sở Lao động - Thương binh và Xã hội tỉnh Yên Bái/C=VN");
        let self_signed = |key_args: &[&str], key: &str, cert: &str, subject: &str| {
            let mut args = vec!["req", "-x509", "-utf8", "-nodes", "-days", "3650"];
            args.extend_from_slice(key_args);
            args.extend_from_slice(&[
                "-keyout",
                key,
                "-out",
                cert,
                "-subj",
                subject,
                "-addext",
                "keyUsage=critical,digitalSignature,nonRepudiation",
            ]);
            openssl(&args);
        };
        let export = |key: &str, cert: &str, out: &str, extra: &[&str]| {
            let mut args = vec![
                "pkcs12", "-export", "-inkey", key, "-in", cert, "-out", out, "-passout", &pass,
            ];
            args.extend_from_slice(extra);
            openssl(&args);
            std::fs::read(out).unwrap()
        };
        let (rsa_key, rsa_pem) = (path("rsa.key"), path("rsa.pem"));
        self_signed(&["-newkey", "rsa:2048"], &rsa_key, &rsa_pem, &subject);
        let (ec_key, ec_pem) = (path("ec.key"), path("ec.pem"));
        self_signed(
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
            &ec_key,
            &ec_pem,
            "/CN=Văn phòng Sở/C=VN",
        );
        let (p384_key, p384_pem) = (path("p384.key"), path("p384.pem"));
        self_signed(
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
            &p384_key,
            &p384_pem,
            "/CN=P-384/C=VN",
        );
        let no_key = {
            let out = path("no-key.p12");
            openssl(&[
                "pkcs12", "-export", "-nokeys", "-in", &rsa_pem, "-out", &out, "-passout", &pass,
            ]);
            std::fs::read(out).unwrap()
        };
        Certificates {
            rsa_default: export(&rsa_key, &rsa_pem, &path("rsa-default.p12"), &[]),
            rsa_3des: export(
                &rsa_key,
                &rsa_pem,
                &path("rsa-3des.p12"),
                &[
                    "-certpbe",
                    "PBE-SHA1-3DES",
                    "-keypbe",
                    "PBE-SHA1-3DES",
                    "-macalg",
                    "sha1",
                ],
            ),
            rsa_legacy: export(&rsa_key, &rsa_pem, &path("rsa-legacy.p12"), &["-legacy"]),
            ec_default: export(&ec_key, &ec_pem, &path("ec-default.p12"), &[]),
            p384: export(&p384_key, &p384_pem, &path("p384.p12"), &[]),
            no_key,
            rsa_pem: rsa_pem.into(),
            ec_pem: ec_pem.into(),
            time: SigningTime::now(),
        }
    })
}

fn rsa() -> SigningIdentity {
    SigningIdentity::from_pkcs12(&certificates().rsa_default, PASSWORD).unwrap()
}

fn electronic(name: &str, pdf_a: bool) -> ElectronicPdf {
    engine()
        .render_electronic(&example(name), PdfOptions { pdf_a })
        .unwrap()
}

/// An example as written, with `electronic: true`.
fn electronic_example(name: &str) -> vanban::Document {
    let mut model = example(name).model().clone();
    model.electronic = true;
    vanban::Document::from_model(model).unwrap()
}

// ------------------------------------------------------------ reading back

/// A signature field as the PDF holds it.
#[derive(Debug)]
struct Field {
    name: String,
    page: u32,
    rect: [f64; 4],
    flags: i64,
    /// The widget's appearance dictionary has only `/N`, and `/N` is a stream.
    appearance_ok: bool,
    signed: bool,
}

fn fields(pdf: &[u8]) -> (Pdf, Vec<Field>) {
    let doc = Pdf::load_mem(pdf).unwrap();
    let pages: std::collections::BTreeMap<_, _> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let form = doc
        .catalog()
        .unwrap()
        .get_deref(b"AcroForm", &doc)
        .unwrap()
        .as_dict()
        .unwrap();
    let list = form.get_deref(b"Fields", &doc).unwrap().as_array().unwrap();
    let fields = list
        .iter()
        .map(|f| {
            let d = doc.get_dictionary(f.as_reference().unwrap()).unwrap();
            assert_eq!(d.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
            assert_eq!(d.get(b"Subtype").unwrap().as_name().unwrap(), b"Widget");
            let rect: Vec<f64> = d
                .get(b"Rect")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap() as f64)
                .collect();
            let ap = d.get(b"AP").unwrap().as_dict().unwrap();
            let appearance_ok = ap.len() == 1
                && ap
                    .get(b"N")
                    .and_then(Object::as_reference)
                    .and_then(|id| doc.get_object(id))
                    .is_ok_and(|o| o.as_stream().is_ok());
            Field {
                name: lopdf::decode_text_string(d.get(b"T").unwrap()).unwrap(),
                page: pages[&d.get(b"P").unwrap().as_reference().unwrap()],
                rect: rect.try_into().unwrap(),
                flags: d.get(b"F").unwrap().as_i64().unwrap(),
                appearance_ok,
                signed: d.has(b"V"),
            }
        })
        .collect();
    (doc, fields)
}

fn field<'a>(fields: &'a [Field], name: &str) -> &'a Field {
    fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name} in {fields:?}"))
}

/// A line of text as poppler reads it from the PDF: `[left, bottom, right,
/// top]` in PDF points (glyph boxes: ascent to descent).
fn text_line(pdf: &Path, page: u32, text: &str) -> [f64; 4] {
    let p = page.to_string();
    let (ok, out) = run(
        "pdftotext",
        &["-bbox", "-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
        "apt-get install poppler-utils",
    );
    assert!(ok, "pdftotext:\n{out}");
    let attr = |line: &str, name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    let words: Vec<([f64; 4], String)> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let word = l
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            let h = 841.89;
            (
                [
                    attr(l, "xMin"),
                    h - attr(l, "yMax"),
                    attr(l, "xMax"),
                    h - attr(l, "yMin"),
                ],
                word,
            )
        })
        .collect();
    // Consecutive words of one baseline that spell `text`.
    let wanted: Vec<&str> = text.split(' ').collect();
    for start in 0..words.len() {
        let run = &words[start..(start + wanted.len()).min(words.len())];
        if run.len() == wanted.len()
            && run.iter().zip(&wanted).all(|((_, w), t)| w == t)
            && run.iter().all(|(r, _)| (r[1] - run[0].0[1]).abs() < 0.5)
        {
            return [
                run[0].0[0],
                run[0].0[1],
                run[run.len() - 1].0[2],
                run[0].0[3],
            ];
        }
    }
    panic!(
        "no line `{text}` on page {page} of {}:\n{out}",
        pdf.display()
    );
}

fn close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual:.2} is not within {tolerance} of {expected:.2}"
    );
}

// ------------------------------------------------------------------ slots

#[test]
fn the_fields_lie_over_box_7c_and_the_seal() {
    for (name, title, signer, last_page) in [
        (PLAN, "PHÓ GIÁM ĐỐC", "Nguyễn Thị Thanh Hương", 6),
        (LETTER, "PHÓ GIÁM ĐỐC", "Lò Thị Hương", 3),
    ] {
        let e = electronic(name, false);
        assert_eq!(e.pages as u32, last_page);
        let path = write(&format!("slots-{name}.pdf"), &e.pdf);
        let (_, fields) = fields(&e.pdf);
        assert_eq!(fields.len(), 2, "{name}: {fields:?}");
        let (s, seal) = (field(&fields, SIGNER_FIELD), field(&fields, SEAL_FIELD));
        assert_eq!(
            (s.page, seal.page),
            (last_page, last_page),
            "{name}: the signature's page"
        );
        let title = text_line(&path, last_page, title);
        let person = text_line(&path, last_page, signer);
        let [l, b, r, t] = s.rect;
        // Box 7c: between the title line and the name, centred on both.
        assert!(
            t <= title[1] + 0.01,
            "{name}: the signer's field ({t:.2}) reaches into the title ({:.2})",
            title[1]
        );
        assert!(
            b >= person[3] - 0.5,
            "{name}: the signer's field ({b:.2}) reaches into the name ({:.2})",
            person[3]
        );
        assert!(
            t - b >= 0.9 * (title[1] - person[3]),
            "{name}: the field fills the gap between title and name"
        );
        close(
            (l + r) / 2.0,
            (title[0] + title[2]) / 2.0,
            0.5,
            "signer field centred on the title",
        );
        close(
            (l + r) / 2.0,
            (person[0] + person[2]) / 2.0,
            0.5,
            "signer field centred on the name",
        );
        close(
            r - l,
            60.0 * 72.0 / 25.4,
            0.1,
            "the signer's field is 60 mm wide",
        );
        // Box 8: the seal at its real size (36 mm), centred on box 7c's
        // height and covering its left third.
        let [sl, sb, sr, st] = seal.rect;
        close(sr - sl, 36.0 * 72.0 / 25.4, 0.1, "the seal's width");
        close(st - sb, 36.0 * 72.0 / 25.4, 0.1, "the seal's height");
        close(
            sr,
            l + (r - l) / 3.0,
            0.1,
            "the seal's right edge at the left third of box 7c",
        );
        close(
            (sb + st) / 2.0,
            (b + t) / 2.0,
            0.1,
            "the seal centred on box 7c's height",
        );
        assert!(
            sl < l,
            "{name}: the seal reaches left of the signer's image"
        );
        // The slots the library reports are the rectangles of the fields.
        for (kind, f) in [(SlotKind::Signer, s), (SlotKind::Seal, seal)] {
            let slot = e.slots.iter().find(|x| x.kind == kind).unwrap();
            for i in 0..4 {
                close(
                    f.rect[i],
                    slot.rect[i],
                    0.01,
                    "field rectangle = slot rectangle",
                );
            }
        }
    }
}

#[test]
fn the_number_and_date_slots_cover_their_lines() {
    let e = electronic(PLAN, false);
    let path = write("number-date.pdf", &e.pdf);
    let kinds: Vec<SlotKind> = e.slots.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SlotKind::Number,
            SlotKind::Date,
            SlotKind::Signer,
            SlotKind::Seal
        ]
    );
    for (kind, text) in [
        // The electronic layout leaves the number and the day and month
        // blank for the signing tool (Điều 15.3).
        (SlotKind::Number, "Số: /KH-SLĐTBXH"),
        (SlotKind::Date, "Yên Bái, ngày tháng năm 2024"),
    ] {
        let slot = e.slots.iter().find(|s| s.kind == kind).unwrap();
        assert_eq!(slot.page, 1);
        let line = text_line(&path, 1, text);
        close(slot.rect[0], line[0], 0.5, "the slot starts with the line");
        close(slot.rect[2], line[2], 0.5, "the slot ends with the line");
        assert!(
            slot.rect[1] <= line[1] && slot.rect[3] >= line[3],
            "{kind:?} {:?} holds the line {line:?}",
            slot.rect
        );
    }
    // The signature map's form.
    let json = serde_json::to_value(&e.slots[0]).unwrap();
    assert_eq!(json["kind"], "number");
    assert_eq!(json["page"], 1);
    assert_eq!(json["rect"].as_array().unwrap().len(), 4);
}

/// `nd30.typ` without its slot markers, as it was before electronic documents.
fn without_markers(nd30: &str) -> String {
    let replacements = [
        (r#"[#line-slot("number", number, p.left)#number]"#, "number"),
        (
            r#"[#line-slot("date", place-date, p.right)#place-date]"#,
            "place-date",
        ),
    ];
    let mut out = nd30.to_string();
    for (marked, plain) in replacements {
        assert!(
            out.contains(marked),
            "nd30.typ no longer marks a slot as `{marked}`"
        );
        out = out.replace(marked, plain);
    }
    let start = out
        .find("        if name != [] and blank-lines > 0 {")
        .expect("the signature's slots");
    let end = start + out[start..].find("        v(gap)").unwrap();
    out.replace_range(start..end, "");
    out
}

#[test]
fn slot_markers_change_no_byte_of_a_paper_document() {
    let dir = scratch("unmarked");
    vanban::export_templates(&dir).unwrap();
    let nd30 = dir.join("nd30.typ");
    std::fs::write(
        &nd30,
        without_markers(&std::fs::read_to_string(&nd30).unwrap()),
    )
    .unwrap();
    let unmarked = Engine::builder().templates(&dir).build().unwrap();
    for path in files_with_extension("examples", "yaml") {
        let doc = vanban::Document::from_path(&path).unwrap();
        assert!(
            unmarked.slots(&doc).unwrap().is_empty(),
            "the markers were not all removed"
        );
        assert!(!engine().slots(&doc).unwrap().is_empty());
        for pdf_a in [false, true] {
            let options = PdfOptions { pdf_a };
            assert!(
                engine().render_pdf_with(&doc, options).unwrap()
                    == unmarked.render_pdf_with(&doc, options).unwrap(),
                "{} (PDF/A: {pdf_a}): the slot markers changed the PDF",
                path.display()
            );
        }
    }
}

// ----------------------------------------------------------------- fields

#[test]
fn fields_are_an_update_that_keeps_typst_pdf_a() {
    let doc = electronic_example(PLAN);
    let plain = engine()
        .render_pdf_with(&doc, PdfOptions { pdf_a: true })
        .unwrap();
    let e = electronic(PLAN, true);
    assert!(
        e.pdf.starts_with(&plain),
        "typst's bytes are kept, the fields appended"
    );
    let update = &e.pdf[plain.len()..];
    assert!(
        !update.windows(5).any(|w| w == b"%PDF-"),
        "an update has no second header"
    );
    assert!(e.pdf.ends_with(b"%%EOF"));
    let path = write("fields-pdfa.pdf", &e.pdf);
    qpdf_check(&path);
    qpdf_check(&write("fields-plain.pdf", &electronic(PLAN, false).pdf));

    let (pdf, fields) = fields(&e.pdf);
    let form = pdf
        .catalog()
        .unwrap()
        .get_deref(b"AcroForm", &pdf)
        .unwrap()
        .as_dict()
        .unwrap();
    assert_eq!(form.get(b"SigFlags").unwrap().as_i64().unwrap(), 3);
    assert!(
        !form.has(b"NeedAppearances"),
        "PDF/A forbids NeedAppearances"
    );
    for f in &fields {
        assert_eq!(f.flags, 4, "{}: printable, not hidden (PDF/A)", f.name);
        assert!(
            f.appearance_ok,
            "{}: an appearance stream, and only /N (PDF/A)",
            f.name
        );
        assert!(!f.signed);
    }
    // Still PDF/A-2u: the XMP identification and the file identifier stay.
    let original = Pdf::load_mem(&plain).unwrap();
    assert_eq!(
        pdf.trailer.get(b"ID").unwrap(),
        original.trailer.get(b"ID").unwrap()
    );
    let metadata = |d: &Pdf| {
        d.catalog()
            .unwrap()
            .get(b"Metadata")
            .unwrap()
            .as_reference()
            .unwrap()
    };
    assert_eq!(metadata(&pdf), metadata(&original));
    let xmp = String::from_utf8_lossy(&plain);
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>")
            && xmp.contains("<pdfaid:conformance>U</pdfaid:conformance>")
    );
    // pyHanko sees the two fields, unsigned.
    let report = pyhanko(&path, &certificates().rsa_pem);
    assert_eq!(
        report["fields"],
        serde_json::json!([{ "name": SIGNER_FIELD, "signed": false }, { "name": SEAL_FIELD, "signed": false }])
    );
}

// ---------------------------------------------------------------- signing

#[test]
fn a_signed_pdf_validates_as_pades_b_b() {
    let certs = certificates();
    let e = electronic(PLAN, true);
    let signed = electronic::sign_pdf(&e.pdf, SIGNER_FIELD, &rsa(), certs.time).unwrap();
    assert!(
        signed.starts_with(&e.pdf),
        "the signature is an incremental update"
    );
    let path = write("signed-rsa.pdf", &signed);
    qpdf_check(&path);

    let report = pyhanko(&path, &certs.rsa_pem);
    let sigs = report["signatures"].as_array().unwrap();
    assert_eq!(sigs.len(), 1);
    let sig = &sigs[0];
    assert_eq!(sig["field"], SIGNER_FIELD);
    assert_eq!(sig["subfilter"], "/ETSI.CAdES.detached");
    for judged in ["intact", "valid", "trusted", "bottom_line"] {
        assert_eq!(sig[judged], true, "{judged}: {sig:#}");
    }
    assert_eq!(sig["coverage"], "ENTIRE_FILE");
    assert_eq!(sig["ades"], "AdESPassed.OK", "{sig:#}");
    assert!(
        sig["signer"].as_str().unwrap().contains(SIGNER_CN),
        "{sig:#}"
    );
    assert_eq!(sig["md_algorithm"], "sha256");
    assert_eq!(sig["mechanism"], "sha256_rsa");
    let mut attributes: Vec<&str> = sig["signed_attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    attributes.sort();
    assert_eq!(
        attributes,
        ["content_type", "message_digest", "signing_certificate_v2"],
        "B-B: no signing-time attribute"
    );
    assert_eq!(sig["signing_time_in_dictionary"], certs.time_pdf());
    assert_eq!(
        report["fields"][1],
        serde_json::json!({ "name": SEAL_FIELD, "signed": false })
    );

    // One byte changed in the signed range is detected.
    let at = signed
        .windows(22)
        .position(|w| w == b"<xmp:CreatorTool>vanba")
        .unwrap()
        + 22;
    let mut tampered = signed.clone();
    tampered[at] = b'N';
    let report = pyhanko(&write("tampered.pdf", &tampered), &certs.rsa_pem);
    let sig = &report["signatures"][0];
    assert_eq!(sig["intact"], false, "{sig:#}");
    assert_eq!(sig["bottom_line"], false);
    assert_eq!(sig["ades"], "AdESFailure.HASH_FAILURE");
}

impl Certificates {
    fn time_pdf(&self) -> String {
        let t = self.time.rfc3339(); // 2026-12-02T06:32:44+07:00
        let digits: String = t[..19].chars().filter(char::is_ascii_digit).collect();
        format!("D:{digits}{}'{}'", &t[19..22], &t[23..25])
    }
}

#[test]
fn the_seal_is_signed_after_the_signer() {
    let certs = certificates();
    let e = electronic(LETTER, true);
    let ec = SigningIdentity::from_pkcs12(&certs.ec_default, PASSWORD).unwrap();
    let once = electronic::sign_pdf(&e.pdf, SIGNER_FIELD, &rsa(), certs.time).unwrap();
    let twice = electronic::sign_pdf(&once, SEAL_FIELD, &ec, certs.time).unwrap();
    let path = write("signed-twice.pdf", &twice);
    qpdf_check(&path);
    // Trusting the organisation's (ECDSA) certificate, the signer's own is
    // untrusted, but intact; the seal's signature covers everything.
    let report = pyhanko(&path, &certs.ec_pem);
    let sigs = report["signatures"].as_array().unwrap();
    assert_eq!(sigs.len(), 2);
    assert_eq!(
        (&sigs[0]["field"], &sigs[0]["intact"], &sigs[0]["valid"]),
        (&SIGNER_FIELD.into(), &true.into(), &true.into())
    );
    assert_eq!(
        sigs[0]["modification_level"], "FORM_FILLING",
        "signing the seal is allowed after the signer"
    );
    assert_eq!(sigs[1]["field"], SEAL_FIELD);
    assert_eq!(sigs[1]["mechanism"], "sha256_ecdsa");
    for judged in ["intact", "valid", "trusted", "bottom_line"] {
        assert_eq!(sigs[1][judged], true, "{judged}: {:#}", sigs[1]);
    }
    assert_eq!(sigs[1]["coverage"], "ENTIRE_FILE");
    // A field signed once is not signed again.
    let err = electronic::sign_pdf(&twice, SEAL_FIELD, &ec, certs.time).unwrap_err();
    assert!(
        matches!(err, Error::Signing(SigningError::AlreadySigned(ref f)) if f == SEAL_FIELD),
        "{err}"
    );
}

#[test]
fn the_same_document_certificate_and_time_give_the_same_bytes() {
    let certs = certificates();
    let first = electronic(PLAN, true);
    let again = electronic(PLAN, true);
    assert!(first.pdf == again.pdf, "the fields are reproducible");
    let (rsa, ec) = (
        rsa(),
        SigningIdentity::from_pkcs12(&certs.ec_default, PASSWORD).unwrap(),
    );
    for id in [&rsa, &ec] {
        let a = electronic::sign_pdf(&first.pdf, SIGNER_FIELD, id, certs.time).unwrap();
        let b = electronic::sign_pdf(&again.pdf, SIGNER_FIELD, id, certs.time).unwrap();
        assert!(a == b, "{id:?}: two signatures of the same input differ");
    }
    let later = SigningTime::from_rfc3339("2027-01-02T08:00:00+07:00").unwrap();
    let a = electronic::sign_pdf(&first.pdf, SIGNER_FIELD, &rsa, certs.time).unwrap();
    let b = electronic::sign_pdf(&first.pdf, SIGNER_FIELD, &rsa, later).unwrap();
    assert!(a != b, "the signing time is in the signature");
}

// ----------------------------------------------------------- certificates

#[test]
fn pkcs12_files_as_offices_get_them_are_read() {
    let certs = certificates();
    let der_path = scratch("rsa.der");
    openssl(&[
        "x509",
        "-in",
        certs.rsa_pem.to_str().unwrap(),
        "-outform",
        "DER",
        "-out",
        der_path.to_str().unwrap(),
    ]);
    let der = std::fs::read(der_path).unwrap();
    for (what, bytes) in [
        ("OpenSSL 3's default (AES-256, PBKDF2)", &certs.rsa_default),
        ("3DES", &certs.rsa_3des),
        ("-legacy (RC2-40, 3DES)", &certs.rsa_legacy),
    ] {
        let id =
            SigningIdentity::from_pkcs12(bytes, PASSWORD).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            id.subject().contains(&format!("CN={SIGNER_CN}")),
            "{what}: {}",
            id.subject()
        );
        assert!(
            id.certificate_der() == der,
            "{what}: the certificate read is the one exported"
        );
    }
    let (not_before, not_after) = rsa().validity();
    let years = not_after.duration_since(not_before).unwrap().as_secs() / (365 * 24 * 3600);
    assert_eq!(years, 10);
}

#[test]
fn certificate_problems_are_errors_that_say_what_to_do() {
    let certs = certificates();
    let message = |r: vanban::Result<SigningIdentity>| r.unwrap_err();

    let e = message(SigningIdentity::from_pkcs12(&certs.rsa_default, "mat khau"));
    assert!(
        matches!(e, Error::Signing(SigningError::WrongPassword)),
        "{e}"
    );
    assert!(e.to_string().contains("password"), "{e}");

    let pdf = electronic(LETTER, false).pdf;
    let e = message(SigningIdentity::from_pkcs12(&pdf, PASSWORD));
    assert!(
        matches!(e, Error::Signing(SigningError::NotPkcs12(_))),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("export the certificate together with its private key"),
        "{e}"
    );

    let e = message(SigningIdentity::from_pkcs12(&certs.no_key, PASSWORD));
    assert!(
        matches!(
            e,
            Error::Signing(SigningError::NoPrivateKey { certificates: 1 })
        ),
        "{e}"
    );
    assert!(e.to_string().contains("no private key"), "{e}");

    let e = message(SigningIdentity::from_pkcs12(&certs.p384, PASSWORD));
    assert!(
        matches!(e, Error::Signing(SigningError::UnsupportedKey(_))),
        "{e}"
    );
    assert!(
        e.to_string().contains("secp384r1") && e.to_string().contains("RSA and ECDSA P-256"),
        "{e}"
    );

    // A certificate outside its validity signs nothing.
    let id = rsa();
    for (time, expected) in [
        ("2001-01-01T08:00:00+07:00", "valid only from"),
        ("2099-01-01T08:00:00+07:00", "expired on"),
    ] {
        let time = SigningTime::from_rfc3339(time).unwrap();
        let e = electronic::sign_pdf(&pdf, SIGNER_FIELD, &id, time).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Signing(SigningError::NotYetValid { .. } | SigningError::Expired { .. })
            ),
            "{e}"
        );
        assert!(
            e.to_string().contains(expected) && e.to_string().contains(SIGNER_CN),
            "{e}"
        );
    }

    // A PDF without fields, or a field that is not there.
    let paper = engine().render_pdf(&example(LETTER)).unwrap();
    let e = electronic::sign_pdf(&paper, SIGNER_FIELD, &id, certs.time).unwrap_err();
    assert!(
        e.to_string()
            .contains("render it as an electronic document"),
        "{e}"
    );
    let e = electronic::sign_pdf(&pdf, "vanban.signer", &id, certs.time).unwrap_err();
    assert!(
        matches!(e, Error::Signing(SigningError::NoField { ref available, .. }) if available == &[SIGNER_FIELD, SEAL_FIELD]),
        "{e}"
    );
}

// ------------------------------------------------- the electronic layout

/// pdftotext's text of page `page`.
fn page_text(pdf: &Path, page: u32) -> String {
    let p = page.to_string();
    let (ok, out) = run(
        "pdftotext",
        &["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
        "apt-get install poppler-utils",
    );
    assert!(ok, "pdftotext:\n{out}");
    out
}

#[test]
fn the_electronic_layout_leaves_the_number_and_the_day_and_month_blank() {
    // `electronic: true` in the document, through the ordinary PDF.
    let doc = electronic_example(PLAN);
    assert!(doc.is_electronic() && !example(PLAN).is_electronic());
    let paper = write(
        "layout-paper.pdf",
        &engine().render_pdf(&example(PLAN)).unwrap(),
    );
    let text = page_text(&paper, 1);
    assert!(text.contains("Số: 25/KH-SLĐTBXH") && text.contains("ngày 05 tháng 3 năm 2024"));
    for pdf in [
        engine().render_pdf(&doc).unwrap(),
        electronic(PLAN, false).pdf,
    ] {
        let path = write("layout-electronic.pdf", &pdf);
        let text = page_text(&path, 1);
        assert!(
            !text.contains("25/KH") && !text.contains("05 tháng 3"),
            "the draft's number and date are not printed:\n{text}"
        );
        let number = text_line(&path, 1, "Số: /KH-SLĐTBXH");
        let date = text_line(&path, 1, "Yên Bái, ngày tháng năm 2024");
        // Room for the stamp: the blank is as wide as six spaces at 13 pt.
        let blank = text_line(&path, 1, "/KH-SLĐTBXH")[0] - text_line(&path, 1, "Số:")[2];
        assert!(blank > 15.0, "the number's blank is {blank:.1} pt wide");
        let day = text_line(&path, 1, "tháng")[0] - text_line(&path, 1, "ngày")[2];
        assert!(day > 15.0, "the day's blank is {day:.1} pt wide");
        assert!(number[3] > 600.0 && date[3] > 600.0);
    }
    // The appendix line of the document names the blank number too.
    let e = engine()
        .render_electronic(
            &example("ke-hoach-quang-ninh-2024.yaml"),
            PdfOptions::default(),
        )
        .unwrap();
    let path = write("layout-appendix.pdf", &e.pdf);
    let last = page_text(&path, e.pages as u32);
    assert!(
        last.contains("(Kèm theo Kế hoạch số /KH-SGTVT ngày\ntháng năm 2024"),
        "the appendix names the blank number and date:\n{last}"
    );
}

// -------------------------------------------------------------- images

/// A PNG `width`×`height` whose pixels `paint` colours (RGBA).
fn png_image(width: u32, height: u32, paint: impl Fn(u32, u32) -> [u8; 4]) -> Vec<u8> {
    let mut data = Vec::new();
    for y in 0..height {
        for x in 0..width {
            data.extend_from_slice(&paint(x, y));
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}

const BLUE: [u8; 4] = [20, 40, 210, 255];
const RED: [u8; 4] = [225, 20, 25, 255];
const CLEAR: [u8; 4] = [0, 0, 0, 0];

/// A signature: a blue band, 3:1, on a transparent background.
fn signature_png() -> Vec<u8> {
    png_image(
        300,
        100,
        |_, y| if (10..90).contains(&y) { BLUE } else { CLEAR },
    )
}

/// A seal: a red disc on a transparent background.
fn seal_png() -> Vec<u8> {
    png_image(200, 200, |x, y| {
        let (dx, dy) = (x as f64 - 99.5, y as f64 - 99.5);
        if dx * dx + dy * dy <= 100.0 * 100.0 {
            RED
        } else {
            CLEAR
        }
    })
}

/// The pixels of page `page` at 72 dpi (a pixel is a point), RGB.
fn page_pixels(pdf: &Path, page: u32) -> (u32, u32, Vec<u8>) {
    let p = page.to_string();
    let stem = pdf.with_extension("");
    let (ok, out) = run(
        "pdftoppm",
        &[
            "-f",
            &p,
            "-l",
            &p,
            "-r",
            "72",
            "-png",
            "-singlefile",
            pdf.to_str().unwrap(),
            stem.to_str().unwrap(),
        ],
        "apt-get install poppler-utils",
    );
    assert!(ok, "pdftoppm:\n{out}");
    let file = std::fs::File::open(stem.with_extension("png")).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

/// The bounding box (PDF points, bottom-left origin) of the pixels `is`
/// picks, and how many there are.
fn bbox(pixels: &(u32, u32, Vec<u8>), is: impl Fn(&[u8]) -> bool) -> ([f64; 4], usize) {
    let (w, h, data) = pixels;
    let (mut l, mut b, mut r, mut t, mut n) = (f64::MAX, f64::MAX, 0.0_f64, 0.0_f64, 0);
    for y in 0..*h {
        for x in 0..*w {
            let i = ((y * w + x) * 3) as usize;
            if is(&data[i..i + 3]) {
                n += 1;
                let (px, py) = (x as f64, (*h - y) as f64);
                l = l.min(px);
                r = r.max(px + 1.0);
                b = b.min(py - 1.0);
                t = t.max(py);
            }
        }
    }
    ([l, b, r, t], n)
}

fn is_blue(p: &[u8]) -> bool {
    p[2] > 150 && p[0] < 90 && p[1] < 110
}

fn is_red(p: &[u8]) -> bool {
    p[0] > 170 && p[1] < 90 && p[2] < 90
}

#[test]
fn the_signature_is_blue_in_box_7c_and_the_seal_red_at_its_real_size() {
    let mut doc = example(PLAN);
    doc.set_signature_image(signature_png()).unwrap();
    doc.set_seal(seal_png(), 40.0).unwrap();
    let e = engine()
        .render_electronic(&doc, PdfOptions::default())
        .unwrap();
    let path = write("images.pdf", &e.pdf);
    let signer = e.slots.iter().find(|s| s.kind == SlotKind::Signer).unwrap();
    let seal = e.slots.iter().find(|s| s.kind == SlotKind::Seal).unwrap();
    let pixels = page_pixels(&path, signer.page as u32);
    let (blue, blues) = bbox(&pixels, is_blue);
    let (red, reds) = bbox(&pixels, is_red);
    assert!(
        blues > 1000 && reds > 1000,
        "{blues} blue, {reds} red pixels"
    );

    // The image, 3:1, fills box 7c's width (60 mm), centred on its height;
    // its band is the middle 80 % of the image's height.
    let [l, b, r, t] = signer.rect;
    let shown = (r - l).min((t - b) * 3.0);
    close(
        blue[2],
        (l + r) / 2.0 + shown / 2.0,
        1.5,
        "the signature's right edge",
    );
    let band = shown / 3.0 * 0.8;
    close(blue[3] - blue[1], band, 2.0, "the signature's band height");
    close(
        (blue[1] + blue[3]) / 2.0,
        (b + t) / 2.0,
        1.5,
        "centred on box 7c",
    );
    // The seal: 40 mm across, where the seal's field is, over the image's
    // left third (its red covers the blue there).
    let diameter = 40.0 * 72.0 / 25.4;
    close(red[2] - red[0], diameter, 2.0, "the seal's printed width");
    close(red[3] - red[1], diameter, 2.0, "the seal's printed height");
    for (printed, field) in red.iter().zip(seal.rect) {
        close(*printed, field, 1.5, "the seal over its field");
    }
    let image_left = (l + r) / 2.0 - shown / 2.0;
    close(
        red[2],
        image_left + shown / 3.0,
        1.5,
        "the seal covers the left third",
    );
    assert!(
        blue[0] >= red[0] && blue[0] < red[2],
        "the image's left part lies under the seal: blue {blue:?}, red {red:?}"
    );
    // Title and name stay clear of the signature.
    let title = text_line(&path, signer.page as u32, "PHÓ GIÁM ĐỐC");
    let name = text_line(&path, signer.page as u32, "Nguyễn Thị Thanh Hương");
    assert!(blue[3] <= title[1] + 1.0 && blue[1] >= name[3] - 1.0);

    // PDF/A stays valid with the images' transparency.
    let archived = engine()
        .render_electronic(&doc, PdfOptions { pdf_a: true })
        .unwrap();
    qpdf_check(&write("images-pdfa.pdf", &archived.pdf));
    // Without images, box 7c keeps its blank lines: no blue, no red.
    let plain = write("no-images.pdf", &electronic(PLAN, false).pdf);
    let pixels = page_pixels(&plain, signer.page as u32);
    assert_eq!(bbox(&pixels, is_blue).1 + bbox(&pixels, is_red).1, 0);
}

/// `signature:` of the plan example, with `extra` lines under it, in a
/// directory of its own with `files` beside it.
fn plan_with_signature(name: &str, extra: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(&dir).unwrap();
    let yaml = std::fs::read_to_string(common::example_path(PLAN)).unwrap();
    let at = yaml.find("  name: Nguyễn Thị Thanh Hương\n").unwrap()
        + "  name: Nguyễn Thị Thanh Hương\n".len();
    let yaml = format!("{}{extra}{}", &yaml[..at], &yaml[at..]);
    for (file, bytes) in files {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    let path = dir.join("ke-hoach.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

#[test]
fn images_are_files_beside_the_document_read_through_its_loader() {
    let path = plan_with_signature(
        "images-ok",
        "  image: chu-ky.png\n  seal: { file: dau.png, diameter: 36 }\n",
        &[("chu-ky.png", &signature_png()), ("dau.png", &seal_png())],
    );
    let doc = vanban::Document::from_path(&path).unwrap();
    let e = engine()
        .render_electronic(&doc, PdfOptions::default())
        .unwrap();
    let pixels = page_pixels(&write("images-file.pdf", &e.pdf), e.pages as u32);
    assert!(bbox(&pixels, is_blue).1 > 1000 && bbox(&pixels, is_red).1 > 1000);
    // A text read without a loader names no file.
    let text = std::fs::read_to_string(&path).unwrap();
    let Error::Invalid(d) = vanban::Document::from_yaml_str(&text).unwrap_err() else {
        panic!("not a diagnostic")
    };
    assert!(d.0.iter().any(|d| d.path == "signature.image"), "{d:?}");
}

#[test]
fn an_image_that_cannot_be_used_is_an_error_at_its_line() {
    let opaque = png_image(30, 10, |_, _| BLUE);
    // Re-encode without alpha: RGB.
    let rgb = {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, 4, 4);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut w = encoder.write_header().unwrap();
        w.write_image_data(&[0; 48]).unwrap();
        w.finish().unwrap();
        out
    };
    let large = vec![0u8; 3 * 1024 * 1024];
    for (case, extra, file, bytes, path, expected) in [
        (
            "jpeg",
            "  image: chu-ky.jpg\n",
            "chu-ky.jpg",
            &b"\xff\xd8\xff\xe0\0\x10JFIF"[..],
            "signature.image",
            "not a PNG",
        ),
        (
            "rgb",
            "  image: chu-ky.png\n",
            "chu-ky.png",
            &rgb[..],
            "signature.image",
            "no alpha channel",
        ),
        (
            "large",
            "  image: chu-ky.png\n",
            "chu-ky.png",
            &large[..],
            "signature.image",
            "larger than",
        ),
        (
            "missing",
            "  image: khong-co.png\n",
            "other.png",
            &opaque[..],
            "signature.image",
            "cannot be used",
        ),
        (
            "seal",
            "  seal: { file: dau.png, diameter: 36 }\n",
            "dau.png",
            &rgb[..],
            "signature.seal.file",
            "no alpha channel",
        ),
        (
            "diameter",
            "  seal: { file: dau.png, diameter: 360 }\n",
            "dau.png",
            &opaque[..],
            "signature.seal.diameter",
            "360 mm",
        ),
    ] {
        let yaml = plan_with_signature(&format!("bad-{case}"), extra, &[(file, bytes)]);
        let Error::Invalid(d) = vanban::Document::from_path(&yaml).unwrap_err() else {
            panic!("{case}: not a diagnostic")
        };
        let d =
            d.0.iter()
                .find(|d| d.path == path)
                .unwrap_or_else(|| panic!("{case}: {d:?}"));
        assert!(
            d.message.contains(expected),
            "{case}: `{}` does not say `{expected}`",
            d.message
        );
        // The line of `signature.image` / `seal:` (the signature starts at line 190).
        let line = d.line.unwrap_or_else(|| panic!("{case}: no line"));
        assert!((194..=195).contains(&line), "{case}: line {line}");
    }
    // Bytes given through the library are checked the same way.
    let mut doc = example(PLAN);
    let e = doc.set_signature_image(rgb.clone()).unwrap_err();
    assert!(e.to_string().contains("no alpha channel"), "{e}");
    let e = doc.set_seal(seal_png(), 5.0).unwrap_err();
    assert!(e.to_string().contains("5 mm"), "{e}");
}

// ----------------------------------------------- appendices filed apart

#[test]
fn appendices_filed_apart_keep_their_corner_free_and_their_line_blank() {
    let doc = example("ke-hoach-quang-ninh-2024.yaml");
    let whole = engine()
        .render_electronic(&doc, PdfOptions::default())
        .unwrap();
    let certs = certificates();
    let options = electronic::IssueOptions {
        pdf: PdfOptions { pdf_a: true },
        appendix_files: true,
        signing: Some(electronic::Signing::new(rsa(), certs.time).unwrap()),
    };
    let issued = engine().issue_electronic(&doc, &options).unwrap();
    assert_eq!(issued.appendices.len(), 1);
    let appendix = &issued.appendices[0];
    assert_eq!(
        issued.document.pages + appendix.pages,
        whole.pages,
        "the appendix moved to its own file"
    );
    let main = write("filed-main.pdf", &issued.document.pdf);
    assert!(!page_text(&main, issued.document.pages as u32).contains("CÁC VĂN BẢN CHỈ ĐẠO"));

    let path = write("filed-appendix.pdf", &appendix.pdf);
    qpdf_check(&path);
    let text = page_text(&path, 1);
    assert!(
        text.contains("Phụ lục") && !text.contains("Kèm theo"),
        "{text}"
    );
    // The corner: the top-right of the text area (margins 25 mm top, 20 mm right).
    let corner = appendix
        .slots
        .iter()
        .find(|s| s.kind == SlotKind::AppendixCorner)
        .unwrap();
    let mm = 72.0 / 25.4;
    assert_eq!(corner.page, 1);
    close(
        corner.rect[2],
        595.28 - 20.0 * mm,
        0.1,
        "the corner's right edge",
    );
    close(
        corner.rect[3],
        841.89 - 25.0 * mm,
        0.1,
        "the corner's top edge",
    );
    close(corner.width(), 60.0 * mm, 0.1, "the corner's width");
    let label = text_line(&path, 1, "Phụ lục");
    assert!(
        label[3] <= corner.rect[1],
        "the label {label:?} is below the corner {corner:?}"
    );
    // The organisation's field over the corner, signed.
    let (_, fields) = fields(&appendix.pdf);
    let f = field(&fields, electronic::APPENDIX_FIELD);
    assert!(f.signed);
    for i in 0..4 {
        close(f.rect[i], corner.rect[i], 0.01, "the field over the corner");
    }
    let report = pyhanko(&path, &certs.rsa_pem);
    assert_eq!(report["signatures"][0]["bottom_line"], true, "{report:#}");
    assert_eq!(report["signatures"][0]["field"], electronic::APPENDIX_FIELD);

    // The signature map: every slot of both files.
    let map = issued.signature_map("ke-hoach.pdf", |i| format!("ke-hoach-phu-luc-{i}.pdf"));
    let json: serde_json::Value = serde_json::from_str(&map.to_json()).unwrap();
    assert_eq!(json["units"], "pt");
    assert_eq!(json["origin"], "bottom-left");
    let files = json["files"].as_array().unwrap();
    assert_eq!(files[0]["file"], "ke-hoach.pdf");
    assert_eq!(files[1]["file"], "ke-hoach-phu-luc-1.pdf");
    let kinds: Vec<(&str, Option<&str>)> = files[0]["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["kind"].as_str().unwrap(), s["field"].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("number", None),
            ("date", None),
            ("signer", Some(SIGNER_FIELD)),
            ("seal", Some(SEAL_FIELD))
        ]
    );
    assert_eq!(files[1]["slots"][0]["kind"], "appendix-corner");
    assert_eq!(files[1]["slots"][0]["page"], 1);
    assert_eq!(files[0]["pages"], issued.document.pages);
}

// ------------------------------------------------------ the command line

fn vanban(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn render_and_batch_sign_with_a_certificate_or_write_nothing() {
    let certs = certificates();
    let p12 = write("cli.p12", &certs.rsa_default);
    let p12 = p12.to_str().unwrap();
    let time = certs.time.rfc3339();
    let input = common::example_path("ke-hoach-quang-ninh-2024.yaml");
    let input = input.to_str().unwrap();
    let out = scratch("cli-signed.pdf");
    let map = scratch("cli-map.json");
    let env = [("VANBAN_P12", PASSWORD), ("WRONG_P12", "mat khau")];
    let (ok, err) = vanban(
        &[
            "render",
            input,
            "-o",
            out.to_str().unwrap(),
            "--pdf-a",
            "--appendix-file",
            "--signature-map",
            map.to_str().unwrap(),
            "--sign",
            p12,
            "--sign-password-env",
            "VANBAN_P12",
            "--sign-time",
            &time,
        ],
        &env,
    );
    assert!(ok, "{err}");
    let appendix = scratch("cli-signed-phu-luc-1.pdf");
    for pdf in [&out, &appendix] {
        qpdf_check(pdf);
        let report = pyhanko(pdf, &certs.rsa_pem);
        assert_eq!(report["signatures"][0]["bottom_line"], true, "{report:#}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&map).unwrap()).unwrap();
    assert_eq!(json["files"][1]["file"], "cli-signed-phu-luc-1.pdf");

    // A wrong password, an expired certificate, a file without a key, an
    // unset variable: a clear error, and nothing written.
    let no_key = write("cli-no-key.p12", &certs.no_key);
    for (case, cert, var, at, expected) in [
        (
            "password",
            p12,
            "WRONG_P12",
            time.as_str(),
            "password of the PKCS#12 file is wrong",
        ),
        (
            "expired",
            p12,
            "VANBAN_P12",
            "2099-01-01T08:00:00+07:00",
            "expired on",
        ),
        (
            "no key",
            no_key.to_str().unwrap(),
            "VANBAN_P12",
            time.as_str(),
            "no private key",
        ),
        (
            "unset",
            p12,
            "NO_SUCH_VARIABLE_15B",
            time.as_str(),
            "is not set",
        ),
    ] {
        let target = scratch(&format!("cli-fail-{}.pdf", case.replace(' ', "-")));
        let (ok, err) = vanban(
            &[
                "render",
                input,
                "-o",
                target.to_str().unwrap(),
                "--appendix-file",
                "--sign",
                cert,
                "--sign-password-env",
                var,
                "--sign-time",
                at,
            ],
            &env,
        );
        assert!(!ok && err.contains(expected), "{case}: {err}");
        assert!(!target.exists(), "{case}: a PDF was written");
        assert!(
            !target
                .with_file_name(format!(
                    "{}-phu-luc-1.pdf",
                    target.file_stem().unwrap().to_str().unwrap()
                ))
                .exists(),
            "{case}: an appendix was written"
        );
        let dir = scratch(&format!("cli-batch-fail-{}", case.replace(' ', "-")));
        let batch = common::example_path("batch-yen-bai");
        let (ok, err) = vanban(
            &[
                "batch",
                batch.to_str().unwrap(),
                "-o",
                dir.to_str().unwrap(),
                "--sign",
                cert,
                "--sign-password-env",
                var,
                "--sign-time",
                at,
            ],
            &env,
        );
        assert!(!ok && err.contains(expected), "batch, {case}: {err}");
        assert!(!dir.exists(), "batch, {case}: files were written");
    }

    // A batch signs every PDF.
    let dir = scratch("cli-batch");
    let batch = common::example_path("batch-yen-bai");
    let (ok, err) = vanban(
        &[
            "batch",
            batch.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
            "--sign",
            p12,
            "--sign-password-env",
            "VANBAN_P12",
            "--sign-time",
            &time,
        ],
        &env,
    );
    assert!(ok, "{err}");
    let pdfs = files_with_extension(dir.to_str().unwrap(), "pdf");
    assert!(pdfs.len() >= 9, "{pdfs:?}");
    for pdf in &pdfs {
        let report = pyhanko(pdf, &certs.rsa_pem);
        let sig = &report["signatures"][0];
        assert_eq!(sig["bottom_line"], true, "{}: {sig:#}", pdf.display());
        assert_eq!(sig["field"], SIGNER_FIELD);
    }
}
