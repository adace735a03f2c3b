//! The ranking engine: one person in, every tactic out, ranked, each with the reasons it was
//! ranked by (see the module docs of `playbook` for the rule).

use super::rules::{rule, Approach, Strength};
use super::Tactic;
use crate::model::action::ActionStatus;
use crate::model::evidence::{cares_phrases, words, EvidenceKind};
use crate::model::history::HistoryPoint;
use crate::model::stakeholder::{first_word, Position, Quadrant, RootCause};
use crate::model::time::{LocalDate, Timestamp};
use std::cmp::Reverse;

/// Points for suiting the quadrant.
const FIT_POINTS: i32 = 2;
/// Points for serving something in what they care about.
const CARES_POINTS: i32 = 2;
/// Points for naming evidence that matches them and is new to them.
const NEW_EVIDENCE_POINTS: i32 = 3;
/// Points lost when everything that matches was shared with them already.
const ALL_SHARED_POINTS: i32 = -3;
/// Points for research while the program has no evidence of its own.
const NO_OWN_EVIDENCE_POINTS: i32 = 1;
/// How far past both thresholds (50) someone must be to count as deep in *Win over*.
pub const DEEP_WIN_OVER: u8 = 25;
/// A done tactic within this many days, followed by a move toward support, is "given time".
pub const GIVE_IT_TIME_DAYS: i64 = 30;

/// Whether a tactic is already in the stakeholder's plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanState {
    /// Not planned yet (or only dropped before).
    Open,
    /// Planned or in progress.
    Planned,
    /// Done.
    Done,
}

/// What the engine calls an item of a kind when it names it ("the figures", "the story").
fn noun(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Metric => "figures",
        EvidenceKind::Story => "story",
    }
}

/// One item of the program's evidence, as the engine needs it.
#[derive(Clone, Debug)]
pub struct EvidenceItem<'a> {
    /// A stable id of the item (the evidence library's own).
    pub key: u128,
    /// Metric or story.
    pub kind: EvidenceKind,
    /// Its title, e.g. "Sales team pilot".
    pub title: &'a str,
    /// The root causes it answers.
    pub answers: &'a [RootCause],
    /// Words to match against what they care about: name, unit, tags, summary.
    pub words: Vec<&'a str>,
    /// Already shared with this person?
    pub shared_with_them: bool,
}

/// One of the person's actions for a tactic.
#[derive(Clone, Debug)]
pub struct PastAction<'a> {
    /// The tactic.
    pub tactic: Tactic,
    /// Where it stands.
    pub status: ActionStatus,
    /// When it last changed.
    pub changed_at: Timestamp,
    /// That day on the user's calendar.
    pub changed_on: LocalDate,
    /// What came of it (for a dropped action: why).
    pub outcome: &'a str,
}

/// Everything the engine reads about one person.
#[derive(Clone, Debug)]
pub struct SuggestInput<'a> {
    /// Their name (the first word is used in reasons).
    pub name: &'a str,
    /// Their root causes.
    pub causes: &'a [RootCause],
    /// Where they are now.
    pub position: Position,
    /// What they care about (free text).
    pub cares_about: &'a str,
    /// Notes on them (free text).
    pub notes: &'a str,
    /// Their actions that have a tactic.
    pub actions: Vec<PastAction<'a>>,
    /// Their position history (other people's points are ignored).
    pub history: &'a [HistoryPoint],
    /// The program's evidence.
    pub evidence: &'a [EvidenceItem<'a>],
    /// The user's today.
    pub today: LocalDate,
}

impl<'a> SuggestInput<'a> {
    /// A person with these causes at this position, and nothing else known.
    pub fn new(
        name: &'a str,
        causes: &'a [RootCause],
        position: Position,
        today: LocalDate,
    ) -> Self {
        Self {
            name,
            causes,
            position,
            cares_about: "",
            notes: "",
            actions: Vec::new(),
            history: &[],
            evidence: &[],
            today,
        }
    }

    /// How far into *Win over* they are: how far both values are past 50 (the smaller of the
    /// two), 0 outside *Win over*.
    pub fn depth(&self) -> u8 {
        let p = self.position;
        p.influence.min(p.skepticism).saturating_sub(50)
    }
}

/// Evidence a suggestion names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceUse {
    /// Metric or story.
    pub kind: EvidenceKind,
    /// The item's id.
    pub key: u128,
    /// Its title.
    pub title: String,
    /// Their causes it answers.
    pub answers: Vec<RootCause>,
    /// Words of what they care about it matches.
    pub matches: Vec<String>,
}

/// What their history says about a tactic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryNote {
    /// Dropped before (the latest dropped action), with its recorded reason.
    Dropped {
        /// The day it was dropped.
        on: LocalDate,
        /// The dropped action's outcome text.
        reason: String,
    },
    /// Done recently and followed by a move toward support.
    Worked {
        /// The day it was done.
        on: LocalDate,
        /// Skepticism when it was done.
        from: u8,
        /// Skepticism now.
        to: u8,
    },
    /// Done, and they have not moved toward support since.
    NoMove {
        /// The day it was done.
        on: LocalDate,
        /// Skepticism when it was done.
        from: u8,
        /// Skepticism now.
        to: u8,
    },
}

/// What the evidence says about a tactic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceNote {
    /// Evidence plays no part.
    Nothing,
    /// Matching evidence they have not seen (named in `Suggestion::evidence`).
    New,
    /// Everything matching was shared with them already.
    AllShared,
    /// The program has no evidence of its own yet.
    NoneOfOurOwn,
}

/// One ranked suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The tactic.
    pub tactic: Tactic,
    /// The score it was ranked by (see the module docs).
    pub score: i32,
    /// Their causes it answers, strongly answered first.
    pub answers: Vec<RootCause>,
    /// True when it suits their quadrant.
    pub suits_quadrant: bool,
    /// Their quadrant.
    pub quadrant: Quadrant,
    /// Phrases of what they care about that it serves, as they were written.
    pub cares: Vec<String>,
    /// Words of the notes on them that it serves.
    pub notes: Vec<String>,
    /// Evidence it would share.
    pub evidence: Option<EvidenceUse>,
    /// What evidence says.
    pub evidence_note: EvidenceNote,
    /// Their influence and skepticism when the deep-*Win over* rule applied to this tactic: a
    /// personal tactic put first, or a presented one that waits for a personal step.
    pub deep: Option<(u8, u8)>,
    /// What their history says.
    pub history: Option<HistoryNote>,
    /// Already planned or done?
    pub state: PlanState,
    /// Their first name, or "they".
    pub who: String,
}

impl Suggestion {
    /// One line on what the step involves.
    pub fn what(&self) -> &'static str {
        self.tactic.description()
    }

    /// One line a sponsor can read aloud: why this step, for this person.
    ///
    /// ```
    /// use stakemap_core::model::{suggest, LocalDate, Position, RootCause, SuggestInput, Tactic};
    /// let causes = [RootCause::CoachDoubts];
    /// let at = Position { influence: 70, skepticism: 70 };
    /// let today = LocalDate::from_ymd(2026, 11, 18).unwrap();
    /// let list = suggest(&SuggestInput::new("Dana Ortiz", &causes, at, today));
    /// let meet = list.iter().find(|s| s.tactic == Tactic::MeetCoaches).unwrap();
    /// assert_eq!(
    ///     meet.why(),
    ///     "Answers: doubts about the coaches; suits Win over: engage them personally, in their own terms"
    /// );
    /// ```
    pub fn why(&self) -> String {
        let who = self.who.as_str();
        let mut parts: Vec<String> = Vec::new();
        match (&self.evidence, &self.evidence_note) {
            (Some(e), EvidenceNote::New) => {
                let mut about: Vec<String> = Vec::new();
                if !e.answers.is_empty() {
                    about.push(format!("answers {}", causes_words(&e.answers)));
                }
                if !e.matches.is_empty() {
                    about.push(format!(
                        "speaks to {} in {}",
                        quoted(&e.matches),
                        cares_of(who)
                    ));
                }
                about.push(format!("not yet shared with {}", them(who)));
                parts.push(format!(
                    "Share the '{}' {}: {}",
                    e.title,
                    noun(e.kind),
                    about.join("; ")
                ));
                let rest: Vec<RootCause> = self
                    .answers
                    .iter()
                    .filter(|c| !e.answers.contains(c))
                    .copied()
                    .collect();
                if !rest.is_empty() {
                    parts.push(format!("also answers {}", causes_words(&rest)));
                }
            }
            _ => {
                if !self.answers.is_empty() {
                    parts.push(format!("Answers: {}", causes_words(&self.answers)));
                }
            }
        }
        if !self.cares.is_empty() {
            parts.push(format!(
                "matches {} in {}",
                quoted(&self.cares),
                cares_of(who)
            ));
        }
        if !self.notes.is_empty() {
            parts.push(format!(
                "matches {} in your notes on {}",
                quoted(&self.notes),
                them(who)
            ));
        }
        if self.suits_quadrant {
            parts.push(fit_words(self.quadrant).to_owned());
        }
        if let Some((influence, skepticism)) = self.deep {
            parts.push(match self.tactic.approach() {
                Approach::Personal => format!(
                    "first: at influence {influence} and skepticism {skepticism}, {} to be \
                     heard before being shown evidence",
                    needs(who)
                ),
                _ => format!(
                    "after a personal step: at influence {influence} and skepticism \
                     {skepticism}, listen before presenting"
                ),
            });
        }
        match self.evidence_note {
            EvidenceNote::AllShared => parts.push(format!(
                "everything matching was already shared with {}; bring something new",
                them(who)
            )),
            EvidenceNote::NoneOfOurOwn => {
                parts.push("the program has no evidence of its own recorded yet".into())
            }
            EvidenceNote::New | EvidenceNote::Nothing => {}
        }
        match &self.history {
            Some(HistoryNote::Dropped { on, reason }) if reason.trim().is_empty() => {
                parts.push(format!("dropped on {}; no reason recorded", short_day(*on)))
            }
            Some(HistoryNote::Dropped { on, reason }) => parts.push(format!(
                "dropped on {}: '{}'",
                short_day(*on),
                reason.trim()
            )),
            Some(HistoryNote::Worked { on, from, to }) => parts.push(format!(
                "worked last time (done {}, skepticism {from} → {to}); give it time",
                short_day(*on)
            )),
            Some(HistoryNote::NoMove { on, from, to }) => parts.push(format!(
                "done {}; skepticism {from} → {to} since, so try another way too",
                short_day(*on)
            )),
            None => {}
        }
        if parts.is_empty() {
            return format!(
                "General good practice; answers none of {} recorded causes",
                possessive(who)
            );
        }
        let mut line = parts.join("; ");
        if let Some(first) = line.get(..1) {
            let upper = first.to_uppercase();
            line.replace_range(..1, &upper);
        }
        line
    }
}

/// Why a quadrant favours some tactics, in words for the reason line.
fn fit_words(quadrant: Quadrant) -> &'static str {
    match quadrant {
        Quadrant::WinOver => "suits Win over: engage them personally, in their own terms",
        Quadrant::Champions => "puts a Champion's support to work",
        Quadrant::Reassure => "reassures, which suits Reassure",
        Quadrant::KeepInformed => "light touch, enough for Keep informed",
    }
}

/// A cause as said in a sentence.
fn cause_words(cause: RootCause) -> &'static str {
    match cause {
        RootCause::RolePressure => "pressure of the role",
        RootCause::PastDisappointments => "past disappointments",
        RootCause::Culture => "development seen as a cost",
        RootCause::CoachDoubts => "doubts about the coaches",
        RootCause::ValueNotVisible => "value not visible",
        RootCause::PowerAndControl => "power and control",
        RootCause::NotInvolved => "not heard or involved",
    }
}

fn causes_words(causes: &[RootCause]) -> String {
    causes
        .iter()
        .map(|c| cause_words(*c))
        .collect::<Vec<_>>()
        .join(", ")
}

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn them(who: &str) -> &str {
    if who == "they" {
        "them"
    } else {
        who
    }
}

fn cares_of(who: &str) -> String {
    if who == "they" {
        "what they care about".into()
    } else {
        format!("what {who} cares about")
    }
}

fn needs(who: &str) -> String {
    if who == "they" {
        "they need".into()
    } else {
        format!("{who} needs")
    }
}

fn possessive(who: &str) -> String {
    if who == "they" {
        "their".into()
    } else {
        format!("{who}'s")
    }
}

/// "12 Nov" from "Thu 12 Nov 2026".
fn short_day(day: LocalDate) -> String {
    let human = day.human();
    let words: Vec<&str> = human.split(' ').collect();
    match words.as_slice() {
        [_, d, m, _] => format!("{d} {m}"),
        _ => human,
    }
}

/// Lower-case words of a text.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when a word is served by one of the stems.
fn served(word: &str, stems: &[&str]) -> bool {
    stems.iter().any(|s| word.starts_with(s))
}

/// The phrases of `text` (split at commas, semicolons, slashes and line ends) that hold a
/// word served by `stems`, trimmed and in lower case.
fn matching_phrases(text: &str, stems: &[&str]) -> Vec<String> {
    text.split([',', ';', '/', '\n', '.'])
        .map(str::trim)
        .filter(|p| words_of(p).iter().any(|w| served(w, stems)))
        .map(str::to_lowercase)
        .collect()
}

/// The words of `text` served by `stems`, without repeats. Notes are free prose, so a short
/// stem only matches a word that is little longer than it ("number", "numbers"; not "directors"
/// for "direct").
fn matching_words(text: &str, stems: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words_of(text) {
        let close = stems
            .iter()
            .any(|s| w.starts_with(s) && w.len() - s.len() <= 3);
        if close && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// How an evidence item matches the person: their causes it answers, and the phrases of what
/// they care about its words speak to.
fn evidence_match(item: &EvidenceItem, input: &SuggestInput) -> (Vec<RootCause>, Vec<String>) {
    let answers: Vec<RootCause> = RootCause::ALL
        .into_iter()
        .filter(|c| input.causes.contains(c) && item.answers.contains(c))
        .collect();
    // Matched as the evidence tab matches, so both name the same phrases.
    let item_words: Vec<&str> = item.words.iter().flat_map(|w| words(w)).collect();
    (answers, cares_phrases(input.cares_about, &item_words))
}

/// What the evidence offers a tactic.
fn evidence_for(tactic: Tactic, input: &SuggestInput) -> (Option<EvidenceUse>, EvidenceNote) {
    let kind = match tactic {
        Tactic::ShareRoiEvidence => EvidenceKind::Metric,
        Tactic::SuccessStory | Tactic::PeerTestimonial => EvidenceKind::Story,
        Tactic::ResearchEvidence if input.evidence.is_empty() => {
            return (None, EvidenceNote::NoneOfOurOwn)
        }
        _ => return (None, EvidenceNote::Nothing),
    };
    let mut best: Option<(usize, EvidenceUse)> = None;
    let mut shared_matches = 0;
    for item in input.evidence.iter().filter(|e| e.kind == kind) {
        let (answers, matches) = evidence_match(item, input);
        if answers.is_empty() && matches.is_empty() {
            continue;
        }
        if item.shared_with_them {
            shared_matches += 1;
            continue;
        }
        let weight = answers.len() + matches.len();
        if best.as_ref().is_none_or(|(w, _)| weight > *w) {
            best = Some((
                weight,
                EvidenceUse {
                    kind,
                    key: item.key,
                    title: item.title.to_owned(),
                    answers,
                    matches,
                },
            ));
        }
    }
    match best {
        Some((_, use_)) => (Some(use_), EvidenceNote::New),
        None if shared_matches > 0 => (None, EvidenceNote::AllShared),
        None => (None, EvidenceNote::Nothing),
    }
}

/// Their skepticism at `at`: the latest history point at or before it.
fn skepticism_at(history: &[HistoryPoint], at: Timestamp) -> Option<u8> {
    history
        .iter()
        .filter(|p| p.at <= at)
        .max_by_key(|p| p.at)
        .map(|p| p.position.skepticism)
}

/// The plan state and history note of a tactic from their actions.
fn history_of(tactic: Tactic, input: &SuggestInput) -> (PlanState, Option<HistoryNote>) {
    let mine: Vec<&PastAction> = input
        .actions
        .iter()
        .filter(|a| a.tactic == tactic)
        .collect();
    let latest = |status: ActionStatus| {
        mine.iter()
            .filter(|a| a.status == status)
            .max_by_key(|a| a.changed_at)
            .copied()
    };
    if let Some(done) = latest(ActionStatus::Done) {
        let now = input.position.skepticism;
        let note = skepticism_at(input.history, done.changed_at).map(|then| {
            let recent = done.changed_on.days_until(input.today) <= GIVE_IT_TIME_DAYS;
            if now < then && recent {
                HistoryNote::Worked {
                    on: done.changed_on,
                    from: then,
                    to: now,
                }
            } else {
                HistoryNote::NoMove {
                    on: done.changed_on,
                    from: then,
                    to: now,
                }
            }
        });
        // Older successes need no note: they moved, and the step is simply done.
        let note = note.filter(|n| match n {
            HistoryNote::NoMove { from, to, .. } => to >= from,
            _ => true,
        });
        return (PlanState::Done, note);
    }
    if mine.iter().any(|a| a.status.is_open()) {
        return (PlanState::Planned, None);
    }
    let note = latest(ActionStatus::Dropped).map(|d| HistoryNote::Dropped {
        on: d.changed_on,
        reason: d.outcome.trim().to_owned(),
    });
    (PlanState::Open, note)
}

/// Ranks every tactic for one person (see the module docs of `playbook` for the rule).
pub fn suggest(input: &SuggestInput) -> Vec<Suggestion> {
    let quadrant = input.position.quadrant();
    let who = first_word(input.name)
        .map(str::to_owned)
        .unwrap_or_else(|| "they".into());
    let deep = quadrant == Quadrant::WinOver && input.depth() >= DEEP_WIN_OVER;
    let personal_step_taken = input.actions.iter().any(|a| {
        a.tactic.approach() == Approach::Personal
            && (a.status.is_open() || a.status == ActionStatus::Done)
    });
    let personal_first = deep && !personal_step_taken;
    let mut list: Vec<(usize, Suggestion)> = Tactic::ALL
        .into_iter()
        .enumerate()
        .map(|(order, tactic)| {
            let r = rule(tactic);
            let mut answers: Vec<RootCause> = RootCause::ALL
                .into_iter()
                .filter(|c| input.causes.contains(c) && tactic.strength(*c) != Strength::None)
                .collect();
            crate::sort::by_key(&mut answers, |c| Reverse(tactic.strength(*c)));
            let mut score: i32 = answers.iter().map(|c| tactic.strength(*c).points()).sum();
            let suits_quadrant = tactic.suits(quadrant);
            if suits_quadrant {
                score += FIT_POINTS;
            }
            let cares = matching_phrases(input.cares_about, r.serves);
            let notes = matching_words(input.notes, r.serves);
            if !cares.is_empty() || !notes.is_empty() {
                score += CARES_POINTS;
            }
            let (evidence, evidence_note) = evidence_for(tactic, input);
            score += match evidence_note {
                EvidenceNote::New => NEW_EVIDENCE_POINTS,
                EvidenceNote::AllShared => ALL_SHARED_POINTS,
                EvidenceNote::NoneOfOurOwn => NO_OWN_EVIDENCE_POINTS,
                EvidenceNote::Nothing => 0,
            };
            let (state, history) = history_of(tactic, input);
            let shows_depth = personal_first
                && (r.approach == Approach::Personal || r.approach == Approach::Presented);
            (
                order,
                Suggestion {
                    tactic,
                    score,
                    answers,
                    suits_quadrant,
                    quadrant,
                    cares,
                    notes,
                    evidence,
                    evidence_note,
                    deep: shows_depth
                        .then_some((input.position.influence, input.position.skepticism)),
                    history,
                    state,
                    who: who.clone(),
                },
            )
        })
        .collect();
    let state_rank = |s: PlanState| match s {
        PlanState::Open => 0,
        PlanState::Planned => 1,
        PlanState::Done => 2,
    };
    crate::sort::by_key(&mut list, |(order, s)| {
        let dropped = matches!(s.history, Some(HistoryNote::Dropped { .. }));
        let worked = matches!(s.history, Some(HistoryNote::Worked { .. }));
        let personal = personal_first && s.tactic.approach() == Approach::Personal;
        let strong = s
            .answers
            .iter()
            .filter(|c| s.tactic.strength(**c) == Strength::Strong)
            .count();
        (
            state_rank(s.state),
            dropped,
            worked,
            !personal,
            Reverse(s.score),
            Reverse(strong),
            !s.suits_quadrant,
            *order,
        )
    });
    list.into_iter().map(|(_, s)| s).collect()
}
