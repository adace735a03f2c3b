//! The playbook's one rule table: for each tactic, how strongly it answers each root cause, the
//! quadrants it suits, its approach, and the words of "what they care about" it serves.
//!
//! The strengths are reasoned from the source articles (the long article on skeptical senior
//! leaders: root causes, communicating value, ROI, success stories, involvement, feedback; and the
//! thread on power dynamics with senior clients). The reasoning sits on each row. README.md shows
//! the same table ("How suggestions are ranked"); a test keeps the rows in `Tactic::ALL` order.

use super::Tactic;
use crate::model::stakeholder::{Quadrant, RootCause};

/// How directly a tactic answers one root cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    /// Does not address it.
    None,
    /// Helps, indirectly or partly.
    Some,
    /// Answers it head-on.
    Strong,
}

impl Strength {
    /// Points a matching cause adds to a tactic's score.
    pub fn points(self) -> i32 {
        match self {
            Strength::None => 0,
            Strength::Some => 1,
            Strength::Strong => 3,
        }
    }

    /// The mark used in the README table.
    pub fn mark(self) -> &'static str {
        match self {
            Strength::None => "",
            Strength::Some => "some",
            Strength::Strong => "**strong**",
        }
    }
}

/// How a tactic reaches the person, which matters for leaders deep in *Win over*.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Approach {
    /// Face to face, about them: listening, involving, agreeing goals and limits.
    Personal,
    /// Something shown or sent to them: figures, stories, updates, celebrations.
    Presented,
    /// A joint working step: a pilot, a framing in their KPIs, a walk through the method.
    Working,
}

/// One row of the table.
pub struct Rule {
    /// The tactic (rows are in `Tactic::ALL` order).
    pub tactic: Tactic,
    /// Strength per root cause, in `RootCause::ALL` order: role pressure, past disappointments,
    /// culture (development seen as a cost), coach doubts, value not visible, power and control,
    /// not heard or involved.
    pub causes: [Strength; 7],
    /// Quadrants whose stance the tactic suits.
    pub fits: &'static [Quadrant],
    /// Personal, presented or working.
    pub approach: Approach,
    /// Word stems (lower case) of what a person may care about that this tactic serves; a word
    /// in their "cares about" or notes matches when it starts with one of these.
    pub serves: &'static [&'static str],
}

const ST: Strength = Strength::Strong;
const SO: Strength = Strength::Some;
const NO: Strength = Strength::None;

use Approach::{Personal, Presented, Working};
use Quadrant::{Champions, KeepInformed, Reassure, WinOver};

/// Money and the measures leaders are judged on: what ROI, KPIs and pilots speak to.
macro_rules! money_and_measures {
    ($($extra:literal),*) => {
        &[
            "cost", "spend", "return", "roi", "budget", "headcount", "invest", "saving", "revenue",
            "sales", "margin", "profit", "retention", "retain", "attrition", "turnover",
            "productiv", "kpi", "metric", "number", "figure", "audit", "risk", "quota",
            "efficien", "satisfaction", "score", $($extra),*
        ]
    };
}

/// The table, one row per tactic, in playbook order.
#[rustfmt::skip]
pub const RULES: [Rule; Tactic::ALL.len()] = [
    // Listening: the article's "active listening allows leaders to feel heard and valued"; the
    // power thread's "high-ranking clients value being heard". Head-on for power and for not
    // being involved; it also lets an old disappointment be said out loud.
    Rule { tactic: Tactic::ListeningSession,
        //       RP  PD  CU  CD  VV  PC  NI
        causes: [NO, SO, NO, NO, NO, ST, ST],
        fits: &[WinOver, Reassure], approach: Personal,
        serves: &["voice", "heard", "listen", "say", "concern", "worr", "priorit", "respect", "trust", "autonom", "control"] },
    // KPIs: "identify the KPIs that align with strategic goals"; frames the program in what they
    // carry (role pressure) and makes value visible. Framing it as a return on their measures is
    // also the first answer to "development is a cost".
    Rule { tactic: Tactic::TieToKpis,
        causes: [ST, NO, SO, NO, ST, NO, NO],
        fits: &[WinOver, Champions], approach: Working,
        serves: money_and_measures!("target", "goal", "performance", "result", "engagement", "uptime", "backlog", "resolution", "ramp", "customer") },
    // ROI: "when leaders see that coaching is not just an expense but an investment" answers the
    // cost culture head-on; before/after figures answer the pressure to show results and make
    // value visible; numbers plus testimony partly answer earlier disappointments.
    Rule { tactic: Tactic::ShareRoiEvidence,
        causes: [ST, SO, ST, NO, ST, NO, NO],
        fits: &[WinOver], approach: Presented,
        serves: money_and_measures!("defend", "board", "proof", "evidence", "result") },
    // Stories: "to counteract [past disappointments] highlight success stories"; a case with
    // figures shows value and that development pays.
    Rule { tactic: Tactic::SuccessStory,
        causes: [NO, ST, SO, NO, SO, NO, NO],
        fits: &[Reassure], approach: Presented,
        serves: &["story", "stories", "case", "similar", "engagement", "morale", "customer", "people", "team"] },
    // Peers: "sharing testimonials ... from similar organisations" is the article's answer to past
    // disappointments; seeing peers take part shows coaching is "a vital resource for leaders at
    // all levels", which answers the culture cause; a peer vouching lightens role pressure.
    Rule { tactic: Tactic::PeerTestimonial,
        causes: [SO, ST, ST, NO, NO, NO, NO],
        fits: &[Reassure, Champions], approach: Working,
        serves: &["peer", "colleague", "reputation", "credib"] },
    // Involvement: "invite them to participate in the design"; turns "done to them" into "done
    // with them" and gives a powerful person a say; ownership shifts the culture a little.
    Rule { tactic: Tactic::InvolveInDesign,
        causes: [NO, NO, SO, NO, NO, ST, ST],
        fits: &[WinOver, Champions], approach: Personal,
        serves: &["voice", "say", "control", "autonom", "design", "shape", "owner", "input", "involve"] },
    // Coaches: "involving leaders in the selection process and providing opportunities to meet
    // potential coaches" is the article's answer to doubts about the coaches.
    Rule { tactic: Tactic::MeetCoaches,
        causes: [NO, NO, NO, ST, NO, SO, NO],
        fits: &[WinOver], approach: Personal,
        serves: &["coach", "quality", "qualif", "expert", "talent", "capabilit", "people"] },
    // Method: transparency about method, risks and limits answers coach doubts and, without
    // overselling, earlier programs that overpromised.
    Rule { tactic: Tactic::OpenMethodology,
        causes: [NO, SO, NO, ST, NO, NO, NO],
        fits: &[Reassure], approach: Working,
        serves: &["method", "process", "risk", "complian", "governance", "quality", "transparen", "surprise"] },
    // Observing: seeing a session answers doubts about coaches and lets them judge for themselves
    // rather than trust a promise; it makes development concrete.
    Rule { tactic: Tactic::ObserveSession,
        causes: [NO, SO, SO, ST, NO, NO, NO],
        fits: &[WinOver], approach: Personal,
        serves: &["quality", "practical", "coach", "people", "capabilit"] },
    // Goals: the power thread's first advice, "establish mutual goals early ... sign-off"; a
    // partnership, not a hierarchy. Agreed objectives also bound the demand on a busy leader.
    Rule { tactic: Tactic::MutualGoals,
        causes: [SO, NO, NO, NO, SO, ST, SO],
        fits: &[WinOver], approach: Personal,
        serves: &["goal", "objective", "target", "clarity", "clear", "role", "sign", "contract", "control", "surprise"] },
    // Pilot: a low-risk step with one agreed measure answers "unproven distraction" and "promised
    // before and did not deliver" head-on; a small spend partly answers the cost culture.
    Rule { tactic: Tactic::SmallPilot,
        causes: [ST, ST, SO, NO, SO, NO, NO],
        fits: &[WinOver, Reassure], approach: Working,
        serves: money_and_measures!("proof", "prove", "trial", "pilot", "defend", "safe") },
    // Updates: "regular updates on progress" keep value visible and show delivery this time.
    Rule { tactic: Tactic::ProgressUpdate,
        causes: [NO, SO, NO, NO, ST, NO, NO],
        fits: &[KeepInformed, Reassure], approach: Presented,
        serves: &["update", "inform", "report", "progress", "visib", "surprise", "deliver"] },
    // Feedback: the article's continuous feedback loop "validates their perspectives"; being asked
    // and seeing it acted on answers "not involved"; it also hands back some control.
    Rule { tactic: Tactic::AskFeedback,
        causes: [NO, NO, SO, NO, NO, SO, ST],
        fits: &[Champions, KeepInformed], approach: Working,
        serves: &["feedback", "improve", "voice", "say", "input", "listen"] },
    // Wins: celebrating success makes development visible as something that pays (culture) and
    // shows delivery; it suits people already close.
    Rule { tactic: Tactic::CelebrateWin,
        causes: [NO, SO, ST, NO, SO, NO, NO],
        fits: &[Champions, KeepInformed], approach: Presented,
        serves: &["recogni", "win", "credit", "morale", "engagement", "success", "celebrat"] },
    // Confidentiality and boundaries: the power thread's "set agreed boundaries", "be
    // confidential and non-judgmental", "clarify your role". Head-on for power and control; a
    // safe, clearly bounded coach partly answers doubts about outsiders.
    Rule { tactic: Tactic::ConfidentialityBoundaries,
        causes: [NO, NO, NO, SO, NO, ST, NO],
        fits: &[WinOver], approach: Personal,
        serves: &["confidential", "privacy", "private", "discre", "trust", "boundar", "contract", "surprise", "role"] },
    // Challenge: "they want value, not validation"; "challenge their thinking constructively".
    // Showing real expertise on a problem they own answers doubts about the coaches head-on and
    // the fear of a distraction from results; it rebalances power respectfully.
    Rule { tactic: Tactic::ConstructiveChallenge,
        causes: [SO, NO, NO, ST, NO, SO, NO],
        fits: &[WinOver, Champions], approach: Personal,
        serves: &["strateg", "challeng", "decision", "growth", "blind", "candid", "honest"] },
    // Research: "providing data and research that demonstrate the positive correlation between
    // coaching and engagement, retention and performance" makes value visible before the program
    // has figures of its own; weaker than own figures on cost and pressure.
    Rule { tactic: Tactic::ResearchEvidence,
        causes: [SO, SO, SO, NO, ST, NO, NO],
        fits: &[Reassure], approach: Presented,
        serves: &["research", "stud", "benchmark", "evidence", "data", "proof", "roi", "return", "invest", "defend"] },
];

/// The rule row of a tactic.
pub fn rule(tactic: Tactic) -> &'static Rule {
    // Rows follow `Tactic::ALL` (checked by a test), so the declaration index finds the row.
    &RULES[tactic as usize]
}

impl Tactic {
    /// How directly this tactic answers `cause`.
    pub fn strength(self, cause: RootCause) -> Strength {
        rule(self).causes[cause as usize]
    }

    /// The root causes this tactic answers, strongly answered first, in cause order.
    pub fn answers(self) -> Vec<RootCause> {
        let mut list: Vec<RootCause> = RootCause::ALL
            .into_iter()
            .filter(|c| self.strength(*c) != Strength::None)
            .collect();
        crate::sort::by_key(&mut list, |c| std::cmp::Reverse(self.strength(*c)));
        list
    }

    /// True when the tactic's style suits the quadrant.
    pub fn suits(self, quadrant: Quadrant) -> bool {
        rule(self).fits.contains(&quadrant)
    }

    /// Personal, presented or working.
    pub fn approach(self) -> Approach {
        rule(self).approach
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_tactics_and_causes_order() {
        for (i, t) in Tactic::ALL.into_iter().enumerate() {
            assert_eq!(RULES[i].tactic, t);
            assert!(!RULES[i].serves.is_empty());
        }
        for (i, c) in RootCause::ALL.into_iter().enumerate() {
            assert_eq!(c as usize, i);
        }
        assert_eq!(RootCause::ALL.len(), 7);
    }

    #[test]
    fn every_cause_has_a_strong_answer() {
        for c in RootCause::ALL {
            assert!(
                Tactic::ALL
                    .into_iter()
                    .any(|t| t.strength(c) == Strength::Strong),
                "{c:?}"
            );
        }
    }
}
