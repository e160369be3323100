//! A real authoritative DNS server for DNSSEC tests: Knot DNS (Debian packages `knot` and
//! `knot-dnssecutils`), serving a zone signed at test time with `kzonesign` on a loopback port.
//!
//! The zone is signed with one ECDSA P-256 key (a combined signing key), whose DS record is the
//! trust anchor the tool is given (`--dnssec-trust-anchor`). Records listed in
//! [`SignedZone::tamper`] are changed *after* signing, so their signatures no longer validate
//! (a bogus answer). `.ci/run` installs the packages; without them these tests fail and say so.

use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const KNOTD: &str = "/usr/sbin/knotd";
const KZONESIGN: &str = "/usr/bin/kzonesign";
const KEYMGR: &str = "/usr/sbin/keymgr";

/// Fails the test with the fix when Knot is not installed.
pub fn require_knot() {
    for tool in [KNOTD, KZONESIGN, KEYMGR] {
        assert!(
            Path::new(tool).exists(),
            "{tool} is missing: these DNSSEC tests need a real authoritative server. Install the \
             Debian packages knot and knot-dnssecutils (sudo apt-get install knot knot-dnssecutils; \
             .ci/run does it)."
        );
    }
}

/// A running `knotd` serving one signed zone on 127.0.0.1; stopped when dropped.
pub struct SignedZone {
    pub dir: tempfile::TempDir,
    pub addr: SocketAddr,
    /// The zone's DS record, e.g. `dane.test. DS 60875 13 2 d4a1…`, as a trust-anchor line.
    pub ds: String,
    child: Child,
}

impl SignedZone {
    /// Signs `records` (zone-file lines relative to `origin`) and serves them. Lines in
    /// `tamper` are `(before, after)` replacements applied to the signed zone file: the changed
    /// records keep their old signatures.
    pub fn start(origin: &str, records: &str, tamper: &[(String, String)]) -> SignedZone {
        require_knot();
        let dir = tempfile::Builder::new()
            .prefix("cd-knot-")
            .tempdir()
            .expect("temporary folder");
        let root = dir.path();
        std::fs::create_dir_all(root.join("kasp")).expect("kasp folder");
        std::fs::create_dir_all(root.join("signed")).expect("signed folder");
        let zone_file = root.join(format!("{origin}.zone"));
        std::fs::write(
            &zone_file,
            format!(
                "$ORIGIN {origin}.\n$TTL 300\n@ SOA ns.{origin}. admin.{origin}. 1 3600 600 86400 300\n@ NS ns\nns A 127.0.0.1\n{records}\n"
            ),
        )
        .expect("zone file");
        let sign_conf = root.join("sign.conf");
        std::fs::write(
            &sign_conf,
            format!(
                "server:\n    rundir: {dir}\ndatabase:\n    kasp-db: {dir}/kasp\ntemplate:\n  - id: default\n    storage: {dir}\npolicy:\n  - id: csk\n    algorithm: ecdsap256sha256\n    single-type-signing: on\n    nsec3: off\nzone:\n  - domain: {origin}\n    file: {zone}\n    dnssec-signing: on\n    dnssec-policy: csk\n",
                dir = root.display(),
                zone = zone_file.display(),
            ),
        )
        .expect("signing configuration");
        let signed = run(Command::new(KZONESIGN)
            .arg("-c")
            .arg(&sign_conf)
            .arg("-o")
            .arg(root.join("signed"))
            .arg(origin));
        let signed_file = root.join("signed").join(format!("{origin}.zone"));
        assert!(signed_file.exists(), "kzonesign wrote no zone: {signed}");
        let ds_out = run(Command::new(KEYMGR)
            .arg("-c")
            .arg(&sign_conf)
            .arg(origin)
            .arg("ds"));
        let ds = ds_out
            .lines()
            .find(|l| l.contains(" DS ") && l.contains(" 13 2 "))
            .unwrap_or_else(|| panic!("no SHA-256 DS from keymgr: {ds_out}"))
            .trim()
            .to_string();
        if !tamper.is_empty() {
            let mut text = std::fs::read_to_string(&signed_file).expect("signed zone");
            for (before, after) in tamper {
                // kzonesign writes hex data in capitals: find the value whatever its case.
                let at = text
                    .to_ascii_lowercase()
                    .find(&before.to_ascii_lowercase())
                    .unwrap_or_else(|| panic!("nothing to tamper: {before}"));
                text.replace_range(at..at + before.len(), after);
            }
            std::fs::write(&signed_file, text).expect("tampered zone");
        }

        let port = free_port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
        let serve_conf = root.join("knot.conf");
        std::fs::write(
            &serve_conf,
            format!(
                "server:\n    rundir: {dir}\n    listen: 127.0.0.1@{port}\n    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\ndatabase:\n    storage: {dir}/db\ncontrol:\n    listen: {dir}/knot.sock\nlog:\n  - target: stderr\n    any: warning\ntemplate:\n  - id: default\n    storage: {dir}\n    journal-content: none\n    zonefile-sync: -1\n    zonefile-load: whole\n    semantic-checks: off\nzone:\n  - domain: {origin}\n    file: {signed}\n    dnssec-signing: off\n",
                dir = root.display(),
                signed = signed_file.display(),
            ),
        )
        .expect("server configuration");
        let child = Command::new(KNOTD)
            .arg("-c")
            .arg(&serve_conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start knotd");
        let zone = SignedZone {
            dir,
            addr,
            ds,
            child,
        };
        zone.wait_ready();
        zone
    }

    /// `IP:port` for `--dns-server`.
    pub fn server_arg(&self) -> String {
        self.addr.to_string()
    }

    /// Writes the trust-anchor file (the zone's DS) and returns its path.
    pub fn anchor_file(&self) -> PathBuf {
        let path = self.dir.path().join("anchors.txt");
        std::fs::write(&path, format!("; test zone\n{}\n", self.ds)).expect("anchor file");
        path
    }

    fn wait_ready(&self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if TcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok() {
                // The TCP listener comes up with the zone loaded (zones load before serving).
                std::thread::sleep(Duration::from_millis(100));
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("knotd did not listen on {} within 10 s", self.addr);
    }
}

impl Drop for SignedZone {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(command: &mut Command) -> String {
    let out = command.output().expect("run a Knot tool");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{command:?} failed: {text}");
    text
}

/// A port free for both UDP and TCP on 127.0.0.1 right now.
fn free_port() -> u16 {
    for _ in 0..50 {
        let tcp = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = tcp.local_addr().expect("address").port();
        if UdpSocket::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free loopback port");
}
