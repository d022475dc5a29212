//! A signer's certificate and private key, from the PKCS#12 file a CA issues.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use der::{Decode, Encode};
use p12_keystore::Pkcs12Archive;
use pkcs8::DecodePrivateKey;
use sha2::Sha256;
use spki::{DynSignatureAlgorithmIdentifier, EncodePublicKey, SubjectPublicKeyInfoRef};
use x509_cert::Certificate;

use super::SigningError;
use crate::Result;

/// A certificate and its private key, ready to sign.
///
/// Read from a PKCS#12 file (`.p12`, `.pfx`) as CAs and `openssl pkcs12
/// -export` write them: AES-256 with PBKDF2 (OpenSSL 3's default) or the
/// legacy 3DES and RC2 encryptions. RSA keys sign with PKCS#1 v1.5 and
/// SHA-256; ECDSA P-256 keys with SHA-256 (RFC 6979, deterministic). Either
/// way the same document, certificate and time give the same signature.
pub struct SigningIdentity {
    key: Key,
    certificate: Certificate,
    /// The file's other certificates (the issuers), sent along for validators.
    chain: Vec<Certificate>,
}

/// A private key of a kind vanban signs with.
pub(super) enum Key {
    Rsa(rsa::pkcs1v15::SigningKey<Sha256>),
    P256(p256::ecdsa::SigningKey),
}

impl std::fmt::Debug for SigningIdentity {
    /// The subject, never the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningIdentity")
            .field("subject", &self.subject())
            .finish_non_exhaustive()
    }
}

impl SigningIdentity {
    /// Reads a PKCS#12 file's bytes with its password.
    ///
    /// Errors, each saying what to do: a file that is not PKCS#12, a wrong
    /// password, no private key, a private key without its certificate, a
    /// key that is neither RSA nor ECDSA P-256.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<Self> {
        let archive = Pkcs12Archive::from_pkcs12(bytes, password).map_err(pkcs12_error)?;
        let mut certificates = archive
            .certs
            .iter()
            .map(|bag| Certificate::from_der(bag.cert.as_der()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| SigningError::NotPkcs12(format!("a certificate cannot be read: {e}")))?;
        if archive.keys.is_empty() {
            return Err(SigningError::NoPrivateKey {
                certificates: certificates.len(),
            }
            .into());
        }
        for bag in &archive.keys {
            let (key, public) = Key::from_pkcs8(bag.key.as_der())?;
            let own = certificates.iter().position(|c| {
                c.tbs_certificate()
                    .subject_public_key_info()
                    .subject_public_key
                    .raw_bytes()
                    == public.as_slice()
            });
            if let Some(index) = own {
                let certificate = certificates.remove(index);
                return Ok(Self {
                    key,
                    certificate,
                    chain: certificates,
                });
            }
        }
        Err(SigningError::NoCertificate.into())
    }

    /// The certificate's subject (`CN=Nguyễn Văn A,O=…`).
    pub fn subject(&self) -> String {
        self.certificate.tbs_certificate().subject().to_string()
    }

    /// The signer's certificate, DER-encoded.
    pub fn certificate_der(&self) -> Vec<u8> {
        self.certificate
            .to_der()
            .expect("a decoded certificate encodes")
    }

    /// The certificate's validity: not before, not after.
    pub fn validity(&self) -> (SystemTime, SystemTime) {
        let v = self.certificate.tbs_certificate().validity();
        (v.not_before.to_system_time(), v.not_after.to_system_time())
    }

    /// An error unless the certificate is valid at `time`.
    pub(super) fn check_valid_at(&self, time: &SigningTime) -> Result<()> {
        let (not_before, not_after) = self.validity();
        let at = time.system_time();
        if at < not_before {
            return Err(SigningError::NotYetValid {
                subject: self.subject(),
                not_before: rfc3339(not_before),
                time: time.rfc3339(),
            }
            .into());
        }
        if at > not_after {
            return Err(SigningError::Expired {
                subject: self.subject(),
                not_after: rfc3339(not_after),
                time: time.rfc3339(),
            }
            .into());
        }
        Ok(())
    }

    pub(super) fn key(&self) -> &Key {
        &self.key
    }

    pub(super) fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The signer's certificate first, then the others of the file.
    pub(super) fn certificates(&self) -> impl Iterator<Item = &Certificate> {
        std::iter::once(&self.certificate).chain(&self.chain)
    }
}

impl Key {
    /// The key and the bits of its public key, as a certificate holds them.
    fn from_pkcs8(der: &[u8]) -> Result<(Self, Vec<u8>)> {
        if let Ok(key) = rsa::PrivateKey::from_pkcs8_der(der) {
            let bits = public_bits(key.to_public_key().to_public_key_der())?;
            return Ok((Key::Rsa(rsa::pkcs1v15::SigningKey::new(key)), bits));
        }
        if let Ok(key) = p256::ecdsa::SigningKey::from_pkcs8_der(der) {
            let bits = public_bits(key.verifying_key().to_public_key_der())?;
            return Ok((Key::P256(key), bits));
        }
        Err(SigningError::UnsupportedKey(describe_key(der)).into())
    }

    /// The signature of `message` (the DER of the signed attributes); the
    /// key hashes it with SHA-256.
    pub(super) fn sign(&self, message: &[u8]) -> Vec<u8> {
        use rsa::signature::{SignatureEncoding, Signer};
        match self {
            Key::Rsa(key) => key.sign(message).to_vec(),
            Key::P256(key) => {
                let signature: p256::ecdsa::DerSignature = key.sign(message);
                signature.to_vec()
            }
        }
    }

    /// The signature's algorithm, as the CMS names it.
    pub(super) fn algorithm(&self) -> Result<spki::AlgorithmIdentifierOwned> {
        match self {
            Key::Rsa(key) => key.signature_algorithm_identifier(),
            Key::P256(key) => DynSignatureAlgorithmIdentifier::signature_algorithm_identifier(key),
        }
        .map_err(|e| SigningError::UnsupportedKey(e.to_string()).into())
    }

    /// The longest signature the key makes, in bytes.
    pub(super) fn max_signature_len(&self) -> usize {
        match self {
            Key::Rsa(key) => rsa::traits::PublicKeyParts::size(key.as_ref()),
            // SEQUENCE { INTEGER r, INTEGER s }, each up to 33 bytes.
            Key::P256(_) => 72,
        }
    }
}

/// The subject public key's bits of an encoded public key.
fn public_bits(spki: spki::Result<der::Document>) -> Result<Vec<u8>> {
    let doc = spki.map_err(|e| SigningError::NotPkcs12(format!("its public key: {e}")))?;
    let info = SubjectPublicKeyInfoRef::from_der(doc.as_bytes())
        .map_err(|e| SigningError::NotPkcs12(format!("its public key: {e}")))?;
    Ok(info.subject_public_key.raw_bytes().to_vec())
}

/// `Ed25519`, `id-ecPublicKey on the curve secp384r1` … for the error message.
fn describe_key(der: &[u8]) -> String {
    match pkcs8::PrivateKeyInfoRef::from_der(der) {
        Ok(info) => {
            let oid = info.algorithm.oid;
            let curve = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok());
            let name = |oid| {
                const_oid::db::DB
                    .by_oid(&oid)
                    .map(str::to_string)
                    .unwrap_or_else(|| oid.to_string())
            };
            match curve {
                Some(curve) => format!("{} on the curve {}", name(oid), name(curve)),
                None => name(oid),
            }
        }
        Err(e) => format!("unreadable ({e})"),
    }
}

/// p12-keystore's errors in the user's terms.
fn pkcs12_error(e: p12_keystore::error::Error) -> crate::Error {
    use p12_keystore::error::Error as P;
    match e {
        // The MAC is keyed by the password; without a MAC, a wrong password
        // shows as padding or key data that do not decrypt.
        P::MacError(_) | P::UnpadError | P::InvalidPrivateKey => SigningError::WrongPassword,
        P::UnsupportedEncryptionScheme | P::UnsupportedMacAlgorithm => SigningError::NotPkcs12(
            "it is protected by an encryption vanban cannot read; export it again with `openssl pkcs12 -export`"
                .into(),
        ),
        other => SigningError::NotPkcs12(other.to_string()),
    }
    .into()
}

/// When a document is signed: its `/M` and the moment the certificate must
/// be valid at. Given, never read from the clock behind the caller's back, so
/// that signing is reproducible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningTime(DateTime<FixedOffset>);

impl SigningTime {
    /// A time with its offset from UTC (`+07:00` in Vietnam).
    pub fn new(time: DateTime<FixedOffset>) -> Self {
        Self(time)
    }

    /// An RFC 3339 time, `2024-03-05T09:30:00+07:00`.
    pub fn from_rfc3339(text: &str) -> Result<Self> {
        DateTime::parse_from_rfc3339(text.trim())
            .map(Self)
            .map_err(|e| {
                SigningError::BadTime(format!(
                    "`{text}` is not an RFC 3339 time ({e}); write it like 2024-03-05T09:30:00+07:00"
                ))
                .into()
            })
    }

    /// Now, in Vietnam time (UTC+7).
    pub fn now() -> Self {
        let vietnam = FixedOffset::east_opt(7 * 3600).expect("a valid offset");
        Self(DateTime::<Utc>::from(SystemTime::now()).with_timezone(&vietnam))
    }

    /// The time as RFC 3339, to the second.
    pub fn rfc3339(&self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    /// The time as a PDF date, `D:20240305093000+07'00'`.
    pub(super) fn pdf_date(&self) -> String {
        let offset = self.0.offset().local_minus_utc();
        let sign = if offset < 0 { '-' } else { '+' };
        let minutes = offset.unsigned_abs() / 60;
        format!(
            "D:{}{sign}{:02}'{:02}'",
            self.0.format("%Y%m%d%H%M%S"),
            minutes / 60,
            minutes % 60
        )
    }

    fn system_time(&self) -> SystemTime {
        let seconds = self.0.timestamp();
        if seconds >= 0 {
            UNIX_EPOCH + Duration::from_secs(seconds as u64)
        } else {
            UNIX_EPOCH - Duration::from_secs(seconds.unsigned_abs())
        }
    }
}

fn rfc3339(time: SystemTime) -> String {
    DateTime::<Utc>::from(time).to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signing_time_reads_and_writes_as_the_pdf_wants() {
        let t = SigningTime::from_rfc3339("2024-03-05T09:30:07+07:00").unwrap();
        assert_eq!(t.pdf_date(), "D:20240305093007+07'00'");
        assert_eq!(t.rfc3339(), "2024-03-05T09:30:07+07:00");
        let west = SigningTime::from_rfc3339("2024-03-05T09:30:07-03:30").unwrap();
        assert_eq!(west.pdf_date(), "D:20240305093007-03'30'");
        let err = SigningTime::from_rfc3339("05/03/2024")
            .unwrap_err()
            .to_string();
        assert!(err.contains("2024-03-05T09:30:00+07:00"), "{err}");
    }

    #[test]
    fn bytes_that_are_not_pkcs12_say_so() {
        let err = SigningIdentity::from_pkcs12(b"%PDF-1.7 not a certificate", "x")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a PKCS#12 file"), "{err}");
    }
}
