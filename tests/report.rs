//! Native tests of the progress report: its then/now figures compare the same people, people
//! added or removed since are listed apart, the headline claims only what the figures show,
//! everyone still to win over is listed with their actions named, and the redacted report names
//! nobody.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::model::*;

const T0: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);
const DAY: i64 = 86_400_000;

fn at(ms: i64) -> Timestamp {
    Timestamp::from_unix_millis(T0.unix_millis() + ms)
}

fn pos(influence: u8, skepticism: u8) -> Position {
    Position {
        influence,
        skepticism,
    }
}

/// A map in a workspace, with the ids it hands out.
struct Fixture {
    ws: Workspace,
    map: MapId,
    ids: SequentialIds,
}

impl Fixture {
    fn new() -> Fixture {
        let mut ids = SequentialIds::default();
        let map = MapId(ids.next_uuid());
        let mut ws = Workspace::default();
        ws.apply(Op::CreateMap(StakeMap::new(map, "Rollout", T0)), T0)
            .unwrap();
        Fixture { ws, map, ids }
    }

    /// The example map, to which the tests do what a sponsor would.
    fn example() -> Fixture {
        let mut ids = SequentialIds::default();
        let map = MapId(ids.next_uuid());
        let example = example_map(map, || ids.next_uuid(), T0, T0.local_date(0));
        let mut ws = Workspace::default();
        ws.apply(Op::CreateMap(example), T0).unwrap();
        Fixture { ws, map, ids }
    }

    fn m(&self) -> &StakeMap {
        self.ws.map(self.map).unwrap()
    }

    fn id(&self, name: &str) -> StakeholderId {
        self.m()
            .stakeholders()
            .find(|s| s.name() == name)
            .unwrap()
            .id
    }

    fn add(&mut self, name: &str, p: Position, when: Timestamp) -> StakeholderId {
        let id = StakeholderId(self.ids.next_uuid());
        let fields = StakeholderFields {
            name: name.into(),
            position: p,
            ..Default::default()
        };
        self.ws
            .apply(
                Op::AddStakeholder {
                    map: self.map,
                    stakeholder: Stakeholder::new(id, fields, when),
                },
                when,
            )
            .unwrap();
        id
    }

    fn snapshot(&mut self, name: &str, when: Timestamp) -> Snapshot {
        let id = SnapshotId(self.ids.next_uuid());
        let snapshot = self.m().capture(id, name, when);
        self.ws
            .apply(
                Op::TakeSnapshot {
                    map: self.map,
                    snapshot: snapshot.clone(),
                },
                when,
            )
            .unwrap();
        snapshot
    }

    fn move_to(&mut self, id: StakeholderId, to: Position, when: Timestamp) {
        self.ws
            .apply(
                Op::MoveStakeholder {
                    map: self.map,
                    id,
                    to,
                },
                when,
            )
            .unwrap();
    }

    fn delete(&mut self, id: StakeholderId, when: Timestamp) {
        self.ws
            .apply(Op::DeleteStakeholder { map: self.map, id }, when)
            .unwrap();
    }

    fn act(
        &mut self,
        who: StakeholderId,
        title: &str,
        tactic: Option<Tactic>,
        owner: &str,
        due: Option<LocalDate>,
        status: ActionStatus,
    ) {
        let action = Action {
            id: ActionId(self.ids.next_uuid()),
            stakeholder: who,
            fields: ActionFields {
                tactic,
                title: title.into(),
                owner: owner.into(),
                due,
                status,
                ..ActionFields::blank()
            },
            created_at: T0,
            updated_at: T0,
        };
        self.ws
            .apply(
                Op::AddAction {
                    map: self.map,
                    action,
                },
                T0,
            )
            .unwrap();
    }

    /// Logs a contact with `who` on `when`'s day that shared the item titled `title`.
    fn share(&mut self, who: StakeholderId, title: &str, sentiment: Sentiment, when: Timestamp) {
        let item = self
            .m()
            .evidence()
            .find(|e| e.fields.title == title)
            .unwrap()
            .id;
        let touchpoint = Touchpoint {
            id: TouchpointId(self.ids.next_uuid()),
            stakeholder: who,
            date: when.local_date(0),
            channel: Channel::Meeting,
            sentiment,
            note: String::new(),
            influence: None,
            skepticism: None,
            evidence: Some(item),
            created_at: when,
        };
        self.ws
            .apply(
                Op::LogTouchpoint {
                    map: self.map,
                    touchpoint,
                },
                when,
            )
            .unwrap();
    }

    /// Adds an action with an agreed measure: (baseline, target, result).
    fn measure(
        &mut self,
        who: StakeholderId,
        title: &str,
        measure: &str,
        (baseline, target, result): (f64, f64, Option<f64>),
    ) {
        let action = Action {
            id: ActionId(self.ids.next_uuid()),
            stakeholder: who,
            fields: ActionFields {
                tactic: Some(Tactic::SmallPilot),
                title: title.into(),
                status: ActionStatus::InProgress,
                measure: measure.into(),
                measure_baseline: Amount::new(baseline),
                measure_target: Amount::new(target),
                measure_result: result.and_then(Amount::new),
                ..ActionFields::blank()
            },
            created_at: T0,
            updated_at: T0,
        };
        self.ws
            .apply(
                Op::AddAction {
                    map: self.map,
                    action,
                },
                T0,
            )
            .unwrap();
    }

    /// Adds a metric with no values yet.
    fn unmeasured_metric(&mut self, title: &str) {
        let mut fields = EvidenceFields::blank();
        fields.title = title.into();
        fields.target = Amount::new(40.0);
        let item = Evidence {
            id: EvidenceId(self.ids.next_uuid()),
            fields,
            created_at: T0,
            updated_at: T0,
        };
        self.ws
            .apply(
                Op::AddEvidence {
                    map: self.map,
                    item,
                },
                T0,
            )
            .unwrap();
    }

    fn report(&self, snapshot: &Snapshot, now: Timestamp) -> Report {
        Report::build(self.m(), snapshot, now, now.local_date(0), 0)
    }
}

/// Five people, two of them influential skeptics, and a snapshot of them.
fn five() -> (Fixture, Snapshot) {
    let mut f = Fixture::new();
    f.add("Ana Alvarez", pos(90, 85), T0);
    f.add("Ben Brandt", pos(70, 60), T0);
    f.add("Cy Castell", pos(60, 30), T0);
    f.add("Dee Dunmore", pos(30, 40), T0);
    f.add("Eli Engel", pos(20, 70), T0);
    let snap = f.snapshot("Baseline", at(DAY));
    (f, snap)
}

fn claims_progress(sentence: &str) -> bool {
    ["fell", "convinced", "progress", "improv", "less skeptical"]
        .iter()
        .any(|w| sentence.contains(w))
}

#[test]
fn deleting_a_skeptic_after_a_snapshot_leaves_the_figures_and_lists_them_as_removed() {
    let (mut f, snap) = five();
    let before = f.report(&snap, at(DAY));
    let ana = f.id("Ana Alvarez");
    f.delete(ana, at(2 * DAY));
    let r = f.report(&snap, at(3 * DAY));

    // The figures are over the four people left on both sides, and the same then and now.
    assert_eq!(r.compared, 4);
    assert_eq!(r.index_then, r.index_now);
    assert_eq!(r.quadrants_then, r.quadrants_now);
    assert!(r.toward_support.is_empty() && r.away_from_support.is_empty());
    // Without the filter the index would have fallen from about 63 to 50.
    assert!(before.index_now.unwrap() > r.index_now.unwrap() + 10.0);

    // Ana is listed as removed, with where she was.
    assert_eq!(r.removed.len(), 1);
    assert_eq!(r.removed[0].name, "Ana Alvarez");
    assert_eq!(r.removed[0].from, Some(pos(90, 85)));
    assert_eq!(
        place_words(&r.removed[0]),
        "Win over (influence 90, skepticism 85)"
    );
    assert!(r.added.is_empty());
    assert!(r
        .picture_then
        .iter()
        .any(|d| d.stakeholder == ana && d.presence == Presence::Removed));
    assert!(r.picture_now.iter().all(|d| d.stakeholder != ana));

    // The headline says nothing moved, and claims no progress.
    let headline = r.headline();
    assert_eq!(
        headline,
        format!(
            "Among the 4 people on the map both then and now, nobody has moved since “Baseline”: influence-weighted skepticism is still {}.",
            r.index_now.unwrap().round()
        )
    );
    assert!(!claims_progress(&headline), "{headline}");
    assert_eq!(
        r.membership_sentence().as_deref(),
        Some("1 person removed since “Baseline”: listed below, and not counted in these figures.")
    );
    let text = r.to_text(0);
    assert!(text.contains("Removed since (not counted):\n  Ana Alvarez: was Win over (influence 90, skepticism 85)\n"), "{text}");
}

#[test]
fn adding_a_convinced_person_does_not_improve_the_figure() {
    let (mut f, snap) = five();
    let then = f.report(&snap, at(DAY));
    f.add("Fay Fontaine", pos(100, 0), at(2 * DAY));
    let r = f.report(&snap, at(3 * DAY));
    assert_eq!(r.compared, 5);
    assert_eq!(r.index_now, then.index_now);
    assert_eq!(r.index_now, r.index_then);
    assert_eq!(r.quadrants_now, then.quadrants_now);
    assert!(!claims_progress(&r.headline()), "{}", r.headline());
    assert_eq!(r.added.len(), 1);
    assert_eq!(r.added[0].name, "Fay Fontaine");
    assert_eq!(
        place_words(&r.added[0]),
        "Champions (influence 100, skepticism 0)"
    );
    assert_eq!(
        r.membership_sentence().as_deref(),
        Some("1 person added since “Baseline”: listed below, and not counted in these figures.")
    );
    assert!(r
        .picture_now
        .iter()
        .any(|d| d.label == "FF" && d.presence == Presence::Added));
}

#[test]
fn a_real_move_toward_support_lowers_the_figure_and_the_headline_says_so_with_the_numbers() {
    let (mut f, snap) = five();
    let ana = f.id("Ana Alvarez");
    // Ana moves toward support, and a skeptic is deleted and a champion added on top: only
    // Ana's move counts.
    f.move_to(ana, pos(90, 35), at(2 * DAY));
    let eli = f.id("Eli Engel");
    f.delete(eli, at(2 * DAY));
    f.add("Fay Fontaine", pos(100, 0), at(2 * DAY));
    let r = f.report(&snap, at(3 * DAY));

    // Over Ana, Ben, Cy and Dee: then (90·85 + 70·60 + 60·30 + 30·40) / 250 = 59.4,
    // now (90·35 + 70·60 + 60·30 + 30·40) / 250 = 41.4.
    assert_eq!(r.compared, 4);
    assert!((r.index_then.unwrap() - 59.4).abs() < 1e-9);
    assert!((r.index_now.unwrap() - 41.4).abs() < 1e-9);
    assert_eq!(
        r.headline(),
        "Among the 4 people on the map both then and now, influence-weighted skepticism fell from 59 to 41 since “Baseline”."
    );
    assert_eq!(r.quadrants_then, [2, 1, 0, 1]);
    assert_eq!(r.quadrants_now, [1, 2, 0, 1]);
    assert_eq!(r.toward_support.len(), 1);
    assert_eq!(
        format!(
            "{}: {}",
            r.toward_support[0].name,
            move_words(&r.toward_support[0])
        ),
        "Ana Alvarez: skepticism 85 → 35 (−50), from Win over to Champions"
    );
    assert_eq!(
        r.membership_sentence().as_deref(),
        Some("1 person added and 1 person removed since “Baseline”: listed below, and not counted in these figures.")
    );

    // A move the other way says "rose".
    f.move_to(ana, pos(90, 100), at(4 * DAY));
    let r = f.report(&snap, at(5 * DAY));
    assert!(
        r.headline().contains("rose from 59 to 65"),
        "{}",
        r.headline()
    );
}

#[test]
fn a_change_within_one_point_is_about_the_same_and_too_few_people_is_said_plainly() {
    let (mut f, snap) = five();
    let dee = f.id("Dee Dunmore");
    f.move_to(dee, pos(30, 45), at(2 * DAY));
    let r = f.report(&snap, at(3 * DAY));
    let (a, b) = (r.index_then.unwrap().round(), r.index_now.unwrap().round());
    assert!((b - a).abs() <= 1.0);
    assert_eq!(
        r.headline(),
        format!("Among the 5 people on the map both then and now, influence-weighted skepticism is about the same since “Baseline”: {a} then, {b} now.")
    );

    // Delete all but two: too few for a group figure.
    for name in ["Ana Alvarez", "Ben Brandt", "Cy Castell"] {
        let id = f.id(name);
        f.delete(id, at(4 * DAY));
    }
    let r = f.report(&snap, at(5 * DAY));
    assert_eq!(
        r.headline(),
        "Only 2 people are on the map both at “Baseline” and now: too few for a group figure. See each person's move below."
    );
    assert_eq!(r.removed.len(), 3);

    // And nobody left at all.
    for name in ["Dee Dunmore", "Eli Engel"] {
        let id = f.id(name);
        f.delete(id, at(6 * DAY));
    }
    let r = f.report(&snap, at(7 * DAY));
    assert_eq!(
        r.headline(),
        "Nobody on the map now was on it at “Baseline”, so there is nothing to compare yet."
    );
    assert!(!claims_progress(&r.headline()));
}

#[test]
fn everyone_still_to_win_over_is_listed_with_their_actions_named() {
    let (mut f, snap) = five();
    let (ana, ben, cy, dee) = (
        f.id("Ana Alvarez"),
        f.id("Ben Brandt"),
        f.id("Cy Castell"),
        f.id("Dee Dunmore"),
    );
    let due = LocalDate::from_ymd(2026, 9, 1).unwrap();
    f.act(
        ana,
        "Listening session over lunch",
        Some(Tactic::ListeningSession),
        "Maria Costa",
        Some(due),
        ActionStatus::Planned,
    );
    f.act(
        ana,
        "Show the pilot's retention figures",
        Some(Tactic::ShareRoiEvidence),
        "",
        None,
        ActionStatus::InProgress,
    );
    f.act(
        ana,
        "An old call",
        None,
        "Maria Costa",
        None,
        ActionStatus::Done,
    );
    // Cy is a champion short of the target set for him; Dee reached hers (within tolerance).
    for (id, target) in [(cy, pos(80, 10)), (dee, pos(30, 38))] {
        f.ws.apply(
            Op::SetTarget {
                map: f.map,
                id,
                target: Some(target),
            },
            T0,
        )
        .unwrap();
    }
    let r = f.report(&snap, at(3 * DAY));

    let listed: Vec<(&str, StillToWin)> = r
        .to_win_over
        .iter()
        .map(|p| (p.name.as_str(), p.why))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("Ana Alvarez", StillToWin::WinOver),
            ("Ben Brandt", StillToWin::WinOver),
            ("Cy Castell", StillToWin::TargetNotReached),
        ]
    );
    let titles: Vec<&str> = r.to_win_over[0]
        .actions
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Listening session over lunch",
            "Show the pilot's retention figures"
        ],
        "open actions only, soonest due first"
    );
    assert_eq!(r.to_win_over[0].actions[0].owner, "Maria Costa");
    assert_eq!(r.to_win_over[0].actions[0].due, Some(due));
    assert!(r.to_win_over[1].actions.is_empty());
    let _ = ben;

    let text = r.to_text(0);
    let today = at(3 * DAY).local_date(0);
    assert!(today > due);
    for want in [
        "  Ana Alvarez: Win over now (influence 90, skepticism 85); no target set\n",
        &format!("    - Listening session over lunch: planned · Maria Costa · due {} (overdue)\n", due.human()),
        "    - Show the pilot's retention figures: in progress · no due date\n",
        "  Ben Brandt: Win over now (influence 70, skepticism 60); no target set\n    Nothing planned yet.\n",
        "  Cy Castell: Champions now (influence 60, skepticism 30); target not reached (influence 80, skepticism 10)\n",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!text.contains("Dee Dunmore: "), "Dee reached her target");
    assert!(target_reached(pos(30, 40), pos(30, 38)));
    assert!(
        target_reached(pos(30, 5), pos(30, 38)),
        "past the target counts"
    );
    assert!(!target_reached(pos(60, 30), pos(80, 10)));
    assert!(
        target_reached(pos(88, 44), pos(80, 40)),
        "more say than planned, in the target's quadrant"
    );
    assert!(
        !target_reached(pos(40, 44), pos(60, 40)),
        "another quadrant"
    );
}

/// The example map after a steering review: one person moved, one deleted, a contact logged.
fn example_after_a_review() -> (Fixture, Snapshot, Timestamp) {
    let mut f = Fixture::example();
    let snap = f.snapshot("Steering review", at(DAY));
    let dana = f.id("Dana Ortiz");
    f.move_to(dana, pos(88, 45), at(2 * DAY));
    let ravi = f.id("Ravi Menon");
    f.delete(ravi, at(2 * DAY));
    let touchpoint = Touchpoint {
        id: TouchpointId(f.ids.next_uuid()),
        stakeholder: dana,
        date: at(2 * DAY).local_date(0),
        channel: Channel::Meeting,
        sentiment: Sentiment::Positive,
        note: "Dana Ortiz asked for the pilot figures.".into(),
        influence: None,
        skepticism: None,
        evidence: None,
        created_at: at(2 * DAY),
    };
    f.ws.apply(
        Op::LogTouchpoint {
            map: f.map,
            touchpoint,
        },
        at(2 * DAY),
    )
    .unwrap();
    // A free-text title that names people, and an owner.
    f.act(
        dana,
        "Coffee with Dana Ortiz and Priya Raman",
        Some(Tactic::PeerTestimonial),
        "Maria Costa",
        None,
        ActionStatus::Planned,
    );
    (f, snap, at(3 * DAY))
}

#[test]
fn the_example_report_after_a_move_and_a_deletion() {
    let (f, snap, now) = example_after_a_review();
    let r = f.report(&snap, now);
    let text = r.to_text(0);
    println!("{text}");
    assert_eq!(r.compared, 9);
    assert_eq!(r.moved, 1);
    assert!(r.headline().starts_with("Among the 9 people on the map both then and now, influence-weighted skepticism fell from "), "{}", r.headline());
    assert!(text.contains("Removed since (not counted):\n  Ravi Menon: was Reassure (influence 27, skepticism 62)\n"), "{text}");
    assert!(
        text.contains("  Dana Ortiz: skepticism 74 → 45 (−29), from Win over to Champions\n"),
        "{text}"
    );
    assert_eq!(r.contacts.positive, 1);
    assert_eq!(r.recent_contacts.len(), 1);
    assert!(text.contains("· Dana Ortiz · Meeting · positive"), "{text}");
    // Notes never reach the report, not even the full one.
    assert!(!text.contains("pilot figures"));
    // Everyone in Win over is listed, with their actions named.
    let win_over: Vec<&str> = f
        .m()
        .stakeholders()
        .filter(|s| s.quadrant() == Quadrant::WinOver)
        .map(|s| s.name())
        .collect();
    assert!(!win_over.is_empty());
    for name in win_over {
        assert!(
            r.to_win_over.iter().any(|p| p.name == name),
            "{name} listed"
        );
    }
    let planned: usize = r.to_win_over.iter().map(|p| p.actions.len()).sum();
    assert!(planned > 0, "the example plans actions for them");
    for p in &r.to_win_over {
        for a in &p.actions {
            assert!(
                text.contains(&format!("    - {}: ", a.title)),
                "{} named",
                a.title
            );
        }
    }
}

#[test]
fn the_redacted_report_names_nobody() {
    let (f, snap, now) = example_after_a_review();
    let mut names: Vec<String> = f.m().stakeholders().map(|s| s.name().to_owned()).collect();
    names.extend(snap.entries.iter().map(|e| e.name.clone()));
    let owners: Vec<String> = f
        .m()
        .actions()
        .map(|a| a.fields.owner.clone())
        .filter(|o| !o.is_empty())
        .collect();
    let titles: Vec<String> = f
        .m()
        .actions()
        .map(|a| a.fields.title.clone())
        .filter(|t| !Tactic::ALL.iter().any(|x| x.name() == t))
        .collect();
    assert!(
        !owners.is_empty() && !titles.is_empty(),
        "the example has owners and free-text titles"
    );

    // The snapshot on the map, and one that is not (as a file's snapshot might be).
    let mut loose = snap.clone();
    loose.id = SnapshotId(SequentialIds::default().next_uuid());
    for snapshot in [&snap, &loose] {
        for style in [LabelStyle::Initials, LabelStyle::Codes, LabelStyle::Names] {
            let r = Report::build_redacted(f.m(), snapshot, now, now.local_date(0), 0, style);
            assert!(r.redacted);
            let text = r.to_text(0);
            for name in &names {
                assert!(
                    !text.contains(name.as_str()),
                    "{name} in the {style:?} report:\n{text}"
                );
                for part in name.split_whitespace().filter(|p| p.chars().count() > 2) {
                    assert!(
                        !text.contains(part),
                        "{part} ({name}) in the {style:?} report:\n{text}"
                    );
                }
            }
            for owner in &owners {
                assert!(
                    !text.contains(owner.as_str()),
                    "owner {owner} in the report"
                );
            }
            for title in &titles {
                assert!(
                    !text.contains(title.as_str()),
                    "title {title} in the report"
                );
            }
            // The same figures as the full report, and the same people listed, by label.
            let full = f.report(snapshot, now);
            assert_eq!(
                (r.index_then, r.index_now, r.compared),
                (full.index_then, full.index_now, full.compared)
            );
            assert_eq!(r.removed.len(), 1);
            assert_ne!(r.removed[0].name, "Ravi Menon");
            assert_eq!(r.to_win_over.len(), full.to_win_over.len());
            assert!(r
                .to_win_over
                .iter()
                .flat_map(|p| &p.actions)
                .all(|a| a.owner.is_empty()));
        }
    }
    let r = Report::build_redacted(
        f.m(),
        &snap,
        now,
        now.local_date(0),
        0,
        LabelStyle::Initials,
    );
    assert_eq!(r.removed[0].name, "RM");
    println!("{}", r.to_text(0));
}

/// The lines of `text` from the one starting `start` up to the next blank line.
fn section<'a>(text: &'a str, start: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(start))
        .take_while(|l| !l.is_empty())
        .collect()
}

const RETAILER: &str = "A retailer like us: coaching after a failed academy";
const SALES_PILOT: &str = "Sales team pilot: faster ramp-up";

/// The example after a review, with a story shared in the period, a metric not measured yet,
/// and three agreed measures: one reached, one short, one not measured.
fn example_with_evidence() -> (Fixture, Snapshot, Timestamp) {
    let (mut f, snap, now) = example_after_a_review();
    let marcus = f.id("Marcus Feld");
    f.share(marcus, RETAILER, Sentiment::Positive, at(2 * DAY));
    f.unmeasured_metric("Coaching sessions per manager");
    let priya = f.id("Priya Raman");
    f.measure(
        priya,
        "Pilot with two sales teams",
        "Regretted attrition in the two teams, %",
        (18.0, 12.0, Some(11.5)),
    );
    f.measure(
        marcus,
        "Pilot in the northern region",
        "Engagement score in the region",
        (64.0, 75.0, Some(70.0)),
    );
    f.measure(
        marcus,
        "Quarterly check-in on cost per leader",
        "Cost per leader, thousands",
        (9.0, 7.0, None),
    );
    (f, snap, now)
}

#[test]
fn the_example_report_shows_its_program_evidence() {
    let (f, snap, now) = example_with_evidence();
    let text = f.report(&snap, now).to_text(0);
    let ev = section(&text, "Program evidence:");
    println!("{}", ev.join("\n"));
    let has = |needle: &str| ev.iter().any(|l| l.contains(needle));

    // Each metric: its values with dates, against its target, and its standing in words.
    let engagement = ev
        .iter()
        .find(|l| l.contains("Engagement score in coached teams: "))
        .expect("the engagement metric is listed");
    assert!(engagement.contains("64% ("), "{engagement}");
    assert!(engagement.contains(") → 71% ("), "{engagement}");
    assert!(
        engagement.ends_with(", target 75%: moving toward target"),
        "{engagement}"
    );
    assert!(has(
        "Days to full productivity for new sales hires: 94 days ("
    ));
    assert!(has(
        "    Coaching sessions per manager: target 40: not measured yet"
    ));

    // The story shared in the period, with whom, on which day, and how it landed.
    let day = at(2 * DAY).local_date(0).human();
    assert!(
        has(&format!(
            "    {day} · {RETAILER} · with Marcus Feld · went well"
        )),
        "{text}"
    );
    // The example's own shares were before the snapshot: not in the period.
    assert!(!has(SALES_PILOT), "{text}");
    assert!(has("  1 item shared in the period (1 story, 0 metrics)."));
    // No story's words reach the report.
    for item in f.m().evidence() {
        for words in [
            &item.fields.quote,
            &item.fields.summary,
            &item.fields.source,
        ] {
            assert!(
                words.is_empty() || !text.contains(words.as_str()),
                "{words}"
            );
        }
    }
}

#[test]
fn an_agreed_measure_counts_as_met_only_when_its_result_reaches_the_target() {
    let (f, snap, now) = example_with_evidence();
    let text = f.report(&snap, now).to_text(0);
    let ev = section(&text, "Program evidence:");
    let line = |action: &str| {
        ev.iter()
            .find(|l| l.contains(action))
            .unwrap_or_else(|| panic!("{action} listed:\n{text}"))
            .to_string()
    };
    assert!(
        ev.contains(&"  Agreed measures: 1 of 5 agreed measures met."),
        "{text}"
    );
    // Lower attrition is better: 11.5 is past a target of 12.
    assert_eq!(
        line("Pilot with two sales teams"),
        "    Priya Raman · Pilot with two sales teams (Regretted attrition in the two teams, %): 18 → 11.5, target 12: met"
    );
    assert_eq!(
        line("Pilot in the northern region"),
        "    Marcus Feld · Pilot in the northern region (Engagement score in the region): 64 → 70, target 75: not met (moving toward target)"
    );
    assert!(line("Quarterly check-in").ends_with(": not measured yet"));
}

#[test]
fn the_redacted_report_shows_evidence_without_its_words_or_names() {
    let (f, snap, now) = example_with_evidence();
    let mut secret: Vec<String> = f.m().stakeholders().map(|s| s.name().to_owned()).collect();
    for e in f.m().evidence() {
        let x = &e.fields;
        if x.kind == EvidenceKind::Story {
            secret.push(x.title.clone());
        }
        secret.extend([&x.quote, &x.summary, &x.figures, &x.source].map(String::clone));
    }
    for a in f.m().actions() {
        secret.push(a.fields.measure.clone());
    }
    secret.retain(|s| !s.is_empty());

    for style in [LabelStyle::Initials, LabelStyle::Codes] {
        let r = Report::build_redacted(f.m(), &snap, now, now.local_date(0), 0, style);
        let text = r.to_text(0);
        for s in &secret {
            assert!(
                !text.contains(s.as_str()),
                "{s} in the {style:?} report:\n{text}"
            );
        }
        let ev = section(&text, "Program evidence:");
        println!("{}", ev.join("\n"));
        let has = |needle: &str| ev.iter().any(|l| l.contains(needle));
        // The same section, numbered: metrics keep their figures, the story is the library's
        // third, the measures keep their values and verdicts.
        assert!(has("    Metric 1: 64 ("), "{text}");
        assert!(has(": moving toward target"));
        assert!(has(" · Story 2 · with "), "{text}");
        assert!(has("  1 item shared in the period (1 story, 0 metrics)."));
        assert!(
            has("  Agreed measures: 1 of 5 agreed measures met."),
            "{text}"
        );
        assert!(has(": 18 → 11.5, target 12: met"), "{text}");
    }
    let r = Report::build_redacted(
        f.m(),
        &snap,
        now,
        now.local_date(0),
        0,
        LabelStyle::Initials,
    );
    let text = r.to_text(0);
    assert!(text.contains(" · Story 2 · with MF · went well"), "{text}");
    assert!(
        text.contains("    PR · Small pilot with a measurable goal: 18 → 11.5, target 12: met"),
        "{text}"
    );
}
