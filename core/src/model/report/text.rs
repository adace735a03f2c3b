//! The report as plain text, line by line, and the short phrases the view shares with it (a
//! move, an action, a contact), so the page and the text say the same.
//!
//! The text holds every name and title the report holds, which is what lets a test check that a
//! redacted report names nobody.

use super::words::people;
use super::{ContactLine, PlannedAction, Presence, Report, INDEX_FOOTNOTE, REDACTED_NOTE};
use crate::model::history::Movement;
use crate::model::stakeholder::Quadrant;
use std::fmt::Write;

fn signed(n: i32) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("−{}", -n),
        _ => "0".into(),
    }
}

/// How someone moved, after their name: "skepticism 74 → 34 (−40), from Win over to
/// Champions".
pub fn move_words(m: &Movement) -> String {
    let (Some(from), Some(to)) = (m.from, m.to) else {
        return String::new();
    };
    let quadrant = match (from.quadrant(), to.quadrant()) {
        (a, b) if a != b => format!(", from {} to {}", a.name(), b.name()),
        (_, b) => format!(", still {}", b.name()),
    };
    format!(
        "skepticism {} → {} ({}){quadrant}",
        from.skepticism,
        to.skepticism,
        signed(m.skepticism_change())
    )
}

/// Where someone added or removed since stands (now) or stood (then): "Win over (influence
/// 80, skepticism 70)".
pub fn place_words(m: &Movement) -> String {
    match m.to.or(m.from) {
        Some(p) => format!(
            "{} (influence {}, skepticism {})",
            p.quadrant().name(),
            p.influence,
            p.skepticism
        ),
        None => String::new(),
    }
}

impl PlannedAction {
    /// The action after its title: status, owner and due date, e.g. "planned · Maria · due Mon
    /// 3 Mar 2026 (overdue)".
    pub fn details(&self) -> String {
        let mut parts = vec![self.status.label().to_lowercase()];
        if !self.owner.is_empty() {
            parts.push(self.owner.clone());
        }
        match self.due {
            Some(d) if self.overdue => parts.push(format!("due {} (overdue)", d.human())),
            Some(d) => parts.push(format!("due {}", d.human())),
            None => parts.push("no due date".to_owned()),
        }
        parts.join(" · ")
    }
}

impl ContactLine {
    /// "Mon 3 Mar 2026 · Dana Ortiz · Meeting · went well".
    pub fn words(&self) -> String {
        format!(
            "{} · {} · {} · {}",
            self.date.human(),
            self.name,
            self.channel.label(),
            self.sentiment.label().to_lowercase()
        )
    }
}

impl Report {
    /// The whole report as plain text, dates in the user's time zone (`utc_offset_minutes`).
    pub fn to_text(&self, utc_offset_minutes: i32) -> String {
        let mut out = String::new();
        let mut line = |s: &str| {
            out.push_str(s);
            out.push('\n');
        };
        line(&format!("Progress report: {}", self.map_name));
        line(&format!(
            "From “{}” ({}) to today ({})",
            self.snapshot_name,
            self.from.local_date(utc_offset_minutes).human(),
            self.to.local_date(utc_offset_minutes).human()
        ));
        if self.redacted {
            line(REDACTED_NOTE);
        }
        line("");
        line(&self.headline());
        if let Some(s) = self.membership_sentence() {
            line(&s);
        }
        let figure = |v: Option<f64>| v.map(|v| format!("{v:.0}")).unwrap_or("n/a".into());
        line(&format!(
            "Index: then {}, now {}.",
            figure(self.index_then),
            figure(self.index_now)
        ));

        line("");
        line(&format!(
            "The map then ({}) and now ({}):",
            people(self.picture_then.len()),
            people(self.picture_now.len())
        ));
        for (when, dots) in [("Then", &self.picture_then), ("Now", &self.picture_now)] {
            let mut s = format!("  {when}:");
            for d in dots.iter() {
                let mark = match d.presence {
                    Presence::Both => "",
                    Presence::Added => " (added)",
                    Presence::Removed => " (removed)",
                };
                let _ = write!(
                    s,
                    " {} {}/{}{mark};",
                    d.label, d.position.influence, d.position.skepticism
                );
            }
            line(&s);
        }

        line("");
        line(&format!(
            "Per quadrant, among the {} (then → now):",
            people(self.compared)
        ));
        for (i, q) in Quadrant::ALL.iter().enumerate() {
            line(&format!(
                "  {}: {} → {}",
                q.name(),
                self.quadrants_then[i],
                self.quadrants_now[i]
            ));
        }

        for (heading, list, empty) in [
            (
                "Moved most toward support:",
                &self.toward_support,
                "Nobody became less skeptical in this period.",
            ),
            (
                "Moved away:",
                &self.away_from_support,
                "Nobody became more skeptical in this period.",
            ),
        ] {
            line("");
            line(heading);
            if list.is_empty() {
                line(&format!("  {empty}"));
            }
            for m in list.iter() {
                line(&format!("  {}: {}", m.name, move_words(m)));
            }
        }

        for (heading, list) in [
            ("Added since (not counted):", &self.added),
            ("Removed since (not counted):", &self.removed),
        ] {
            if list.is_empty() {
                continue;
            }
            line("");
            line(heading);
            for m in list.iter() {
                let when = if m.to.is_some() { "now" } else { "was" };
                line(&format!("  {}: {when} {}", m.name, place_words(m)));
            }
        }

        line("");
        line("Still to win over, and what is planned:");
        if self.to_win_over.is_empty() {
            line("  Nobody is in Win over or short of their target.");
        }
        for (i, p) in self.to_win_over.iter().enumerate() {
            line(&format!("  {}: {}", p.name, self.why_listed(i)));
            if p.actions.is_empty() {
                line("    Nothing planned yet.");
            }
            for a in &p.actions {
                line(&format!("    - {}: {}", a.title, a.details()));
            }
        }

        line("");
        line(&format!(
            "Actions: {} done in the period, {} open now, {} overdue now.",
            self.actions_done, self.actions_open, self.actions_overdue
        ));
        line(&format!(
            "Contacts in the period: {} ({} went well, {} neutral, {} went badly).",
            self.contacts.total(),
            self.contacts.positive,
            self.contacts.neutral,
            self.contacts.negative
        ));
        for c in &self.recent_contacts {
            line(&format!("  {}", c.words()));
        }

        let ev = &self.evidence;
        line("");
        line("Program evidence:");
        line("  Metrics (baseline → current, against target):");
        if ev.metrics.is_empty() {
            line("    No metrics in the library yet.");
        }
        for m in &ev.metrics {
            line(&format!("    {}", m.words()));
        }
        line(&format!("  {}", ev.shared_sentence()));
        if !ev.stories_shared.is_empty() {
            line("  Stories shared:");
        }
        for s in &ev.stories_shared {
            line(&format!("    {}", s.words()));
        }
        if ev.stories_not_listed() > 0 {
            line(&format!("    and {} more", ev.stories_not_listed()));
        }
        match ev.measures_sentence() {
            None => line("  No action has an agreed measure yet."),
            Some(s) => line(&format!("  Agreed measures: {s}")),
        }
        for m in &ev.measures {
            line(&format!("    {}", m.words()));
        }
        line("");
        line(INDEX_FOOTNOTE);
        out
    }
}
