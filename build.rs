//! Embeds the icon and the application's metadata (name, description, version, copyright) in
//! the Windows executable, for Explorer, the taskbar and "Properties › Details". Other targets:
//! nothing to do. Cross-building from Linux uses MinGW's `x86_64-w64-mingw32-windres`.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon.ico");
    // The target, not the host: the build script runs on the host even when cross-building.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icon.ico")
        .set("ProductName", "Connector Doctor")
        .set("FileDescription", "Connector Doctor")
        .set(
            "Comments",
            "Troubleshooting wizard and command line for Microsoft 365 / Exchange Online mail connectors",
        )
        .set("CompanyName", "Connector Doctor maintainers")
        .set("LegalCopyright", "MIT OR Apache-2.0")
        .set("OriginalFilename", "connector-doctor.exe")
        .set("InternalName", "connector-doctor");
    // Only the program: the test binaries need no icon.
    if let Err(err) = resource.compile_for("connector-doctor") {
        // A Windows build without its icon is still a working program; say why it has none.
        println!("cargo:warning=the Windows icon and metadata were not embedded: {err}");
    }
}
