//! Progress of a long build, for a person watching a terminal.
//!
//! The stages of a build count what they have done into a [`Progress`]: a few atomic
//! counters, no output, cheap enough to bump once per page from every thread. [`Display`]
//! reads them from a thread of its own and, once the build has run for [`SHOW_AFTER`], draws
//! one line on standard error (the stage, a bar, items done and the time left), redrawn ten
//! times a second and cleared when the build ends. It draws only when standard error is a
//! terminal: when the output goes to a file, a pipe, a test or CI, nothing at all is added,
//! so logs read exactly as they always did. The words are the catalogues' (both languages);
//! the line is measured in terminal columns, so a Thai stage name (whose vowel and tone marks
//! take no column) lines up with the others.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthStr;

use crate::messages::{Lang, t};
use crate::msg;

/// A build shorter than this shows no progress at all.
pub const SHOW_AFTER: Duration = Duration::from_secs(1);

/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// The stages a build goes through, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the content files (items: files).
    Read,
    /// Validating and checking (no items).
    Check,
    /// Rendering pages (items: pages).
    Render,
    /// The files made from the whole site: data downloads, search index, sitemap.
    Finish,
    /// Writing compressed copies (items: files).
    Compress,
}

impl Stage {
    const ALL: [Stage; 5] = [
        Stage::Read,
        Stage::Check,
        Stage::Render,
        Stage::Finish,
        Stage::Compress,
    ];

    /// The catalogue id of the stage's name.
    fn id(self) -> &'static str {
        match self {
            Stage::Read => "progress-read",
            Stage::Check => "progress-check",
            Stage::Render => "progress-render",
            Stage::Finish => "progress-finish",
            Stage::Compress => "progress-compress",
        }
    }
}

/// What a build has done so far, counted by its stages (from any thread).
#[derive(Debug)]
pub struct Progress {
    started: Instant,
    /// `Stage as u8 + 1`; 0 before the first stage.
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
    /// When the current stage began, in microseconds after `started`.
    stage_began: AtomicU64,
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}

/// The progress at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub stage: Option<Stage>,
    pub done: usize,
    /// 0 when the stage does not count items.
    pub total: usize,
    /// Time since the build began, and since the stage began.
    pub elapsed: Duration,
    pub in_stage: Duration,
}

impl Progress {
    pub fn new() -> Progress {
        Progress {
            started: Instant::now(),
            stage: AtomicU8::new(0),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            stage_began: AtomicU64::new(0),
        }
    }

    /// A new stage begins, with `total` items to do (0: it does not count them).
    pub fn stage(&self, stage: Stage, total: usize) {
        let since = self.started.elapsed().as_micros() as u64;
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage_began.store(since, Ordering::Relaxed);
        self.stage.store(stage as u8 + 1, Ordering::Release);
    }

    /// The stage has `n` more items to do than it knew (files found as they are read).
    pub fn grow(&self, n: usize) {
        self.total.fetch_add(n, Ordering::Relaxed);
    }

    /// `n` more items of the stage are done.
    pub fn add(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Snapshot {
        let stage = match self.stage.load(Ordering::Acquire) {
            0 => None,
            n => Stage::ALL.get(usize::from(n) - 1).copied(),
        };
        let elapsed = self.started.elapsed();
        let began = Duration::from_micros(self.stage_began.load(Ordering::Relaxed));
        Snapshot {
            stage,
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            elapsed,
            in_stage: elapsed.saturating_sub(began),
        }
    }
}

/// The time a stage still needs at the pace it has kept so far, once it has done enough to
/// tell (a twentieth of its items, or a second's work).
pub fn time_left(s: &Snapshot) -> Option<Duration> {
    if s.total == 0 || s.done == 0 || s.done >= s.total {
        return None;
    }
    if s.done * 20 < s.total && s.in_stage < Duration::from_secs(1) {
        return None;
    }
    let per_item = s.in_stage.as_secs_f64() / s.done as f64;
    Some(Duration::from_secs_f64(
        per_item * (s.total - s.done) as f64,
    ))
}

/// `text` padded with spaces to `width` terminal columns.
fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(text.width())));
    out
}

/// `text` cut to at most `width` terminal columns (a combining mark stays with its letter).
fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// Columns of the bar.
const BAR: usize = 24;

/// The progress line for a terminal `width` columns wide, in `lang`: the stage's name padded
/// to the widest stage name (in columns, so every stage's bar starts in the same column),
/// then for a stage that counts its items a bar, `done/total` and the time left.
pub fn line(s: &Snapshot, lang: Lang, width: usize) -> String {
    let Some(stage) = s.stage else {
        return String::new();
    };
    let names: Vec<String> = Stage::ALL.iter().map(|st| t(lang, st.id())).collect();
    let widest = names.iter().map(|n| n.width()).max().unwrap_or(0);
    let name = pad(&t(lang, stage.id()), widest);
    let text = if s.total == 0 {
        let secs = s.elapsed.as_secs();
        format!(
            "{name} {}",
            msg!("progress-elapsed", s = secs as i64).text(lang)
        )
    } else {
        let done = s.done.min(s.total);
        let filled = done * BAR / s.total;
        let bar: String = "█".repeat(filled) + &"░".repeat(BAR - filled);
        let counted = format!("{done}/{}", s.total);
        match time_left(s) {
            Some(left) => format!(
                "{name} {bar} {counted} {}",
                msg!("progress-left", s = left.as_secs().max(1) as i64).text(lang)
            ),
            None => format!("{name} {bar} {counted}"),
        }
    };
    cut(&text, width.saturating_sub(1))
}

/// Draws a build's [`Progress`] on the terminal until dropped (see the module's comment).
pub struct Display {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Display {
    /// Start drawing `progress` in `lang`, if standard error is a terminal; otherwise this
    /// does nothing at all.
    pub fn start(progress: Arc<Progress>, lang: Lang) -> Display {
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || draw(&progress, lang, &stop))
        });
        Display { stop, thread }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The drawing thread: nothing for [`SHOW_AFTER`], then the line every [`TICK`], cleared at
/// the end.
fn draw(progress: &Progress, lang: Lang, stop: &AtomicBool) {
    let mut bar: Option<indicatif::ProgressBar> = None;
    while !stop.load(Ordering::Acquire) {
        std::thread::sleep(TICK);
        let s = progress.snapshot();
        if s.elapsed < SHOW_AFTER {
            continue;
        }
        let bar = bar.get_or_insert_with(|| {
            let target = indicatif::ProgressDrawTarget::stderr_with_hz(10);
            let bar = indicatif::ProgressBar::with_draw_target(None, target);
            bar.set_style(
                // `wide_msg`: cut to the terminal's width, measured in columns.
                indicatif::ProgressStyle::with_template("{wide_msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar
        });
        bar.set_message(line(&s, lang, usize::MAX));
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(stage: Stage, done: usize, total: usize, secs: u64) -> Snapshot {
        Snapshot {
            stage: Some(stage),
            done,
            total,
            elapsed: Duration::from_secs(secs + 1),
            in_stage: Duration::from_secs(secs),
        }
    }

    #[test]
    fn the_time_left_follows_the_pace_so_far() {
        assert_eq!(
            time_left(&at(Stage::Render, 500, 2000, 2)),
            Some(Duration::from_secs(6))
        );
        // Too early to tell, done, or not counted.
        assert_eq!(
            time_left(&Snapshot {
                in_stage: Duration::from_millis(200),
                ..at(Stage::Render, 10, 2000, 0)
            }),
            None
        );
        assert_eq!(time_left(&at(Stage::Render, 2000, 2000, 4)), None);
        assert_eq!(time_left(&at(Stage::Check, 0, 0, 4)), None);
    }

    #[test]
    fn lines_say_the_stage_the_count_and_the_time_left_in_both_languages() {
        let s = at(Stage::Render, 500, 2000, 2);
        let en = line(&s, Lang::En, 200);
        assert!(en.starts_with("rendering pages"), "{en}");
        assert!(en.contains(" 500/2000 about 6 s left"), "{en}");
        assert!(
            en.contains(&format!("{}{}", "█".repeat(6), "░".repeat(18))),
            "{en}"
        );
        let th = line(&s, Lang::Th, 200);
        assert!(th.contains(" 500/2000 "), "{th}");
        assert!(th.contains('6'), "{th}");
        let check = line(&at(Stage::Check, 0, 0, 1), Lang::En, 200);
        assert!(check.starts_with("checking"), "{check}");
        assert!(check.ends_with("2 s"), "{check}");
        assert_eq!(line(&Snapshot { stage: None, ..s }, Lang::En, 200), "");
    }

    /// Thai vowel and tone marks take no column: the bar starts in the same column for every
    /// stage, measured in columns, not in characters or bytes.
    #[test]
    fn thai_stage_names_line_up_by_columns() {
        for lang in [Lang::Th, Lang::En] {
            let starts: Vec<usize> = Stage::ALL
                .iter()
                .map(|&stage| {
                    let l = line(&at(stage, 1, 4, 1), lang, 200);
                    let bar = l.find(['█', '░']).expect("a bar");
                    l[..bar].width()
                })
                .collect();
            assert!(
                starts.windows(2).all(|w| w[0] == w[1]),
                "{lang:?}: {starts:?}"
            );
        }
        // The Thai names really have marks that take no column, so counting characters
        // would have put the bars in different columns.
        let th: Vec<String> = Stage::ALL.iter().map(|s| t(Lang::Th, s.id())).collect();
        assert!(th.iter().any(|n| n.chars().count() != n.width()), "{th:?}");
    }

    #[test]
    fn a_line_never_runs_past_the_terminal() {
        let s = at(Stage::Render, 500, 2000, 2);
        for lang in [Lang::Th, Lang::En] {
            let l = line(&s, lang, 30);
            assert!(l.width() <= 29, "{l}");
        }
    }

    #[test]
    fn stages_are_counted_from_any_thread() {
        let p = Progress::new();
        assert_eq!(p.snapshot().stage, None);
        p.stage(Stage::Render, 100);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| (0..25).for_each(|_| p.add(1)));
            }
        });
        let s = p.snapshot();
        assert_eq!((s.stage, s.done, s.total), (Some(Stage::Render), 100, 100));
        p.stage(Stage::Finish, 0);
        assert_eq!(p.snapshot().done, 0);
    }
}
