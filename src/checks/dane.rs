//! DANE for SMTP (RFC 7672): TLSA records matched against the chain a mail server presents over
//! STARTTLS, with Exchange Online's rules from [`super::policy`].

use ring::digest;
use serde::{Deserialize, Serialize};
use x509_parser::prelude::{FromDer, X509Certificate};

/// One TLSA record as numbers and hex, the way admins publish it (`3 1 1 ab12…`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tlsa {
    pub usage: u8,
    pub selector: u8,
    pub matching: u8,
    pub data_hex: String,
}

impl Tlsa {
    pub fn display(&self) -> String {
        format!(
            "{} {} {} {}",
            self.usage, self.selector, self.matching, self.data_hex
        )
    }
}

/// Which certificate of the chain a record matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsaMatch {
    pub record: Tlsa,
    /// 0 = the server's own certificate, 1.. = the chain above it.
    pub chain_index: usize,
}

/// The part of a certificate a selector picks: 0 the whole certificate, 1 its public key
/// (SubjectPublicKeyInfo). `None` for a certificate that does not parse or another selector.
fn selected(cert_der: &[u8], selector: u8) -> Option<Vec<u8>> {
    match selector {
        0 => Some(cert_der.to_vec()),
        1 => {
            let (_, cert) = X509Certificate::from_der(cert_der).ok()?;
            Some(cert.tbs_certificate.subject_pki.raw.to_vec())
        }
        _ => None,
    }
}

/// The association data for a matching type: 0 the bytes, 1 SHA-256, 2 SHA-512.
fn associated(bytes: &[u8], matching: u8) -> Option<Vec<u8>> {
    match matching {
        0 => Some(bytes.to_vec()),
        1 => Some(digest::digest(&digest::SHA256, bytes).as_ref().to_vec()),
        2 => Some(digest::digest(&digest::SHA512, bytes).as_ref().to_vec()),
        _ => None,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Does `record` match `cert_der`?
pub fn record_matches(record: &Tlsa, cert_der: &[u8]) -> bool {
    selected(cert_der, record.selector)
        .and_then(|s| associated(&s, record.matching))
        .is_some_and(|data| hex(&data).eq_ignore_ascii_case(&record.data_hex))
}

/// The `3 1 1` record for a certificate: the SHA-256 of its public key, ready to publish.
pub fn tlsa_3_1_1(cert_der: &[u8]) -> Option<String> {
    let spki = selected(cert_der, 1)?;
    let data = associated(&spki, 1)?;
    Some(format!("3 1 1 {}", hex(&data)))
}

/// The records of a TLSA set that match the chain (end-entity first), by RFC 7672's rules for
/// SMTP: a DANE-EE (3) record against the server's own certificate, a DANE-TA (2) record
/// against a certificate of the chain above it. Unusable records (see
/// [`super::policy::dane_record_usable`]) never match.
pub fn matches(records: &[Tlsa], chain: &[Vec<u8>]) -> Vec<TlsaMatch> {
    let mut found = Vec::new();
    for record in records
        .iter()
        .filter(|r| super::policy::dane_record_usable(r))
    {
        let candidates: Vec<usize> = match record.usage {
            3 => vec![0],
            // A trust anchor is an issuer the server sends; RFC 7671 section 5.2.2 asks servers
            // to include it in the chain, so only what was presented counts.
            _ => (1..chain.len()).collect(),
        };
        if let Some(index) = candidates
            .into_iter()
            .find(|i| chain.get(*i).is_some_and(|c| record_matches(record, c)))
        {
            found.push(TlsaMatch {
                record: record.clone(),
                chain_index: index,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert(name: &str) -> Vec<u8> {
        let key = rcgen::KeyPair::generate().expect("key");
        let params = rcgen::CertificateParams::new(vec![name.to_string()]).expect("params");
        params.self_signed(&key).expect("cert").der().to_vec()
    }

    fn record(text: &str) -> Tlsa {
        let parts: Vec<&str> = text.split_whitespace().collect();
        Tlsa {
            usage: parts[0].parse().expect("usage"),
            selector: parts[1].parse().expect("selector"),
            matching: parts[2].parse().expect("matching"),
            data_hex: parts[3].to_string(),
        }
    }

    #[test]
    fn every_selector_and_matching_type_matches_its_own_certificate_only() {
        let leaf = cert("mx.dane.test");
        let other = cert("mx.dane.test");
        for selector in [0u8, 1] {
            for matching in [0u8, 1, 2] {
                let data =
                    associated(&selected(&leaf, selector).expect("sel"), matching).expect("data");
                let r = Tlsa {
                    usage: 3,
                    selector,
                    matching,
                    data_hex: hex(&data),
                };
                assert!(record_matches(&r, &leaf), "{}", r.display());
                assert!(!record_matches(&r, &other), "{}", r.display());
            }
        }
        let published = record(&tlsa_3_1_1(&leaf).expect("311"));
        assert_eq!(
            matches(
                std::slice::from_ref(&published),
                std::slice::from_ref(&leaf)
            )
            .len(),
            1
        );
        // The same key as DANE-TA matches only above the leaf.
        let ta = Tlsa {
            usage: 2,
            ..published.clone()
        };
        assert!(matches(std::slice::from_ref(&ta), std::slice::from_ref(&leaf)).is_empty());
        assert_eq!(matches(&[ta], &[other, leaf])[0].chain_index, 1);
        // PKIX-EE (1) is not usable for SMTP.
        let pkix = Tlsa {
            usage: 1,
            ..published
        };
        assert!(matches(&[pkix], &[cert("x")]).is_empty());
    }
}
