#!/usr/bin/env python3
"""Writes the SMTP Send protocol log fixtures of the tenant-attribution tests (run once; the
outputs are committed). Format as Exchange 2013+ writes it: #Fields header, CSV, DNs quoted."""
import os
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = (
    "#Software: Microsoft Exchange Server\r\n"
    "#Version: 15.0.0.0\r\n"
    "#Log-type: SMTP Send Protocol Log\r\n"
    "#Date: {date}\r\n"
    "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n"
)

OLD = dict(
    subject="CN=mail.contoso.com, O=Contoso Ltd, L=Seattle, S=Washington, C=US",
    issuer="CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",
    serial="0A1B2C3D4E5F60718293A4B5C6D7E8F9",
    thumbprint="3F2A9C7E1B4D5F60718293A4B5C6D7E8F9012345",
    sans="mail.contoso.com, autodiscover.contoso.com",
)
NEW = dict(
    subject="CN=smtp.contoso.com, O=Contoso Ltd, L=Seattle, S=Washington, C=US",
    issuer="CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",
    serial="0C4471F05A9E1B2D3C4D5E6F70819AA2",
    thumbprint="9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C",
    sans="smtp.contoso.com, legacy.contoso.com",
)
RELAY = dict(
    subject="CN=relay.contoso.com, O=Contoso Ltd, C=US",
    issuer="CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB",
    serial="00E1D2C3B4A5968778695A4B3C2D1E0F",
    thumbprint="1122334455667788990011223344556677889900",
    sans="relay.contoso.com",
)
EOP = dict(
    subject="CN=mail.protection.outlook.com, O=Microsoft Corporation, L=Redmond, S=WA, C=US",
    issuer="CN=DigiCert Cloud Services CA-1, O=DigiCert Inc, C=US",
    serial="0F8E7D6C5B4A39281706F5E4D3C2B1A0",
    thumbprint="AABBCCDDEEFF00112233445566778899AABBCCDD",
    sans="mail.protection.outlook.com, *.mail.protection.outlook.com, *.mail.eo.outlook.com",
)


def q(value):
    """CSV quoting as Exchange does it."""
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def session(start, connector, sid, local, remote, sent, received, outcome, sender="alice@contoso.com",
            rcpt="bob@fabrikam.com"):
    """The lines of one session as (time, text) pairs."""
    lines = []
    t = start
    seq = 0

    def add(event, data="", context=""):
        nonlocal t, seq
        lines.append((t, f"{ts(t)},{q(connector)},{sid},{seq},{local},{remote},{event},{q(data)},{q(context)}"))
        seq += 1
        t += timedelta(milliseconds=37)

    add("+")
    add("<", f"220 AM0PR01CA0123.outlook.office365.com Microsoft ESMTP MAIL Service ready at Fri, 02 Oct 2026 {t:%H:%M:%S} +0000")
    add(">", "EHLO mail.contoso.com")
    for ext in ["250-AM0PR01CA0123.outlook.office365.com Hello [203.0.113.25]", "250-SIZE 157286400",
                "250-PIPELINING", "250-STARTTLS", "250 SMTPUTF8"]:
        add("<", ext)
    add(">", "STARTTLS")
    add("<", "220 2.0.0 SMTP server ready")
    for kind, cert in (("Sending certificate", sent), ("Received certificate", received)):
        if cert is None:
            continue
        add("*", "", kind)
        add("*", cert["subject"], "Certificate subject")
        add("*", cert["issuer"], "Certificate issuer name")
        add("*", cert["serial"], "Certificate serial number")
        add("*", cert["thumbprint"], "Certificate thumbprint")
        add("*", cert["sans"], "Certificate alternate names")
    add(">", "EHLO mail.contoso.com")
    add("<", "250 AM0PR01CA0123.outlook.office365.com Hello [203.0.113.25]")
    add("*", "08DCE2B7A1C3D4E5;2026-10-02T08:00:00.000Z;1", "sending message with RecordId 52596 and InternetMessageId <a1b2@contoso.com>")
    add(">", f"MAIL FROM:<{sender}> SIZE=4521")
    add("<", "250 2.1.0 Sender OK")
    add(">", f"RCPT TO:<{rcpt}>")
    if outcome == "ok":
        add("<", "250 2.1.5 Recipient OK")
        add(">", "DATA")
        add("<", "354 Start mail input; end with <CRLF>.<CRLF>")
        add("<", "250 2.6.0 <a1b2@contoso.com> [InternalId=1234] Queued mail for delivery")
    elif outcome == "att36":
        add("<", f"550 5.7.64 TenantAttribution; Relay Access Denied ATTR36 [SN1PEPF0002BA6D.namprd02.prod.outlook.com {ts(t)}]")
    else:
        add("<", f"550 5.7.64 TenantAttribution; Relay Access Denied [SN1PEPF0002BA6D.namprd02.prod.outlook.com {ts(t)}]")
    add(">", "QUIT")
    add("<", "221 2.0.0 Service closing transmission channel")
    add("-", "", "Local")
    return lines


def write(path, sessions, raw_tail=b"", header=True):
    lines = sorted((l for s in sessions for l in s), key=lambda x: x[0])
    with open(path, "wb") as f:
        if header:
            f.write(HEADER.format(date=ts(lines[0][0])).encode())
        for _, text in lines:
            f.write(text.encode() + b"\r\n")
        f.write(raw_tail)


O365 = "Outbound to Office 365"
LOCAL = "10.0.0.12:{}"
REMOTE = "40.107.22.36:25"


def renewal():
    d = os.path.join(HERE, "renewal")
    os.makedirs(d, exist_ok=True)
    day = datetime(2026, 10, 2, 8, 0, 1, 412000)
    write(os.path.join(d, "SEND2026100208-1.LOG"), [
        session(day, O365, "08DEE2A7C1F3B2A1", LOCAL.format(27345), REMOTE, OLD, EOP, "ok"),
        session(day + timedelta(seconds=2), O365, "08DEE2A7C1F3B2A2", LOCAL.format(27346), REMOTE, OLD, EOP, "ok"),
        session(day + timedelta(hours=1, minutes=29), O365, "08DEE2A7C1F3B2A3", LOCAL.format(27400), REMOTE, OLD, EOP, "ok"),
    ])
    # After the renewal: the new certificate, refused; another send connector interleaved.
    later = datetime(2026, 10, 2, 14, 5, 12, 120000)
    write(os.path.join(d, "SEND2026100214-1.LOG"), [
        session(later, O365, "08DEE2A7C1F3B2B1", LOCAL.format(28001), REMOTE, NEW, EOP, "5764"),
        session(later + timedelta(milliseconds=300), "Internet Mail", "08DEE2A7C1F3B2B2", "10.0.0.12:28002",
                "198.51.100.20:25", RELAY, None, "ok", rcpt="carol@partner.example"),
        session(later + timedelta(milliseconds=500), O365, "08DEE2A7C1F3B2B3", LOCAL.format(28003), REMOTE, NEW, EOP, "5764"),
    ])
    write(os.path.join(d, "SEND2026100214-2.LOG"), [
        session(later + timedelta(minutes=40), O365, "08DEE2A7C1F3B2C1", LOCAL.format(28101), REMOTE, NEW, EOP, "5764"),
    ])


def damaged():
    d = os.path.join(HERE, "damaged")
    os.makedirs(d, exist_ok=True)
    day = datetime(2026, 10, 3, 9, 0, 0, 5000)
    s1 = session(day, O365, "08DEE2A7C1F3C001", LOCAL.format(30001), REMOTE, NEW, EOP, "5764")
    s2 = session(day + timedelta(seconds=5), O365, "08DEE2A7C1F3C002", LOCAL.format(30002), REMOTE, NEW, EOP, "5764")
    lines = sorted(s1 + s2, key=lambda x: x[0])
    with open(os.path.join(d, "SEND2026100309-1.LOG"), "wb") as f:
        f.write(HEADER.format(date=ts(day)).encode())
        for i, (_, text) in enumerate(lines):
            data = text.encode()
            if "250 2.1.0 Sender OK" in text and b"C001" in data:
                # Latin-1 bytes in a reply: not UTF-8.
                data = data.replace(b"Sender OK", b"Sender OK Soci\xe9t\xe9")
            f.write(data + b"\r\n")
        # A session cut short at the end of the file, mid thumbprint line (no newline).
        f.write(f"{ts(day + timedelta(seconds=9))},{O365},08DEE2A7C1F3C003,0,{LOCAL.format(30003)},{REMOTE},+,,\r\n".encode())
        f.write(f"{ts(day + timedelta(seconds=9))},{O365},08DEE2A7C1F3C003,1,{LOCAL.format(30003)},{REMOTE},*,,Sending certificate\r\n".encode())
        f.write(f"{ts(day + timedelta(seconds=9))},{O365},08DEE2A7C1F3C003,2,{LOCAL.format(30003)},{REMOTE},*,9B8C7D6E".encode())
    # Not a log at all.
    with open(os.path.join(d, "screenshot.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa")
    # A log whose header was lost: default column order.
    write(os.path.join(d, "SEND2026100310-1.LOG"), [
        session(day + timedelta(hours=1), O365, "08DEE2A7C1F3C101", LOCAL.format(30101), REMOTE, NEW, EOP, "5764"),
    ], header=False)


def att36():
    d = os.path.join(HERE, "att36")
    os.makedirs(d, exist_ok=True)
    day = datetime(2026, 10, 4, 7, 30, 0, 0)
    write(os.path.join(d, "SEND2026100407-1.LOG"), [
        session(day, O365, "08DEE2A7C1F3D001", "203.0.113.25:41000", REMOTE, OLD, EOP, "att36",
                sender="news@fabrikam-news.example"),
    ])


renewal()
damaged()
att36()
