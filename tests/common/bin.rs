//! Running the `vanban` binary and reading its outputs.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `vanban ARGS` in `cwd`.
pub fn vanban(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// The exit code (-1 when killed by a signal).
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The sorted file names in a directory.
pub fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

/// The permission bits of a file (0 off Unix, where there are none to compare).
pub fn mode(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0
    }
}

/// The permission bits a plain `File::create` gets in `dir` under this process's umask: what any
/// file the user makes gets.
pub fn plain_file_mode(dir: &Path) -> u32 {
    let probe = dir.join(".mode-probe");
    std::fs::File::create(&probe).unwrap();
    let m = mode(&probe);
    std::fs::remove_file(&probe).unwrap();
    m
}
