//! Error types of the library, one enum per concern.
//!
//! Every message names the file (or flag) at fault and, where there is one, the fix, so
//! that the command line can print it as a single `error: …` line.

use std::path::PathBuf;

/// Reading a file failed or was refused (see [`crate::read`]).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read '{path}': {source}")]
    Io {
        /// File that was read.
        path: PathBuf,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The path names a directory.
    #[error("'{0}' is a directory, not a file; give a file")]
    IsDirectory(PathBuf),
    /// The path names a FIFO, socket or device.
    #[error("'{path}' is {what}, not a regular file; tandem reads only regular files (and standard input as '-')")]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: &'static str,
    },
    /// The file is larger than its kind allows.
    #[error("'{path}' is {size}, but {what} may be at most {limit}; split it into smaller files")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: String,
        /// What kind of file it is ("a text" …).
        what: &'static str,
        /// The limit.
        limit: String,
    },
    /// The file is not UTF-8 where UTF-8 is required.
    #[error("'{path}' is not UTF-8 (invalid byte at offset {offset}); save it as UTF-8")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file does not fit in memory.
    #[error("not enough memory to read '{path}' ({needed}); free memory or split the file")]
    OutOfMemory {
        /// The file.
        path: PathBuf,
        /// How much was asked for.
        needed: String,
    },
    /// A step would need more memory than can be had.
    #[error("not enough memory {what} (about {needed} needed); free memory or split the input into smaller files")]
    NotEnoughMemory {
        /// The step ("to load 'x.txt'").
        what: String,
        /// The estimate.
        needed: String,
    },
}

impl ReadError {
    /// Whether the file does not exist (callers that treat a missing file as "none").
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }
}

/// Loading a text file failed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("cannot read '{path}': {source}")]
    Io {
        /// File that was read.
        path: PathBuf,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The path names a directory.
    #[error("'{0}' is a directory; give a text file (or use 'tandem align --all' for a corpus)")]
    IsDirectory(PathBuf),
    /// The file was refused or could not be read (not regular, too large …).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The file looks binary (many NUL or control bytes).
    #[error("'{0}' looks like a binary file, not text; give a plain-text file (UTF-8, UTF-16, Windows-1250, ISO-8859-2) or a DOCX, ODT or HTML document")]
    Binary(PathBuf),
    /// The text contains NUL bytes and cleaning was not allowed.
    #[error("'{path}' contains {count} NUL or control character(s) (first at line {line}); remove them or pass --clean-control")]
    ControlCharacters {
        /// File at fault.
        path: PathBuf,
        /// How many were found.
        count: usize,
        /// 1-based line of the first one.
        line: usize,
    },
    /// The encoding given with `--encoding` is unknown.
    #[error("unknown encoding '{0}'; use utf-8, utf-16le, utf-16be, windows-1250, iso-8859-2 or another WHATWG encoding label (windows-1252, koi8-r …)")]
    UnknownEncoding(String),
    /// The file is in a format tandem does not read (PDF, .doc, RTF, spreadsheets …).
    #[error("'{path}' is {what}; {fix}")]
    Unsupported {
        /// File at fault.
        path: PathBuf,
        /// What the file is.
        what: &'static str,
        /// What the user can do.
        fix: &'static str,
    },
    /// A DOCX, ODT or HTML document is damaged.
    #[error("'{path}' is not a readable {format} document ({reason}); open and save it again, or save it as plain text")]
    Corrupt {
        /// File at fault.
        path: PathBuf,
        /// `DOCX`, `ODT` or `HTML`.
        format: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A document would take more than tandem reads (a zip bomb, absurd nesting).
    #[error("'{path}' was refused: {reason}; if the document is genuine, save it as plain text")]
    Refused {
        /// File at fault.
        path: PathBuf,
        /// Which limit and by how much.
        reason: String,
    },
    /// The file is not valid in the encoding the user forced.
    #[error("'{path}' is not valid {encoding}; check the file or drop --encoding to let tandem detect it")]
    Malformed {
        /// File at fault.
        path: PathBuf,
        /// Encoding that was forced.
        encoding: &'static str,
    },
}

/// Reading or writing an alignment file failed.
#[derive(Debug, thiserror::Error)]
pub enum AlignmentFileError {
    /// The file could not be read.
    #[error("cannot read alignment '{path}': {source}")]
    Io {
        /// File that was read.
        path: PathBuf,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file, or a text it names, was refused (not regular, too large …).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The file is not JSON at all: most often a text given where the alignment belongs.
    #[error("'{path}' is not an alignment file (not UTF-8 JSON: a text?); give the .json file 'tandem align' writes, e.g. alignments/<id>.json")]
    NotJson {
        /// File at fault.
        path: PathBuf,
    },
    /// The JSON does not parse or does not follow the schema.
    #[error("'{path}' is not a valid tandem alignment file ({reason}); re-create it with 'tandem align'")]
    Invalid {
        /// File at fault.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A text named by the alignment is not a usable file (a device, a FIFO, too
    /// large, unreadable).
    #[error("'{alignment}' names a text that tandem will not read: {source}")]
    BadText {
        /// The alignment file.
        alignment: PathBuf,
        /// Why.
        #[source]
        source: ReadError,
    },
    /// A text changed since the alignment was made.
    #[error("'{text}' changed since '{alignment}' was made; re-run 'tandem align' or pass --allow-stale")]
    Stale {
        /// The alignment file.
        alignment: PathBuf,
        /// The text that changed.
        text: PathBuf,
    },
}

/// Writing an output file failed or was refused.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file exists and is not one tandem wrote (an alignment file is replaced
    /// without `--force` only when it parses as one).
    #[error("'{0}' already exists and was not written by tandem; pass --force to overwrite it or choose another -o path")]
    NotOurs(PathBuf),
    /// The file exists and this command never replaces a file without `--force`
    /// (exports: a file handed on may have been edited since).
    #[error("'{0}' already exists; pass --force to overwrite it or choose another -o path")]
    Exists(PathBuf),
    /// The path names a FIFO, device, socket or folder: never written, even with
    /// `--force`.
    #[error("'{path}' is {what}, not a regular file; tandem writes only regular files (use '-o -' for standard output)")]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: &'static str,
    },
    /// The file would replace one of the inputs.
    #[error("'{0}' is an input of this command; choose another -o path")]
    IsInput(PathBuf),
    /// The folder of the output file does not exist.
    #[error("cannot write '{0}': its folder does not exist; create it or choose another -o path")]
    MissingDirectory(PathBuf),
    /// The directory is not writable, or the disk is full.
    #[error("cannot write '{path}': {source}")]
    Io {
        /// File being written.
        path: PathBuf,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// A user-supplied data file (abbreviations, dictionary, gold alignment …) is malformed.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {reason}")]
pub struct DataFileError {
    /// File at fault.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub reason: String,
}

/// An export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// No alignment was given.
    #[error("no alignment to export; give alignment files or --all")]
    NoAlignments,
    /// Alignments of different language pairs cannot share one file.
    #[error("'{first}' is {first_pair} but '{other}' is {other_pair}; one file holds one language pair, so export them separately")]
    MixedLanguages {
        /// The first alignment.
        first: String,
        /// Its languages, `hu-en`.
        first_pair: String,
        /// The first alignment that differs.
        other: String,
        /// Its languages.
        other_pair: String,
    },
    /// Every bead was left out, and the format cannot be empty.
    #[error("every bead was left out (one side empty or below --min-confidence), and an XLIFF 2.0 file needs a unit; lower --min-confidence or pass --keep-unpaired")]
    NothingLeft,
    /// The XML or spreadsheet writer failed.
    #[error("cannot write the export: {0}")]
    Write(String),
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Write(e.to_string())
    }
}
