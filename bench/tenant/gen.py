#!/usr/bin/env python3
"""Generates a folder of Exchange SMTP Send protocol logs for the tenant-attribution benchmark:
many ~10 MB files, several send connectors, interleaved sessions, a certificate renewal with a
new name followed by 550 5.7.64 replies. Usage: gen.py OUT_DIR [SIZE_MB]"""
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/connector-doctor-bench"
SIZE_MB = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
FILE_BYTES = 10 * 1024 * 1024
CONCURRENT = 8  # sessions whose lines are interleaved

HEADER = (
    "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n"
    "#Date: {date}\r\n"
    "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n"
)

CERTS = {
    "old": ('"CN=mail.contoso.com, O=Contoso Ltd, L=Seattle, S=Washington, C=US"',
            '"CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US"',
            "0A1B2C3D4E5F60718293A4B5C6D7E8F9", "3F2A9C7E1B4D5F60718293A4B5C6D7E8F9012345",
            '"mail.contoso.com, autodiscover.contoso.com"'),
    "new": ('"CN=smtp.contoso.com, O=Contoso Ltd, L=Seattle, S=Washington, C=US"',
            '"CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US"',
            "0C4471F05A9E1B2D3C4D5E6F70819AA2", "9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C",
            '"smtp.contoso.com, legacy.contoso.com"'),
    "relay": ('"CN=relay.contoso.com, O=Contoso Ltd, C=US"',
              '"CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, C=GB"',
              "00E1D2C3B4A5968778695A4B3C2D1E0F", "1122334455667788990011223344556677889900",
              "relay.contoso.com"),
    "eop": ('"CN=mail.protection.outlook.com, O=Microsoft Corporation, L=Redmond, S=WA, C=US"',
            '"CN=DigiCert Cloud Services CA-1, O=DigiCert Inc, C=US"',
            "0F8E7D6C5B4A39281706F5E4D3C2B1A0", "AABBCCDDEEFF00112233445566778899AABBCCDD",
            '"mail.protection.outlook.com, *.mail.protection.outlook.com, *.mail.eo.outlook.com"'),
}
CONNECTORS = [("Outbound to Office 365", "40.107.22.36:25", 6),
              ("Internet Mail", "198.51.100.20:25", 3),
              ("Partner Fabrikam", "192.0.2.80:25", 1)]


def cert_lines(kind, cert):
    subject, issuer, serial, thumb, sans = CERTS[cert]
    return [("*", "", kind), ("*", subject, "Certificate subject"), ("*", issuer, "Certificate issuer name"),
            ("*", serial, "Certificate serial number"), ("*", thumb, "Certificate thumbprint"),
            ("*", sans, "Certificate alternate names")]


def template(sent, received, refused):
    t = [("+", "", ""),
         ("<", '"220 AM0PR01CA0123.outlook.office365.com Microsoft ESMTP MAIL Service ready at Fri, 02 Oct 2026 08:00:01 +0000"', ""),
         (">", "EHLO mail.contoso.com", ""),
         ("<", "250-AM0PR01CA0123.outlook.office365.com Hello [203.0.113.25]", ""),
         ("<", "250-SIZE 157286400", ""), ("<", "250-PIPELINING", ""), ("<", "250-DSN", ""),
         ("<", "250-ENHANCEDSTATUSCODES", ""), ("<", "250-STARTTLS", ""), ("<", "250-8BITMIME", ""),
         ("<", "250-BINARYMIME", ""), ("<", "250-CHUNKING", ""), ("<", "250 SMTPUTF8", ""),
         (">", "STARTTLS", ""), ("<", "220 2.0.0 SMTP server ready", "")]
    t += cert_lines("Sending certificate", sent)
    if received:
        t += cert_lines("Received certificate", received)
    t += [(">", "EHLO mail.contoso.com", ""),
          ("<", "250-AM0PR01CA0123.outlook.office365.com Hello [203.0.113.25]", ""),
          ("<", "250 SMTPUTF8", ""),
          ("*", "08DCE2B7A1C3D4E5;2026-10-02T08:00:00.000Z;1",
           "sending message with RecordId 52596 and InternetMessageId <a1b2c3d4e5f6@contoso.com>"),
          (">", "MAIL FROM:<alice@contoso.com> SIZE=45210", ""), ("<", "250 2.1.0 Sender OK", ""),
          (">", "RCPT TO:<bob@fabrikam.com>", "")]
    if refused:
        t += [("<", "550 5.7.64 TenantAttribution; Relay Access Denied [SN1PEPF0002BA6D.namprd02.prod.outlook.com]", "")]
    else:
        t += [("<", "250 2.1.5 Recipient OK", ""), (">", "BDAT 45210 LAST", ""),
              ("<", "250 2.6.0 <a1b2c3d4e5f6@contoso.com> [InternalId=123456789012] Queued mail for delivery", "")]
    t += [(">", "QUIT", ""), ("<", "221 2.0.0 Service closing transmission channel", ""), ("-", "", "Local")]
    return t


def ts(ms):
    """Milliseconds since 2026-10-01T00:00:00Z as Exchange writes a date-time."""
    day, rest = divmod(ms, 86_400_000)
    h, rest = divmod(rest, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"2026-10-{day + 1:02d}T{h:02d}:{m:02d}:{s:02d}.{milli:03d}Z"


def main():
    os.makedirs(OUT, exist_ok=True)
    target = SIZE_MB * 1024 * 1024
    templates = {}
    weights = [c for c in CONNECTORS for _ in range(c[2])]
    total = 0
    file_no = 0
    session_no = 0
    clock = 0
    renewal_at = int(target * 0.6)
    while total < target:
        file_no += 1
        hour = clock // 3_600_000
        name = os.path.join(OUT, f"SEND202610{hour // 24 + 1:02d}{hour % 24:02d}-{file_no}.LOG")
        parts = [HEADER.format(date=ts(clock))]
        size = len(parts[0])
        while size < FILE_BYTES:
            group = []
            for _ in range(CONCURRENT):
                session_no += 1
                connector, remote, _ = weights[session_no % len(weights)]
                if connector == "Outbound to Office 365":
                    renewed = total + size > renewal_at
                    key = ("new" if renewed else "old", "eop", renewed)
                else:
                    key = ("relay", None, False)
                tpl = templates.get(key)
                if tpl is None:
                    tpl = templates[key] = template(*key)
                sid = f"08DEE2A7{session_no:08X}"
                local = f"10.0.0.{12 + session_no % 3}:{20000 + session_no % 40000}"
                prefix = f"{connector},{sid},"
                mid = f",{local},{remote},"
                group.append([(prefix, seq, mid, ev, data, ctx) for seq, (ev, data, ctx) in enumerate(tpl)])
            longest = max(len(g) for g in group)
            for i in range(longest):
                for g in group:
                    if i < len(g):
                        prefix, seq, mid, ev, data, ctx = g[i]
                        line = f"{ts(clock)},{prefix}{seq}{mid}{ev},{data},{ctx}\r\n"
                        clock += 3
                        parts.append(line)
                        size += len(line)
        with open(name, "w", newline="") as f:
            f.write("".join(parts))
        total += size
    print(f"{file_no} files, {total / 1e6:.0f} MB, {session_no} sessions in {OUT}")


main()
