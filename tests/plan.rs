//! Native tests of engagement planning: suggestion ranking, actions and their due groups,
//! contact cadence and overdue logic against a fixed "today", the plan board, touchpoints that
//! move stakeholders, and migration of version-1 files.
#![cfg(not(target_arch = "wasm32"))]

use stakemap::format;
use stakemap::model::*;
use std::path::Path;

const T0: Timestamp = Timestamp::from_unix_millis(1_790_000_000_000);

fn day(y: i32, m: u8, d: u8) -> LocalDate {
    LocalDate::from_ymd(y, m, d).unwrap()
}

/// Wednesday 18 November 2026.
fn today() -> LocalDate {
    day(2026, 11, 18)
}

fn names(list: &[Suggestion]) -> Vec<&'static str> {
    list.iter().map(|s| s.tactic.name()).collect()
}

/// A typical position in each quadrant.
fn in_quadrant(q: Quadrant) -> Position {
    let (influence, skepticism) = match q {
        Quadrant::WinOver => (70, 70),
        Quadrant::Champions => (80, 20),
        Quadrant::Reassure => (30, 70),
        Quadrant::KeepInformed => (20, 20),
    };
    Position {
        influence,
        skepticism,
    }
}

fn ranked(causes: &[RootCause], q: Quadrant) -> Vec<Suggestion> {
    suggest(&SuggestInput::new("Dana", causes, in_quadrant(q), today()))
}

#[test]
fn win_over_with_coach_doubts_and_past_disappointments_gets_coaches_and_stories_first() {
    let list = ranked(
        &[RootCause::CoachDoubts, RootCause::PastDisappointments],
        Quadrant::WinOver,
    );
    let top: Vec<&str> = names(&list).into_iter().take(3).collect();
    assert_eq!(
        top,
        [
            "Observe a session",
            "Meet and choose the coaches",
            "Small pilot with a measurable goal"
        ],
        "observing answers both causes and suits Win over"
    );
    let meet = list
        .iter()
        .find(|s| s.tactic == Tactic::MeetCoaches)
        .unwrap();
    assert_eq!(
        meet.why(),
        "Answers: doubts about the coaches; suits Win over: engage them personally, in their own terms"
    );
    let open = list
        .iter()
        .find(|s| s.tactic == Tactic::OpenMethodology)
        .unwrap();
    assert_eq!(
        open.why(),
        "Answers: doubts about the coaches, past disappointments"
    );
    assert_eq!(list.len(), Tactic::ALL.len(), "every tactic is listed");
}

#[test]
fn quadrant_decides_when_no_causes_are_recorded() {
    let champions = names(&ranked(&[], Quadrant::Champions));
    assert_eq!(
        &champions[..6],
        &[
            "Tie to their KPIs",
            "Peer testimonial",
            "Involve in program design",
            "Ask for feedback on the program",
            "Celebrate a win",
            "Offer a constructive challenge"
        ]
    );
    let informed = names(&ranked(&[], Quadrant::KeepInformed));
    assert_eq!(
        &informed[..3],
        &[
            "Regular progress update",
            "Ask for feedback on the program",
            "Celebrate a win"
        ]
    );
    let none = ranked(&[], Quadrant::KeepInformed);
    assert_eq!(
        none.last().unwrap().why(),
        "General good practice; answers none of Dana's recorded causes"
    );
}

#[test]
fn planned_and_done_tactics_are_marked_and_move_to_the_end() {
    let causes = [RootCause::CoachDoubts];
    let t = LocalDate::from_ymd(2026, 11, 2).unwrap();
    let action = |tactic, status| PastAction {
        tactic,
        status,
        changed_at: T0,
        changed_on: t,
        outcome: "",
    };
    let input = SuggestInput {
        actions: vec![
            action(Tactic::MeetCoaches, ActionStatus::Planned),
            action(Tactic::OpenMethodology, ActionStatus::Done),
        ],
        ..SuggestInput::new("Dana", &causes, in_quadrant(Quadrant::WinOver), today())
    };
    let list = suggest(&input);
    let n = list.len();
    assert_eq!(list[0].tactic, Tactic::ObserveSession);
    let tail: Vec<(Tactic, PlanState)> =
        list[n - 2..].iter().map(|s| (s.tactic, s.state)).collect();
    assert_eq!(
        tail,
        vec![
            (Tactic::MeetCoaches, PlanState::Planned),
            (Tactic::OpenMethodology, PlanState::Done)
        ]
    );
}

struct Fixture {
    ws: Workspace,
    map: MapId,
    dana: StakeholderId,
    priya: StakeholderId,
    ids: SequentialIds,
}

fn fixture() -> Fixture {
    let mut ids = SequentialIds::default();
    let map = MapId(ids.next_uuid());
    let mut ws = Workspace::default();
    ws.apply(Op::CreateMap(StakeMap::new(map, "Plan", T0)), T0)
        .unwrap();
    let mut add = |name: &str, i, s, causes: Vec<RootCause>, ids: &mut SequentialIds| {
        let id = StakeholderId(ids.next_uuid());
        let fields = StakeholderFields {
            name: name.into(),
            position: Position {
                influence: i,
                skepticism: s,
            },
            root_causes: causes,
            ..Default::default()
        };
        ws.apply(
            Op::AddStakeholder {
                map,
                stakeholder: Stakeholder::new(id, fields, T0),
            },
            T0,
        )
        .unwrap();
        id
    };
    let dana = add("Dana", 82, 71, vec![RootCause::CoachDoubts], &mut ids);
    let priya = add("Priya", 80, 12, vec![], &mut ids);
    Fixture {
        ws,
        map,
        dana,
        priya,
        ids,
    }
}

impl Fixture {
    fn act(
        &mut self,
        who: StakeholderId,
        tactic: Option<Tactic>,
        owner: &str,
        due: Option<LocalDate>,
        status: ActionStatus,
    ) -> ActionId {
        let id = ActionId(self.ids.next_uuid());
        let fields = ActionFields {
            tactic,
            title: tactic
                .map(|t| t.name().to_owned())
                .unwrap_or_else(|| "Custom step".into()),
            owner: owner.into(),
            due,
            status,
            outcome: String::new(),
            ..ActionFields::blank()
        };
        let action = Action {
            id,
            stakeholder: who,
            fields,
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
        id
    }

    fn contact(
        &mut self,
        who: StakeholderId,
        date: LocalDate,
        influence: Option<u8>,
        skepticism: Option<u8>,
    ) -> TouchpointId {
        let id = TouchpointId(self.ids.next_uuid());
        let touchpoint = Touchpoint {
            id,
            stakeholder: who,
            date,
            channel: Channel::Meeting,
            sentiment: Sentiment::Neutral,
            note: String::new(),
            influence,
            skepticism,
            evidence: None,
            created_at: T0,
        };
        self.ws
            .apply(
                Op::LogTouchpoint {
                    map: self.map,
                    touchpoint,
                },
                T0,
            )
            .unwrap();
        id
    }

    fn m(&self) -> &StakeMap {
        self.ws.map(self.map).unwrap()
    }
}

#[test]
fn due_groups_follow_the_calendar_week() {
    let mut f = fixture();
    let dana = f.dana;
    let cases = [
        (
            Some(day(2026, 11, 17)),
            ActionStatus::Planned,
            DueGroup::Overdue,
        ),
        (
            Some(day(2026, 11, 18)),
            ActionStatus::InProgress,
            DueGroup::Today,
        ),
        (
            Some(day(2026, 11, 22)),
            ActionStatus::Planned,
            DueGroup::ThisWeek,
        ),
        (
            Some(day(2026, 11, 23)),
            ActionStatus::Planned,
            DueGroup::Later,
        ),
        (None, ActionStatus::Planned, DueGroup::NoDate),
        (Some(day(2026, 11, 1)), ActionStatus::Done, DueGroup::Closed),
        (
            Some(day(2026, 11, 1)),
            ActionStatus::Dropped,
            DueGroup::Closed,
        ),
    ];
    for (due, status, expected) in cases {
        let id = f.act(dana, None, "", due, status);
        assert_eq!(
            f.m().action(id).unwrap().due_group(today()),
            expected,
            "{due:?} {status:?}"
        );
    }
    assert_eq!(f.m().overdue_actions(dana, today()), 1);
    // On the Sunday, Monday's action is no longer "this week".
    let sunday = day(2026, 11, 22);
    let monday_action = f
        .m()
        .actions()
        .find(|a| a.fields.due == Some(day(2026, 11, 23)))
        .unwrap();
    assert_eq!(monday_action.due_group(sunday), DueGroup::Later);
}

#[test]
fn suggestions_on_the_map_know_what_is_already_planned() {
    let mut f = fixture();
    let dana = f.dana;
    f.act(
        dana,
        Some(Tactic::MeetCoaches),
        "Aisha",
        None,
        ActionStatus::Planned,
    );
    f.act(
        dana,
        Some(Tactic::ObserveSession),
        "Aisha",
        None,
        ActionStatus::Dropped,
    );
    let list = f.m().suggestions(dana, today(), 0);
    let state = |t| list.iter().find(|s| s.tactic == t).unwrap().state;
    assert_eq!(state(Tactic::MeetCoaches), PlanState::Planned);
    assert_eq!(
        state(Tactic::ObserveSession),
        PlanState::Open,
        "dropped may be planned again"
    );
    // ...but it comes after every other open tactic, saying it was dropped.
    let open: Vec<Tactic> = list
        .iter()
        .filter(|s| s.state == PlanState::Open)
        .map(|s| s.tactic)
        .collect();
    assert_eq!(open.last(), Some(&Tactic::ObserveSession));
    assert_eq!(list[0].tactic, Tactic::ConstructiveChallenge);
}

#[test]
fn cadence_defaults_to_the_quadrant_and_can_be_overridden() {
    let f = fixture();
    let dana = f.m().get(f.dana).unwrap();
    assert_eq!(dana.cadence_days(), 14);
    assert_eq!(f.m().get(f.priya).unwrap().cadence_days(), 30);
    let mut fields = dana.fields.clone();
    fields.position = Position {
        influence: 10,
        skepticism: 10,
    };
    assert_eq!(
        Stakeholder::new(dana.id, fields.clone(), T0).cadence_days(),
        91
    );
    fields.cadence_days = Some(7);
    assert_eq!(Stakeholder::new(dana.id, fields, T0).cadence_days(), 7);
    assert_eq!(cadence_words(14), "every 2 weeks");
    assert_eq!(cadence_words(91), "quarterly");
    assert_eq!(cadence_words(21), "every 3 weeks");
}

#[test]
fn contact_overdue_counts_from_the_last_contact_or_the_day_they_were_added() {
    let mut f = fixture();
    let added = T0.local_date(0);
    // Never contacted: the cadence runs from the day they were added.
    let st = f.m().contact_status(f.dana, added, 0).unwrap();
    assert_eq!(st.due, added.plus_days(14).unwrap());
    assert!(!st.is_overdue());
    let later = added.plus_days(20).unwrap();
    let st = f.m().contact_status(f.dana, later, 0).unwrap();
    assert_eq!(st.days_overdue, 6);
    assert_eq!(
        last_contact_words(st.days_since_contact(later)),
        "no contact logged yet"
    );
    // The newest contact counts, whatever order they were logged in.
    let dana = f.dana;
    f.contact(dana, added.plus_days(10).unwrap(), None, None);
    f.contact(dana, added.plus_days(3).unwrap(), None, None);
    let st = f.m().contact_status(dana, later, 0).unwrap();
    assert_eq!(st.last_contact, added.plus_days(10));
    assert_eq!(st.due, added.plus_days(24).unwrap());
    assert!(!st.is_overdue());
    assert_eq!(
        last_contact_words(st.days_since_contact(later)),
        "last contact 10 days ago"
    );
    let log: Vec<LocalDate> = f.m().touchpoints_for(dana).iter().map(|t| t.date).collect();
    assert_eq!(
        log,
        vec![added.plus_days(10).unwrap(), added.plus_days(3).unwrap()],
        "newest first"
    );
    // The attention summary agrees with the single-stakeholder answer.
    let attention = f.m().attention(later, 0);
    assert_eq!(attention[&dana].contact, st);
    let due = due_for_contact(
        f.m(),
        &f.m().attention(added.plus_days(40).unwrap(), 0),
        added.plus_days(40).unwrap(),
    );
    assert_eq!(
        due,
        vec![dana, f.priya],
        "Dana (due on day 24) is more overdue than Priya (day 30)"
    );
}

#[test]
fn a_touchpoint_reading_moves_the_stakeholder_and_a_plain_one_does_not() {
    let mut f = fixture();
    let dana = f.dana;
    f.contact(dana, today(), None, None);
    assert_eq!(
        f.m().get(dana).unwrap().position(),
        Position {
            influence: 82,
            skepticism: 71
        }
    );
    f.contact(dana, today(), None, Some(40));
    let s = f.m().get(dana).unwrap();
    assert_eq!(
        s.position(),
        Position {
            influence: 82,
            skepticism: 40
        }
    );
    assert_eq!(s.quadrant(), Quadrant::Champions);
    f.contact(dana, today(), Some(30), Some(60));
    assert_eq!(f.m().get(dana).unwrap().quadrant(), Quadrant::Reassure);
}

#[test]
fn deleting_a_stakeholder_removes_their_plan_and_log() {
    let mut f = fixture();
    let (dana, priya) = (f.dana, f.priya);
    f.act(
        dana,
        Some(Tactic::MeetCoaches),
        "",
        None,
        ActionStatus::Planned,
    );
    f.act(
        priya,
        Some(Tactic::PeerTestimonial),
        "",
        None,
        ActionStatus::Planned,
    );
    f.contact(dana, today(), None, None);
    let map = f.map;
    f.ws.apply(Op::DeleteStakeholder { map, id: dana }, T0)
        .unwrap();
    assert_eq!(f.m().actions().len(), 1);
    assert_eq!(f.m().touchpoints().len(), 0);
    // Plans for someone not on the map are refused.
    let orphan = Action {
        id: ActionId(f.ids.next_uuid()),
        stakeholder: dana,
        fields: ActionFields::from_tactic(Tactic::SmallPilot),
        created_at: T0,
        updated_at: T0,
    };
    assert!(f
        .ws
        .apply(
            Op::AddAction {
                map,
                action: orphan
            },
            T0
        )
        .is_err());
}

#[test]
fn the_board_groups_filters_and_sorts() {
    let mut f = fixture();
    let (dana, priya) = (f.dana, f.priya);
    let late = f.act(
        dana,
        Some(Tactic::MeetCoaches),
        "Aisha",
        Some(day(2026, 11, 10)),
        ActionStatus::Planned,
    );
    let soon = f.act(
        priya,
        Some(Tactic::PeerTestimonial),
        "Priya",
        Some(day(2026, 11, 20)),
        ActionStatus::InProgress,
    );
    let custom = f.act(priya, None, "aisha", None, ActionStatus::Planned);
    let done = f.act(
        dana,
        Some(Tactic::ListeningSession),
        "Aisha",
        Some(day(2026, 11, 1)),
        ActionStatus::Done,
    );
    let later = f.act(
        dana,
        Some(Tactic::OpenMethodology),
        "",
        Some(day(2026, 12, 1)),
        ActionStatus::Planned,
    );

    let by_due = BoardQuery::default().groups(f.m(), today());
    let shape: Vec<(&str, Vec<ActionId>, bool)> = by_due
        .iter()
        .map(|g| (g.label, g.actions.clone(), g.urgent))
        .collect();
    assert_eq!(
        shape,
        vec![
            ("Overdue", vec![late], true),
            ("This week", vec![soon], false),
            ("Later", vec![later], false),
            ("No date", vec![custom], false),
            ("Done or dropped", vec![done], false),
        ]
    );
    let by_status = BoardQuery {
        group_by: GroupBy::Status,
        ..BoardQuery::default()
    }
    .groups(f.m(), today());
    assert_eq!(by_status[0].label, "Planned");
    assert_eq!(
        by_status[0].actions,
        vec![late, later, custom],
        "sorted by due date, undated last"
    );
    let latest = BoardQuery {
        group_by: GroupBy::Status,
        latest_first: true,
        ..BoardQuery::default()
    }
    .groups(f.m(), today());
    assert_eq!(latest[0].actions, vec![later, late, custom]);

    let aisha = BoardQuery {
        owner: Some("Aisha".into()),
        group_by: GroupBy::Status,
        ..BoardQuery::default()
    };
    let all: Vec<ActionId> = aisha
        .groups(f.m(), today())
        .into_iter()
        .flat_map(|g| g.actions)
        .collect();
    assert_eq!(
        all,
        vec![late, custom, done],
        "owner matched case-insensitively"
    );
    let unowned = BoardQuery {
        owner: Some(String::new()),
        ..BoardQuery::default()
    };
    let all: Vec<ActionId> = unowned
        .groups(f.m(), today())
        .into_iter()
        .flat_map(|g| g.actions)
        .collect();
    assert_eq!(all, vec![later]);
    let for_priya = BoardQuery {
        stakeholder: Some(priya),
        ..BoardQuery::default()
    };
    let all: Vec<ActionId> = for_priya
        .groups(f.m(), today())
        .into_iter()
        .flat_map(|g| g.actions)
        .collect();
    assert_eq!(all, vec![soon, custom]);
    let customs = BoardQuery {
        tactic: TacticFilter::Custom,
        ..BoardQuery::default()
    };
    assert_eq!(customs.groups(f.m(), today()).len(), 1);
    let meet = BoardQuery {
        tactic: TacticFilter::Only(Tactic::MeetCoaches),
        ..BoardQuery::default()
    };
    assert_eq!(meet.groups(f.m(), today())[0].actions, vec![late]);
}

#[test]
fn action_and_touchpoint_forms_validate() {
    let err = validate_action(None, "  ", "", "2026-13-01", ActionStatus::Planned, "").unwrap_err();
    let fields: Vec<&str> = err.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["title", "due"]);
    let ok = validate_action(
        Some(Tactic::SmallPilot),
        " Pilot ",
        " Ann ",
        "2026-11-30",
        ActionStatus::InProgress,
        "",
    )
    .unwrap();
    assert_eq!(
        (ok.title.as_str(), ok.owner.as_str(), ok.due),
        ("Pilot", "Ann", Some(day(2026, 11, 30)))
    );

    let err = validate_touchpoint(
        "2026-11-19",
        Channel::Call,
        Sentiment::Neutral,
        "",
        "x",
        "101",
        today(),
    )
    .unwrap_err();
    let fields: Vec<&str> = err.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["date", "influence", "skepticism"]);
    assert!(err[0].message.contains("in the future"));
    let ok = validate_touchpoint(
        "2026-11-18",
        Channel::Call,
        Sentiment::Positive,
        " ok ",
        "",
        "35",
        today(),
    )
    .unwrap();
    assert_eq!(
        (ok.influence, ok.skepticism, ok.note.as_str()),
        (None, Some(35), "ok")
    );
}

fn fixture_text(path: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(path),
    )
    .unwrap()
}

#[test]
fn version_1_files_are_migrated_with_an_empty_plan() {
    for file in [
        "good/minimal-v1.stakemap.json",
        "good/full-v1.stakemap.json",
        "good/bom-crlf-v1.stakemap.json",
    ] {
        let text = fixture_text(file);
        assert!(
            text.contains("\"version\": 1"),
            "{file} is a version-1 fixture"
        );
        let map = format::parse(&text, T0).unwrap();
        assert_eq!(map.actions().len(), 0, "{file}");
        assert_eq!(map.touchpoints().len(), 0, "{file}");
        assert!(map.stakeholders().all(|s| s.fields.cadence_days.is_none()));
        // Saved again, it is a current-version file that reads back the same.
        let again = format::to_json(&map, T0);
        assert!(again.contains(&format!("\"version\": {}", format::CURRENT_VERSION)));
        assert_eq!(format::parse(&again, T0).unwrap(), map);
    }
    let raw: serde_json::Value =
        serde_json::from_str(&fixture_text("good/minimal-v1.stakemap.json")).unwrap();
    let migrated = format::migrate(raw, 1);
    assert_eq!(migrated["version"], format::CURRENT_VERSION);
    assert_eq!(migrated["actions"], serde_json::json!([]));
    assert_eq!(migrated["touchpoints"], serde_json::json!([]));
}

#[test]
fn a_version_2_file_keeps_its_plan_and_log() {
    let map = format::parse(&fixture_text("good/plan-v2.stakemap.json"), T0).unwrap();
    assert_eq!(map.actions().len(), 3);
    assert_eq!(map.touchpoints().len(), 2);
    let dana = map.stakeholders().next().unwrap();
    assert_eq!(dana.fields.cadence_days, Some(7));
    let actions = map.actions_for(dana.id);
    assert_eq!(
        actions[0].fields.title,
        "Meet the three shortlisted coaches"
    );
    assert!(actions[0].is_overdue(today()));
    assert_eq!(actions[1].fields.status, ActionStatus::Done);
    let custom = map.actions().find(|a| a.fields.tactic.is_none()).unwrap();
    assert_eq!(custom.fields.due, None);
    let log = map.touchpoints_for(dana.id);
    assert_eq!((log[0].skepticism, log[0].influence), (Some(71), None));
    // Dana: 7-day cadence, last contact 30 Oct, so overdue by 12 days on 18 Nov.
    assert_eq!(
        map.contact_status(dana.id, today(), 0)
            .unwrap()
            .days_overdue,
        12
    );
}

#[test]
fn the_example_map_carries_a_realistic_plan() {
    let mut ids = SequentialIds::default();
    let today = T0.local_date(0);
    let map = example_map(MapId(ids.next_uuid()), || ids.next_uuid(), T0, today);
    for status in ActionStatus::ALL {
        assert!(
            map.actions().any(|a| a.fields.status == status),
            "an action is {status:?}"
        );
    }
    assert!(map.touchpoints().len() >= 5);
    let attention = map.attention(today, 0);
    assert!(
        attention.values().any(|a| a.overdue_actions > 0),
        "something is overdue"
    );
    assert!(
        attention.values().any(|a| a.contact.is_overdue()),
        "someone is due for contact"
    );
    assert!(
        map.stakeholders().any(|s| !map.has_open_action(s.id)),
        "someone has no plan yet"
    );
}
