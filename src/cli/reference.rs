//! `tandem schema` and `tandem man`: reference material generated from the code, so it
//! cannot drift from it (the alignment file's JSON Schema from its Rust types, the man
//! pages from the clap definitions).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::CommandFactory;
use tandem::write::Overwrite;

use super::{exit, output, Cli, Context};

#[derive(Debug, clap::Args)]
pub(crate) struct SchemaArgs {
    /// Output file (`-` or none = stdout).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Overwrite an existing output file.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// Write one page per command (tandem.1, tandem-align.1, …) into this folder instead
    /// of printing the page of tandem itself.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Overwrite existing pages in --dir.
    #[arg(long, requires = "dir")]
    force: bool,
}

fn overwrite(force: bool) -> Overwrite {
    if force {
        Overwrite::Force
    } else {
        Overwrite::Never
    }
}

/// Print (or write) the JSON Schema of the alignment file.
pub(crate) fn schema(ctx: &Context, args: SchemaArgs) -> Result<i32> {
    let mut text = serde_json::to_string_pretty(&tandem::schema::alignment_schema())?;
    text.push('\n');
    match &args.output {
        Some(path) if path != Path::new("-") => {
            output::to_path(path, text.as_bytes(), overwrite(args.force), &[])?;
            ctx.status(format!("wrote {}", path.display()));
        }
        _ => output::to_stdout(text.as_bytes())?,
    }
    Ok(exit::OK)
}

/// The roff man page of a command.
fn render(cmd: clap::Command) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .context("cannot render the man page")?;
    Ok(out)
}

/// Print the man page of tandem, or write the pages of every command into a folder.
pub(crate) fn man(ctx: &Context, args: ManArgs) -> Result<i32> {
    let mut cmd = Cli::command();
    cmd.build();
    let Some(dir) = &args.dir else {
        output::to_stdout(&render(cmd)?)?;
        return Ok(exit::OK);
    };
    let mut pages = vec![("tandem.1".to_string(), render(cmd.clone())?)];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        // Each page is titled `tandem-<command>`, as man(1) looks it up.
        let name = format!("tandem-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("tandem {}", sub.get_name()));
        pages.push((format!("{name}.1"), render(page)?));
    }
    for (name, bytes) in &pages {
        output::to_path(&dir.join(name), bytes, overwrite(args.force), &[])?;
    }
    ctx.status(format!(
        "wrote {} man pages to {}; read them with: man -l {}",
        pages.len(),
        dir.display(),
        dir.join("tandem.1").display()
    ));
    Ok(exit::OK)
}
