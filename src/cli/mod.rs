//! The command line: argument parsing, orchestration, terminal output and exit codes.
//! Only this module prints.

// Every line to stderr goes through `stderr_line!`: a closed stderr (`2>&1 | head`) must
// not abort a command half-way, as `eprintln!` does (a panic, exit 101, the alignment
// not written).
#![warn(clippy::print_stderr)]

/// `eprintln!` that ignores a failed write: notes, warnings and status lines are for a
/// person, and a reader that went away (`2>&1 | head`) must not stop the work.
macro_rules! stderr_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod align;
mod check;
mod cite;
mod diff;
mod editor;
mod eval;
mod export;
mod fix;
mod input;
mod memory;
mod output;
mod reference;
mod render;
mod show;
mod split;
mod terminal;

use std::io::IsTerminal;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// Exit codes (one place; tested in tests/cli.rs).
pub(crate) mod exit {
    /// Success, nothing found.
    pub const OK: i32 = 0;
    /// Findings, differences, low-confidence beads or a quotation not found, when the
    /// command was asked to report them through the exit code.
    pub const FOUND: i32 = 1;
    /// Usage or input error (bad flag, missing or unreadable file, stale alignment,
    /// failed documents in a batch).
    pub const ERROR: i32 = 2;
    /// A batch was interrupted (Ctrl-C / SIGTERM); rerun to finish (128 + SIGINT).
    pub const INTERRUPTED: i32 = 130;
}

/// Put a Hungarian original and its English translation side by side, sentence by
/// sentence: split, align, review, diff, cite and export.
#[derive(Debug, Parser)]
#[command(name = "tandem", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: GlobalArgs,
}

/// Options every command takes.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GlobalArgs {
    /// When to colour the output (honours NO_COLOR and pipes with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub(crate) color: ColorChoice,
    /// Print no warnings or progress, only results and errors.
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// Print more about what tandem does (loader notes, parameters).
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split a text into sentences (one per line, or JSON/TSV with locators).
    Split(split::SplitArgs),
    /// Align an original with its translation, or every pair of the corpus (--all).
    Align(Box<align::AlignArgs>),
    /// Find a quotation in the corpus and print the aligned original with locators.
    Cite(cite::CiteArgs),
    /// Show what a reviser changed between two versions, sentence by sentence (splits,
    /// merges, moves, word edits), optionally against the original.
    Diff(Box<diff::DiffArgs>),
    /// Score an alignment against a hand-made gold alignment (strict/lax P, R, F1).
    Eval(eval::EvalArgs),
    /// Show an alignment side by side, with review flags.
    Show(show::ShowArgs),
    /// Confirm a bead (the rest is re-aligned around it), or list, remove or undo fixes.
    Fix(fix::FixArgs),
    /// Review an alignment: omissions, additions, number/name mismatches, untranslated …
    Check(Box<check::CheckArgs>),
    /// Export alignments as tsv, csv, xlsx, tmx, xliff, xliff2, ladder, vecalign or html.
    Export(export::ExportArgs),
    /// Print the JSON Schema of the alignment file (docs/alignment-format.md).
    Schema(reference::SchemaArgs),
    /// Print tandem's man page (roff), or write one per command with --dir.
    Man(reference::ManArgs),
    /// Review and correct an alignment in a local web page: every action is saved at
    /// once as a fix, and the rest re-aligned around it.
    Review(editor::ReviewArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// What a command needs from the outside world.
pub(crate) struct Context {
    pub(crate) global: GlobalArgs,
}

impl Context {
    /// Print a warning on stderr unless `--quiet`.
    pub(crate) fn warn(&self, msg: impl std::fmt::Display) {
        if !self.global.quiet {
            let style = anstyle::Style::new()
                .fg_color(Some(anstyle::AnsiColor::Yellow.into()))
                .bold();
            let mut err = anstream::AutoStream::new(std::io::stderr(), self.color_choice());
            let _ = std::io::Write::write_fmt(
                &mut err,
                format_args!(
                    "{style}warning:{style:#} {}\n",
                    terminal::escape(&msg.to_string())
                ),
            );
        }
    }

    /// Print a note on stderr with `--verbose`.
    pub(crate) fn note(&self, msg: impl std::fmt::Display) {
        if self.global.verbose && !self.global.quiet {
            stderr_line!("note: {}", terminal::escape(&msg.to_string()));
        }
    }

    /// Print a status line on stderr unless `--quiet`.
    pub(crate) fn status(&self, msg: impl std::fmt::Display) {
        if !self.global.quiet {
            stderr_line!("{}", terminal::escape(&msg.to_string()));
        }
    }

    pub(crate) fn color_choice(&self) -> anstream::ColorChoice {
        match self.global.color {
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
            ColorChoice::Auto => anstream::ColorChoice::Auto,
        }
    }

    /// Whether stdout gets colour.
    pub(crate) fn stdout_color(&self) -> bool {
        match self.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }

    /// Whether stderr is a terminal (for progress bars).
    pub(crate) fn stderr_is_terminal(&self) -> bool {
        !self.global.quiet && std::io::stderr().is_terminal()
    }
}

/// Run the command line and return the exit code.
pub(crate) fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            print_usage_error(&e);
            return exit::ERROR;
        }
        Err(e) => {
            let _ = e.print();
            return exit::OK;
        }
    };
    let ctx = Context {
        global: cli.global.clone(),
    };
    let result = match cli.command {
        Command::Split(args) => split::run(&ctx, args),
        Command::Align(args) => align::run(&ctx, *args),
        Command::Cite(args) => cite::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, *args),
        Command::Eval(args) => eval::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Fix(args) => fix::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, *args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Schema(args) => reference::schema(&ctx, args),
        Command::Man(args) => reference::man(&ctx, args),
        Command::Review(args) => editor::run(&ctx, args),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "tandem", &mut std::io::stdout());
            Ok(exit::OK)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => exit::OK,
        Err(e) => {
            let style = anstyle::Style::new()
                .fg_color(Some(anstyle::AnsiColor::Red.into()))
                .bold();
            let mut err = anstream::AutoStream::new(std::io::stderr(), ctx.color_choice());
            let _ = std::io::Write::write_fmt(
                &mut err,
                format_args!("{style}error:{style:#} {}\n", output::one_line(&e)),
            );
            exit::ERROR
        }
    }
}

/// A usage error from clap, with the arguments it quotes escaped: a value holding a
/// line break or an escape sequence must not forge lines or drive the terminal
/// ([`terminal`]).
fn print_usage_error(e: &clap::Error) {
    use clap::error::ContextValue;
    let mut text = e.render().ansi().to_string();
    for (_, value) in e.context() {
        let values: Vec<&String> = match value {
            ContextValue::String(v) => vec![v],
            ContextValue::Strings(vs) => vs.iter().collect(),
            _ => Vec::new(),
        };
        for v in values {
            let escaped = terminal::escape(v);
            if escaped != v.as_str() {
                text = text.replace(v.as_str(), &escaped);
            }
        }
    }
    let mut err = anstream::AutoStream::auto(std::io::stderr());
    let _ = std::io::Write::write_all(&mut err, text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
