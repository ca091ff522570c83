//! The `vanban` binary: everything lives in the library.

/// mimalloc serves the many small allocations of layout and PDF export faster than the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    vanban::cli::run()
}
