//! Text files written by Windows PowerShell: the one decoder for every `… | ConvertTo-Json > file`
//! the program imports (`Get-OutboundConnector`, `Get-InboundConnector`, `Get-AcceptedDomain`),
//! re-exported as [`super::decode_text`].
//!
//! Microsoft Learn, "about_Character_Encoding": in Windows PowerShell 5.1, `Out-File` and the
//! redirection operators `>`/`>>` write `Unicode` (UTF-16 little-endian) by default, and every
//! Unicode encoding it writes except UTF-7 starts with a byte-order mark; `-Encoding utf8` writes
//! UTF-8 with a BOM; PowerShell 6 and later write UTF-8 without one. "Out-File" says `>` is the
//! same as piping to `Out-File` with no parameters.
//!
//! Decoding is strict: a byte that is not text is an error naming the file and the offset, never a
//! silent `U+FFFD` in a connector name that the guidance would then print as a command. The
//! standard library decodes UTF-8 and UTF-16 exactly; a crate such as encoding_rs would add legacy
//! code-page tables we do not want (an ANSI file is refused with advice to export it in UTF-8).

use crate::checks::Message;

/// Why bytes are not text the program can read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextDecodeError {
    /// Not UTF-8 (and no UTF-16 byte-order mark): e.g. a Windows code-page ("ANSI") export.
    #[error("byte {offset} is not UTF-8")]
    InvalidUtf8 { offset: usize },
    /// A UTF-16 byte-order mark, then an odd number of bytes: the file was cut short.
    #[error("UTF-16 text that ends halfway through a character")]
    TruncatedUtf16,
    /// UTF-16 with an unpaired surrogate at this byte offset (after the BOM).
    #[error("broken UTF-16 character at byte {offset}")]
    InvalidUtf16 { offset: usize },
    /// NUL bytes in what would be UTF-8: almost always UTF-16 written without a byte-order mark.
    #[error("NUL byte at {offset} (UTF-16 without a byte-order mark?)")]
    NulByte { offset: usize },
}

impl TextDecodeError {
    /// The problem as a fluent message (`input-file-not-text`) naming `path`.
    pub fn message(&self, path: impl std::fmt::Display) -> Message {
        let (reason, offset) = match self {
            TextDecodeError::InvalidUtf8 { offset } => ("utf8", *offset),
            TextDecodeError::TruncatedUtf16 => ("truncated", 0),
            TextDecodeError::InvalidUtf16 { offset } => ("surrogate", *offset),
            TextDecodeError::NulByte { offset } => ("nul", *offset),
        };
        Message::new("input-file-not-text")
            .arg("path", path)
            .arg("reason", reason)
            .arg("offset", offset)
    }
}

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
const UTF16_LE_BOM: &[u8] = &[0xFF, 0xFE];
const UTF16_BE_BOM: &[u8] = &[0xFE, 0xFF];

/// The text of a file PowerShell may have written: UTF-16 LE or BE with a BOM, UTF-8 with or
/// without a BOM. The BOM is not part of the text. Pure: reading the bytes (and bounding their
/// size) is the caller's business.
pub fn decode_text(bytes: &[u8]) -> Result<String, TextDecodeError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16_LE_BOM) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16_BE_BOM) {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, TextDecodeError> {
    let text = std::str::from_utf8(bytes).map_err(|e| TextDecodeError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(TextDecodeError::NulByte { offset });
    }
    Ok(text.to_string())
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, TextDecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(TextDecodeError::TruncatedUtf16);
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut offset = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                text.push(c);
                offset += c.len_utf16() * 2;
            }
            Err(_) => return Err(TextDecodeError::InvalidUtf16 { offset }),
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le_with_bom(text: &str) -> Vec<u8> {
        let mut bytes = UTF16_LE_BOM.to_vec();
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn every_encoding_windows_powershell_writes_decodes_to_the_same_text() {
        let text = "[{\"Name\":\"Entrée Contoso — 日本\",\"Emoji\":\"📧\"}]\r\n";
        let mut utf8_bom = UTF8_BOM.to_vec();
        utf8_bom.extend(text.as_bytes());
        let mut utf16be = UTF16_BE_BOM.to_vec();
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [
            text.as_bytes().to_vec(),
            utf8_bom,
            utf16le_with_bom(text),
            utf16be,
        ] {
            assert_eq!(decode_text(&bytes).as_deref(), Ok(text));
        }
        assert_eq!(decode_text(b"").as_deref(), Ok(""));
        assert_eq!(decode_text(UTF16_LE_BOM).as_deref(), Ok(""));
    }

    #[test]
    fn bytes_that_are_not_text_are_refused_with_where() {
        // "Entrée" in Windows-1252 (an ANSI export).
        assert_eq!(
            decode_text(b"{\"Name\":\"Entr\xe9e\"}"),
            Err(TextDecodeError::InvalidUtf8 { offset: 13 })
        );
        let mut cut = utf16le_with_bom("{}");
        cut.push(b'x');
        assert_eq!(decode_text(&cut), Err(TextDecodeError::TruncatedUtf16));
        let mut lone = utf16le_with_bom("ab");
        lone.extend(0xD800u16.to_le_bytes());
        lone.extend(u16::from(b'c').to_le_bytes());
        assert_eq!(
            decode_text(&lone),
            Err(TextDecodeError::InvalidUtf16 { offset: 4 })
        );
        // UTF-16 LE written without a BOM: valid UTF-8 bytes, but NULs everywhere.
        let no_bom: Vec<u8> = "{}".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(
            decode_text(&no_bom),
            Err(TextDecodeError::NulByte { offset: 1 })
        );
    }

    #[test]
    fn the_message_names_the_file_and_the_reason() {
        let m = TextDecodeError::InvalidUtf8 { offset: 13 }.message("C:\\in.json");
        assert_eq!(m.id, "input-file-not-text");
        assert_eq!(m.args.get("path").map(String::as_str), Some("C:\\in.json"));
        assert_eq!(m.args.get("reason").map(String::as_str), Some("utf8"));
        assert_eq!(m.args.get("offset").map(String::as_str), Some("13"));
    }
}
