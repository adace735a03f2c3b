//! Expert scenarios for the playbook's ranking. Each person is one a coach would recognise; each
//! test asserts the top three a coach would agree with, and the reasons a sponsor reads aloud.
//! No scores are asserted: only rankings and the words a user sees.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::model::*;
use RootCause::*;
use Tactic::*;

fn day(y: i32, m: u8, d: u8) -> LocalDate {
    LocalDate::from_ymd(y, m, d).unwrap()
}

/// Wednesday 18 November 2026.
fn today() -> LocalDate {
    day(2026, 11, 18)
}

/// Noon UTC of a day.
fn noon(d: LocalDate) -> Timestamp {
    Timestamp::from_unix_millis(day(1970, 1, 1).days_until(d) * 86_400_000 + 43_200_000)
}

fn at(influence: u8, skepticism: u8) -> Position {
    Position {
        influence,
        skepticism,
    }
}

fn person() -> StakeholderId {
    StakeholderId(uuid::Uuid::nil())
}

fn point(d: LocalDate, influence: u8, skepticism: u8) -> HistoryPoint {
    HistoryPoint {
        stakeholder: person(),
        at: noon(d),
        position: at(influence, skepticism),
        source: MoveSource::Map,
    }
}

fn act(tactic: Tactic, status: ActionStatus, on: LocalDate, outcome: &str) -> PastAction<'_> {
    PastAction {
        tactic,
        status,
        changed_at: noon(on),
        changed_on: on,
        outcome,
    }
}

fn top3(list: &[Suggestion]) -> Vec<Tactic> {
    list.iter().take(3).map(|s| s.tactic).collect()
}

fn sorted(mut v: Vec<Tactic>) -> Vec<Tactic> {
    v.sort();
    v
}

fn find(list: &[Suggestion], t: Tactic) -> (usize, &Suggestion) {
    list.iter()
        .enumerate()
        .find(|(_, s)| s.tactic == t)
        .unwrap()
}

fn show(list: &[Suggestion]) {
    for (i, s) in list.iter().enumerate() {
        println!(
            "{:>2}. {} [{:?}] | {}",
            i + 1,
            s.tactic.name(),
            s.state,
            s.why()
        );
    }
}

fn example() -> StakeMap {
    let mut n = 0u128;
    example_map(
        MapId(uuid::Uuid::nil()),
        move || {
            n += 1;
            uuid::Uuid::from_u128(n)
        },
        noon(today()),
        today(),
    )
}

fn marcus(map: &StakeMap) -> &Stakeholder {
    map.stakeholders()
        .find(|s| s.fields.name == "Marcus Feld")
        .unwrap()
}

/// The case. Marcus, the CFO, sees development as a cost and cannot see its value; he
/// cares about return on spend and wants a number he can defend. A coach leads with figures in
/// his terms, not with testimonials and celebrations.
#[test]
fn marcus_on_the_example_map_gets_figures_in_his_terms() {
    let map = example();
    let m = marcus(&map);
    let list = map.suggestions(m.id, today(), 0);
    println!("Marcus on the example map:");
    show(&list);
    let top = top3(&list);
    assert_eq!(top[0], TieToKpis, "{top:?}");
    // ROI evidence and the pilot are already planned for him on the example map: listed, marked.
    assert_eq!(find(&list, ShareRoiEvidence).1.state, PlanState::Planned);
    assert_eq!(find(&list, SmallPilot).1.state, PlanState::Planned);
    let kpis = &list[0];
    assert!(
        kpis.why().contains("development seen as a cost"),
        "{}",
        kpis.why()
    );
    assert!(
        kpis.why()
            .contains("matches 'return on spend', 'headcount cost', 'audit findings' in what Marcus cares about"),
        "{}",
        kpis.why()
    );
    assert!(kpis.why().contains("'number' in your notes on Marcus"));

    // The same Marcus before anything was planned for him: the ranking, fixed.
    let input = SuggestInput {
        cares_about: &m.fields.cares_about,
        notes: &m.fields.notes,
        ..SuggestInput::new(&m.fields.name, &m.fields.root_causes, m.position(), today())
    };
    let fresh = suggest(&input);
    println!("Marcus with nothing planned:");
    show(&fresh);
    assert_eq!(
        top3(&fresh),
        vec![ShareRoiEvidence, TieToKpis, ResearchEvidence]
    );
    for s in &fresh[..3] {
        let why = s.why();
        assert!(
            why.contains("development seen as a cost") && why.contains("'return on spend'"),
            "{why}"
        );
    }
    // What the issue complained about now comes after the figures.
    assert!(find(&fresh, PeerTestimonial).0 > 2);
    assert!(find(&fresh, CelebrateWin).0 > 2);
}

/// A chief executive at influence 95 and skepticism 90 who doubts anything that distracts from
/// results: a coach does not open with a deck. Agree goals, bring a real challenge, listen.
#[test]
fn a_leader_deep_in_win_over_gets_personal_steps_before_evidence() {
    let causes = [RolePressure, ValueNotVisible];
    let input = SuggestInput {
        cares_about: "Quarterly results, the share price",
        ..SuggestInput::new("Eva Lind", &causes, at(95, 90), today())
    };
    let list = suggest(&input);
    show(&list);
    assert_eq!(
        top3(&list),
        vec![MutualGoals, ConstructiveChallenge, ListeningSession]
    );
    assert!(list[0].why().contains(
        "first: at influence 95 and skepticism 90, Eva needs to be heard before being shown evidence"
    ));
    let (roi_rank, roi) = find(&list, ShareRoiEvidence);
    assert!(roi_rank >= 7, "after every personal step: {roi_rank}");
    assert!(roi.why().contains("after a personal step"), "{}", roi.why());

    // Once a listening session is planned, figures in her terms come back to the top.
    let mut input = input;
    input.actions = vec![act(
        ListeningSession,
        ActionStatus::Planned,
        day(2026, 11, 16),
        "",
    )];
    let list = suggest(&input);
    assert_eq!(top3(&list), vec![TieToKpis, ShareRoiEvidence, SmallPilot]);
}

/// Someone at 70/65 is in Win over but not deep: the quadrant favours personal steps, yet a
/// strong answer to their cause still leads.
#[test]
fn a_shallow_win_over_is_ranked_by_causes_first() {
    let causes = [RolePressure];
    let list = suggest(&SuggestInput::new("Ola", &causes, at(70, 65), today()));
    assert_eq!(top3(&list), vec![TieToKpis, ShareRoiEvidence, SmallPilot]);
    assert!(list.iter().all(|s| s.deep.is_none()));
}

/// A tactic that was dropped because it went badly is not pushed again at the top, and the
/// sponsor sees why it was dropped.
#[test]
fn a_dropped_tactic_is_demoted_with_its_reason() {
    let causes = [PowerAndControl, NotInvolved];
    let mut input = SuggestInput::new("Helen Achterberg", &causes, at(65, 70), today());
    let before = suggest(&input);
    // Listening and involving answer both causes head-on: a coach starts there.
    assert_eq!(
        top3(&before),
        vec![ListeningSession, InvolveInDesign, MutualGoals]
    );
    input.actions = vec![act(
        ListeningSession,
        ActionStatus::Dropped,
        day(2026, 11, 2),
        "He found it patronising",
    )];
    let list = suggest(&input);
    show(&list);
    assert_eq!(
        top3(&list),
        vec![InvolveInDesign, MutualGoals, ConfidentialityBoundaries]
    );
    let (rank, listening) = find(&list, ListeningSession);
    assert_eq!(rank, Tactic::ALL.len() - 1, "after every other open tactic");
    assert_eq!(listening.state, PlanState::Open, "it can still be planned");
    assert!(
        listening
            .why()
            .ends_with("dropped on 2 Nov: 'He found it patronising'"),
        "{}",
        listening.why()
    );
}

/// Observing a session was done on 12 November and skepticism fell from 70 to 58 since: a coach
/// lets it work rather than repeat it, and moves on to the next doubt.
#[test]
fn a_recent_step_that_worked_is_given_time() {
    let causes = [CoachDoubts, NotInvolved];
    let history = [
        point(day(2026, 10, 1), 70, 70),
        point(day(2026, 11, 15), 70, 58),
    ];
    let input = SuggestInput {
        actions: vec![act(
            ObserveSession,
            ActionStatus::Done,
            day(2026, 11, 12),
            "",
        )],
        history: &history,
        ..SuggestInput::new("Samuel Okafor", &causes, at(70, 58), today())
    };
    let list = suggest(&input);
    show(&list);
    assert_eq!(
        top3(&list),
        vec![ListeningSession, InvolveInDesign, MeetCoaches]
    );
    let (rank, observe) = find(&list, ObserveSession);
    assert_eq!(rank, list.len() - 1);
    assert_eq!(observe.state, PlanState::Done);
    assert!(observe
        .why()
        .contains("worked last time (done 12 Nov, skepticism 70 → 58); give it time"));
}

/// A step done that did not move them says so, so the sponsor tries another way.
#[test]
fn a_step_that_did_not_move_them_says_so() {
    let causes = [CoachDoubts];
    let history = [point(day(2026, 10, 1), 70, 60)];
    let input = SuggestInput {
        actions: vec![act(MeetCoaches, ActionStatus::Done, day(2026, 10, 20), "")],
        history: &history,
        ..SuggestInput::new("Li", &causes, at(70, 66), today())
    };
    let list = suggest(&input);
    let meet = find(&list, MeetCoaches).1;
    assert!(meet
        .why()
        .ends_with("done 20 Oct; skepticism 60 → 66 since, so try another way too"));
}

/// Burned by earlier programs, low influence: the article's answer is stories, peers who took
/// part, and a small proof. Peer testimonials count for past disappointments.
#[test]
fn past_disappointments_get_stories_peers_and_a_pilot() {
    let causes = [PastDisappointments];
    let list = suggest(&SuggestInput::new("Grace", &causes, at(30, 70), today()));
    show(&list);
    assert_eq!(top3(&list), vec![SuccessStory, PeerTestimonial, SmallPilot]);
    assert!(find(&list, PeerTestimonial)
        .1
        .why()
        .starts_with("Answers: past disappointments"));
}

fn sales_pilot(shared: bool) -> EvidenceItem<'static> {
    EvidenceItem {
        key: 7,
        kind: EvidenceKind::Story,
        title: "Sales team pilot",
        answers: &[PastDisappointments],
        words: vec!["sales", "quota", "ramp time"],
        shared_with_them: shared,
    }
}

/// A story from the program's own evidence that answers Dana's doubt and that she has not heard
/// yet is the best next conversation, and the card names it.
#[test]
fn matching_evidence_not_yet_shared_is_named() {
    let causes = [PastDisappointments];
    let evidence = [sales_pilot(false)];
    let input = SuggestInput {
        evidence: &evidence,
        ..SuggestInput::new("Dana Ortiz", &causes, at(40, 70), today())
    };
    let list = suggest(&input);
    show(&list);
    assert_eq!(top3(&list), vec![SuccessStory, PeerTestimonial, SmallPilot]);
    assert_eq!(
        list[0].why(),
        "Share the 'Sales team pilot' story: answers past disappointments; not yet shared with \
         Dana; reassures, which suits Reassure"
    );
    let named = list[0].evidence.as_ref().unwrap();
    assert_eq!(
        (named.kind, named.key, named.title.as_str()),
        (EvidenceKind::Story, 7, "Sales team pilot")
    );
    // With evidence of its own, the program does not need published research yet.
    assert!(!find(&list, ResearchEvidence)
        .1
        .why()
        .contains("no evidence of its own"));
}

/// Once she has heard every matching story, telling it again brings nothing: the story tactics
/// fall, and the card says to bring something new.
#[test]
fn evidence_already_shared_ranks_lower() {
    let causes = [PastDisappointments];
    let evidence = [sales_pilot(true)];
    let input = SuggestInput {
        evidence: &evidence,
        ..SuggestInput::new("Dana Ortiz", &causes, at(40, 70), today())
    };
    let list = suggest(&input);
    show(&list);
    assert_eq!(
        top3(&list),
        vec![SmallPilot, ListeningSession, OpenMethodology]
    );
    let (rank, story) = find(&list, SuccessStory);
    assert!(rank > 3, "was first while the story was new: {rank}");
    assert!(story.evidence.is_none());
    assert!(story
        .why()
        .contains("everything matching was already shared with Dana; bring something new"));
}

/// A metric that speaks to what the CFO tracks is named on the ROI card, with the words it
/// matches.
#[test]
fn a_metric_matching_their_cares_is_named_on_the_roi_card() {
    let causes = [Culture];
    let evidence = [
        EvidenceItem {
            key: 1,
            kind: EvidenceKind::Metric,
            title: "Engagement survey",
            answers: &[NotInvolved],
            words: vec!["engagement", "score"],
            shared_with_them: false,
        },
        EvidenceItem {
            key: 2,
            kind: EvidenceKind::Metric,
            title: "Retention pilot",
            answers: &[Culture],
            words: vec!["retention", "percent", "attrition"],
            shared_with_them: false,
        },
    ];
    let input = SuggestInput {
        cares_about: "Regretted attrition, headcount cost",
        evidence: &evidence,
        ..SuggestInput::new("Marta", &causes, at(85, 60), today())
    };
    let list = suggest(&input);
    show(&list);
    assert_eq!(top3(&list), vec![ShareRoiEvidence, TieToKpis, SmallPilot]);
    assert_eq!(
        list[0].why(),
        "Share the 'Retention pilot' figures: answers development seen as a cost; speaks to \
         'regretted attrition' in what Marta cares about; not yet shared with Marta; matches \
         'regretted attrition', 'headcount cost' in what Marta cares about; suits Win over: \
         engage them personally, in their own terms"
    );
}

/// Doubts about the coaches in Win over: meet them, see them at work, and show real expertise
/// on a question the leader owns.
#[test]
fn coach_doubts_get_the_coaches_in_person() {
    let causes = [CoachDoubts];
    let list = suggest(&SuggestInput::new("Kai", &causes, at(70, 70), today()));
    assert_eq!(
        top3(&list),
        vec![MeetCoaches, ObserveSession, ConstructiveChallenge]
    );
}

/// A champion with no doubts who owns engagement scores: put her support to work in her own
/// measures, celebrate with her, and ask her to speak to peers.
#[test]
fn a_champion_is_put_to_work_in_her_own_measures() {
    let list = suggest(&SuggestInput {
        cares_about: "Engagement scores",
        ..SuggestInput::new("Priya Raman", &[], at(80, 12), today())
    });
    assert_eq!(
        sorted(top3(&list)),
        sorted(vec![TieToKpis, CelebrateWin, PeerTestimonial])
    );
    assert_eq!(
        list[0].why(),
        "Matches 'engagement scores' in what Priya cares about; puts a Champion's support to work"
    );
}

/// Low influence, low skepticism, nothing recorded: light touch.
#[test]
fn keep_informed_gets_light_touch() {
    let list = suggest(&SuggestInput::new("Aisha", &[], at(20, 20), today()));
    assert_eq!(top3(&list), vec![ProgressUpdate, AskFeedback, CelebrateWin]);
    assert_eq!(
        list.last().unwrap().why(),
        "General good practice; answers none of Aisha's recorded causes"
    );
}

/// Development seen as a cost, low influence, minds the budget: the article's "an investment,
/// not an expense": figures, peers who took part, a small low-cost step.
#[test]
fn a_cost_culture_gets_figures_peers_and_a_small_step() {
    let causes = [Culture];
    let list = suggest(&SuggestInput {
        cares_about: "Budget accuracy",
        ..SuggestInput::new("Jonas", &causes, at(30, 65), today())
    });
    assert_eq!(
        sorted(top3(&list)),
        sorted(vec![ShareRoiEvidence, PeerTestimonial, SmallPilot])
    );
}

/// Power and not being involved, with a concern for confidentiality: boundaries come up as soon
/// as listening and involving are planned.
#[test]
fn power_and_confidentiality_bring_boundaries_forward() {
    let causes = [PowerAndControl];
    let input = SuggestInput {
        cares_about: "Confidentiality, no surprises",
        actions: vec![act(
            ListeningSession,
            ActionStatus::Planned,
            day(2026, 11, 10),
            "",
        )],
        ..SuggestInput::new("Helen", &causes, at(66, 81), today())
    };
    let list = suggest(&input);
    assert_eq!(
        sorted(top3(&list)),
        sorted(vec![
            ConfidentialityBoundaries,
            MutualGoals,
            InvolveInDesign
        ])
    );
    assert!(find(&list, ConfidentialityBoundaries)
        .1
        .why()
        .contains("matches 'confidentiality', 'no surprises' in what Helen cares about"));
    assert_eq!(list.last().unwrap().tactic, ListeningSession);
}

/// No name: the reasons say "they".
#[test]
fn without_a_name_the_reasons_say_they() {
    let causes = [ValueNotVisible];
    let list = suggest(&SuggestInput {
        cares_about: "Sales",
        ..SuggestInput::new("  ", &causes, at(40, 40), today())
    });
    let kpis = find(&list, TieToKpis).1.why();
    assert!(
        kpis.contains("matches 'sales' in what they care about"),
        "{kpis}"
    );
    let last = list.last().unwrap().why();
    assert!(last.ends_with("none of their recorded causes"), "{last}");
}

#[test]
fn every_tactic_is_listed_once_and_has_a_what_line() {
    let list = suggest(&SuggestInput::new("A", &[], at(50, 50), today()));
    assert_eq!(list.len(), Tactic::ALL.len());
    assert_eq!(Tactic::ALL.len(), 17);
    for s in &list {
        assert!(!s.what().is_empty() && !s.what().contains('\n'));
    }
}

/// The README's "How suggestions are ranked" table, rendered from the rule table.
fn readme_table() -> String {
    let quadrant = |q: Quadrant| match q {
        Quadrant::WinOver => "Win over",
        Quadrant::Champions => "Champions",
        Quadrant::Reassure => "Reassure",
        Quadrant::KeepInformed => "Keep informed",
    };
    let mut out = String::from(
        "| tactic | role pressure | past disappointments | culture (a cost) | coach doubts | \
         value not visible | power and control | not involved | suits | approach |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for r in RULES.iter() {
        let marks: Vec<&str> = r.causes.iter().map(|s| s.mark()).collect();
        let fits: Vec<&str> = r.fits.iter().map(|q| quadrant(*q)).collect();
        let approach = match r.approach {
            Approach::Personal => "personal",
            Approach::Presented => "presented",
            Approach::Working => "working",
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.tactic.name(),
            marks.join(" | "),
            fits.join(", "),
            approach
        ));
    }
    out
}

/// The README shows the rule table the engine uses, so the two cannot drift apart.
#[test]
fn the_readme_shows_the_rule_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme_table();
    if std::env::var_os("STAKEMAP_PRINT_RULES").is_some() {
        println!("{table}");
    }
    assert!(
        readme.contains(&table),
        "README.md's playbook table is out of date; run with STAKEMAP_PRINT_RULES=1 --nocapture \
         and paste:\n{table}"
    );
}
