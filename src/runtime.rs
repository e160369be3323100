//! The tokio runtime the binary drives the engine on, built once by the command line or the
//! wizard (library code only takes handles).

/// A multi-thread runtime with two workers: the engine's work is network waits, not computation.
pub fn build() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}
