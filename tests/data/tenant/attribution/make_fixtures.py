#!/usr/bin/env python3
"""Writes the protocol log fixtures of the attribution tests (run once; the outputs are
committed): each folder is one case of Microsoft's relay rules, in the format Exchange 2013+
writes (#Fields header, CSV, CRLF, DNs quoted)."""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = "date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context"


def header(kind="SMTP Send Protocol Log", date="2026-10-05T09:00:00.000Z"):
    return (f"#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: {kind}\r\n"
            f"#Date: {date}\r\n#Fields: {FIELDS}\r\n")


MAIL = dict(subject="CN=mail.contoso.com, O=Contoso Ltd, C=US",
            issuer="CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",
            serial="0A1B2C3D4E5F60718293A4B5C6D7E8F9",
            thumbprint="3F2A9C7E1B4D5F60718293A4B5C6D7E8F9012345",
            sans="mail.contoso.com, autodiscover.contoso.com")
SMTP = dict(subject="CN=smtp.contoso.com, O=Contoso Ltd, C=US",
            issuer="CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",
            serial="0C4471F05A9E1B2D3C4D5E6F70819AA2",
            thumbprint="9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C",
            sans="smtp.contoso.com")
WILDCARD = dict(subject="CN=*.contoso.com, O=Contoso Ltd, C=US",
                issuer="CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",
                serial="0D5582A16B0F2C3E4D5E6F708192AB34",
                thumbprint="77E1D2C3B4A5968778695A4B3C2D1E0F11223344",
                sans="*.contoso.com, contoso.com")
REISSUED = dict(subject="CN=mail.contoso.com, O=Contoso Ltd, C=US",
                issuer="CN=R11, O=Let's Encrypt, C=US",
                serial="04A1B2C3D4E5F60718293A4B5C6D7E8F90",
                thumbprint="5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F7081",
                sans="mail.contoso.com")
EOP = dict(subject="CN=mail.protection.outlook.com, O=Microsoft Corporation, L=Redmond, S=WA, C=US",
           issuer="CN=DigiCert Cloud Services CA-1, O=DigiCert Inc, C=US",
           serial="0F8E7D6C5B4A39281706F5E4D3C2B1A0",
           thumbprint="AABBCCDDEEFF00112233445566778899AABBCCDD",
           sans="mail.protection.outlook.com, *.mail.protection.outlook.com")


def q(text):
    return f'"{text}"' if "," in text or '"' in text else text


def cert_block(kind, cert):
    return [("*", "", kind), ("*", cert["subject"], "Certificate subject"),
            ("*", cert["issuer"], "Certificate issuer name"),
            ("*", cert["serial"], "Certificate serial number"),
            ("*", cert["thumbprint"], "Certificate thumbprint"),
            ("*", cert["sans"], "Certificate alternate names")]


def session(sent=None, mail_from="alice@contoso.com", refused=False, tls_failure=None, tls=True):
    lines = [("+", "", ""),
             ("<", "220 AM0PR01CA0123.outlook.office365.com Microsoft ESMTP MAIL Service ready at Mon, 05 Oct 2026 09:00:00 +0000", ""),
             (">", "EHLO mail.contoso.com", ""),
             ("<", "250-AM0PR01CA0123.outlook.office365.com Hello [203.0.113.25]", ""),
             ("<", "250-STARTTLS", ""), ("<", "250 SMTPUTF8", "")]
    if tls:
        lines += [(">", "STARTTLS", ""), ("<", "220 2.0.0 SMTP server ready", "")]
        if sent:
            lines += cert_block("Sending certificate", sent)
        if tls_failure:
            lines += [("*", "", f"TLS negotiation failed with error {tls_failure}"),
                      ("-", "", "Local")]
            return lines
        lines += cert_block("Received certificate", EOP)
        lines += [(">", "EHLO mail.contoso.com", ""), ("<", "250 SMTPUTF8", "")]
    lines += [(">", f"MAIL FROM:<{mail_from}> SIZE=4521", ""), ("<", "250 2.1.0 Sender OK", ""),
              (">", "RCPT TO:<bob@fabrikam.com>", "")]
    if refused:
        lines += [("<", "550 5.7.64 TenantAttribution; Relay Access Denied [SN1PEPF0002BA6D.namprd02.prod.outlook.com]", "")]
    else:
        lines += [("<", "250 2.1.5 Recipient OK", ""), (">", "BDAT 4521 LAST", ""),
                  ("<", "250 2.6.0 <a1b2@contoso.com> [InternalId=1] Queued mail for delivery", "")]
    lines += [(">", "QUIT", ""), ("<", "221 2.0.0 Service closing transmission channel", ""),
              ("-", "", "Local")]
    return lines


def write(path, sessions, kind="SMTP Send Protocol Log", local="10.0.0.12", remote="40.107.22.36",
          connector="Outbound to Office 365", start_minute=0):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    out = [header(kind)]
    for n, lines in enumerate(sessions):
        sid = f"08DEE2A7C2{start_minute:02d}{n:04X}"
        lp = f"[{local}]:{41000 + n}" if ":" in local else f"{local}:{41000 + n}"
        rp = f"[{remote}]:25" if ":" in remote else f"{remote}:25"
        for seq, (ev, data, ctx) in enumerate(lines):
            t = f"2026-10-05T09:{start_minute + n:02d}:{seq:02d}.{seq * 37 % 1000:03d}Z"
            out.append(f"{t},{connector},{sid},{seq},{lp},{rp},{ev},{q(data)},{ctx}\r\n")
    with open(path, "w", newline="") as f:
        f.write("".join(out))


def main():
    for name in os.listdir(HERE):
        if os.path.isdir(os.path.join(HERE, name)):
            shutil.rmtree(os.path.join(HERE, name))
    # The OR rule: the certificate's domain (mail.contoso.com) is not an accepted domain, but
    # the MAIL FROM domain is: relay allowed.
    write(f"{HERE}/or-mail-from/SEND2026100509-1.LOG",
          [session(MAIL), session(MAIL, mail_from="bob@contoso.com")])
    # The null sender (an on-premises NDR) with the same certificate: refused.
    write(f"{HERE}/null-sender/SEND2026100509-1.LOG",
          [session(MAIL), session(MAIL, mail_from="", refused=True)])
    # IPv6 to an IP-based connector, no certificate identifying the server.
    write(f"{HERE}/ipv6/SEND2026100509-1.LOG",
          [session(MAIL, refused=True), session(MAIL, refused=True)],
          local="2001:db8:25::12", remote="2a01:111:f400::1")
    # Two servers: EX01 sends the renewed certificate, EX02 still the old one.
    write(f"{HERE}/servers/EX01/SEND2026100509-1.LOG",
          [session(MAIL), session(SMTP), session(SMTP)], local="10.0.0.12")
    write(f"{HERE}/servers/EX02/SEND2026100509-1.LOG",
          [session(MAIL, refused=True), session(MAIL, refused=True)], local="10.0.0.13",
          start_minute=10)
    # A Receive log beside a Send log: only the Send log counts.
    write(f"{HERE}/with-receive/SEND2026100509-1.LOG", [session(SMTP)])
    write(f"{HERE}/with-receive/RECV2026100509-1.LOG", [session(MAIL)],
          kind="SMTP Receive Protocol Log", connector="Default Frontend EX01")
    # The send connector's certificate cannot be used: the block is logged, then TLS fails.
    write(f"{HERE}/no-credentials/SEND2026100509-1.LOG",
          [session(SMTP, tls_failure="NoCredentials"), session(SMTP, tls_failure="NoCredentials")])
    # A wildcard certificate.
    write(f"{HERE}/wildcard/SEND2026100509-1.LOG", [session(WILDCARD, refused=True)])
    # Same subject, another issuer (renewed with another authority).
    write(f"{HERE}/issuer-changed/SEND2026100509-1.LOG", [session(REISSUED, refused=True)])


main()
