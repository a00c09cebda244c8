//! Helpers shared by the integration tests: a temp work folder and the built binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A temporary folder with files in it, deleted at the end of the test.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    /// A new empty folder.
    pub fn new() -> Self {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file (parents created) and return its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// Copy a file of the repository (e.g. `originals/udhr.hu.txt`) into the folder,
    /// under the same relative name.
    pub fn copy_from_repo(&self, rel: &str) -> PathBuf {
        let bytes = std::fs::read(repo().join(rel)).expect("repository file");
        self.write(rel, bytes)
    }

    /// Copy files of the repository into the folder, each under its relative name.
    pub fn copy_all_from_repo(&self, rels: &[&str]) {
        for rel in rels {
            self.copy_from_repo(rel);
        }
    }

    /// Copy the bundled corpus (texts and sidecars of both documents) into the folder.
    pub fn copy_bundled_corpus(&self) {
        self.copy_all_from_repo(&BUNDLED_CORPUS);
    }

    /// Read a file of the folder.
    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join(name)).expect("read")
    }

    /// The `tandem` binary, run in this folder, without colour.
    pub fn tandem(&self) -> Command {
        let mut cmd = Command::cargo_bin("tandem").expect("binary");
        cmd.current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS");
        cmd
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files of the bundled corpus: both documents' texts and sidecars.
pub const BUNDLED_CORPUS: [&str; 6] = [
    "originals/beck-1963-01-28.hu.txt",
    "originals/beck-1963-01-28.toml",
    "translations/beck-1963-01-28.en.txt",
    "originals/udhr.hu.txt",
    "originals/udhr.toml",
    "translations/udhr.en.txt",
];

/// The seed report's alignment in a folder made by [`aligned_beck`].
pub const BECK: &str = "alignments/beck-1963-01-28.json";

/// A work folder with the seed report's pair aligned into [`BECK`] (its sidecar left
/// out, so no fixes come with it).
pub fn aligned_beck() -> Workdir {
    let wd = Workdir::new();
    wd.copy_from_repo("originals/beck-1963-01-28.hu.txt");
    wd.copy_from_repo("translations/beck-1963-01-28.en.txt");
    wd.tandem()
        .args([
            "align",
            "originals/beck-1963-01-28.hu.txt",
            "translations/beck-1963-01-28.en.txt",
        ])
        .assert()
        .success();
    wd
}

/// The standard output of a `tandem` command that must succeed.
pub fn stdout(wd: &Workdir, args: &[&str]) -> String {
    let out = wd
        .tandem()
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `../shared/data`, if present (tests that need it skip cleanly otherwise).
pub fn shared_data() -> Option<PathBuf> {
    let p = repo().join("../shared/data");
    p.is_dir().then_some(p)
}

/// A text of one sentence per line, loaded as `--presplit` does (the gold sets' form).
pub fn presplit_document(text: &str, lang: tandem::lang::Lang) -> tandem::document::Document {
    let options = tandem::load::LoadOptions {
        presplit: true,
        ..tandem::load::LoadOptions::default()
    };
    let loaded = tandem::load::load_bytes(text.as_bytes(), Path::new("gold"), &options)
        .expect("gold text loads");
    tandem::document::Document::new(Path::new("gold"), lang, loaded, None)
}

/// The beads of a gold file in vecalign format (every gold set here is).
pub fn gold_beads(path: &Path) -> tandem::export::IndexBeads {
    use tandem::eval::{read_bead_file, BeadFile};
    let text = std::fs::read_to_string(path).expect("gold file");
    match read_bead_file(&text, path).expect("gold parses") {
        BeadFile::Beads(b) => b,
        BeadFile::Rungs(_) => panic!("gold sets are in vecalign format"),
    }
}

/// Align the hand-aligned novel (`../shared/data/gold/steinbeck`, one sentence per line)
/// into `out` inside `wd`; `None` (with a note) when `../shared/data` is absent.
pub fn align_steinbeck(wd: &Workdir, out: &str) -> Option<()> {
    let Some(data) = shared_data() else {
        eprintln!("note: ../shared/data not found; skipping");
        return None;
    };
    let gold = data.join("gold/steinbeck");
    wd.tandem()
        .args([
            "align",
            "--presplit",
            "--src-lang",
            "hu",
            "--tgt-lang",
            "en",
        ])
        .arg(gold.join("src.txt"))
        .arg(gold.join("tgt.txt"))
        .args(["-o", out])
        .assert()
        .success();
    Some(())
}
