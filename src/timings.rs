//! `kbgen build --timings`: the wall and CPU time of each stage of a build, and
//! the process's peak memory.
//!
//! CPU time is the whole process's (every thread), read from `getrusage` at the
//! end of each stage, so a stage's CPU time can exceed its wall time on several
//! cores. Where the system does not say (not Unix), CPU time and memory are
//! left out.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// One stage, finished.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub name: &'static str,
    pub wall: Duration,
    /// `None` where the system gives no CPU time.
    pub cpu: Option<Duration>,
}

/// The stages of one run, in order.
#[derive(Debug, Clone)]
pub struct Timings {
    stages: Vec<Stage>,
    started: Instant,
    last: (Instant, Option<Duration>),
}

impl Timings {
    /// Starts the clock: the first stage runs from here.
    pub fn start() -> Timings {
        let now = Instant::now();
        Timings {
            stages: Vec::new(),
            started: now,
            last: (now, usage().map(|u| u.cpu)),
        }
    }

    /// Ends the stage called `name`, which ran since the previous one ended.
    pub fn stage(&mut self, name: &'static str) {
        let now = (Instant::now(), usage().map(|u| u.cpu));
        let cpu = match (now.1, self.last.1) {
            (Some(now), Some(then)) => Some(now.saturating_sub(then)),
            _ => None,
        };
        self.stages.push(Stage {
            name,
            wall: now.0 - self.last.0,
            cpu,
        });
        self.last = now;
    }

    /// The wall time since [`Timings::start`].
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// A table of the stages, their total and the peak memory, one row per line.
    pub fn table(&self) -> String {
        let width = self.stages.iter().map(|s| s.name.len()).max().unwrap_or(0);
        let width = width.max("total".len());
        let mut out = format!("{:width$}  {:>8}  {:>8}\n", "stage", "wall", "CPU");
        let cpu = |d: Option<Duration>| d.map_or("-".to_string(), seconds);
        for s in &self.stages {
            let _ = writeln!(
                out,
                "{:width$}  {:>8}  {:>8}",
                s.name,
                seconds(s.wall),
                cpu(s.cpu)
            );
        }
        let total_cpu = self.stages.iter().map(|s| s.cpu).sum::<Option<Duration>>();
        let wall = self.last.0 - self.started;
        let _ = writeln!(
            out,
            "{:width$}  {:>8}  {:>8}",
            "total",
            seconds(wall),
            cpu(total_cpu)
        );
        if let Some(peak) = usage().map(|u| u.peak) {
            let _ = writeln!(out, "peak memory {} MB", peak / (1024 * 1024));
        }
        out
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// What the system says of this process so far.
struct Usage {
    /// User and system time of every thread.
    cpu: Duration,
    /// Peak resident memory, in bytes.
    peak: u64,
}

#[cfg(unix)]
fn usage() -> Option<Usage> {
    use nix::sys::resource::{UsageWho, getrusage};
    let u = getrusage(UsageWho::RUSAGE_SELF).ok()?;
    let time = |t: nix::sys::time::TimeVal| {
        Duration::from_secs(t.tv_sec() as u64) + Duration::from_micros(t.tv_usec() as u64)
    };
    // Linux and the BSDs count the peak in kilobytes, Apple's systems in bytes.
    let unit = if cfg!(target_vendor = "apple") {
        1
    } else {
        1024
    };
    Some(Usage {
        cpu: time(u.user_time()) + time(u.system_time()),
        peak: u64::try_from(u.max_rss()).unwrap_or(0) * unit,
    })
}

#[cfg(not(unix))]
fn usage() -> Option<Usage> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_to_the_total_and_count_the_cpu_they_spend() {
        let mut t = Timings::start();
        std::thread::sleep(Duration::from_millis(20));
        t.stage("sleep");
        let spin = Instant::now();
        let mut x = 0u64;
        while spin.elapsed() < Duration::from_millis(50) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        t.stage("spin");
        let [sleep, spin] = t.stages() else {
            panic!("two stages: {:?}", t.stages());
        };
        assert!(sleep.wall >= Duration::from_millis(20), "{sleep:?}");
        assert!(spin.wall >= Duration::from_millis(50), "{spin:?}");
        if cfg!(unix) {
            // The process's CPU time (other tests' threads count too, so only
            // that work shows, not how much).
            assert!(spin.cpu.unwrap() > Duration::ZERO, "{spin:?}");
        }
        let table = t.table();
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].starts_with("stage") && lines[1].starts_with("sleep "));
        assert!(lines[2].starts_with("spin ") && lines[3].starts_with("total "));
        if cfg!(unix) {
            assert!(lines[4].starts_with("peak memory ") && lines[4].ends_with(" MB"));
        }
    }
}
