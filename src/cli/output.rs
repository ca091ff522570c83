//! Writing output files safely: a temporary file in the target directory, then a rename, so no reader
//! ever sees a half-written document.
//!
//! Temporary names carry the writing process's id (`.vanban-<pid>-<random>.tmp`). A run killed mid-write
//! (`kill -9`, power cut of the process) can leave one behind; the next run into the same directory
//! removes those whose process no longer exists ([`ensure_dir`]), so the directory ends with final files
//! only. A temporary file of a live run is never touched.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use vanban::error::{Error, Result};

/// The start of every temporary file name vanban writes.
const TEMP_PREFIX: &str = ".vanban-";
/// The end of every temporary file name vanban writes.
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file without a process id (older vanban) or on a system where liveness cannot be asked
/// counts as abandoned after this long.
const ABANDONED_AFTER: Duration = Duration::from_secs(10 * 60);

/// Creates the output directory (and its parents), then removes temporary files that runs killed
/// mid-write left in it.
pub fn ensure_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Output {
        path: dir.to_path_buf(),
        source,
    })?;
    remove_stale_temps(dir);
    Ok(())
}

/// A new temporary file in `dir` named after this process (see the module doc). It is created with the
/// permissions of any file the user makes (read-write for all, less the umask), not the owner-only mode
/// of a private temporary file: it becomes the output itself, which others may need to read.
pub fn temp_file_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Writes `bytes` to `path` atomically (temp file in the same directory, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let err = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let mut tmp = temp_file_in(dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// A file written under a temporary name beside its final path, waiting for the register's commit
/// (numbered documents): dropped, it is removed; [`publish`](Staged::publish)ed, it takes its name.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    /// The final path.
    pub path: PathBuf,
}

impl Staged {
    /// Gives the file its final name.
    pub fn publish(self) -> Result<()> {
        let path = self.path;
        self.tmp.persist(&path).map_err(|e| Error::Output {
            path: path.clone(),
            source: e.error,
        })?;
        Ok(())
    }
}

/// Writes `bytes` under a temporary name beside `path`, flushed to disk, for [`Staged::publish`] after
/// the register has recorded the file.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let err = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let mut tmp = temp_file_in(dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
    })
}

/// The absolute form of a path (for the register), as given when it cannot be made absolute.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `dir/stem.ext`.
pub fn output_path(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    dir.join(format!("{stem}.{ext}"))
}

/// Removes vanban's own temporary files in `dir` whose writer is gone. Best effort: a file that cannot
/// be read or removed stays (it never has a final name, so it cannot be mistaken for output).
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(middle) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let pid = middle
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        let stale = match pid.map(process_alive) {
            Some(Some(alive)) => !alive,
            // No process id in the name, or no way to ask: go by age.
            _ => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age > ABANDONED_AFTER),
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` exists (`None` when this system cannot tell). This process counts as alive.
fn process_alive(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    #[cfg(unix)]
    {
        let pid = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)?;
        Some(match rustix::process::test_kill_process(pid) {
            Ok(()) => true,
            Err(e) => e != rustix::io::Errno::SRCH,
        })
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_temps_of_dead_processes() {
        let dir = tempfile::tempdir().unwrap();
        // A process that has exited: its id names no live process (until reused, which a test
        // running now cannot cause).
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let dead = child.id();
        let _ = child.wait();
        let names = [
            format!(".vanban-{dead}-abc123.tmp"),
            format!(".vanban-{}-def456.tmp", std::process::id()),
            ".vanban-1-ghi789.tmp".to_owned(), // init: alive
            "ghi.tmp".to_owned(),
            ".vanban-notes.txt".to_owned(),
            "001-a.docx".to_owned(),
        ];
        for n in &names {
            std::fs::write(dir.path().join(n), b"x").unwrap();
        }
        remove_stale_temps(dir.path());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        left.sort();
        let mut want: Vec<String> = names[1..].to_vec();
        want.sort();
        assert_eq!(left, want);
    }

    #[test]
    fn temp_names_carry_the_process_id() {
        let dir = tempfile::tempdir().unwrap();
        let t = temp_file_in(dir.path()).unwrap();
        let name = t
            .path()
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        assert!(
            name.starts_with(&format!(".vanban-{}-", std::process::id())) && name.ends_with(".tmp"),
            "{name}"
        );
    }
}
