//! The CMS of a PAdES baseline B-B signature (ETSI EN 319 142-1, CAdES).
//!
//! A detached `SignedData` over the digest of the PDF's byte ranges, with
//! SHA-256 and exactly the signed attributes B-B asks for: content-type,
//! message-digest and signing-certificate-v2. No signing-time attribute: the
//! time is the signature dictionary's `/M`. The signer's certificate (and the
//! file's other certificates) travel in the CMS.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::db::{rfc5911, rfc5912};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::{GeneralName, GeneralNames};
use x509_cert::serial_number::SerialNumber;

use super::SigningError;
use super::identity::SigningIdentity;
use crate::Result;

/// ESS `SigningCertificateV2` (RFC 5035): binds the signature to the
/// signer's certificate, so that no other certificate of the same key can be
/// substituted.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

/// ESS `ESSCertIDv2`. Its `hashAlgorithm` defaults to SHA-256, and DER
/// leaves a default out: with SHA-256 the field is absent.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

/// ESS `IssuerSerial`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IssuerSerial {
    issuer: GeneralNames,
    serial_number: SerialNumber,
}

fn sha256() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: rfc5912::ID_SHA_256,
        parameters: None,
    }
}

fn cms_error(e: der::Error) -> crate::Error {
    SigningError::Pdf(format!("the signature cannot be encoded: {e}")).into()
}

fn attribute<T: der::Tagged + der::EncodeValue>(
    oid: der::asn1::ObjectIdentifier,
    value: &T,
) -> Result<Attribute> {
    let value = Any::encode_from(value).map_err(cms_error)?;
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).map_err(cms_error)?,
    })
}

/// The DER of a `ContentInfo` holding the detached `SignedData` of
/// `digest` (the SHA-256 of the signed byte ranges).
pub(super) fn signed_data(digest: &[u8], identity: &SigningIdentity) -> Result<Vec<u8>> {
    let certificate = identity.certificate();
    let tbs = certificate.tbs_certificate();
    let certificate_der = certificate.to_der().map_err(cms_error)?;
    let signing_certificate = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(&certificate_der).to_vec())
                .map_err(cms_error)?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            },
        }],
    };
    let signed_attributes = SetOfVec::try_from(vec![
        attribute(rfc5911::ID_CONTENT_TYPE, &rfc5911::ID_DATA)?,
        attribute(
            rfc5911::ID_MESSAGE_DIGEST,
            &OctetString::new(digest.to_vec()).map_err(cms_error)?,
        )?,
        attribute(rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2, &signing_certificate)?,
    ])
    .map_err(cms_error)?;
    // What is signed is the DER of the attributes as a SET OF (tag 0x31),
    // not as the [0] IMPLICIT that the SignerInfo writes (RFC 5652, 5.4).
    let signature = identity
        .key()
        .sign(&signed_attributes.to_der().map_err(cms_error)?);
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256(),
        signed_attrs: Some(signed_attributes),
        signature_algorithm: identity.key().algorithm()?,
        signature: OctetString::new(signature).map_err(cms_error)?,
        unsigned_attrs: None,
    };
    let certificates = identity
        .certificates()
        .map(|c| CertificateChoices::Certificate(c.clone()))
        .collect::<Vec<_>>();
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256()]).map_err(cms_error)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: rfc5911::ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).map_err(cms_error)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer]).map_err(cms_error)?),
    };
    ContentInfo {
        content_type: rfc5911::ID_SIGNED_DATA,
        content: Any::encode_from(&signed).map_err(cms_error)?,
    }
    .to_der()
    .map_err(cms_error)
}

/// An upper bound of [`signed_data`]'s length for `identity`: the room the
/// PDF leaves for it.
pub(super) fn max_len(identity: &SigningIdentity) -> usize {
    let certificates: usize = identity
        .certificates()
        .map(|c| c.encoded_len().map_or(4096, |l| u32::from(l) as usize))
        .sum();
    let issuer = identity
        .certificate()
        .tbs_certificate()
        .issuer()
        .encoded_len()
        .map_or(1024, |l| u32::from(l) as usize);
    // The issuer and serial appear twice (signer id, signing-certificate-v2);
    // algorithms, attributes, hashes and headers take well under 1 KiB.
    certificates + 2 * (issuer + 24) + identity.key().max_signature_len() + 1024
}
