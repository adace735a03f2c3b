//! The engagement playbook: tactics that build trust with skeptical senior leaders, which root
//! causes each answers, and how they are ranked for one stakeholder.
//!
//! # How suggestions are ranked
//!
//! The ranking is meant to be visible, not a black box, so every score comes with its reasons:
//!
//! 1. **Root causes.** Each tactic lists the causes it answers, most directly first. For each of
//!    the stakeholder's causes it answers, a tactic scores 4 (its first cause), 2 (its second)
//!    or 1 (its third).
//! 2. **Quadrant fit.** A tactic whose style suits the stakeholder's quadrant scores 2 more:
//!    personal, face-to-face steps for *Win over*; visible sponsorship for *Champions*;
//!    reassurance and stories for *Reassure*; light updates for *Keep informed*.
//! 3. **Ties** go to the tactic answering more of their causes, then to playbook order.
//! 4. Tactics already **planned or done** for the stakeholder stay in the list, marked, after
//!    all the others; a dropped action does not count, so its tactic can be suggested again.

use super::stakeholder::{Quadrant, RootCause};
use RootCause::*;

token_enum! {
    /// One tactic from the playbook.
    pub enum Tactic as "snake_case" {
        /// One-to-one, open questions, no pitching.
        ListeningSession,
        /// Frame outcomes in the measures they own.
        TieToKpis,
        /// Before/after figures and participant testimony.
        ShareRoiEvidence,
        /// A case from a similar organisation, with figures and a human story.
        SuccessStory,
        /// A respected peer who took part tells their experience.
        PeerTestimonial,
        /// Invite them to shape the program.
        InvolveInDesign,
        /// Let them meet and choose the coaches.
        MeetCoaches,
        /// Explain method, process, risks and limits plainly.
        OpenMethodology,
        /// Invite them to sit in on a session.
        ObserveSession,
        /// Shared objectives and roles, agreed early.
        MutualGoals,
        /// A low-risk first step with one agreed measure.
        SmallPilot,
        /// A steady channel of short updates.
        ProgressUpdate,
        /// Ask what to change, act on it, show it.
        AskFeedback,
        /// Make a specific success public, with them.
        CelebrateWin,
    }
}

impl Tactic {
    /// The tactic's name.
    pub fn name(self) -> &'static str {
        match self {
            Tactic::ListeningSession => "Listening session",
            Tactic::TieToKpis => "Tie to their KPIs",
            Tactic::ShareRoiEvidence => "Share ROI evidence",
            Tactic::SuccessStory => "Relevant success story",
            Tactic::PeerTestimonial => "Peer testimonial",
            Tactic::InvolveInDesign => "Involve in program design",
            Tactic::MeetCoaches => "Meet and choose the coaches",
            Tactic::OpenMethodology => "Open the methodology",
            Tactic::ObserveSession => "Observe a session",
            Tactic::MutualGoals => "Agree mutual goals and boundaries",
            Tactic::SmallPilot => "Small pilot with a measurable goal",
            Tactic::ProgressUpdate => "Regular progress update",
            Tactic::AskFeedback => "Ask for feedback on the program",
            Tactic::CelebrateWin => "Celebrate a win",
        }
    }

    /// What doing it looks like, in a sentence.
    pub fn description(self) -> &'static str {
        match self {
            Tactic::ListeningSession => {
                "Meet one to one and ask open questions; learn their worries and priorities \
                 before saying anything about the program."
            }
            Tactic::TieToKpis => {
                "Describe the expected outcomes in the figures they already answer for: \
                 engagement, retention, sales, customer satisfaction, efficiency."
            }
            Tactic::ShareRoiEvidence => {
                "Show before-and-after numbers from this program or a pilot, alongside what \
                 participants say changed for them."
            }
            Tactic::SuccessStory => {
                "Tell the story of an organisation facing a similar challenge: what it tried, \
                 the figures, and one person's experience."
            }
            Tactic::PeerTestimonial => {
                "Ask a leader they respect, who has been through the program, to tell them how \
                 it went."
            }
            Tactic::InvolveInDesign => {
                "Invite them to shape the structure, content and intended outcomes, so the \
                 program is partly theirs."
            }
            Tactic::MeetCoaches => {
                "Let them meet candidate coaches and take part in choosing who works with their \
                 people."
            }
            Tactic::OpenMethodology => {
                "Walk through the method, the process, and its risks and limits, without \
                 overselling."
            }
            Tactic::ObserveSession => {
                "Invite them to sit in on a coaching or feedback session and see it for \
                 themselves."
            }
            Tactic::MutualGoals => {
                "Agree shared objectives, roles and boundaries early, and get their sign-off."
            }
            Tactic::SmallPilot => {
                "Propose a small, low-risk first step with one success measure you agree on \
                 together."
            }
            Tactic::ProgressUpdate => {
                "Set up a steady rhythm of short updates through a channel they actually read."
            }
            Tactic::AskFeedback => {
                "Ask what they would change, act on it, and show them that you did."
            }
            Tactic::CelebrateWin => {
                "Make one specific success visible, and share the credit with them."
            }
        }
    }

    /// The root causes this tactic answers, most directly first.
    pub fn answers(self) -> &'static [RootCause] {
        match self {
            Tactic::ListeningSession => &[PowerAndControl, NotInvolved, PastDisappointments],
            Tactic::TieToKpis => &[RolePressure, ValueNotVisible],
            Tactic::ShareRoiEvidence => &[RolePressure, PastDisappointments, ValueNotVisible],
            Tactic::SuccessStory => &[PastDisappointments, Culture],
            Tactic::PeerTestimonial => &[Culture, RolePressure],
            Tactic::InvolveInDesign => &[NotInvolved, Culture, PowerAndControl],
            Tactic::MeetCoaches => &[CoachDoubts],
            Tactic::OpenMethodology => &[CoachDoubts, PastDisappointments],
            Tactic::ObserveSession => &[CoachDoubts, Culture],
            Tactic::MutualGoals => &[PowerAndControl, RolePressure],
            Tactic::SmallPilot => &[RolePressure, PastDisappointments],
            Tactic::ProgressUpdate => &[ValueNotVisible, PastDisappointments],
            Tactic::AskFeedback => &[NotInvolved, Culture],
            Tactic::CelebrateWin => &[Culture, PastDisappointments],
        }
    }

    /// True when the tactic's style suits the quadrant (see the module docs).
    pub fn suits(self, quadrant: Quadrant) -> bool {
        use Tactic::*;
        match quadrant {
            Quadrant::WinOver => matches!(
                self,
                ListeningSession | InvolveInDesign | MeetCoaches | ObserveSession | MutualGoals
            ),
            Quadrant::Champions => {
                matches!(
                    self,
                    PeerTestimonial | CelebrateWin | InvolveInDesign | AskFeedback
                )
            }
            Quadrant::Reassure => {
                matches!(
                    self,
                    ListeningSession | SuccessStory | ProgressUpdate | OpenMethodology
                )
            }
            Quadrant::KeepInformed => matches!(self, ProgressUpdate | CelebrateWin),
        }
    }
}

/// Why a quadrant favours some tactics, in words for the reason line.
fn fit_words(quadrant: Quadrant) -> &'static str {
    match quadrant {
        Quadrant::WinOver => "a personal step, which Win over needs",
        Quadrant::Champions => "puts a Champion's support to work",
        Quadrant::Reassure => "reassures, which suits Reassure",
        Quadrant::KeepInformed => "light touch, enough for Keep informed",
    }
}

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

/// One ranked suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The tactic.
    pub tactic: Tactic,
    /// The score it was ranked by.
    pub score: u32,
    /// The stakeholder's causes it answers, in the tactic's order.
    pub answers: Vec<RootCause>,
    /// True when it suits the quadrant.
    pub suits_quadrant: bool,
    /// Already planned or done?
    pub state: PlanState,
}

impl Suggestion {
    /// The one-line reason shown under the tactic.
    ///
    /// ```
    /// use stakemap_core::model::{suggest, PlanState, Quadrant, RootCause, Tactic};
    /// let list = suggest(&[RootCause::CoachDoubts], Quadrant::WinOver, |_| PlanState::Open);
    /// let meet = list.iter().find(|s| s.tactic == Tactic::MeetCoaches).unwrap();
    /// assert_eq!(meet.reason(Quadrant::WinOver), "Answers: doubts about the coaches · a personal step, which Win over needs");
    /// ```
    pub fn reason(&self, quadrant: Quadrant) -> String {
        let mut parts = Vec::new();
        if !self.answers.is_empty() {
            let causes: Vec<String> = self
                .answers
                .iter()
                .map(|c| c.label().to_lowercase())
                .collect();
            parts.push(format!("Answers: {}", causes.join(", ")));
        }
        if self.suits_quadrant {
            parts.push(fit_words(quadrant).to_owned());
        }
        if parts.is_empty() {
            parts.push("General good practice; answers none of their recorded causes".into());
        }
        parts.join(" · ")
    }
}

/// Ranks every tactic for a stakeholder with these causes in this quadrant. `state` says
/// whether a tactic is already in their plan.
pub fn suggest(
    causes: &[RootCause],
    quadrant: Quadrant,
    state: impl Fn(Tactic) -> PlanState,
) -> Vec<Suggestion> {
    let mut list: Vec<(usize, Suggestion)> = Tactic::ALL
        .into_iter()
        .enumerate()
        .map(|(order, tactic)| {
            let mut score = 0;
            let mut answers = Vec::new();
            for (rank, cause) in tactic.answers().iter().enumerate() {
                if causes.contains(cause) {
                    score += [4, 2, 1].get(rank).copied().unwrap_or(1);
                    answers.push(*cause);
                }
            }
            let suits_quadrant = tactic.suits(quadrant);
            if suits_quadrant {
                score += 2;
            }
            (
                order,
                Suggestion {
                    tactic,
                    score,
                    answers,
                    suits_quadrant,
                    state: state(tactic),
                },
            )
        })
        .collect();
    list.sort_by(|(oa, a), (ob, b)| {
        (a.state != PlanState::Open)
            .cmp(&(b.state != PlanState::Open))
            .then(b.score.cmp(&a.score))
            .then(b.answers.len().cmp(&a.answers.len()))
            .then(oa.cmp(ob))
    });
    list.into_iter().map(|(_, s)| s).collect()
}
