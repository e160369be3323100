//! DNSSEC validation for the domain-security step: a validating resolver (hickory's DNSSEC
//! support, ring provider), extra trust anchors read from a file (`--dnssec-trust-anchor`), and
//! the secure / insecure / bogus verdict of one lookup.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hickory_resolver::config::{NameServerConfig, ResolveHosts, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::dnssec::rdata::{DNSKEY, DNSSECRData, DS};
use hickory_resolver::proto::dnssec::{Proof, TrustAnchors};
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};
use hickory_resolver::proto::serialize::txt::Parser;
use hickory_resolver::{Resolver, TokioResolver};
use serde::{Deserialize, Serialize};

use super::types::Message;

/// The DNSSEC verdict of one answer (RFC 4035 section 4.3's four states).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DnssecStatus {
    /// Signed, and the signatures chain up to a trust anchor.
    Secure,
    /// Provably unsigned (no chain of trust is expected).
    Insecure,
    /// Signed, or should be, but the signatures do not validate: a failure.
    Bogus,
    /// Could not tell (no answer, the DNS server dropped the DNSSEC records).
    Indeterminate,
}

impl DnssecStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DnssecStatus::Secure => "secure",
            DnssecStatus::Insecure => "insecure",
            DnssecStatus::Bogus => "bogus",
            DnssecStatus::Indeterminate => "indeterminate",
        }
    }

    fn from_proof(proof: Proof) -> DnssecStatus {
        match proof {
            Proof::Secure => DnssecStatus::Secure,
            Proof::Insecure => DnssecStatus::Insecure,
            Proof::Bogus => DnssecStatus::Bogus,
            _ => DnssecStatus::Indeterminate,
        }
    }
}

/// One line of a trust-anchor file: a DS or a DNSKEY record in DNS presentation format, as
/// unbound's `trust-anchor-file` accepts (`dane.test. DS 21932 13 2 a1aa…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrustAnchor {
    Ds(Name, DS),
    Dnskey(Name, DNSKEY),
}

/// Reads a trust-anchor file's text. Blank lines and `;` comments are skipped; any other line
/// must be one DS or DNSKEY record. The error names the line (1-based) and the problem.
pub fn parse_trust_anchors(text: &str) -> Result<Vec<TrustAnchor>, (usize, String)> {
    let mut anchors = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.split(';').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.chars().any(|c| c.is_control()) {
            return Err((line_no, "control character".to_string()));
        }
        if let Some(key) = dnskey_anchor(line).map_err(|e| (line_no, e))? {
            anchors.push(key);
            continue;
        }
        // The zone-file parser needs a TTL and an origin; a trust anchor has neither.
        let zone = format!("$TTL 3600\n{line}\n");
        let parsed = Parser::new(zone.as_str(), None, Some(Name::root()))
            .parse()
            .map_err(|e| {
                (
                    line_no,
                    crate::sanitize::visible(&e.to_string()).into_owned(),
                )
            })?;
        let mut found = false;
        for set in parsed.1.values() {
            for record in set.records_without_rrsigs() {
                let anchor = match &record.data {
                    RData::DNSSEC(DNSSECRData::DS(ds)) => {
                        TrustAnchor::Ds(record.name.clone(), ds.clone())
                    }
                    RData::DNSSEC(DNSSECRData::DNSKEY(key)) => {
                        TrustAnchor::Dnskey(record.name.clone(), key.clone())
                    }
                    other => {
                        return Err((
                            line_no,
                            format!(
                                "{} record: only DS and DNSKEY are trust anchors",
                                other.record_type()
                            ),
                        ));
                    }
                };
                anchors.push(anchor);
                found = true;
            }
        }
        if !found {
            return Err((line_no, "no record".to_string()));
        }
    }
    Ok(anchors)
}

/// A DNSKEY line (`owner [TTL] [IN] DNSKEY flags protocol algorithm base64…`), read here
/// because hickory's zone-file parser refuses DNSKEY records ("should be dynamically
/// generated"). `Ok(None)` when the line is no DNSKEY record (the zone parser takes it then).
fn dnskey_anchor(line: &str) -> Result<Option<TrustAnchor>, String> {
    use hickory_resolver::proto::dnssec::{Algorithm, PublicKeyBuf};
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let Some(at) = tokens.iter().position(|t| t.eq_ignore_ascii_case("DNSKEY")) else {
        return Ok(None);
    };
    // Between the owner and the type only a TTL and the class may stand.
    let owner_ok = at >= 1
        && tokens[1..at]
            .iter()
            .all(|t| t.eq_ignore_ascii_case("IN") || t.parse::<u32>().is_ok());
    if !owner_ok || tokens.len() < at + 5 {
        return Err("DNSKEY record: expected `owner DNSKEY flags protocol algorithm key`".into());
    }
    let name = Name::from_ascii(tokens[0])
        .map_err(|e| format!("DNSKEY owner: {}", crate::sanitize::visible(&e.to_string())))?;
    let number = |t: &str, what: &str| {
        t.parse::<u16>()
            .map_err(|_| format!("DNSKEY {what}: not a number"))
    };
    let flags = number(tokens[at + 1], "flags")?;
    if number(tokens[at + 2], "protocol")? != 3 {
        return Err("DNSKEY protocol: must be 3 (RFC 4034)".into());
    }
    let algorithm = u8::try_from(number(tokens[at + 3], "algorithm")?)
        .map_err(|_| "DNSKEY algorithm: out of range".to_string())?;
    let key = data_encoding::BASE64
        .decode(tokens[at + 4..].concat().as_bytes())
        .map_err(|_| "DNSKEY key: not valid base64".to_string())?;
    let public_key = PublicKeyBuf::new(key, Algorithm::from_u8(algorithm));
    let name = if name.is_fqdn() {
        name
    } else {
        let mut name = name;
        name.set_fqdn(true);
        name
    };
    Ok(Some(TrustAnchor::Dnskey(
        name,
        DNSKEY::with_flags(flags, public_key),
    )))
}

fn resolver_config(dns_server: Option<SocketAddr>) -> Result<ResolverConfig, Message> {
    match dns_server {
        Some(server) => {
            let mut ns = NameServerConfig::udp_and_tcp(server.ip());
            for conn in &mut ns.connections {
                conn.port = server.port();
            }
            Ok(ResolverConfig::from_parts(None, vec![], vec![ns]))
        }
        None => {
            let (config, _) = hickory_resolver::system_conf::read_system_conf().map_err(|e| {
                Message::new("detail-dns-system-config")
                    .arg("error", crate::sanitize::visible(&e.to_string()))
            })?;
            Ok(config)
        }
    }
}

fn builder(
    dns_server: Option<SocketAddr>,
    timeout: Duration,
) -> Result<hickory_resolver::ResolverBuilder<TokioRuntimeProvider>, Message> {
    let config = resolver_config(dns_server)?;
    let mut builder = Resolver::builder_with_config(config, TokioRuntimeProvider::default());
    let options = builder.options_mut();
    options.timeout = (timeout / 2).max(Duration::from_millis(500));
    options.attempts = 1;
    options.cache_size = 256;
    // Validation is about what DNS says: /etc/hosts would answer "insecure" for a name that
    // public DNS signs.
    options.use_hosts_file = ResolveHosts::Never;
    Ok(builder)
}

/// A validating resolver: the root's trust anchors (built into hickory) plus `anchors`.
///
/// A DNSKEY anchor is used as given. A DS anchor names a key by its digest, so the zone's DNSKEY
/// set is fetched once (without validation) and the keys the DS covers become anchors for that
/// zone; hickory then validates everything under it from that key down. The other keys of the
/// set (a zone-signing key beside the key-signing key) are anchored only when the DNSKEY set
/// carries a signature made by a covered key that verifies.
pub async fn build_validating_resolver(
    dns_server: Option<SocketAddr>,
    timeout: Duration,
    anchors: &[TrustAnchor],
) -> Result<TokioResolver, Message> {
    let mut trust = TrustAnchors::default();
    let mut plain: Option<TokioResolver> = None;
    for anchor in anchors {
        match anchor {
            TrustAnchor::Dnskey(name, key) => {
                trust.insert_with_name(key.public_key(), name.into());
            }
            TrustAnchor::Ds(name, ds) => {
                if plain.is_none() {
                    plain = Some(builder(dns_server, timeout)?.build().map_err(|e| {
                        Message::new("detail-dns-system-config")
                            .arg("error", crate::sanitize::visible(&e.to_string()))
                    })?);
                }
                let Some(resolver) = &plain else { continue };
                for key in keys_covered_by(resolver, name, ds).await {
                    trust.insert_with_name(key.public_key(), name.into());
                }
            }
        }
    }
    builder(dns_server, timeout)?
        .with_trust_anchor(Arc::new(trust))
        .build()
        .map_err(|e| {
            Message::new("detail-dns-system-config")
                .arg("error", crate::sanitize::visible(&e.to_string()))
        })
}

/// The DNSKEYs of `name` that `ds` covers, plus the other keys of the set when a covered key's
/// signature over the set verifies.
async fn keys_covered_by(resolver: &TokioResolver, name: &Name, ds: &DS) -> Vec<DNSKEY> {
    use hickory_resolver::proto::dnssec::Verifier;
    use hickory_resolver::proto::dnssec::rdata::RRSIG;
    let Ok(lookup) = resolver.lookup(name.clone(), RecordType::DNSKEY).await else {
        return Vec::new();
    };
    let keys: Vec<&Record> = lookup
        .answers()
        .iter()
        .filter(|r| r.record_type() == RecordType::DNSKEY)
        .collect();
    let dnskey = |r: &Record| match &r.data {
        RData::DNSSEC(DNSSECRData::DNSKEY(k)) => Some(k.clone()),
        _ => None,
    };
    let covered: Vec<DNSKEY> = keys
        .iter()
        .filter_map(|r| dnskey(r))
        .filter(|k| ds.covers(name, k).unwrap_or(false))
        .collect();
    let signatures: Vec<RRSIG> = lookup
        .answers()
        .iter()
        .filter_map(|r| match &r.data {
            RData::DNSSEC(DNSSECRData::RRSIG(sig)) => Some(sig.clone()),
            _ => None,
        })
        .filter(|sig| sig.input().type_covered == RecordType::DNSKEY)
        .collect();
    let set_verified = covered.iter().any(|key| {
        signatures.iter().any(|sig| {
            key.verify_rrsig(
                name,
                hickory_resolver::proto::rr::DNSClass::IN,
                sig,
                keys.iter().copied(),
            )
            .is_ok()
        })
    });
    if set_verified {
        keys.iter().filter_map(|r| dnskey(r)).collect()
    } else {
        covered
    }
}

/// The records of one type at one name, with their DNSSEC verdict. `error` is set when the
/// lookup failed for another reason than "no such record".
#[derive(Clone, Debug)]
pub struct Validated {
    pub status: DnssecStatus,
    pub records: Vec<Record>,
    pub error: Option<String>,
}

/// Looks up `name`/`rtype` through a validating resolver and says how secure the answer is.
/// A proven "no such record" keeps the proof's verdict (a securely absent TLSA is secure).
pub async fn lookup_validated(
    resolver: &TokioResolver,
    name: &str,
    rtype: RecordType,
    timeout: Duration,
) -> Validated {
    let result = tokio::time::timeout(
        timeout * 2 + Duration::from_secs(1),
        resolver.lookup(name, rtype),
    )
    .await;
    match result {
        Ok(Ok(lookup)) => {
            let records: Vec<Record> = lookup
                .answers()
                .iter()
                .filter(|r| r.record_type() == rtype)
                .cloned()
                .collect();
            let status = records
                .iter()
                .map(|r| DnssecStatus::from_proof(r.proof))
                .min_by_key(|s| match s {
                    DnssecStatus::Bogus => 0,
                    DnssecStatus::Indeterminate => 1,
                    DnssecStatus::Insecure => 2,
                    DnssecStatus::Secure => 3,
                })
                .unwrap_or(DnssecStatus::Indeterminate);
            Validated {
                status,
                records,
                error: None,
            }
        }
        Ok(Err(NetError::Dns(DnsError::DnssecBogus))) => Validated {
            status: DnssecStatus::Bogus,
            records: Vec::new(),
            error: None,
        },
        Ok(Err(NetError::Dns(DnsError::Nsec { proof, .. }))) => Validated {
            status: DnssecStatus::from_proof(proof),
            records: Vec::new(),
            error: None,
        },
        Ok(Err(NetError::Dns(DnsError::NoRecordsFound(none)))) => {
            // An empty answer: the proofs on the authority records (the SOA and the NSEC or
            // NSEC3 records that deny the name or type) say how far the denial is proven.
            // Secure only when a validated NSEC/NSEC3 record is among them and every record
            // validated; a bogus or insecure one decides; nothing at all stays indeterminate.
            let authorities = none.authorities.as_deref().unwrap_or(&[]);
            let statuses: Vec<DnssecStatus> = authorities
                .iter()
                .map(|r| DnssecStatus::from_proof(r.proof))
                .collect();
            let denial_proven = authorities.iter().any(|r| {
                matches!(r.record_type(), RecordType::NSEC | RecordType::NSEC3)
                    && DnssecStatus::from_proof(r.proof) == DnssecStatus::Secure
            });
            let status = if statuses.contains(&DnssecStatus::Bogus) {
                DnssecStatus::Bogus
            } else if statuses.contains(&DnssecStatus::Insecure) {
                DnssecStatus::Insecure
            } else if denial_proven && statuses.iter().all(|s| *s == DnssecStatus::Secure) {
                DnssecStatus::Secure
            } else {
                DnssecStatus::Indeterminate
            };
            Validated {
                status,
                records: Vec::new(),
                error: None,
            }
        }
        Ok(Err(e)) => Validated {
            status: DnssecStatus::Indeterminate,
            records: Vec::new(),
            error: Some(crate::sanitize::visible(&e.to_string()).into_owned()),
        },
        Err(_) => Validated {
            status: DnssecStatus::Indeterminate,
            records: Vec::new(),
            error: Some("timeout".to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_anchor_file_takes_ds_and_dnskey_lines_and_names_a_bad_line() {
        let text = "; lab anchors\n\
            dane.test. DS 60875 13 2 d4a132a6cf42699b928ce93b5c4086d7bf8cf1b4d75b319dc954b9a85e7287fc\n\
            \n\
            dane.test. DNSKEY 257 3 13 fU/FJXJPXP0cd0vrkfsu+QVLhFMOpSps1EeO4BLs9e1I9EseVNR/n5NPrRr6PSw1r+C6dS02ccrZem0O1m2KQA==\n";
        let anchors = parse_trust_anchors(text).expect("anchors");
        assert_eq!(anchors.len(), 2);
        assert!(
            matches!(&anchors[0], TrustAnchor::Ds(name, ds) if name.to_ascii() == "dane.test." && ds.key_tag() == 60875)
        );
        assert!(matches!(&anchors[1], TrustAnchor::Dnskey(..)));

        let bad = "dane.test. DS 60875 13 2 d4a1\nmx.dane.test. A 127.0.0.1\n";
        let (line, problem) = parse_trust_anchors(bad).expect_err("A is no anchor");
        assert_eq!(line, 2, "{problem}");
        assert!(problem.contains("DS and DNSKEY"), "{problem}");
        assert_eq!(
            parse_trust_anchors("garbage here\n").map_err(|e| e.0),
            Err(1)
        );
    }
}
