//! The real-server test rig shared by integration tests: a test PKI, a fake SMTP server and a
//! fake DNS server, all on loopback, each on its own thread so sync and async tests can use them.
#![allow(dead_code)]

pub mod cli;
pub mod dns;
pub mod foreign;
#[cfg(feature = "gui")]
pub mod gui;
pub mod https;
pub mod knot;
pub mod openssl;
pub mod pki;
pub mod schema;
pub mod smtp;
pub mod tenant;
pub mod tenant_cases;

#[allow(unused_imports)]
pub use dns::{FakeDns, Zone};
#[allow(unused_imports)]
pub use pki::{CertKind, Pki, pki};
#[allow(unused_imports)]
pub use smtp::{Blackhole, FakeSmtp, Greeting, SmtpBehavior, StartTls};
