//! Numbers that a translation writes another way because of what they count: a time of
//! day on the other clock (`14 órakor` ~ `2 p.m.`, `14:30` ~ `2.30 pm`) and a decade
//! with or without its century (`'60-as évek` ~ `the 1960s` ~ `the sixties`). Each adds
//! values to the mentions [`super::read`] made of the digits, so they meet their
//! rendering. Values are only ever added, so these readings never make a finding; a
//! changed hour stays one (`14 órakor` ~ `2 a.m.` is reported: the hour's tag is its
//! 24-hour value, `h14` against `h2`).

use super::read::{is_space_sep, Mention};

/// What follows a number that makes it a time of day: optional minutes (`:30`, `.30`),
/// then `p.m.`/`pm` (`Some(true)`), `a.m.`/`am`/`o'clock`, or Hungarian `óra…`/`-kor`
/// (`Some(false)`).
fn clock(rest: &str) -> Option<bool> {
    let mut r = rest;
    let minutes = r.starts_with([':', '.'])
        && r[1..].chars().take(2).filter(char::is_ascii_digit).count() == 2
        && !r[1..].chars().nth(2).is_some_and(|c| c.is_ascii_digit());
    if minutes {
        r = &r[3..];
    }
    if r.starts_with("-kor") {
        return Some(false);
    }
    let word = r.trim_start_matches(is_space_sep).to_lowercase();
    let token = |t: &str| {
        word.strip_prefix(t)
            .is_some_and(|after| !after.starts_with(char::is_alphabetic))
    };
    if token("p.m.") || token("pm") {
        Some(true)
    } else if token("a.m.")
        || token("am")
        || token("o'clock")
        || token("o’clock")
        || word.starts_with("órá")
        || word.starts_with("óra")
    {
        Some(false)
    } else {
        None
    }
}

/// A time of day read on either clock: the hour gets a tag of its 24-hour value
/// (`h14` for `14 órakor`, `14:30` and `2 p.m.`; `h2` for `2 a.m.`), so `14 órakor` meets
/// `2 p.m.` and not `2 a.m.`; a time written `2.30` also gives its hour and minutes
/// (`14:30` is read as two numbers already). `rest` is the text after the digits.
pub(super) fn clock_readings(rest: &str, raw: &str, read: &mut [Mention]) {
    let Some(pm) = clock(rest) else {
        return;
    };
    let (hour, minutes) = match raw.split_once(['.', ':']) {
        Some((h, m)) if m.len() == 2 => (h, Some(m)),
        Some(_) => return,
        None => (raw, None),
    };
    let Some(h) = hour
        .parse::<u32>()
        .ok()
        .filter(|h| hour.len() <= 2 && *h <= 24)
    else {
        return;
    };
    let h24 = if pm && h < 12 { h + 12 } else { h };
    let mut extra = vec![format!("h{h24}")];
    if let Some(m) = minutes {
        extra.push(h.to_string());
        extra.push(m.trim_start_matches('0').to_string());
    }
    extra.retain(|v| !v.is_empty());
    add_values(read, &extra);
}

/// A decade written with its century or without: `1960s` and `1960-as évek` are also
/// 60, `'60s` and `60-as években` also 1960, so each meets `the sixties` and the other.
/// `rest` is the text after the digits.
pub(super) fn decade_readings(rest: &str, raw: &str, read: &mut [Mention]) {
    let english = rest.starts_with('s') && !rest[1..].starts_with(char::is_alphanumeric);
    let hungarian = (rest.starts_with("-as") || rest.starts_with("-es"))
        && rest[3..].trim_start().to_lowercase().starts_with("év");
    let Ok(n) = raw.parse::<u32>() else {
        return;
    };
    if !(english || hungarian) || n % 10 != 0 {
        return;
    }
    let other = match raw.len() {
        2 => 1900 + n,
        4 => n % 100,
        _ => return,
    };
    add_values(read, &[other.to_string()]);
}

/// Every mention of the digits may also stand for `values`.
fn add_values(read: &mut [Mention], values: &[String]) {
    for m in read.iter_mut() {
        m.values.extend_from_slice(values);
        m.values.sort();
        m.values.dedup();
    }
}
