//! Running third-party code whose panics on odd input are known: a spreadsheet parser on a corrupt
//! file, minijinja's compiler on some invalid templates (`{% import "x" as a-b %}` reaches an
//! `unreachable!` in minijinja 3.1). The caller turns the panic into its own clear error; nothing is
//! printed on stderr, so the user sees one message, not a crash report.

use std::cell::Cell;

thread_local! {
    /// Set while this thread runs guarded code, whose panics are expected and reported as errors.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into `Err` without the panic message on stderr. Panics elsewhere, and in
/// other threads, print as before: the hook installed once here hands them to the previous hook.
pub(crate) fn quiet_catch<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result
}
