//! PowerShell on both sides of the tool: the exports it reads (`ConvertTo-Json` files in any
//! encoding Windows PowerShell writes, [`decode_text`]) and the commands it suggests.
//!
//! Values placed into the PowerShell commands the tool suggests (`Set-InboundConnector …`): a
//! connector name, a certificate name from a log, an address typed by the user. Each value is one
//! single-quoted string, so nothing in it is ever run.
//!
//! PowerShell documents (about_Quoting_Rules; PowerShell Language Specification, "String
//! literals") that a single-quoted string is verbatim — no `$variable`, `$(subexpression)` or
//! backtick escape is expanded — and that a quote inside it is written twice. Its tokenizer counts
//! four more characters as single quotes: U+2018, U+2019, U+201A and U+201B (what word processors
//! and web pages turn `'` into). Each of them is doubled too, keeping the character the value had.

mod decode;

pub use decode::{TextDecodeError, decode_text};

/// Characters PowerShell reads as a single quotation mark.
fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

/// `value` as a PowerShell single-quoted string: `O'Brien` → `'O''Brien'`.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if is_single_quote(c) {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Several values as a PowerShell array argument: `'a','b'`.
pub fn quote_list<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values.into_iter().map(quote).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny reader of PowerShell single-quoted strings, as the language specification describes
    /// them: returns the value and what follows the closing quote.
    fn read_single_quoted(text: &str) -> Option<(String, &str)> {
        let mut chars = text.char_indices();
        let (_, first) = chars.next()?;
        if !is_single_quote(first) {
            return None;
        }
        let mut value = String::new();
        let mut chars = chars.peekable();
        while let Some((i, c)) = chars.next() {
            if is_single_quote(c) {
                match chars.peek() {
                    Some(&(_, next)) if is_single_quote(next) => {
                        chars.next();
                        value.push(next);
                    }
                    _ => return Some((value, &text[i + c.len_utf8()..])),
                }
            } else {
                value.push(c);
            }
        }
        None
    }

    #[test]
    fn injection_stays_inside_one_string() {
        for hostile in [
            "'; Remove-Item -Recurse C:\\ #",
            "x\u{2019}; Remove-Item -Recurse C:\\ #",
            "\u{2018}\u{201A}\u{201B}'",
            "$(Remove-Item C:\\) `n $env:USERNAME",
            "\u{1b}]0;pwned\u{7}\u{1b}[2J",
            "",
        ] {
            let quoted = quote(hostile);
            let (value, rest) = read_single_quoted(&quoted).unwrap_or_default();
            assert_eq!(value, hostile, "{quoted}");
            assert_eq!(rest, "", "nothing after the closing quote in {quoted}");
        }
    }

    #[test]
    fn quotes_are_doubled() {
        assert_eq!(quote("O'Brien"), "'O''Brien'");
        assert_eq!(quote("a\u{2019}b"), "'a\u{2019}\u{2019}b'");
        assert_eq!(
            quote_list(["192.0.2.7", "198.51.100.0/24"]),
            "'192.0.2.7','198.51.100.0/24'"
        );
    }
}
