//! The options of an electronic document, shared by `render` and `batch`:
//! the electronic layout, appendix files, the signature map and signing.

use std::path::PathBuf;

use vanban::electronic::{IssueOptions, Signing, SigningIdentity, SigningTime};

/// `--electronic`, `--sign CERT.p12 --sign-password-env VAR`, `--sign-time`.
#[derive(clap::Args)]
pub struct ElectronicArgs {
    /// An electronic document (Nghị định 30, Điều 5): the number and the day
    /// and month left blank for the signing tool, signature fields over the
    /// signer's box and the seal. `electronic: true` in a document does the same.
    #[arg(long)]
    pub electronic: bool,
    /// Sign with the certificate and key of this PKCS#12 file (.p12, .pfx):
    /// PAdES B-B, as an incremental update. Implies --electronic.
    #[arg(long, value_name = "CERT.p12", requires = "sign_password_env")]
    pub sign: Option<PathBuf>,
    /// The environment variable that holds the PKCS#12 file's password
    /// (never the password itself on the command line).
    #[arg(long, value_name = "VAR", requires = "sign")]
    pub sign_password_env: Option<String>,
    /// The signing time (RFC 3339, e.g. 2024-03-05T09:30:00+07:00); the
    /// clock's time when left out. The same input, certificate and time give
    /// the same bytes.
    #[arg(long, value_name = "TIME", requires = "sign")]
    pub sign_time: Option<String>,
}

impl ElectronicArgs {
    /// Whether the documents are issued electronically.
    pub fn wanted(&self) -> bool {
        self.electronic || self.sign.is_some()
    }

    /// The signing certificate, read and checked before anything is
    /// rendered: a wrong password, an expired certificate or a file without
    /// a private key stops here, and nothing is written.
    pub fn signing(&self) -> Result<Option<Signing>, String> {
        let (Some(cert), Some(var)) = (&self.sign, &self.sign_password_env) else {
            return Ok(None);
        };
        let password = std::env::var(var).map_err(|_| {
            format!("--sign-password-env {var}: the environment variable {var} is not set (or not UTF-8); put the PKCS#12 file's password in it")
        })?;
        let bytes = std::fs::read(cert).map_err(|e| format!("{}: {e}", cert.display()))?;
        let identity = SigningIdentity::from_pkcs12(&bytes, &password)
            .map_err(|e| format!("{}: {e}", cert.display()))?;
        let time = match &self.sign_time {
            Some(t) => SigningTime::from_rfc3339(t).map_err(|e| format!("--sign-time: {e}"))?,
            None => SigningTime::now(),
        };
        Signing::new(identity, time)
            .map(Some)
            .map_err(|e| format!("{}: {e}", cert.display()))
    }

    /// The issue options, with the PDF options given.
    pub fn issue_options(
        &self,
        pdf: vanban::PdfOptions,
        appendix_files: bool,
    ) -> Result<IssueOptions, String> {
        Ok(IssueOptions {
            pdf,
            appendix_files,
            signing: self.signing()?,
        })
    }
}
