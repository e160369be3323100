#!/usr/bin/env bash
# CI step (called by .ci/run, as root or with sudo): builds the .deb, installs it with dpkg -i,
# smoke-tests it and removes it again, then cross-builds the Windows release.
# A developer can run it too; it leaves the machine as it found it (the package is removed).
set -euo pipefail
cd "$(dirname "$0")/../.."

SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi

step() { echo "ci-packages: $*"; }

# --- Debian package --------------------------------------------------------------------------
if ! command -v cargo-deb >/dev/null; then
    step "installing cargo-deb (cargo install --locked cargo-deb)"
    start=$SECONDS
    cargo install --locked cargo-deb
    step "cargo-deb installed in $((SECONDS - start)) s"
fi

start=$SECONDS
deb=$(bash assets/packaging/build-deb.sh | tail -n 1)
step "built $deb in $((SECONDS - start)) s"
[ -f "$deb" ] || { echo "ci-packages: no .deb at '$deb'" >&2; exit 1; }

$SUDO dpkg -i "$deb"
# Whatever happens below, the package does not stay installed.
trap '$SUDO dpkg -r connector-doctor >/dev/null || true' EXIT

version=$(connector-doctor --version)
step "installed: $version"
case "$version" in
    "connector-doctor "*) ;;
    *) echo "ci-packages: unexpected --version output: $version" >&2; exit 1 ;;
esac
[ "$(command -v connector-doctor)" = /usr/bin/connector-doctor ] \
    || { echo "ci-packages: connector-doctor is not /usr/bin/connector-doctor" >&2; exit 1; }
man -w connector-doctor
[ -f /usr/share/man/man1/connector-doctor.1.gz ]
desktop-file-validate /usr/share/applications/connector-doctor.desktop
[ -f /usr/share/icons/hicolor/128x128/apps/connector-doctor.png ]
[ -s /usr/share/bash-completion/completions/connector-doctor ]
[ -s /usr/share/zsh/vendor-completions/_connector-doctor ]
[ -s /usr/share/fish/vendor_completions.d/connector-doctor.fish ]
bash -n /usr/share/bash-completion/completions/connector-doctor

$SUDO dpkg -r connector-doctor
trap - EXIT
if command -v connector-doctor >/dev/null && [ "$(command -v connector-doctor)" = /usr/bin/connector-doctor ]; then
    echo "ci-packages: /usr/bin/connector-doctor is still there after dpkg -r" >&2
    exit 1
fi
step "the .deb installs, runs and removes cleanly"

# --- Windows cross-build ---------------------------------------------------------------------
target=x86_64-pc-windows-gnu
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    if ! rustup target add "$target"; then
        step "NOT CHECKED: the Windows build. The Rust target $target could not be installed" \
            "on this machine (rustup could not download it); the Windows cross-build was skipped."
        exit 0
    fi
fi
start=$SECONDS
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    cargo build --release --locked --target "$target"
step "Windows release cross-built in $((SECONDS - start)) s: target/$target/release/connector-doctor.exe"
