//! The engagement playbook: tactics that build trust with skeptical senior leaders, which root
//! causes each answers, and how they are ranked for one stakeholder.
//!
//! - `rules.rs`: the one rule table. For every tactic, how strongly it answers each root cause
//!   (`Strong`, `Some` or `None`), the quadrants it suits, whether it is a personal step or
//!   something presented to them, and the words of "what they care about" it serves. Each row
//!   says why, from the source articles.
//! - `rank.rs`: the engine. It takes one person (causes, position, cares, notes, their actions and
//!   position history, the program's evidence) and ranks every tactic, keeping the reasons.
//!
//! # How suggestions are ranked
//!
//! Every score comes with the reasons a sponsor can read aloud, so the ranking is never a black
//! box:
//!
//! 1. **Root causes.** Each of their causes a tactic answers *strongly* scores 3; one it answers
//!    *somewhat* scores 1.
//! 2. **Quadrant fit** scores 2: personal steps for *Win over*, visible sponsorship for
//!    *Champions*, reassurance and stories for *Reassure*, light updates for *Keep informed*.
//! 3. **What they care about.** A tactic serving words in their "cares about" (or your notes on
//!    them) scores 2, and the matched words are shown.
//! 4. **Evidence.** A metric or story from the program's evidence that answers their causes or
//!    cares and has not been shared with them yet scores 3 for the tactic that shares it, and is
//!    named; when everything that matches was shared already, the tactic loses 3 (bring
//!    something new). With no evidence of the program's own at all, published research scores 1.
//! 5. **Deep in Win over** (influence and skepticism both 75 or more): until a personal step is
//!    planned or done, personal tactics (listening, involving, goals, boundaries, meeting coaches)
//!    come before everything else; evidence is heard better once they have been heard.
//! 6. **History.** A tactic dropped before comes after the other open ones, with the reason it was
//!    dropped. Tactics already planned or done stay listed, marked, after all open ones; a recent
//!    one followed by a move toward support says so ("worked last time …; give it time").
//! 7. **Ties** go to the tactic answering more causes strongly, then to the one suiting their
//!    quadrant, then to playbook order.

mod rank;
mod rules;

pub use rank::{
    suggest, EvidenceItem, EvidenceNote, EvidenceUse, HistoryNote, PastAction, PlanState,
    SuggestInput, Suggestion,
};
pub use rules::{Approach, Rule, Strength, RULES};

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
        /// Agree what stays confidential and who decides what, with a senior leader.
        ConfidentialityBoundaries,
        /// Bring an honest, evidence-based challenge to their thinking: value, not validation.
        ConstructiveChallenge,
        /// Published studies and benchmarks, while the program has no figures of its own.
        ResearchEvidence,
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
            Tactic::ConfidentialityBoundaries => "Agree confidentiality and boundaries",
            Tactic::ConstructiveChallenge => "Offer a constructive challenge",
            Tactic::ResearchEvidence => "Share research evidence",
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
            Tactic::ConfidentialityBoundaries => {
                "Agree with them what stays confidential, who sees what, and where the coach's \
                 role begins and ends."
            }
            Tactic::ConstructiveChallenge => {
                "Bring one honest, evidence-based challenge to their thinking on a question they \
                 own, rather than agreeing with them."
            }
            Tactic::ResearchEvidence => {
                "Share published studies or benchmarks on what coaching returns, while the \
                 program has no figures of its own yet."
            }
        }
    }
}
