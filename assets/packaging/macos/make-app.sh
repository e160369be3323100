#!/usr/bin/env bash
# Assembles "Connector Doctor.app" (and, on macOS, a .dmg) from a built binary.
#   bash assets/packaging/macos/make-app.sh BINARY OUT_DIR
# BINARY is a release build for macOS (e.g. target/aarch64-apple-darwin/release/connector-doctor,
# or a universal binary made with `lipo`). The icon is converted with `sips` and `iconutil`
# (macOS tools); without them the bundle has no icon. The .dmg needs `hdiutil` (macOS).
# Not run on Linux CI: only by the hosted release workflow (assets/packaging/release.yml).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
bin="${1:?usage: make-app.sh BINARY OUT_DIR}"
out="${2:?usage: make-app.sh BINARY OUT_DIR}"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
app="$out/Connector Doctor.app"
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$bin" "$app/Contents/MacOS/connector-doctor"
chmod 755 "$app/Contents/MacOS/connector-doctor"
sed "s/@VERSION@/$version/g" "$here/Info.plist.in" > "$app/Contents/Info.plist"
printf 'APPL????' > "$app/Contents/PkgInfo"

if command -v sips >/dev/null && command -v iconutil >/dev/null; then
    iconset="$out/connector-doctor.iconset"
    rm -rf "$iconset"
    mkdir -p "$iconset"
    for size in 16 32 64 128; do
        sips -z "$size" "$size" "$root/assets/icon.png" --out "$iconset/icon_${size}x${size}.png" >/dev/null
    done
    cp "$iconset/icon_32x32.png" "$iconset/icon_16x16@2x.png"
    cp "$iconset/icon_64x64.png" "$iconset/icon_32x32@2x.png"
    rm "$iconset/icon_64x64.png"
    iconutil -c icns "$iconset" -o "$app/Contents/Resources/connector-doctor.icns"
    rm -rf "$iconset"
else
    echo "make-app.sh: sips/iconutil not found (not macOS): the bundle has no icon" >&2
fi

if command -v hdiutil >/dev/null; then
    dmg="$out/connector-doctor-$version-macos.dmg"
    staging="$out/dmg"
    rm -rf "$staging" "$dmg"
    mkdir -p "$staging"
    cp -R "$app" "$staging/"
    ln -s /Applications "$staging/Applications"
    hdiutil create -volname "Connector Doctor" -srcfolder "$staging" -ov -format UDZO "$dmg"
    rm -rf "$staging"
    echo "$dmg"
else
    echo "$app"
fi
