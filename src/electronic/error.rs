//! What can go wrong with a certificate, a signature field or a signature.

/// Why a certificate cannot sign, or a PDF cannot take fields or a signature.
/// Nothing is written when one of these is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SigningError {
    /// The certificate file is not PKCS#12, or is damaged.
    #[error(
        "the certificate file is not a PKCS#12 file (.p12, .pfx), or it is damaged ({0}); \
         export the certificate together with its private key as PKCS#12"
    )]
    NotPkcs12(String),
    /// The PKCS#12 file's password is not the one given.
    #[error(
        "the password of the PKCS#12 file is wrong; check the environment variable that holds it"
    )]
    WrongPassword,
    /// The PKCS#12 file holds certificates but no private key.
    #[error(
        "the PKCS#12 file holds {certificates} certificate(s) but no private key, so it cannot sign; \
         export the certificate again together with its private key"
    )]
    NoPrivateKey {
        /// How many certificates the file holds.
        certificates: usize,
    },
    /// The PKCS#12 file holds a private key but not the certificate of that key.
    #[error(
        "the PKCS#12 file holds a private key but not its certificate; \
         export the certificate again together with its private key"
    )]
    NoCertificate,
    /// A key of a kind vanban does not sign with.
    #[error("the private key is {0}; vanban signs with RSA and ECDSA P-256 keys")]
    UnsupportedKey(String),
    /// The signing time is after the certificate's validity.
    #[error(
        "the certificate of {subject} expired on {not_after}, before the signing time {time}; \
         sign with a certificate that is valid now (the CA renews it)"
    )]
    Expired {
        /// The certificate's subject.
        subject: String,
        /// The end of its validity (RFC 3339).
        not_after: String,
        /// The signing time (RFC 3339).
        time: String,
    },
    /// The signing time is before the certificate's validity.
    #[error(
        "the certificate of {subject} is valid only from {not_before}, after the signing time {time}; \
         check the signing time and the computer's clock"
    )]
    NotYetValid {
        /// The certificate's subject.
        subject: String,
        /// The start of its validity (RFC 3339).
        not_before: String,
        /// The signing time (RFC 3339).
        time: String,
    },
    /// A signing time that cannot be read.
    #[error("{0}")]
    BadTime(String),
    /// The PDF has no unsigned signature field of that name.
    #[error(
        "the PDF has no signature field `{name}` (its fields: {}); \
         render it as an electronic document, which adds the fields",
        if available.is_empty() { "none".to_string() } else { available.join(", ") }
    )]
    NoField {
        /// The field asked for.
        name: String,
        /// The signature fields the PDF has.
        available: Vec<String>,
    },
    /// The field holds a signature already.
    #[error(
        "the signature field `{0}` is signed already; sign another field, or start from the unsigned PDF"
    )]
    AlreadySigned(String),
    /// The PDF cannot be read or updated.
    #[error("the PDF cannot be read or updated: {0}")]
    Pdf(String),
}
