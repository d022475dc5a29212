"""Validates the signatures of a PDF with pyHanko, an independent validator.

Usage: python3 validate.py FILE.pdf TRUSTED-CERT.pem

Prints one JSON object: the signature fields, and for each signature what
pyHanko judged (intact, valid, trusted, coverage, the signer), the CMS's
signed attributes (PAdES B-B wants content-type, message-digest and
signing-certificate-v2, and no signing-time) and the result of pyHanko's
AdES basic validation (ETSI EN 319 102-1, 5.3). tests/signing.rs asserts on it.
"""

import asyncio
import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import ades, validate_pdf_signature
from pyhanko.sign.validation.policy_decl import (
    CertValidationPolicySpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import NO_REVOCATION, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager


def main(path, trusted):
    cert = load_cert_from_pemder(trusted)
    out = {"fields": [], "signatures": []}
    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        for name, value, _ref in enumerate_sig_fields(reader, filled_status=None):
            out["fields"].append({"name": name, "signed": value is not None})
        for sig in reader.embedded_signatures:
            context = ValidationContext(trust_roots=[cert])
            status = validate_pdf_signature(sig, context)
            attrs = [a["type"].native for a in sig.signer_info["signed_attrs"]]
            spec = SignatureValidationSpec(
                cert_validation_policy=CertValidationPolicySpec(
                    trust_manager=SimpleTrustManager.build(trust_roots=[cert]),
                    revinfo_policy=CertRevTrustPolicy(NO_REVOCATION),
                )
            )
            ades_result = asyncio.run(
                ades.ades_basic_validation(
                    sig.signed_data, spec, raw_digest=sig.compute_digest()
                )
            )
            out["signatures"].append(
                {
                    "field": sig.field_name,
                    "subfilter": str(sig.sig_object.get("/SubFilter")),
                    "intact": status.intact,
                    "valid": status.valid,
                    "trusted": status.trusted,
                    "coverage": status.coverage.name,
                    "modification_level": status.modification_level.name
                    if status.modification_level
                    else None,
                    "signer": status.signing_cert.subject.human_friendly,
                    "md_algorithm": status.md_algorithm,
                    "mechanism": status.pkcs7_signature_mechanism,
                    "signed_attributes": attrs,
                    "signing_time_in_dictionary": str(sig.sig_object.get("/M")),
                    "ades": str(ades_result.ades_subindic),
                    "bottom_line": status.bottom_line,
                }
            )
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
